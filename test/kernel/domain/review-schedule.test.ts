import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { compareByUrgency, nextReview } from '../../../kernel/domain/review-schedule.ts'

describe('review schedule', () => {
  it('is due one month after the plan start when nothing was reviewed yet', () => {
    expect(nextReview('2026-10-15', null, '2026-11-10')).toEqual({ dueOn: '2026-11-15', state: 'upcoming' })
    expect(nextReview('2026-10-15', null, '2026-11-15')).toEqual({ dueOn: '2026-11-15', state: 'due' })
    expect(nextReview('2026-10-15', null, '2026-11-22')).toEqual({ dueOn: '2026-11-15', state: 'due' })
    expect(nextReview('2026-10-15', null, '2026-11-23')).toEqual({ dueOn: '2026-11-15', state: 'overdue' })
  })

  it('counts from the last review', () => {
    expect(nextReview('2026-01-10', '2026-10-31', '2026-11-24')).toEqual({ dueOn: '2026-11-30', state: 'upcoming' })
  })

  it('follows a configured interval and grace', () => {
    expect(nextReview('2026-01-01', '2026-09-01', '2026-11-24', { intervalMonths: 3, graceDays: 0 })).toEqual({ dueOn: '2026-12-01', state: 'upcoming' })
  })

  it('orders overdue before due before upcoming, earliest first', () => {
    const items = [
      { id: 'c', state: 'upcoming' as const, dueOn: '2026-12-01' },
      { id: 'b', state: 'due' as const, dueOn: '2026-11-20' },
      { id: 'a2', state: 'overdue' as const, dueOn: '2026-10-15' },
      { id: 'a1', state: 'overdue' as const, dueOn: '2026-10-01' },
    ]
    expect([...items].sort(compareByUrgency).map((i) => i.id)).toEqual(['a1', 'a2', 'b', 'c'])
  })
})

describe('review schedule arithmetic', () => {
  // The reference: the same rule written with Date objects, months clamped at month ends.
  const addMonths = (date: Date, months: number) => {
    const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1))
    target.setUTCDate(Math.min(date.getUTCDate(), new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()))
    return target
  }
  const reference = (base: string, today: string, intervalMonths: number, graceDays: number) => {
    const due = addMonths(new Date(`${base}T00:00:00Z`), intervalMonths)
    const dueOn = due.toISOString().slice(0, 10)
    const overdueFrom = new Date(due.getTime() + graceDays * 86_400_000).toISOString().slice(0, 10)
    return { dueOn, state: today > overdueFrom ? 'overdue' : today >= dueOn ? 'due' : 'upcoming' }
  }
  const day = fc
    .integer({ min: Date.UTC(1990, 0, 1) / 86_400_000, max: Date.UTC(2099, 11, 31) / 86_400_000 })
    .map((d) => new Date(d * 86_400_000).toISOString().slice(0, 10))

  it('agrees with Date arithmetic for any dates, intervals and grace periods (month ends and leap years included)', () => {
    fc.assert(
      fc.property(day, day, fc.integer({ min: 1, max: 12 }), fc.integer({ min: 0, max: 60 }), (base, today, intervalMonths, graceDays) => {
        expect(nextReview(base, null, today, { intervalMonths, graceDays })).toEqual(reference(base, today, intervalMonths, graceDays))
      }),
      { numRuns: 2_000 },
    )
    expect(nextReview('2028-01-31', null, '2028-02-29')).toEqual({ dueOn: '2028-02-29', state: 'due' })
    expect(nextReview('2026-12-31', null, '2027-02-08')).toEqual({ dueOn: '2027-01-31', state: 'overdue' })
  })
})
