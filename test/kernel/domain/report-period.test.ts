import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { parsePeriod, periodName, quartersEndingWith, samePeriodLastYear } from '../../../kernel/domain/report-period.ts'

describe('report periods', () => {
  it('reads quarters, halves, nine months and years as their first and last day', () => {
    expect(parsePeriod('2026-Q4')).toEqual({ label: '2026-Q4', kind: 'quarter', from: '2026-10-01', to: '2026-12-31' })
    expect(parsePeriod('2028-H1')).toEqual({ label: '2028-H1', kind: 'half', from: '2028-01-01', to: '2028-06-30' })
    expect(parsePeriod('2026-9M')).toEqual({ label: '2026-9M', kind: 'nine_months', from: '2026-01-01', to: '2026-09-30' })
    expect(parsePeriod('2026')).toEqual({ label: '2026', kind: 'year', from: '2026-01-01', to: '2026-12-31' })
    for (const bad of ['2026-Q5', '2026-H3', '2026-6M', '1999', '26-Q1', '2026-q1']) expect(parsePeriod(bad), bad).toBeNull()
  })

  it('names periods as reports are titled, in Vietnamese and English', () => {
    expect(periodName('2026-Q4')).toBe('Quý IV/2026')
    expect(periodName('2026-Q1')).toBe('Quý I/2026')
    expect(periodName('2026-H1')).toBe('6 tháng đầu năm 2026')
    expect(periodName('2026-H2')).toBe('6 tháng cuối năm 2026')
    expect(periodName('2026-9M')).toBe('9 tháng năm 2026')
    expect(periodName('2026')).toBe('Năm 2026')
    expect(periodName('2026-Q3', 'en')).toBe('Q3 2026')
    expect(periodName('2026-H1', 'en')).toBe('First half of 2026')
    expect(periodName('not a period')).toBe('not a period')
  })

  it('compares with the same period a year earlier', () => {
    expect(samePeriodLastYear('2026-Q4')).toBe('2025-Q4')
    expect(samePeriodLastYear('2026-9M')).toBe('2025-9M')
    expect(samePeriodLastYear('2026')).toBe('2025')
    expect(samePeriodLastYear('2000-Q1')).toBeNull()
    fc.assert(
      fc.property(fc.integer({ min: 2001, max: 2100 }), fc.constantFrom('', '-Q1', '-Q2', '-Q3', '-Q4', '-H1', '-H2', '-9M'), (year, part) => {
        const now = parsePeriod(`${year}${part}`)!
        const before = parsePeriod(samePeriodLastYear(now.label)!)!
        expect(Number(before.from.slice(0, 4))).toBe(year - 1)
        expect(before.from.slice(4)).toBe(now.from.slice(4))
        expect(periodName(before.label).replace(String(year - 1), '')).toBe(periodName(now.label).replace(String(year), ''))
      }),
    )
  })

  it('lists the quarters ending with the period, oldest first, across years', () => {
    expect(quartersEndingWith('2026-Q2', 4)).toEqual(['2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2'])
    expect(quartersEndingWith('2026', 2)).toEqual(['2026-Q3', '2026-Q4'])
    expect(quartersEndingWith('2026-9M', 1)).toEqual(['2026-Q3'])
    expect(quartersEndingWith('2000-Q2', 4)).toEqual(['2000-Q1', '2000-Q2'])
    fc.assert(
      fc.property(fc.integer({ min: 2002, max: 2100 }), fc.integer({ min: 1, max: 4 }), fc.integer({ min: 1, max: 8 }), (year, q, n) => {
        const list = quartersEndingWith(`${year}-Q${q}`, n)
        expect(list).toHaveLength(n)
        expect(list.at(-1)).toBe(`${year}-Q${q}`)
        // Consecutive: each quarter starts the day after the one before ends.
        for (let i = 1; i < list.length; i++) {
          const prevEnd = new Date(`${parsePeriod(list[i - 1]!)!.to}T00:00:00Z`)
          prevEnd.setUTCDate(prevEnd.getUTCDate() + 1)
          expect(prevEnd.toISOString().slice(0, 10)).toBe(parsePeriod(list[i]!)!.from)
        }
      }),
    )
  })
})
