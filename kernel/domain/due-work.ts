import { addDays, daysBetween, vietnamToday } from '../calendar.ts'
import { DEFAULT_CASE_RULES, type CaseRules } from './case-rules.ts'
import { handoverDue } from './handover.ts'
import { DEFAULT_REVIEW_POLICY, nextReview, type ReviewPolicy } from './review-schedule.ts'

/**
 * What an officer has to do today, computed from the case records alone: the server runs it on its query's rows
 * (GET /work), the phone on its offline store, so both lists agree. Each kind is one entry of DUE_WORK_SOURCES;
 * a later kind (a determination waiting for registration, a hand-over to accept) is one more entry (decision 0027).
 */
export const dueWorkKinds = ['review', 'post_rehab_contact', 'management_ending', 'registration_due', 'handover_to_accept'] as const
export type DueWorkKind = (typeof dueWorkKinds)[number]

/** The few fields of each record the computation reads: the server selects only these. */
export interface DueWorkRecords {
  /** `status`: the derived one (a registration is owed while it is awaiting_registration). */
  persons: readonly { id: string; fullName: string; communeCode: string; status?: string | undefined }[]
  plans: readonly { id: string; personId: string; status: string; startOn: string }[]
  reviews: readonly { planId: string | null; reviewedOn: string }[]
  postRehab: readonly { id: string; personId: string; status: string; startOn: string; endOn: string }[]
  followUps: readonly { postRehabId: string; contactedOn: string }[]
  /** Absent where the records are not kept (the phone's store has no management periods yet). */
  managementPeriods?: readonly { id: string; personId: string; status: string; startOn: string; endOn: string }[] | undefined
  /** Determinations (decision 0028): one concluding dependence starts the 5-working-day registration deadline. */
  determinations?: readonly { id: string; personId: string; result: string | null; resultOn: string | null; registrationDueOn: string | null }[] | undefined
  /**
   * Hand-overs to this province's communes (decision 0029), with the fields the law lets cross: the receiving
   * commune, the name, when the move was notified (ISO). The phone passes those of its store (decision 0039).
   */
  handovers?: readonly { id: string; communeCode: string; fullName: string; notifiedAt: string; status: string }[] | undefined
}

export interface DueWorkSettings {
  /** Reviews of a plan, and contacts during post-rehab management, follow the province's review policy. */
  reviewPolicy: ReviewPolicy
  /** A management period shows as due this many days before its end; overdue once its end has passed still open. */
  endingNoticeDays: number
  /** The province's hand-over hours. */
  rules?: Pick<CaseRules, 'handoverAcceptHours'> | undefined
  /**
   * The moment hand-overs are counted at (they are due by the hour, as the hand-over screen shows them); absent:
   * the end of `today` in Vietnam.
   */
  now?: Date | undefined
}
export const DEFAULT_DUE_WORK_SETTINGS: DueWorkSettings = { reviewPolicy: DEFAULT_REVIEW_POLICY, endingNoticeDays: 30 }

export interface DueItem {
  kind: DueWorkKind
  personId: string
  fullName: string
  communeCode: string
  /** The record the form acts on: the plan (review), the post-rehab record (contact), the management period. */
  refId: string
  /** The day the work falls due: the review or contact date, the management period's last day. */
  dueOn: string
  /** 'upcoming' only in openWork's list (the caseload); dueWork lists what is due or overdue. */
  state: 'upcoming' | 'due' | 'overdue'
  /** Days since the item became overdue (the day after the grace ends is day 1); 0 while only due. */
  daysOverdue: number
  /** A hand-over only: whole hours left to accept it (negative: hours overdue), as `handoverDue` counts them. */
  hoursLeft?: number | undefined
}

type Person = DueWorkRecords['persons'][number]
type Source = (records: DueWorkRecords, people: ReadonlyMap<string, Person>, settings: DueWorkSettings, today: string) => DueItem[]

/** `dueFrom`: the first day the item counts as due (its due day, or the notice day before an end); upcoming before. */
function item(kind: DueWorkKind, person: Person, refId: string, dueOn: string, overdueFrom: string, today: string, dueFrom = dueOn): DueItem {
  const daysOverdue = today > overdueFrom ? daysBetween(overdueFrom, today) : 0
  return {
    kind,
    personId: person.id,
    fullName: person.fullName,
    communeCode: person.communeCode,
    refId,
    dueOn,
    state: daysOverdue > 0 ? 'overdue' : today >= dueFrom ? 'due' : 'upcoming',
    daysOverdue,
  }
}

/** The latest date per key, in one pass. */
function latest<T>(rows: readonly T[], key: (row: T) => string | null, day: (row: T) => string): Map<string, string> {
  const out = new Map<string, string>()
  for (const row of rows) {
    const k = key(row)
    if (k !== null && (out.get(k) ?? '') < day(row)) out.set(k, day(row))
  }
  return out
}

const reviewsDue: Source = (records, people, { reviewPolicy }, today) => {
  const last = latest(
    records.reviews,
    (r) => r.planId,
    (r) => r.reviewedOn,
  )
  return records.plans.flatMap((plan) => {
    const person = people.get(plan.personId)
    if (plan.status !== 'active' || !person) return []
    const { dueOn } = nextReview(last.get(plan.id) ?? plan.startOn, null, today, reviewPolicy)
    return item('review', person, plan.id, dueOn, addDays(dueOn, reviewPolicy.graceDays), today)
  })
}

const contactsDue: Source = (records, people, { reviewPolicy }, today) => {
  const last = latest(
    records.followUps,
    (f) => f.postRehabId,
    (f) => f.contactedOn,
  )
  return records.postRehab.flatMap((record) => {
    const person = people.get(record.personId)
    if (record.status !== 'active' || !person) return []
    const { dueOn } = nextReview(last.get(record.id) ?? record.startOn, null, today, reviewPolicy)
    // No contact is due after the period ends: its ending is the daily job's work, not the officer's.
    if (dueOn > record.endOn) return []
    return item('post_rehab_contact', person, record.id, dueOn, addDays(dueOn, reviewPolicy.graceDays), today)
  })
}

const managementEnding: Source = (records, people, { endingNoticeDays }, today) =>
  (records.managementPeriods ?? []).flatMap((period) => {
    const person = people.get(period.personId)
    if (period.status !== 'active' || !person) return []
    return item('management_ending', person, period.id, period.endOn, period.endOn, today, addDays(period.endOn, -endingNoticeDays))
  })

/**
 * A dependent person owes a registration (voluntary rehab or methadone) within 5 working days of the result: the
 * deadline the determination's command stored (kernel/domain/determination.ts, with the province's holidays), so
 * the home screen does not carry the holiday calendar.
 */
const registrationsDue: Source = (records, people, _settings, today) => {
  const latestResult = new Map<string, NonNullable<DueWorkRecords['determinations']>[number]>()
  for (const d of records.determinations ?? []) {
    if (d.result !== 'dependent' || !d.resultOn || !d.registrationDueOn) continue
    const seen = latestResult.get(d.personId)
    if (!seen || (seen.resultOn ?? '') < d.resultOn) latestResult.set(d.personId, d)
  }
  return [...latestResult.values()].flatMap((d) => {
    const person = people.get(d.personId)
    if (person?.status !== 'awaiting_registration') return []
    return item('registration_due', person, d.id, d.registrationDueOn!, d.registrationDueOn!, today, d.resultOn!)
  })
}

/**
 * A hand-over waits for the receiving commune from its notification; overdue once the province's hours have
 * passed, by the hour (`handoverDue`, the one count the hand-over screen uses too; decision 0039): a move notified
 * at 23:00 is overdue at 23:00 the next day, not the day after. `daysOverdue` counts started days past the
 * deadline (1 from its first hour). The person may live in another province's records: the item names them from
 * the hand-over.
 */
const handoversToAccept: Source = (records, _people, { rules = DEFAULT_CASE_RULES, now }, today) =>
  (records.handovers ?? []).flatMap((h) => {
    if (h.status !== 'pending') return []
    const due = handoverDue({ notifiedAt: h.notifiedAt, status: 'pending' }, rules, now ?? new Date(`${today}T23:59:59.999+07:00`))
    const dueOn = vietnamToday(new Date(due.dueAt))
    const hoursLeft = due.hoursLeft ?? 0
    const overdueDays = due.overdue ? Math.max(1, Math.ceil(-hoursLeft / 24)) : 0
    return [
      {
        kind: 'handover_to_accept' as const,
        personId: h.id,
        fullName: h.fullName,
        communeCode: h.communeCode,
        refId: h.id,
        dueOn,
        state: due.overdue ? ('overdue' as const) : today >= vietnamToday(new Date(h.notifiedAt)) ? ('due' as const) : ('upcoming' as const),
        daysOverdue: overdueDays,
        hoursLeft,
      },
    ]
  })

/** One entry per kind: adding a kind of due work is adding its source here (and its label and form link in web/). */
export const DUE_WORK_SOURCES: Record<DueWorkKind, Source> = {
  review: reviewsDue,
  post_rehab_contact: contactsDue,
  management_ending: managementEnding,
  registration_due: registrationsDue,
  handover_to_accept: handoversToAccept,
}

/** Most overdue first, then due before upcoming, the earliest due date, kind and name: the same order on the server and the phone. */
export function compareDueItems(a: DueItem, b: DueItem): number {
  return (
    b.daysOverdue - a.daysOverdue ||
    Number(a.state === 'upcoming') - Number(b.state === 'upcoming') ||
    (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0) ||
    dueWorkKinds.indexOf(a.kind) - dueWorkKinds.indexOf(b.kind) ||
    (a.fullName < b.fullName ? -1 : a.fullName > b.fullName ? 1 : 0) ||
    (a.refId < b.refId ? -1 : a.refId > b.refId ? 1 : 0)
  )
}

/** One item per open record (upcoming too), most urgent first: the caseload's view of the same records. Pure. */
export function openWork(records: DueWorkRecords, settings: DueWorkSettings, today: string): DueItem[] {
  const people = new Map(records.persons.map((p) => [p.id, p]))
  return dueWorkKinds.flatMap((kind) => DUE_WORK_SOURCES[kind](records, people, settings, today)).sort(compareDueItems)
}

/** Every item due or overdue today (nothing upcoming), most urgent first. Pure. */
export function dueWork(records: DueWorkRecords, settings: DueWorkSettings, today: string): DueItem[] {
  return openWork(records, settings, today).filter((i) => i.state !== 'upcoming')
}

export interface DueCounts {
  due: number
  overdue: number
}
export interface DueWorkSummary {
  total: DueCounts
  byKind: Record<DueWorkKind, DueCounts>
  /** Per commune with anything due (a province officer's overview), by commune code. */
  byCommune: Record<string, DueCounts>
}

export function summarizeDueWork(items: readonly DueItem[]): DueWorkSummary {
  const zero = (): DueCounts => ({ due: 0, overdue: 0 })
  const summary: DueWorkSummary = {
    total: zero(),
    byKind: Object.fromEntries(dueWorkKinds.map((k) => [k, zero()])) as Record<DueWorkKind, DueCounts>,
    byCommune: {},
  }
  for (const i of items) {
    if (i.state === 'upcoming') continue
    let commune = summary.byCommune[i.communeCode]
    if (!commune) {
      commune = zero()
      summary.byCommune[i.communeCode] = commune
    }
    for (const counts of [summary.total, summary.byKind[i.kind], commune]) counts[i.state]++
  }
  return summary
}
