// The officer's due work from the phone's store (GET /work's computation, the kernel's dueWork), with the queued
// changes laid over: its own module so that pages that do not list work (a person's) do not carry it.
import type { CaseRules } from '../../../kernel/domain/case-rules.ts'
import { DEFAULT_DUE_WORK_SETTINGS, dueWork, openWork, type DueItem, type DueWorkRecords } from '../../../kernel/domain/due-work.ts'
import { DEFAULT_REVIEW_POLICY, type ReviewPolicy } from '../../../kernel/domain/review-schedule.ts'
import type { View } from './view.ts'

/** What the phone's due work needs besides the records: the province's rules and the officer's communes. */
export interface WorkContext {
  policy?: ReviewPolicy | undefined
  rules?: Pick<CaseRules, 'handoverAcceptHours'> | undefined
  /** The officer's communes: hand-overs to one of them are theirs to accept (the store holds the outgoing too). */
  communes?: ReadonlySet<string> | undefined
  now?: Date | undefined
}

/**
 * What is due and overdue, as GET /work computes it (the kernel's dueWork on the same kinds of record), from the
 * phone's store with its queued changes laid over: a review recorded offline takes its item off at once, and a
 * hand-over answered offline leaves the list (decision 0039).
 */
export function dueWorkOf(view: View, today: string, context: WorkContext = {}): DueItem[] {
  return dueWork(workRecords(view, context), workSettings(context), today)
}

/** Every open record with its next due date (the caseload's post-rehab list), as GET /work?upcoming=true. */
export function openWorkOf(view: View, today: string, context: WorkContext = {}): DueItem[] {
  return openWork(workRecords(view, context), workSettings(context), today)
}

const workSettings = ({ policy = DEFAULT_REVIEW_POLICY, rules, now }: WorkContext) => ({ ...DEFAULT_DUE_WORK_SETTINGS, reviewPolicy: policy, rules, now })

/** The records as GET /work selects them: hand-overs to the officer's communes, named by the fields that crossed. */
function workRecords(view: View, { communes }: WorkContext): DueWorkRecords {
  const incoming = (view.handovers ?? []).filter((h) => !communes || communes.has(h.communeCode))
  return {
    ...view,
    handovers: incoming.map((h) => ({ id: h.id, communeCode: h.communeCode, fullName: h.subject.fullName, notifiedAt: h.notifiedAt, status: h.status })),
  }
}
