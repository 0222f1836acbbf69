import { addDays, addMonths, daysBetween } from '../calendar.ts'

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
 * Vietnam. The caseload computes this for every plan of a commune on each request (docs/benchmarks.md):
 * kernel/calendar.ts does it in integer arithmetic.
 */
export function nextReview(
  planStartOn: string,
  lastReviewOn: string | null,
  today: string,
  policy: ReviewPolicy = DEFAULT_REVIEW_POLICY,
): { dueOn: string; state: ReviewState } {
  const dueOn = addMonths(lastReviewOn ?? planStartOn, policy.intervalMonths)
  const overdueFrom = addDays(dueOn, policy.graceDays)
  const state: ReviewState = today > overdueFrom ? 'overdue' : today >= dueOn ? 'due' : 'upcoming'
  return { dueOn, state }
}

/** Days a review due on `dueOn` is overdue today (0 until its grace has passed): the caseload shows it. */
export function daysOverdue(dueOn: string, today: string, policy: ReviewPolicy = DEFAULT_REVIEW_POLICY): number {
  const overdueFrom = addDays(dueOn, policy.graceDays)
  return today > overdueFrom ? daysBetween(overdueFrom, today) : 0
}

const ORDER: Record<ReviewState, number> = { overdue: 0, due: 1, upcoming: 2 }

/** Overdue first, then due, then upcoming; within each, the earliest due date first. */
export function compareByUrgency(a: { state: ReviewState; dueOn: string }, b: { state: ReviewState; dueOn: string }): number {
  return ORDER[a.state] - ORDER[b.state] || (a.dueOn < b.dueOn ? -1 : a.dueOn > b.dueOn ? 1 : 0)
}
