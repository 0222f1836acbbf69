import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { achievementOf, achievementText, INDICATORS, targetIndicators, yearProgress } from '../../../kernel/domain/target-indicators.ts'

describe('target indicators', () => {
  it('has one definition per indicator, each with both labels, a unit and its source records', () => {
    expect(INDICATORS.map((i) => i.code)).toEqual([...targetIndicators])
    for (const i of INDICATORS) for (const text of [i.labelVi, i.labelEn, i.unitVi, i.unitEn, i.source]) expect(text.length).toBeGreaterThan(0)
  })

  it('writes achievement as the reviews do: 65/56 = 116%', () => {
    const a = achievementOf(56, 65, { elapsedShare: 0.75 })
    expect(a).toEqual({ target: 56, achieved: 65, percent: 116, expectedByNow: 42 })
    expect(achievementText(a)).toBe('65/56 = 116%')
    expect(achievementText(achievementOf(null, 7, { elapsedShare: 1 }))).toBe('7')
    expect(achievementText(achievementOf(3, null, { elapsedShare: 1 }))).toBe('—/3')
    expect(achievementOf(0, 4, { elapsedShare: 1 }).percent).toBeNull()
  })

  it('never calls a target met before it is (the percent rounds down, the expected count up)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 100_000 }),
        fc.integer({ min: 0, max: 200_000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (target, achieved, share) => {
          const a = achievementOf(target, achieved, { elapsedShare: share })
          expect(a.percent! >= 100).toBe(achieved >= target)
          expect(a.expectedByNow!).toBeGreaterThanOrEqual(target * share)
        },
      ),
    )
  })

  it('measures the year elapsed in Vietnam days: none before it, all after it', () => {
    expect(yearProgress(2026, '2025-12-31')).toEqual({ year: 2026, asOf: null, elapsedShare: 0 })
    expect(yearProgress(2026, '2026-01-01')).toEqual({ year: 2026, asOf: '2026-01-01', elapsedShare: 0.003 })
    expect(yearProgress(2026, '2026-07-02')).toEqual({ year: 2026, asOf: '2026-07-02', elapsedShare: 0.501 })
    expect(yearProgress(2024, '2024-12-31').elapsedShare).toBe(1)
    expect(yearProgress(2024, '2026-03-01')).toEqual({ year: 2024, asOf: '2024-12-31', elapsedShare: 1 })
  })
})
