// The province settings a phone computes with offline (GET /sync/pull carries them on every page). Today the
// review policy: how often plans are reviewed and how long before a review counts as overdue (DOMAIN.md §4.5).
import { DEFAULT_REVIEW_POLICY, type ReviewPolicy } from '../../../kernel/domain/review-schedule.ts'
import { caseRulesOf, type CaseRules } from '../../../kernel/domain/case-rules.ts'
import type { PullPage, SyncMeta } from './types.ts'

const wholeIn = (value: unknown, min: number, max: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max

/**
 * The policy a pull page carries, if it carries a usable one (the server's bounds, worker/schemas/settings.ts).
 * A page without one (an older server) changes nothing: the store keeps what it has.
 */
export function pulledReviewPolicy(page: Pick<PullPage, 'settings'>): ReviewPolicy | undefined {
  const policy = page.settings?.reviewPolicy as Partial<ReviewPolicy> | undefined
  if (!policy || !wholeIn(policy.intervalMonths, 1, 6) || !wholeIn(policy.graceDays, 0, 30)) return undefined
  return { intervalMonths: policy.intervalMonths, graceDays: policy.graceDays }
}

/** The policy the local caseload uses: the last one pulled, or the default before any was. */
export function reviewPolicyOf(meta: Pick<SyncMeta, 'reviewPolicy'>): ReviewPolicy {
  return meta.reviewPolicy ?? DEFAULT_REVIEW_POLICY
}

/** The case rules a pull page carries (each field checked as the server checks it), if it carries any. */
export function pulledCaseRules(page: Pick<PullPage, 'settings'>): CaseRules | undefined {
  const stored = page.settings?.caseRules
  return stored === undefined ? undefined : caseRulesOf(stored)
}

/** The case rules the phone decides with: the last pulled, or the defaults before any were. */
export function caseRulesOfMeta(meta: Pick<SyncMeta, 'caseRules'>): CaseRules {
  return caseRulesOf(meta.caseRules)
}
