/** Reviews are monthly by default (DOMAIN.md §4.5: frequency to be confirmed, so it is a parameter). */
export interface ReviewPolicy {
  intervalMonths: number
  /** Days after the due date before a review counts as overdue. */
  graceDays: number
}
export const DEFAULT_REVIEW_POLICY: ReviewPolicy = { intervalMonths: 1, graceDays: 7 }

export type ReviewState = 'overdue' | 'due' | 'upcoming'

/**
 * When the next review of an active plan is due: one interval after the last review, or after the plan's
 * start when there is none yet (clamped at month ends, like plan durations). Pure; dates are YYYY-MM-DD in
 * Vietnam. Integer calendar arithmetic rather than Date objects: the caseload computes this for every plan
 * of a commune on each request (docs/benchmarks.md), and it is checked against Date arithmetic in its tests.
 */
export function nextReview(planStartOn: string, lastReviewOn: string | null, today: string, policy: ReviewPolicy = DEFAULT_REVIEW_POLICY): { dueOn: string; state: ReviewState } {
  const base = lastReviewOn ?? planStartOn
  const months = Number(base.slice(0, 4)) * 12 + Number(base.slice(5, 7)) - 1 + policy.intervalMonths
  const year = Math.floor(months / 12)
  const month = (months % 12) + 1
  const day = Math.min(Number(base.slice(8, 10)), daysInMonth(year, month))
  const dueOn = isoDay(year, month, day)
  const overdueFrom = isoFromDays(daysFromCivil(year, month, day) + policy.graceDays)
  const state: ReviewState = today > overdueFrom ? 'overdue' : today >= dueOn ? 'due' : 'upcoming'
  return { dueOn, state }
}

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n))
const isoDay = (y: number, m: number, d: number) => `${y}-${pad2(m)}-${pad2(d)}`

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y
  const era = Math.floor(yy / 400)
  const yoe = yy - era * 400
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy
  return era * 146_097 + doe - 719_468
}

/** The inverse (civil_from_days), as YYYY-MM-DD. */
function isoFromDays(days: number): string {
  const z = days + 719_468
  const era = Math.floor(z / 146_097)
  const doe = z - era * 146_097
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365)
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100))
  const mp = Math.floor((5 * doy + 2) / 153)
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1
  const m = mp < 10 ? mp + 3 : mp - 9
  return isoDay(era * 400 + yoe + (m <= 2 ? 1 : 0), m, d)
}

const ORDER: Record<ReviewState, number> = { overdue: 0, due: 1, upcoming: 2 }

/** Overdue first, then due, then upcoming; within each, the earliest due date first. */
export function compareByUrgency(a: { state: ReviewState; dueOn: string }, b: { state: ReviewState; dueOn: string }): number {
  return ORDER[a.state] - ORDER[b.state] || (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0)
}
