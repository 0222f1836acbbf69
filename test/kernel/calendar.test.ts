import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import {
  addDays,
  addMonths,
  addWorkingDays,
  compareDays,
  dayOfWeek,
  daysBetween,
  daysInMonth,
  isDay,
  isLeapYear,
  isWorkingDay,
  vietnamDayEnd,
  vietnamDayStart,
  vietnamToday,
  workingDaysBetween,
} from '../../kernel/calendar.ts'
import { holidaySet, VIETNAM_HOLIDAYS_2025_2027 } from '../../kernel/holidays.ts'

const NONE = new Set<string>()
const HOLIDAYS = holidaySet(VIETNAM_HOLIDAYS_2025_2027)
// Any day from 1900 to 2099, written by Date (the reference the integer arithmetic is checked against).
const dayNumber = fc.integer({ min: Date.UTC(1900, 0, 1) / 86_400_000, max: Date.UTC(2099, 11, 31) / 86_400_000 })
const isoOf = (n: number) => new Date(n * 86_400_000).toISOString().slice(0, 10)

describe('today in Vietnam', () => {
  it('is already tomorrow from 17:00 UTC, and still today until then', () => {
    expect(vietnamToday(new Date('2026-11-23T16:59:59.999Z'))).toBe('2026-11-23')
    expect(vietnamToday(new Date('2026-11-23T17:00:00Z'))).toBe('2026-11-24')
    expect(vietnamToday(new Date('2026-12-31T18:00:00Z'))).toBe('2027-01-01')
  })

  it('bounds a day from 00:00 to 23:59:59.999 at UTC+7', () => {
    expect(vietnamDayStart('2026-11-24').toISOString()).toBe('2026-11-23T17:00:00.000Z')
    expect(vietnamDayEnd('2026-11-24').toISOString()).toBe('2026-11-24T16:59:59.999Z')
    expect(vietnamToday(vietnamDayStart('2026-03-01'))).toBe('2026-03-01')
    expect(vietnamToday(vietnamDayEnd('2026-02-28'))).toBe('2026-02-28')
  })
})

describe('days', () => {
  it('tells real days from look-alikes', () => {
    expect(isDay('2028-02-29')).toBe(true)
    expect(isDay('2026-02-29')).toBe(false)
    expect(isDay('2026-04-31')).toBe(false)
    expect(isDay('2026-13-01')).toBe(false)
    expect(isDay('2026-1-01')).toBe(false)
    expect(isDay('')).toBe(false)
  })

  it('knows leap years: every fourth, not centuries, but every fourth century', () => {
    expect([2024, 2028, 2000, 2400].map(isLeapYear)).toEqual([true, true, true, true])
    expect([2026, 1900, 2100].map(isLeapYear)).toEqual([false, false, false])
    expect(daysInMonth(2028, 2)).toBe(29)
    expect(daysInMonth(2100, 2)).toBe(28)
  })

  it('compares, adds and subtracts days across month and year ends', () => {
    expect(compareDays('2026-01-31', '2026-02-01')).toBeLessThan(0)
    expect(compareDays('2026-02-01', '2026-02-01')).toBe(0)
    expect(compareDays('2027-01-01', '2026-12-31')).toBeGreaterThan(0)
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01')
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29')
    expect(addDays('2026-03-01', -1)).toBe('2026-02-28')
    expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365)
    expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366)
    expect(daysBetween('2026-11-24', '2026-11-20')).toBe(-4)
  })

  it('adds and counts days as Date arithmetic does, for any day', () => {
    fc.assert(
      fc.property(dayNumber, fc.integer({ min: -1000, max: 1000 }), (n, delta) => {
        expect(addDays(isoOf(n), delta)).toBe(isoOf(n + delta))
        expect(daysBetween(isoOf(n), isoOf(n + delta))).toBe(delta)
        expect(dayOfWeek(isoOf(n))).toBe(new Date(n * 86_400_000).getUTCDay())
      }),
      { numRuns: 1_000 },
    )
  })

  it('refuses text that is not a day instead of computing nonsense', () => {
    expect(() => addDays('24/11/2026', 1)).toThrow(RangeError)
  })
})

describe('months', () => {
  it('clamps to the last day of a shorter month (31 Jan + 1 month = 28 Feb, 29 in a leap year)', () => {
    expect(addMonths('2026-01-31', 1)).toBe('2026-02-28')
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29')
    expect(addMonths('2025-08-31', 6)).toBe('2026-02-28')
    expect(addMonths('2026-03-31', 1)).toBe('2026-04-30')
    expect(addMonths('2028-02-29', 12)).toBe('2029-02-28')
    expect(addMonths('2028-02-29', 48)).toBe('2032-02-29')
  })

  it('crosses year ends both ways', () => {
    expect(addMonths('2026-11-24', 2)).toBe('2027-01-24')
    expect(addMonths('2026-01-15', -1)).toBe('2025-12-15')
    expect(addMonths('2026-03-31', -13)).toBe('2025-02-28')
    expect(addMonths('2026-05-05', 0)).toBe('2026-05-05')
  })

  it('agrees with Date arithmetic clamped at month ends, for any day and count', () => {
    const reference = (day: string, months: number) => {
      const d = new Date(`${day}T00:00:00Z`)
      const first = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1))
      const last = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate()
      first.setUTCDate(Math.min(d.getUTCDate(), last))
      return first.toISOString().slice(0, 10)
    }
    fc.assert(
      fc.property(dayNumber, fc.integer({ min: -36, max: 36 }), (n, months) => {
        expect(addMonths(isoOf(n), months)).toBe(reference(isoOf(n), months))
      }),
      { numRuns: 1_000 },
    )
  })
})

describe('working days', () => {
  it('skips Saturdays and Sundays', () => {
    // Thursday 19 November 2026 + 2 working days = Monday 23 November.
    expect(isWorkingDay('2026-11-21', NONE)).toBe(false)
    expect(isWorkingDay('2026-11-22', NONE)).toBe(false)
    expect(addWorkingDays('2026-11-19', 1, NONE)).toBe('2026-11-20')
    expect(addWorkingDays('2026-11-19', 2, NONE)).toBe('2026-11-23')
    expect(addWorkingDays('2026-11-20', 5, NONE)).toBe('2026-11-27')
    // From a Saturday, the first working day is the Monday.
    expect(addWorkingDays('2026-11-21', 1, NONE)).toBe('2026-11-23')
    expect(addWorkingDays('2026-11-19', 0, NONE)).toBe('2026-11-19')
  })

  it('skips the public holidays it is given, across a weekend too', () => {
    // Wednesday 29 April 2026: Thursday 30 April and Friday 1 May are holidays, then the weekend.
    expect(addWorkingDays('2026-04-29', 1, HOLIDAYS)).toBe('2026-05-04')
    expect(addWorkingDays('2026-04-29', 1, NONE)).toBe('2026-04-30')
    // Five working days from a dependence result on Friday 13 February 2026: Tết (16–20 February) intervenes.
    expect(addWorkingDays('2026-02-13', 5, HOLIDAYS)).toBe('2026-02-27')
    // Hùng Kings' day 2026 is a Sunday; its substitute Monday 27 April is off.
    expect(isWorkingDay('2026-04-27', HOLIDAYS)).toBe(false)
    expect(addWorkingDays('2026-04-24', 1, HOLIDAYS)).toBe('2026-04-28')
  })

  it('counts working days after the first day up to and including the last', () => {
    expect(workingDaysBetween('2026-11-20', '2026-11-27', NONE)).toBe(5)
    expect(workingDaysBetween('2026-04-29', '2026-05-04', HOLIDAYS)).toBe(1)
    expect(workingDaysBetween('2026-11-24', '2026-11-24', NONE)).toBe(0)
    expect(workingDaysBetween('2026-11-24', '2026-11-20', NONE)).toBe(0)
  })

  it('counts back what it added, with any holidays', () => {
    fc.assert(
      fc.property(dayNumber, fc.integer({ min: 0, max: 60 }), fc.uniqueArray(fc.integer({ min: 0, max: 120 }), { maxLength: 20 }), (n, count, offsets) => {
        const holidays = new Set(offsets.map((o) => isoOf(n + o)))
        const due = addWorkingDays(isoOf(n), count, holidays)
        expect(workingDaysBetween(isoOf(n), due, holidays)).toBe(count)
        if (count > 0) expect(isWorkingDay(due, holidays)).toBe(true)
      }),
      { numRuns: 500 },
    )
  })

  it('rejects a count that is not a whole number of days', () => {
    expect(() => addWorkingDays('2026-11-24', -1, NONE)).toThrow(RangeError)
    expect(() => addWorkingDays('2026-11-24', 1.5, NONE)).toThrow(RangeError)
  })
})

describe("Vietnam's holidays as shipped", () => {
  it('are real days, sorted, each marked with where it comes from', () => {
    const days = VIETNAM_HOLIDAYS_2025_2027.map((h) => h.on)
    expect(days.every(isDay)).toBe(true)
    expect(days).toEqual([...days].sort())
    expect(new Set(days).size).toBe(days.length)
    expect(new Set(VIETNAM_HOLIDAYS_2025_2027.map((h) => h.basis))).toEqual(new Set(['fixed', 'lunar', 'announced', 'substitute', 'estimate']))
  })

  it('hold the fixed-date holidays of every year and the lunar ones for 2025–2027', () => {
    for (const year of [2025, 2026, 2027]) {
      for (const md of ['01-01', '04-30', '05-01', '09-02']) expect(HOLIDAYS.has(`${year}-${md}`), `${year}-${md}`).toBe(true)
    }
    // The first day of the lunar year and the 10th of the 3rd lunar month.
    for (const day of ['2025-01-29', '2026-02-17', '2027-02-06', '2025-04-07', '2026-04-26', '2027-04-16']) expect(HOLIDAYS.has(day), day).toBe(true)
    // Only 2027's Tết is an estimate (not yet announced).
    expect(VIETNAM_HOLIDAYS_2025_2027.filter((h) => h.basis === 'estimate').every((h) => h.on.startsWith('2027-02-'))).toBe(true)
  })

  it('marks as substitute only days that follow a holiday on a weekend', () => {
    for (const sub of VIETNAM_HOLIDAYS_2025_2027.filter((h) => h.basis === 'substitute')) {
      expect(isWorkingDay(sub.on, NONE)).toBe(true)
      const before = [1, 2, 3].map((n) => addDays(sub.on, -n))
      expect(before.some((d) => !isWorkingDay(d, NONE) && VIETNAM_HOLIDAYS_2025_2027.some((h) => h.on === d && h.basis !== 'substitute'))).toBe(true)
    }
  })
})
