import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { planStatuses, type PlanStatus } from '../../../db/tenant/schema/index.ts'
import { addMonths } from '../../../kernel/calendar.ts'
import { canTransition, durationProblem, isOpen, PLAN_TRANSITIONS } from '../../../kernel/domain/plan-status.ts'

describe('plan status machine', () => {
  it('lets ended plans go nowhere and open ones somewhere', () => {
    for (const status of planStatuses) {
      expect(PLAN_TRANSITIONS[status].length > 0).toBe(isOpen(status))
    }
  })

  it('never reaches an invalid state or two open plans under random operations', () => {
    const op = fc.oneof(
      fc.constant({ kind: 'open' as const }),
      fc.constantFrom(...planStatuses).map((to) => ({ kind: 'move' as const, to })),
    )
    fc.assert(
      fc.property(fc.array(op, { maxLength: 60 }), (ops) => {
        const plans: PlanStatus[] = []
        for (const o of ops) {
          const openIndex = plans.findIndex(isOpen)
          if (o.kind === 'open') {
            if (openIndex === -1) plans.push('draft')
            continue
          }
          if (openIndex === -1) continue
          const from = plans[openIndex]!
          if (canTransition(from, o.to)) plans[openIndex] = o.to
        }
        expect(plans.filter(isOpen).length).toBeLessThanOrEqual(1)
        for (const status of plans) expect(planStatuses).toContain(status)
      }),
    )
  })

  it('completes only from active', () => {
    for (const from of planStatuses) expect(canTransition(from, 'completed')).toBe(from === 'active')
  })
})

describe('planned duration', () => {
  it('accepts 6 to 12 calendar months and says why otherwise', () => {
    expect(durationProblem('2026-01-15', '2026-07-15')).toBeNull()
    expect(durationProblem('2026-01-15', '2027-01-15')).toBeNull()
    expect(durationProblem('2026-01-15', '2026-07-14')).toBe('makes the plan shorter than 6 months')
    expect(durationProblem('2026-01-15', '2027-01-16')).toBe('makes the plan longer than 12 months')
    expect(durationProblem('2026-01-15', '2026-01-15')).toBe('must be after the start date')
  })

  it('clamps month ends: a plan from 31 August may end on the last day of February', () => {
    expect(durationProblem('2025-08-31', '2026-02-28')).toBeNull()
    expect(durationProblem('2025-08-31', '2026-02-27')).toBe('makes the plan shorter than 6 months')
    fc.assert(
      fc.property(fc.date({ min: new Date('2000-01-01'), max: new Date('2100-01-01'), noInvalidDate: true }), (d) => {
        const start = d.toISOString().slice(0, 10)
        expect(durationProblem(start, addMonths(start, 6))).toBeNull()
        expect(durationProblem(start, addMonths(start, 12))).toBeNull()
      }),
    )
  })

  it('says a day that does not exist is not after the start', () => {
    expect(durationProblem('2026-02-30', '2026-09-30')).toBe('must be after the start date')
    expect(durationProblem('2026-03-01', 'soon')).toBe('must be after the start date')
  })
})
