// The schema of the case rules as PUT /api/p/:province/settings takes them (decision 0025): each field optional,
// bounded as kernel/domain/case-rules.ts says, with the API's field messages. The server's only: the phone reads
// stored rules with caseRulesOf, which needs no valibot.
import * as v from 'valibot'
import { terminationReasons } from '../vocabulary.ts'
import { CASE_RULE_BOUNDS, isRealDay, MAX_HOLIDAY_EDITS } from './case-rules.ts'

const whole = ([min, max]: readonly [number, number]) =>
  v.pipe(
    v.number(`must be a whole number from ${min} to ${max}`),
    v.integer(`must be a whole number from ${min} to ${max}`),
    v.minValue(min, `must be at least ${min}`),
    v.maxValue(max, `must be at most ${max}`),
  )
const days = v.pipe(
  v.array(
    v.pipe(
      v.string('must be a date YYYY-MM-DD'),
      v.check((day: string) => isRealDay(day), 'must be a real calendar date YYYY-MM-DD'),
    ),
    'must be a list of dates YYYY-MM-DD',
  ),
  v.maxLength(MAX_HOLIDAY_EDITS, `must list at most ${MAX_HOLIDAY_EDITS} days`),
)

export const CaseRulesSchema = v.object(
  {
    minRehabMonths: v.optional(whole(CASE_RULE_BOUNDS.minRehabMonths)),
    postRehabAfterVoluntary: v.optional(v.boolean('must be true or false')),
    postRehabMonths: v.optional(whole(CASE_RULE_BOUNDS.postRehabMonths)),
    userManagementMonths: v.optional(whole(CASE_RULE_BOUNDS.userManagementMonths)),
    postRehabContactDays: v.optional(whole(CASE_RULE_BOUNDS.postRehabContactDays)),
    handoverAcceptHours: v.optional(whole(CASE_RULE_BOUNDS.handoverAcceptHours)),
    extraHolidays: v.optional(days),
    workingHolidays: v.optional(days),
    terminationReasons: v.optional(
      v.pipe(
        v.array(v.picklist(terminationReasons, `must list some of ${terminationReasons.join(', ')}`), 'must be a list of termination reasons'),
        v.minLength(1, 'must keep at least one reason'),
        v.check((list) => new Set(list).size === list.length, 'must not repeat a reason'),
      ),
    ),
  },
  'must be an object of case rules',
)
export type CaseRulesInput = v.InferOutput<typeof CaseRulesSchema>
