// What the screens show of the local records (the view overlay.ts makes): the caseload, the people search, a
// person's page and timeline, built as the server builds them. Pure; tested in test/web/offline-view.test.ts.
import { foldDiacritics } from '../../../kernel/text-fold.ts'
import { nameMatches } from '../../../kernel/name-search.ts'
import { decisionSummary } from '../../../kernel/domain/legal-decision.ts'
import type { legalEvents } from '../../../kernel/domain/legal-timeline.ts'
import { isOpen } from '../../../kernel/domain/plan-status.ts'
import { compareByUrgency, daysOverdue, DEFAULT_REVIEW_POLICY, nextReview, type ReviewPolicy } from '../../../kernel/domain/review-schedule.ts'
import type { Caseload, CaseloadRow, TimelineEvent } from '../../../kernel/contract/cases.ts'
import { vietnamToday } from '../../../kernel/calendar.ts'
import type { FollowUpRecord, PersonRecord, PlanRecord, PostRehabRecordView, Records, ReviewRecord, SupportRecord } from './types.ts'

export interface View extends Records {
  /** Ids of records (of any kind) that a queued change creates or changes. */
  pending: Set<string>
}

/**
 * The caseload, as GET /caseload computes it (worker/repo/reviews.ts): active plans, most urgent first, under
 * the province's review policy as last pulled (settings.ts).
 */
export function caseload(view: View, today: string, policy: ReviewPolicy = DEFAULT_REVIEW_POLICY): Caseload {
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
    const next = nextReview(lastReviewOn ?? plan.startOn, null, today, policy)
    rows.push({
      personId: person.id,
      fullName: person.fullName,
      communeCode: person.communeCode,
      planId: plan.id,
      startOn: plan.startOn,
      lastReviewOn,
      nextReview: next,
      daysOverdue: daysOverdue(next.dueOn, today, policy),
      key: foldDiacritics(person.fullName),
    })
  }
  rows.sort((a, b) => compareByUrgency(a.nextReview, b.nextReview) || a.key.localeCompare(b.key))
  const data = rows.map(({ key: _key, ...row }) => row)
  return {
    data,
    summary: {
      overdue: data.filter((r) => r.nextReview.state === 'overdue').length,
      due: data.filter((r) => r.nextReview.state === 'due').length,
      total: data.length,
    },
    next: null,
  }
}

export interface PersonFilter {
  q?: string
  category?: string
  status?: string
}

/**
 * The people list's search, as the server's (worker/repo/person-list.ts): a full 12-digit citizen ID, or the
 * start of any word of the name ignoring case and diacritics (đ = d, kernel/name-search.ts); sorted by the folded name.
 */
export function searchPersons(persons: readonly PersonRecord[], filter: PersonFilter): PersonRecord[] {
  const q = filter.q?.trim() ?? ''
  const byId = /^\d{12}$/.test(q)
  const needle = foldDiacritics(q)
  return persons
    .map((p) => ({ p, key: foldDiacritics(p.fullName) }))
    .filter(
      ({ p, key }) =>
        (byId ? p.citizenId === q : nameMatches(key, needle)) &&
        (!filter.category || p.category === filter.category) &&
        (!filter.status || p.status === filter.status),
    )
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

/**
 * One person with everything held about them, and the timeline built as GET /persons/:id/timeline builds it; the
 * law's records among its events when `legal` (the kernel's legalEvents) is given.
 */
export function personView(view: View, id: string, legal?: typeof legalEvents): PersonView | null {
  const person = view.persons.find((p) => p.id === id)
  if (!person) return null
  const plans = view.plans.filter((p) => p.personId === id).sort((a, b) => (a.createdAt ?? '').localeCompare(b.createdAt ?? ''))
  const reviews = view.reviews
    .filter((r) => r.personId === id)
    .sort((a, b) => b.reviewedOn.localeCompare(a.reviewedOn) || b.createdAt.localeCompare(a.createdAt))
  const followUps = view.followUps.filter((f) => f.personId === id).sort((a, b) => b.contactedOn.localeCompare(a.contactedOn))
  const postRehab = view.postRehab
    .filter((r) => r.personId === id)
    .sort((a, b) => b.startOn.localeCompare(a.startOn))
    .map((r) => ({ ...r, followUps: followUps.filter((f) => f.postRehabId === r.id) }))
  const support = view.support.filter((s) => s.personId === id).sort((a, b) => b.givenOn.localeCompare(a.givenOn))
  const day = (iso: string) => vietnamToday(new Date(iso))
  const events: TimelineEvent[] = [
    {
      on: day(person.createdAt),
      at: person.createdAt,
      kind: 'registered',
      summary: { category: person.category },
      refId: person.id,
      by: person.createdBy ?? null,
    },
    ...plans.flatMap((plan) =>
      plan.transitions.map(
        (tr): TimelineEvent => ({
          on: day(tr.at),
          at: tr.at,
          kind: 'plan_status',
          // Who recorded it is named by the server's timeline only (the phone keeps user ids, not names).
          summary: { from: tr.from, to: tr.to, reason: tr.reason, note: tr.note, byName: null, ...decisionSummary(tr.decision) },
          refId: plan.id,
          by: tr.by ?? null,
        }),
      ),
    ),
    ...reviews.map(
      (r): TimelineEvent => ({
        on: r.reviewedOn,
        at: r.createdAt,
        kind: 'review',
        summary: { attended: r.attended, drugTest: r.drugTest, riskLevel: r.riskLevel, employed: r.employed },
        refId: r.id,
        by: r.createdBy ?? null,
      }),
    ),
    ...support.map(
      (s): TimelineEvent => ({
        on: s.givenOn,
        at: s.createdAt,
        kind: 'support',
        summary: { kind: s.kind, amountVnd: s.amountVnd },
        refId: s.id,
        by: s.createdBy ?? null,
      }),
    ),
    ...postRehab.map(
      (r): TimelineEvent => ({
        on: r.startOn,
        at: r.createdAt,
        kind: 'post_rehab',
        summary: {
          status: r.status,
          endOn: r.endOn,
          supportModel: r.supportModel,
          supporterName: r.supporterName,
          relapseOn: r.relapseOn,
          ...decisionSummary(r.openDecision),
        },
        refId: r.id,
        by: r.createdBy ?? null,
      }),
    ),
    ...followUps.map(
      (f): TimelineEvent => ({
        on: f.contactedOn,
        at: f.createdAt,
        kind: 'follow_up',
        summary: { method: f.method, notes: f.notes },
        refId: f.id,
        by: f.createdBy ?? null,
      }),
    ),
    // The law's records, as the server's timeline builds them (one kernel function, decision 0039), once the
    // screen has loaded it (with the legal section's chunk: the person page's own stays small).
    ...(legal ?? (() => []))({
      managementPeriods: view.managementPeriods.filter((r) => r.personId === id),
      handovers: (view.handovers ?? []).filter((r) => r.personId === id),
      monitoring: (view.monitoring ?? []).filter((r) => r.personId === id),
      determinations: view.determinations.filter((r) => r.personId === id),
      referrals: view.referrals.filter((r) => r.personId === id),
      methadone: view.methadone.filter((r) => r.personId === id),
    }),
  ]
  events.sort((a, b) => (a.on === b.on ? b.at.localeCompare(a.at) : b.on.localeCompare(a.on)))
  return { person, plans, reviews, postRehab, support, events }
}

export const isOpenPlan = (plan: PlanRecord) => isOpen(plan.status)
