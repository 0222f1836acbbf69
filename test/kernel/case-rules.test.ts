// The phone reads stored case rules with caseRulesOf (no valibot); the server checks PUT /settings with the
// schema. Both must agree on every value, or a phone would decide with a rule the server would refuse.
import * as v from 'valibot'
import { describe, expect, it } from 'vitest'
import { caseRulesOf, DEFAULT_CASE_RULES } from '../../kernel/domain/case-rules.ts'
import { CaseRulesSchema } from '../../kernel/domain/case-rules-schema.ts'

const CANDIDATES: Record<string, unknown[]> = {
  minRehabMonths: [5, 6, 9, 12, 13, 6.5, '7', null, -1],
  postRehabMonths: [5, 6, 24, 25, 12.5, true],
  userManagementMonths: [6, 12, 24, 0, 30, '12'],
  postRehabContactDays: [6, 7, 30, 92, 93, NaN],
  handoverAcceptHours: [0, 1, 24, 72, 73, 1.5],
  postRehabAfterVoluntary: [true, false, 'true', 1, null],
  extraHolidays: [[], ['2026-12-24'], ['2026-02-30'], ['2026-13-01'], ['24/12/2026'], 'x', Array.from({ length: 61 }, () => '2026-12-24')],
  workingHolidays: [[], ['2027-02-08', '2027-02-09'], [20261224], null],
  terminationReasons: [[], ['drug_use'], ['drug_use', 'drug_use'], ['death', 'other'], ['relapse'], 'death'],
}

describe('case rules', () => {
  it('reads a stored value exactly as the settings schema would accept it, field by field', () => {
    for (const [key, values] of Object.entries(CANDIDATES)) {
      for (const value of values) {
        const accepted = v.safeParse(CaseRulesSchema, { [key]: value }).success
        const read = caseRulesOf({ [key]: value }) as unknown as Record<string, unknown>
        const fallback = (DEFAULT_CASE_RULES as unknown as Record<string, unknown>)[key]
        expect(read[key], `${key} = ${JSON.stringify(value)}`).toEqual(accepted ? value : fallback)
      }
    }
  })

  it('falls back to the defaults for anything that is not an object, and keeps the other fields of a partly bad one', () => {
    expect(caseRulesOf(null)).toEqual(DEFAULT_CASE_RULES)
    expect(caseRulesOf('{"minRehabMonths":9}')).toEqual(DEFAULT_CASE_RULES)
    expect(caseRulesOf({ minRehabMonths: 9, handoverAcceptHours: 500 })).toEqual({ ...DEFAULT_CASE_RULES, minRehabMonths: 9 })
  })
})
