import { describe, expect, it } from 'vitest'
import { caseRulesOf, DEFAULT_CASE_RULES } from '../../../kernel/domain/case-rules.ts'
import { completionCheck, earliestCompletionOn, normalizeStages, stageProblems } from '../../../kernel/domain/plan-stages.ts'
import { needsDecision } from '../../../kernel/domain/plan-status.ts'

describe('the law’s five stages', () => {
  it('reads any stored list as the five in order: old names renamed, missing ones empty, repeats and unknowns dropped', () => {
    const stages = normalizeStages([
      { stage: 'reintegration', activities: ['Sinh hoạt cộng đồng'] },
      { stage: 'withdrawal_detox', activities: ['Cắt cơn'], done: true, actualEndOn: '2026-02-01' },
      { stage: 'counselling_education', activities: [7, 'Tư vấn'] },
      { stage: 'meditation', activities: [] },
      { stage: 'reintegration', activities: ['lặp lại'] },
    ])
    expect(stages.map((s) => s.stage)).toEqual(['intake_classification', 'detox_treatment', 'education_counselling', 'work_vocational', 'reintegration'])
    expect(stages[1]).toMatchObject({ activities: ['Cắt cơn'], done: true, actualEndOn: '2026-02-01', doneBy: null })
    expect(stages[2]!.activities).toEqual(['Tư vấn'])
    expect(stages[4]!.activities).toEqual(['Sinh hoạt cộng đồng'])
    expect(normalizeStages('not a list')).toHaveLength(5)
  })

  it('checks a stage’s dates and done mark', () => {
    const [stage] = normalizeStages([])
    expect(stageProblems({ ...stage!, actualStartOn: '2026-01-01', actualEndOn: '2026-02-01', done: true }, '2026-03-01')).toEqual([])
    expect(stageProblems({ ...stage!, actualEndOn: '2026-02-01' }, '2026-03-01').map((i) => i.field)).toEqual(['json.actualStartOn'])
  })
})

describe('the earliest completion', () => {
  it('is the minimum months after the start decision, by calendar months (a month end stays the month’s end)', () => {
    expect(earliestCompletionOn('2026-03-01', 6)).toBe('2026-09-01')
    expect(earliestCompletionOn('2026-08-31', 6)).toBe('2027-02-28')
    expect(earliestCompletionOn('2027-08-31', 6)).toBe('2028-02-29')
    expect(earliestCompletionOn('2026-03-31', 9)).toBe('2026-12-31')
    expect(completionCheck({ startedOn: '2026-08-31', stages: [] }, '2027-02-28', 6).unmet).toEqual(['stages_incomplete'])
    expect(completionCheck({ startedOn: '2026-08-31', stages: [] }, '2027-02-27', 6).unmet).toEqual(['completion_too_early', 'stages_incomplete'])
  })

  it('counts the province’s minimum, never below the law’s six months', () => {
    expect(caseRulesOf({ minRehabMonths: 9 }).minRehabMonths).toBe(9)
    expect(caseRulesOf({ minRehabMonths: 5 }).minRehabMonths).toBe(DEFAULT_CASE_RULES.minRehabMonths)
    expect(caseRulesOf({ terminationReasons: ['death', 'relapse'] }).terminationReasons).toEqual(DEFAULT_CASE_RULES.terminationReasons)
    expect(caseRulesOf({ terminationReasons: ['death'] }).terminationReasons).toEqual(['death'])
  })
})

describe('steps that rest on a decision', () => {
  it('are the start, a suspension, a termination of a started plan, a transfer and the completion', () => {
    expect(needsDecision('draft', 'active')).toBe(true)
    expect(needsDecision('suspended', 'active')).toBe(false)
    expect(needsDecision('draft', 'terminated')).toBe(false)
    for (const to of ['suspended', 'terminated', 'transferred', 'completed'] as const) expect(needsDecision('active', to), to).toBe(true)
  })
})
