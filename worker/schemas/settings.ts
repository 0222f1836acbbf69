import * as v from 'valibot'
import { CaseRulesSchema } from '../../kernel/domain/case-rules-schema.ts'

/**
 * Bounds of the review policy a province may set (DOMAIN.md §4.5, frequency TBC): reviews at least every six
 * months (a longer interval would leave a six-month plan without any review) and at most a month of grace
 * (beyond that "overdue" stops meaning anything to the commune).
 */
export const REVIEW_POLICY_BOUNDS = { intervalMonths: { min: 1, max: 6 }, graceDays: { min: 0, max: 30 } } as const

const boundedInteger = (min: number, max: number) =>
  v.pipe(
    v.number(`must be a whole number from ${min} to ${max}`),
    v.integer(`must be a whole number from ${min} to ${max}`),
    v.minValue(min, `must be at least ${min}`),
    v.maxValue(max, `must be at most ${max}`),
  )

export const ReviewPolicySchema = v.object(
  {
    intervalMonths: boundedInteger(REVIEW_POLICY_BOUNDS.intervalMonths.min, REVIEW_POLICY_BOUNDS.intervalMonths.max),
    graceDays: boundedInteger(REVIEW_POLICY_BOUNDS.graceDays.min, REVIEW_POLICY_BOUNDS.graceDays.max),
  },
  'must be an object with intervalMonths and graceDays',
)

/** Either part or both: an absent part keeps its value; so does an absent case rule. */
export const ProvinceSettingsBody = v.pipe(
  v.object({ reviewPolicy: v.optional(ReviewPolicySchema), caseRules: v.optional(CaseRulesSchema) }, 'must be an object with reviewPolicy or caseRules'),
  v.forward(
    v.check((body) => body.reviewPolicy !== undefined || body.caseRules !== undefined, 'is required (or caseRules)'),
    ['reviewPolicy'],
  ),
)
export type ProvinceSettingsInput = v.InferOutput<typeof ProvinceSettingsBody>
