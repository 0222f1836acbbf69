import { describe, expect, it } from 'vitest'
import { compareByUrgency, nextReview } from '../../../worker/domain/review-schedule.ts'

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
