import { describe, expect, it } from 'vitest'
import fc from 'fast-check'
import { DEFAULT_DUE_WORK_SETTINGS, dueWork, openWork, summarizeDueWork, type DueWorkRecords } from '../../../kernel/domain/due-work.ts'
import { nextReview } from '../../../kernel/domain/review-schedule.ts'
import { DEFAULT_CASE_RULES } from '../../../kernel/domain/case-rules.ts'
import { registrationDueOn } from '../../../kernel/domain/determination.ts'

const person = (id: string, communeCode = '00001') => ({ id, fullName: `Người ${id}`, communeCode })
const empty: DueWorkRecords = { persons: [], plans: [], reviews: [], postRehab: [], followUps: [], managementPeriods: [] }

describe('due work', () => {
  it('lists an active plan whose review is due, then overdue with the days counted after the grace', () => {
    const records: DueWorkRecords = { ...empty, persons: [person('p1')], plans: [{ id: 'plan1', personId: 'p1', status: 'active', startOn: '2026-10-15' }] }
    expect(dueWork(records, DEFAULT_DUE_WORK_SETTINGS, '2026-11-14')).toEqual([])
    expect(dueWork(records, DEFAULT_DUE_WORK_SETTINGS, '2026-11-15')).toEqual([
      { kind: 'review', personId: 'p1', fullName: 'Người p1', communeCode: '00001', refId: 'plan1', dueOn: '2026-11-15', state: 'due', daysOverdue: 0 },
    ])
    // Grace of 7 days: 22 Nov is still due, 23 Nov is the first overdue day, 3 Dec the eleventh.
    expect(dueWork(records, DEFAULT_DUE_WORK_SETTINGS, '2026-11-22')[0]).toMatchObject({ state: 'due', daysOverdue: 0 })
    expect(dueWork(records, DEFAULT_DUE_WORK_SETTINGS, '2026-11-23')[0]).toMatchObject({ state: 'overdue', daysOverdue: 1 })
    expect(dueWork(records, DEFAULT_DUE_WORK_SETTINGS, '2026-12-03')[0]).toMatchObject({ state: 'overdue', daysOverdue: 11 })
  })

  it('counts from the last review of the plan, and skips plans that are not active or people out of the records', () => {
    const records: DueWorkRecords = {
      ...empty,
      persons: [person('p1'), person('p2')],
      plans: [
        { id: 'plan1', personId: 'p1', status: 'active', startOn: '2026-01-01' },
        { id: 'plan2', personId: 'p2', status: 'suspended', startOn: '2026-01-01' },
        { id: 'plan3', personId: 'gone', status: 'active', startOn: '2026-01-01' },
      ],
      reviews: [
        { planId: 'plan1', reviewedOn: '2026-11-20' },
        { planId: 'plan1', reviewedOn: '2026-10-20' },
        { planId: null, reviewedOn: '2026-12-01' },
      ],
    }
    expect(dueWork(records, DEFAULT_DUE_WORK_SETTINGS, '2026-12-19')).toEqual([])
    expect(dueWork(records, DEFAULT_DUE_WORK_SETTINGS, '2026-12-20').map((i) => [i.refId, i.dueOn])).toEqual([['plan1', '2026-12-20']])
  })

  it('asks for a post-rehab contact on the review policy, but none after the period ends or once it is closed', () => {
    const records: DueWorkRecords = {
      ...empty,
      persons: [person('p1'), person('p2')],
      postRehab: [
        { id: 'pr1', personId: 'p1', status: 'active', startOn: '2026-01-10', endOn: '2027-01-10' },
        { id: 'pr2', personId: 'p2', status: 'relapsed', startOn: '2026-01-10', endOn: '2027-01-10' },
      ],
      followUps: [{ postRehabId: 'pr1', contactedOn: '2026-10-01' }],
    }
    expect(dueWork(records, DEFAULT_DUE_WORK_SETTINGS, '2026-12-03')).toEqual([
      {
        kind: 'post_rehab_contact',
        personId: 'p1',
        fullName: 'Người p1',
        communeCode: '00001',
        refId: 'pr1',
        dueOn: '2026-11-01',
        state: 'overdue',
        daysOverdue: 25,
      },
    ])
    const ending: DueWorkRecords = { ...records, followUps: [{ postRehabId: 'pr1', contactedOn: '2026-12-20' }] }
    expect(dueWork(ending, DEFAULT_DUE_WORK_SETTINGS, '2027-01-25')).toEqual([])
  })

  it('shows a management period ending within the notice days as due, and as overdue once its end passed still open', () => {
    const records: DueWorkRecords = {
      ...empty,
      persons: [person('p1')],
      managementPeriods: [
        { id: 'm1', personId: 'p1', status: 'active', startOn: '2026-01-15', endOn: '2027-01-15' },
        { id: 'm2', personId: 'p1', status: 'ended', startOn: '2025-01-15', endOn: '2026-01-15' },
      ],
    }
    expect(dueWork(records, DEFAULT_DUE_WORK_SETTINGS, '2026-12-15')).toEqual([])
    expect(dueWork(records, DEFAULT_DUE_WORK_SETTINGS, '2026-12-16')[0]).toMatchObject({
      kind: 'management_ending',
      refId: 'm1',
      dueOn: '2027-01-15',
      state: 'due',
    })
    expect(dueWork(records, DEFAULT_DUE_WORK_SETTINGS, '2027-01-15')[0]).toMatchObject({ state: 'due', daysOverdue: 0 })
    expect(dueWork(records, DEFAULT_DUE_WORK_SETTINGS, '2027-01-17')[0]).toMatchObject({ state: 'overdue', daysOverdue: 2 })
    expect(dueWork(records, { ...DEFAULT_DUE_WORK_SETTINGS, endingNoticeDays: 7 }, '2026-12-20')).toEqual([])
    // Records without management periods (the phone's store) simply have none of this kind.
    expect(dueWork({ ...records, managementPeriods: undefined }, DEFAULT_DUE_WORK_SETTINGS, '2027-01-17')).toEqual([])
  })

  it('orders the most overdue first and counts per kind and per commune', () => {
    const records: DueWorkRecords = {
      ...empty,
      persons: [person('a', '00001'), person('b', '00002'), person('c', '00002')],
      plans: [
        { id: 'pa', personId: 'a', status: 'active', startOn: '2026-11-01' },
        { id: 'pb', personId: 'b', status: 'active', startOn: '2026-09-01' },
      ],
      postRehab: [{ id: 'rc', personId: 'c', status: 'active', startOn: '2026-10-20', endOn: '2027-10-20' }],
    }
    const items = dueWork(records, DEFAULT_DUE_WORK_SETTINGS, '2026-12-03')
    expect(items.map((i) => [i.refId, i.state, i.daysOverdue])).toEqual([
      ['pb', 'overdue', 56],
      ['rc', 'overdue', 6],
      ['pa', 'due', 0],
    ])
    expect(summarizeDueWork(items)).toEqual({
      total: { due: 1, overdue: 2 },
      byKind: {
        review: { due: 1, overdue: 1 },
        post_rehab_contact: { due: 0, overdue: 1 },
        management_ending: { due: 0, overdue: 0 },
        registration_due: { due: 0, overdue: 0 },
        handover_to_accept: { due: 0, overdue: 0 },
      },
      byCommune: { '00001': { due: 1, overdue: 0 }, '00002': { due: 0, overdue: 2 } },
    })
  })

  it('lists every open record for the caseload, upcoming ones after what is due, and counts only what is due', () => {
    const records: DueWorkRecords = {
      ...empty,
      persons: [person('a'), person('b')],
      postRehab: [{ id: 'ra', personId: 'a', status: 'active', startOn: '2026-11-20', endOn: '2027-11-20' }],
      managementPeriods: [{ id: 'mb', personId: 'b', status: 'active', startOn: '2026-01-01', endOn: '2027-01-01' }],
    }
    const items = openWork(records, DEFAULT_DUE_WORK_SETTINGS, '2026-12-03')
    expect(items.map((i) => [i.refId, i.state, i.dueOn])).toEqual([
      ['mb', 'due', '2027-01-01'],
      ['ra', 'upcoming', '2026-12-20'],
    ])
    expect(summarizeDueWork(items).total).toEqual({ due: 1, overdue: 0 })
    expect(dueWork(records, DEFAULT_DUE_WORK_SETTINGS, '2026-12-03').map((i) => i.refId)).toEqual(['mb'])
  })

  it('agrees with the caseload rule for every plan: listed exactly when its review is due or overdue', () => {
    const day = fc.integer({ min: 0, max: 800 }).map((n) => new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString().slice(0, 10))
    fc.assert(
      fc.property(
        day,
        fc.option(day, { nil: null }),
        day,
        fc.integer({ min: 1, max: 6 }),
        fc.integer({ min: 0, max: 30 }),
        (start, last, today, intervalMonths, graceDays) => {
          const policy = { intervalMonths, graceDays }
          const records: DueWorkRecords = {
            ...empty,
            persons: [person('p')],
            plans: [{ id: 'plan', personId: 'p', status: 'active', startOn: start }],
            reviews: last ? [{ planId: 'plan', reviewedOn: last }] : [],
          }
          const items = dueWork(records, { reviewPolicy: policy, endingNoticeDays: 30 }, today)
          const expected = nextReview(last ?? start, null, today, policy)
          expect(items.length === 1 ? items[0]?.state : 'upcoming').toBe(expected.state)
          expect(openWork(records, { reviewPolicy: policy, endingNoticeDays: 30 }, today).map((i) => i.state)).toEqual([expected.state])
          expect(items.every((i) => (i.state === 'overdue') === i.daysOverdue > 0)).toBe(true)
        },
      ),
    )
  })
})

describe('registrations and hand-overs as due work', () => {
  const today = '2026-12-03'
  it('owes a registration 5 working days after a result of dependence, while the person awaits registration', () => {
    const records: DueWorkRecords = {
      persons: [
        { id: 'a', fullName: 'Người A (thử)', communeCode: '00001', status: 'awaiting_registration' },
        { id: 'b', fullName: 'Người B (thử)', communeCode: '00001', status: 'in_rehab' },
      ],
      plans: [],
      reviews: [],
      postRehab: [],
      followUps: [],
      determinations: [
        // Result on Wednesday 25 Nov: due Wednesday 2 Dec (five working days, stored by the command), overdue by today.
        { id: 'd1', personId: 'a', result: 'dependent', resultOn: '2026-11-25', registrationDueOn: registrationDueOn('2026-11-25', DEFAULT_CASE_RULES) },
        { id: 'd2', personId: 'b', result: 'dependent', resultOn: '2026-11-30', registrationDueOn: '2026-12-07' },
        { id: 'd3', personId: 'a', result: 'not_dependent', resultOn: '2026-11-30', registrationDueOn: null },
      ],
    }
    const items = dueWork(records, DEFAULT_DUE_WORK_SETTINGS, today)
    expect(items.map((i) => [i.kind, i.personId, i.refId, i.dueOn, i.state, i.daysOverdue])).toEqual([
      ['registration_due', 'a', 'd1', '2026-12-02', 'overdue', 1],
    ])
    // A province day off on 1 Dec moves the stored deadline a working day later: due today, not overdue.
    const later = registrationDueOn('2026-11-25', { ...DEFAULT_CASE_RULES, extraHolidays: ['2026-12-01'] })
    const moved = { ...records, determinations: records.determinations!.map((d) => (d.id === 'd1' ? { ...d, registrationDueOn: later } : d)) }
    expect(dueWork(moved, DEFAULT_DUE_WORK_SETTINGS, today).map((i) => [i.dueOn, i.state])).toEqual([['2026-12-03', 'due']])
  })

  it('asks the receiving commune to accept a hand-over within the province’s hours', () => {
    const handover = (id: string, notifiedAt: string, status = 'pending') => ({ id, communeCode: '00002', fullName: `Người ${id} (thử)`, notifiedAt, status })
    const records: DueWorkRecords = {
      persons: [],
      plans: [],
      reviews: [],
      postRehab: [],
      followUps: [],
      handovers: [
        handover('h1', '2026-12-01T02:00:00.000Z'),
        handover('h2', '2026-12-03T01:00:00.000Z'),
        handover('h3', '2026-11-01T01:00:00.000Z', 'accepted'),
      ],
    }
    const items = dueWork(records, DEFAULT_DUE_WORK_SETTINGS, today)
    expect(items.map((i) => [i.refId, i.dueOn, i.state])).toEqual([
      ['h1', '2026-12-02', 'overdue'],
      ['h2', '2026-12-04', 'due'],
    ])
    const rules = { ...DEFAULT_CASE_RULES, handoverAcceptHours: 72 }
    expect(dueWork(records, { ...DEFAULT_DUE_WORK_SETTINGS, rules }, today).map((i) => [i.refId, i.state])).toEqual([
      ['h1', 'due'],
      ['h2', 'due'],
    ])
  })
})
