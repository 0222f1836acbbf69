// The hand-over of a person who moves (Law 120/2025/QH15, in force 1 Jul 2026; decision 0029): the sending
// commune records the move and the receiving commune accepts it within the province's `handoverAcceptHours`
// (default 24). Both communes see it overdue once that time has passed while it is still pending.
import type { CaseRules } from './case-rules.ts'

export const handoverStatuses = ['pending', 'accepted', 'declined'] as const
export type HandoverStatus = (typeof handoverStatuses)[number]

/**
 * What of the person crosses to the receiving commune (and, for a move to another province, the only fields that
 * leave the sending province's database): identity (name, birth date, sex, citizen ID), category, status and the
 * day they were first put on the list. Nothing else: no address, phone, notes, tests, plans or reviews. The
 * hand-over's own dates, communes and decision reference travel with it. Sex and the registration day were added by
 * decision 0039 (the receiving province registers the person from these on acceptance); copies made before lack them.
 */
export interface HandoverSubject {
  fullName: string
  birthDate: string
  citizenId: string
  category: string
  status: string
  sex?: 'male' | 'female' | undefined
  /** YYYY-MM-DD: the day the person was first registered (in the sending province, or before it). */
  registeredOn?: string | undefined
}
export const HANDOVER_SUBJECT_FIELDS = [
  'fullName',
  'birthDate',
  'citizenId',
  'category',
  'status',
  'sex',
  'registeredOn',
] as const satisfies readonly (keyof HandoverSubject)[]

export interface HandoverTiming {
  /** When the receiving commune was notified (the record reached the server: ISO). */
  notifiedAt: string
  status: HandoverStatus
}

export interface HandoverDue {
  /** ISO time by which the receiving commune should accept. */
  dueAt: string
  /** Still pending after dueAt. */
  overdue: boolean
  /** Whole hours left (negative: hours overdue); null once answered. */
  hoursLeft: number | null
}

/**
 * When a hand-over is due and whether it is overdue at `now`. The clock starts when the receiving commune is
 * notified, i.e. when the record reaches the server (a move recorded offline starts counting at its sync, since
 * until then nobody could accept it).
 */
export function handoverDue(handover: HandoverTiming, rules: Pick<CaseRules, 'handoverAcceptHours'>, now: Date): HandoverDue {
  const due = new Date(new Date(handover.notifiedAt).getTime() + rules.handoverAcceptHours * 3_600_000)
  const pending = handover.status === 'pending'
  const left = (due.getTime() - now.getTime()) / 3_600_000
  return {
    dueAt: due.toISOString(),
    overdue: pending && now.getTime() > due.getTime(),
    hoursLeft: pending ? (left >= 0 ? Math.floor(left) : -Math.ceil(-left)) : null,
  }
}
