// What the screens show a commune officer: the server's records as last pulled, with the queued changes laid
// over them (in queue order). Pure; tested in test/web/offline-view.test.ts. The store keeps only what the
// server confirmed, so discarding a queued change simply stops laying it over.
import { foldDiacritics } from '../../../kernel/text-fold.ts'
import { postRehabEndOn } from '../../../kernel/domain/after-care.ts'
import { PLAN_TRANSITIONS } from '../../../kernel/domain/plan-status.ts'
import { compareByUrgency, DEFAULT_REVIEW_POLICY, nextReview, type ReviewPolicy } from '../../../kernel/domain/review-schedule.ts'
import type { CaseloadRow, TimelineEvent } from '../../../kernel/contract/cases.ts'
import type { PersonStatus, PlanStatus } from '../../../kernel/vocabulary.ts'
import { vietnamToday } from '../../../kernel/calendar.ts'
import type { FollowUpRecord, OutboxEntry, PersonRecord, PlanRecord, PostRehabRecordView, Records, ReviewRecord, SupportRecord } from './types.ts'

export interface View extends Records {
  /** Ids of records (of any kind) that a queued change creates or changes. */
  pending: Set<string>
}

/** As the server sets them (worker/services/persons.ts, plans.ts). */
const INITIAL_STATUS: Record<string, PersonStatus> = { drug_user: 'under_management', dependent: 'under_management', post_rehab: 'post_rehab' }
const PERSON_STATUS_AFTER: Partial<Record<PlanStatus, PersonStatus>> = { active: 'in_rehab', completed: 'post_rehab', terminated: 'under_management', transferred: 'transferred' }
const OPEN: readonly PlanStatus[] = ['draft', 'active', 'suspended']

const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null)

export function overlay(records: Records, entries: readonly OutboxEntry[]): View {
  const persons = new Map(records.persons.map((p) => [p.id, p]))
  const plans = new Map(records.plans.map((p) => [p.id, p]))
  const reviews = new Map(records.reviews.map((r) => [r.id, r]))
  const followUps = new Map(records.followUps.map((f) => [f.id, f]))
  const postRehab = new Map(records.postRehab.map((r) => [r.id, r]))
  const support = new Map(records.support.map((r) => [r.id, r]))
  const pending = new Set<string>()
  const setPerson = (id: string, patch: Partial<PersonRecord>) => {
    const person = persons.get(id)
    if (person) persons.set(id, { ...person, ...patch })
  }
  for (const entry of [...entries].sort((a, b) => a.seq - b.seq)) {
    const d = entry.data
    const at = entry.queuedAt
    pending.add(entry.entityId)
    switch (entry.type) {
      case 'person.create': {
        const category = String(d.category) as PersonRecord['category']
        persons.set(entry.entityId, {
          id: entry.entityId, fullName: String(d.fullName), birthDate: String(d.birthDate), sex: d.sex === 'female' ? 'female' : 'male',
          citizenId: String(d.citizenId), communeCode: String(d.communeCode), addressDetail: str(d.addressDetail), phone: str(d.phone), category,
          status: INITIAL_STATUS[category] ?? 'under_management', addictionDeterminedOn: str(d.addictionDeterminedOn), addictionDeterminedBy: str(d.addictionDeterminedBy),
          notes: str(d.notes), version: 1, createdAt: at, updatedAt: at,
        })
        break
      }
      case 'person.update': {
        const person = persons.get(entry.entityId)
        const { version: _version, ...fields } = d
        if (person) persons.set(person.id, { ...person, ...(fields as Partial<PersonRecord>), updatedAt: at })
        break
      }
      case 'plan.create':
        plans.set(entry.entityId, {
          id: entry.entityId, personId: entry.personId, status: 'draft', form: d.form === 'community' ? 'community' : 'family',
          registeredOn: String(d.registeredOn), startOn: String(d.startOn), plannedEndOn: String(d.plannedEndOn), version: 1,
          members: (d.members ?? []) as PlanRecord['members'], stages: (d.stages ?? []) as PlanRecord['stages'], allowedTransitions: [...PLAN_TRANSITIONS.draft],
          completionNumber: null, completionDate: null, createdAt: at, transitions: [{ from: null, to: 'draft', reason: null, note: null, at }],
        })
        break
      case 'plan.transition': {
        const plan = plans.get(entry.entityId)
        const to = String(d.to) as PlanStatus
        if (!plan) break
        plans.set(plan.id, { ...plan, status: to, allowedTransitions: [...PLAN_TRANSITIONS[to]], transitions: [...plan.transitions, { from: plan.status, to, reason: str(d.reason), note: str(d.note), at }] })
        const status = PERSON_STATUS_AFTER[to]
        if (status) setPerson(plan.personId, { status })
        break
      }
      case 'plan.complete': {
        // As worker/services/after-care.ts completePlan: the plan completed, the person post-rehab, and 12 months
        // of post-rehab management under the id the form made (the server keeps it: postRehabId).
        const plan = plans.get(entry.entityId)
        if (!plan) break
        const number = String(d.completionNumber)
        const startOn = String(d.completionDate)
        plans.set(plan.id, {
          ...plan, status: 'completed', allowedTransitions: [], completionNumber: number, completionDate: startOn,
          transitions: [...plan.transitions, { from: plan.status, to: 'completed', reason: null, note: `certificate ${number}`, at }],
        })
        setPerson(plan.personId, { status: 'post_rehab', category: 'post_rehab' })
        const id = str(d.postRehabId)
        if (id) {
          pending.add(id)
          postRehab.set(id, {
            id, personId: plan.personId, planId: plan.id, status: 'active', startOn, endOn: postRehabEndOn(startOn), supportModel: String(d.supportModel),
            supporterName: String(d.supporterName), relapseOn: null, relapseNote: null, version: 1, createdAt: at,
          })
        }
        break
      }
      case 'post_rehab.relapse': {
        // A relapse ends post-rehab management; the person is drug-dependent again (a new plan may start).
        const record = postRehab.get(entry.entityId)
        if (!record) break
        postRehab.set(record.id, { ...record, status: 'relapsed', relapseOn: String(d.relapseOn), relapseNote: str(d.note) })
        setPerson(record.personId, { category: 'dependent', status: 'under_management' })
        break
      }
      case 'support.create':
        support.set(entry.entityId, {
          id: entry.entityId, personId: entry.personId, kind: String(d.kind), givenOn: String(d.givenOn), amountVnd: typeof d.amountVnd === 'number' ? d.amountVnd : null,
          note: str(d.note), version: 1, createdAt: at,
        })
        break
      case 'review.create': {
        const open = [...plans.values()].find((p) => p.personId === entry.personId && (p.status === 'active' || p.status === 'suspended'))
        reviews.set(entry.entityId, {
          id: entry.entityId, personId: entry.personId, planId: open?.id ?? null, reviewedOn: String(d.reviewedOn), attended: d.attended === true,
          drugTest: String(d.drugTest), substance: str(d.substance), counsellingNotes: str(d.counsellingNotes), employed: typeof d.employed === 'boolean' ? d.employed : null,
          riskLevel: String(d.riskLevel), version: 1, createdAt: at,
        })
        break
      }
      case 'follow_up.create':
        followUps.set(entry.entityId, {
          id: entry.entityId, postRehabId: String(d.postRehabId), personId: entry.personId, contactedOn: String(d.contactedOn), method: String(d.method), notes: str(d.notes), createdAt: at,
        })
        break
    }
  }
  return {
    persons: [...persons.values()], plans: [...plans.values()], reviews: [...reviews.values()], postRehab: [...postRehab.values()], followUps: [...followUps.values()],
    support: [...support.values()], pending,
  }
}

/**
 * The caseload, as GET /caseload computes it (worker/services/reviews.ts): active plans, most urgent first, under
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
  const day = (iso: string) => vietnamToday(new Date(iso))
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

export const isOpenPlan = (plan: PlanRecord) => OPEN.includes(plan.status)
