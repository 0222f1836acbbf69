// What the screens show a commune officer: the server's records as last pulled, with the queued changes laid
// over them (in queue order). Each queued change is replayed with its command's own decide step
// (kernel/commands/), on the local records, exactly as the server will decide it (docs/decisions/0022); the
// records it makes are kept as the pull would bring them (local-records.ts). Pure; tested in
// test/web/offline-view.test.ts. The store keeps only what the server confirmed, so discarding a queued change
// simply stops laying it over.
import type { AnyCommand, Decision, State } from '../../../kernel/commands/command.ts'
import { offlineCommands } from '../../../kernel/commands/index.ts'
import { foldDiacritics } from '../../../kernel/text-fold.ts'
import { isOpen, PLAN_TRANSITIONS } from '../../../kernel/domain/plan-status.ts'
import { compareByUrgency, DEFAULT_REVIEW_POLICY, nextReview, type ReviewPolicy } from '../../../kernel/domain/review-schedule.ts'
import type { CaseloadRow, TimelineEvent } from '../lib/types.ts'
import { todayInVietnam } from '../lib/today.ts'
import { localFollowUp, localPerson, localPlan, localPostRehab, localReview, localSupport } from './local-records.ts'
import type { FollowUpRecord, OutboxEntry, PersonRecord, PlanRecord, PostRehabRecordView, Records, ReviewRecord, SupportRecord } from './types.ts'

export interface View extends Records {
  /** Ids of records (of any kind) that a queued change creates or changes. */
  pending: Set<string>
}

interface Local {
  persons: Map<string, PersonRecord>
  plans: Map<string, PlanRecord>
  reviews: Map<string, ReviewRecord>
  followUps: Map<string, FollowUpRecord>
  postRehab: Map<string, PostRehabRecordView>
  support: Map<string, SupportRecord>
}

export function overlay(records: Records, entries: readonly OutboxEntry[]): View {
  const local: Local = {
    persons: new Map(records.persons.map((p) => [p.id, p])),
    plans: new Map(records.plans.map((p) => [p.id, p])),
    reviews: new Map(records.reviews.map((r) => [r.id, r])),
    followUps: new Map(records.followUps.map((f) => [f.id, f])),
    postRehab: new Map(records.postRehab.map((r) => [r.id, r])),
    support: new Map(records.support.map((r) => [r.id, r])),
  }
  const pending = new Set<string>()
  for (const entry of [...entries].sort((a, b) => a.seq - b.seq)) {
    pending.add(entry.entityId)
    const command = offlineCommands[entry.type]
    const state = localState(command, entry, local)
    if (!state) continue
    // The version a change carries is the server's concern (a conflict is its answer); shown, it is based on
    // what is shown. Checks on the input alone ran when the change was queued (checks.ts).
    const input = typeof entry.data.version === 'number' && state.target ? { ...entry.data, version: state.target.version } : entry.data
    const outcome = command.decide(state, input, entry.entityId, { actorId: null, now: new Date(entry.queuedAt), newId: () => entry.key })
    // A change the local records already refuse (another device's change pulled since) is not shown as made.
    if (!outcome.rejected) layOver(local, outcome, pending)
  }
  return {
    persons: [...local.persons.values()], plans: [...local.plans.values()], reviews: [...local.reviews.values()], postRehab: [...local.postRehab.values()],
    followUps: [...local.followUps.values()], support: [...local.support.values()], pending,
  }
}

/** What the command's decide looks at, from the local records: the queued change belongs to `entry.personId`. */
function localState(command: AnyCommand, entry: OutboxEntry, local: Local): State<PersonRecord | PlanRecord | PostRehabRecordView | undefined> | undefined {
  const person = local.persons.get(entry.personId)
  let target: PersonRecord | PlanRecord | PostRehabRecordView | undefined
  if (command.target) {
    const id = command.target.id(entry.data, entry.entityId)
    target = command.target.collection === 'persons' ? person : command.target.collection === 'plans' ? local.plans.get(id) : local.postRehab.get(id)
    if (!target) return undefined
  }
  return {
    target, person, existing: undefined,
    openPlans: [...local.plans.values()].filter((p) => p.personId === entry.personId && isOpen(p.status)),
    activePostRehab: [...local.postRehab.values()].filter((r) => r.personId === entry.personId && r.status === 'active'),
    activeManagement: [],
    // Open plans and active post-rehab records are where their person is.
    commune: person?.communeCode ?? (typeof entry.data.communeCode === 'string' ? entry.data.communeCode : ''),
  }
}

/** The decision's records, as the phone keeps them; versions stay the server's (the last it confirmed). */
function layOver(local: Local, decision: Decision, pending: Set<string>): void {
  for (const insert of decision.inserts) {
    if (insert.collection === 'planTransitions') {
      const plan = local.plans.get(insert.record.planId)
      const { from, to, reason, note, at } = insert.record
      if (plan) local.plans.set(plan.id, { ...plan, transitions: [...plan.transitions, { from, to, reason, note, at }] })
      continue
    }
    if (insert.collection === 'managementPeriods') continue
    pending.add(insert.record.id)
    if (insert.collection === 'persons') local.persons.set(insert.record.id, localPerson(insert.record))
    else if (insert.collection === 'plans') local.plans.set(insert.record.id, localPlan(insert.record))
    else if (insert.collection === 'reviews') local.reviews.set(insert.record.id, localReview(insert.record))
    else if (insert.collection === 'postRehab') local.postRehab.set(insert.record.id, localPostRehab(insert.record))
    else if (insert.collection === 'followUps') local.followUps.set(insert.record.id, localFollowUp(insert.record))
    else local.support.set(insert.record.id, localSupport(insert.record))
  }
  for (const update of decision.updates) {
    if (update.collection === 'persons') change(local.persons, update.id, update.set)
    else if (update.collection === 'postRehab') change(local.postRehab, update.id, update.set)
    else if (update.collection === 'plans') {
      change(local.plans, update.id, update.set)
      const plan = local.plans.get(update.id)
      if (plan) local.plans.set(plan.id, { ...plan, allowedTransitions: [...PLAN_TRANSITIONS[plan.status]] })
    }
  }
}

function change<R extends { version: number }>(records: Map<string, R>, id: string, set: Partial<R>): void {
  const record = records.get(id)
  if (record) records.set(id, { ...record, ...set, version: record.version })
}

/**
 * The caseload, as GET /caseload computes it (worker/repo/reviews.ts): active plans, most urgent first, under
 * the province's review policy as last pulled (settings.ts).
 */
export function caseload(view: View, today: string, policy: ReviewPolicy = DEFAULT_REVIEW_POLICY): { data: CaseloadRow[]; summary: { overdue: number; due: number; total: number } } {
  const persons = new Map(view.persons.map((p) => [p.id, p]))
  const lastReview = new Map<string, string>()
  for (const review of view.reviews) {
    if (review.planId && (lastReview.get(review.planId) ?? '') < review.reviewedOn) lastReview.set(review.planId, review.reviewedOn)
  }
  const rows: (CaseloadRow & { key: string })[] = []
  for (const plan of view.plans) {
    const person = persons.get(plan.personId)
    if (plan.status !== 'active' || !person) continue
    const lastReviewOn = lastReview.get(plan.id) ?? null
    rows.push({
      personId: person.id, fullName: person.fullName, communeCode: person.communeCode, planId: plan.id, startOn: plan.startOn, lastReviewOn,
      nextReview: nextReview(lastReviewOn ?? plan.startOn, null, today, policy), key: foldDiacritics(person.fullName),
    })
  }
  rows.sort((a, b) => compareByUrgency(a.nextReview, b.nextReview) || a.key.localeCompare(b.key))
  const data = rows.map(({ key: _key, ...row }) => row)
  return { data, summary: { overdue: data.filter((r) => r.nextReview.state === 'overdue').length, due: data.filter((r) => r.nextReview.state === 'due').length, total: data.length } }
}

export interface PersonFilter {
  q?: string
  category?: string
  status?: string
}

/**
 * The people list's search, as the server's (worker/repo/persons.ts): a full 12-digit citizen ID, or part of
 * the name ignoring case and diacritics (đ = d), with the server's own folding; sorted by the folded name.
 */
export function searchPersons(persons: readonly PersonRecord[], filter: PersonFilter): PersonRecord[] {
  const q = filter.q?.trim() ?? ''
  const byId = /^\d{12}$/.test(q)
  const needle = foldDiacritics(q)
  return persons
    .map((p) => ({ p, key: foldDiacritics(p.fullName) }))
    .filter(({ p, key }) => (byId ? p.citizenId === q : key.includes(needle)) && (!filter.category || p.category === filter.category) && (!filter.status || p.status === filter.status))
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : a.p.id < b.p.id ? -1 : a.p.id > b.p.id ? 1 : 0))
    .map(({ p }) => p)
}

export interface PersonView {
  person: PersonRecord
  plans: PlanRecord[]
  reviews: ReviewRecord[]
  postRehab: (PostRehabRecordView & { followUps: FollowUpRecord[] })[]
  support: SupportRecord[]
  events: TimelineEvent[]
}

/** One person with everything held about them, and the timeline built as GET /persons/:id/timeline builds it. */
export function personView(view: View, id: string): PersonView | null {
  const person = view.persons.find((p) => p.id === id)
  if (!person) return null
  const plans = view.plans.filter((p) => p.personId === id).sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? ''))
  const reviews = view.reviews.filter((r) => r.personId === id).sort((a, b) => b.reviewedOn.localeCompare(a.reviewedOn) || b.createdAt.localeCompare(a.createdAt))
  const followUps = view.followUps.filter((f) => f.personId === id).sort((a, b) => b.contactedOn.localeCompare(a.contactedOn))
  const postRehab = view.postRehab
    .filter((r) => r.personId === id)
    .sort((a, b) => b.startOn.localeCompare(a.startOn))
    .map((r) => ({ ...r, followUps: followUps.filter((f) => f.postRehabId === r.id) }))
  const support = view.support.filter((s) => s.personId === id).sort((a, b) => b.givenOn.localeCompare(a.givenOn))
  const day = (iso: string) => todayInVietnam(new Date(iso))
  const events: TimelineEvent[] = [
    { on: day(person.createdAt), at: person.createdAt, kind: 'registered', summary: { category: person.category }, refId: person.id },
    ...plans.flatMap((plan) => plan.transitions.map((tr): TimelineEvent => ({ on: day(tr.at), at: tr.at, kind: 'plan_status', summary: { from: tr.from, to: tr.to, reason: tr.reason, note: tr.note }, refId: plan.id }))),
    ...reviews.map((r): TimelineEvent => ({ on: r.reviewedOn, at: r.createdAt, kind: 'review', summary: { attended: r.attended, drugTest: r.drugTest, riskLevel: r.riskLevel, employed: r.employed }, refId: r.id })),
    ...support.map((s): TimelineEvent => ({ on: s.givenOn, at: s.createdAt, kind: 'support', summary: { kind: s.kind, amountVnd: s.amountVnd }, refId: s.id })),
    ...postRehab.map((r): TimelineEvent => ({ on: r.startOn, at: r.createdAt, kind: 'post_rehab', summary: { status: r.status, endOn: r.endOn, supportModel: r.supportModel, relapseOn: r.relapseOn }, refId: r.id })),
    ...followUps.map((f): TimelineEvent => ({ on: f.contactedOn, at: f.createdAt, kind: 'follow_up', summary: { method: f.method, notes: f.notes }, refId: f.id })),
  ]
  events.sort((a, b) => (a.on === b.on ? b.at.localeCompare(a.at) : b.on.localeCompare(a.on)))
  return { person, plans, reviews, postRehab, support, events }
}

export const isOpenPlan = (plan: PlanRecord) => isOpen(plan.status)
