import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { ActivityRecord } from '../../../kernel/community-records.ts'
import { activityProblems, activityTotals } from '../../../kernel/domain/activity-rules.ts'
import { modelFigures } from '../../../kernel/domain/model-figures.ts'
import { activityKinds, communityModelKinds } from '../../../kernel/vocabulary.ts'

type Line = Pick<ActivityRecord, 'kind' | 'heldOn' | 'communeCode' | 'count' | 'participants' | 'traineeGroup' | 'casesOpened' | 'valueVnd'>
const line = (over: Partial<Line>): Line => ({
  kind: 'awareness_session',
  heldOn: '2026-11-10',
  communeCode: '30001',
  count: 1,
  participants: null,
  traineeGroup: null,
  casesOpened: null,
  valueVnd: null,
  ...over,
})
const Q4 = { from: '2026-10-01', to: '2026-12-31' }

describe('activity totals', () => {
  it('adds up each kind within the period and the communes, and lists every kind', () => {
    const totals = activityTotals(
      [
        line({ count: 2, participants: 120 }),
        line({ count: 1, participants: 40, heldOn: '2026-12-31' }),
        line({ count: 5, participants: 999, heldOn: '2026-09-30' }), // the quarter before
        line({ count: 1, participants: 50, communeCode: '30002' }), // another commune
        line({ kind: 'public_tips', count: 32, casesOpened: 3 }),
        line({ kind: 'gifts', count: 44, valueVnd: 22_000_000 }),
        line({ kind: 'training', count: 2, participants: 200, traineeGroup: 'teachers' }),
        line({ kind: 'training', count: 1, participants: 197, traineeGroup: 'police' }),
        line({ kind: 'training', count: 1, participants: 3, traineeGroup: 'teachers' }),
      ],
      Q4,
      ['30001'],
    )
    const of = (kind: string) => totals.find((t) => t.kind === kind)!
    expect(totals.map((t) => t.kind)).toEqual([...activityKinds])
    expect(of('awareness_session')).toMatchObject({ entries: 2, count: 3, participants: 160 })
    expect(of('public_tips')).toMatchObject({ entries: 1, count: 32, casesOpened: 3 })
    expect(of('gifts')).toMatchObject({ count: 44, valueVnd: 22_000_000 })
    expect(of('training')).toMatchObject({ count: 4, participants: 400, traineesByGroup: { teachers: 203, police: 197 } })
    expect(of('broadcast')).toMatchObject({ entries: 0, count: 0 })
  })

  it('equals a direct count over random logs (property)', () => {
    const arbLine = fc.record({
      kind: fc.constantFrom(...activityKinds),
      heldOn: fc.constantFrom('2026-09-30', '2026-10-01', '2026-11-15', '2026-12-31', '2027-01-01'),
      communeCode: fc.constantFrom('30001', '30002'),
      count: fc.integer({ min: 1, max: 50 }),
      participants: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }),
    })
    fc.assert(
      fc.property(fc.array(arbLine, { maxLength: 40 }), (raw) => {
        const lines = raw.map((r) => line(r))
        const totals = activityTotals(lines, Q4, ['30002'])
        for (const kind of activityKinds) {
          const mine = lines.filter((l) => l.kind === kind && l.communeCode === '30002' && l.heldOn >= Q4.from && l.heldOn <= Q4.to)
          const total = totals.find((t) => t.kind === kind)!
          expect(total.entries).toBe(mine.length)
          expect(total.count).toBe(mine.reduce((s, l) => s + l.count, 0))
          expect(total.participants).toBe(mine.reduce((s, l) => s + (l.participants ?? 0), 0))
        }
      }),
    )
  })
})

describe('activity rules', () => {
  it('never takes a topic on public tips, so nothing invites naming who gave one', () => {
    expect(activityProblems({ kind: 'public_tips', heldOn: '2026-11-01', count: 3, casesOpened: 1, topic: 'ông A báo' }, '2026-12-01')).toEqual([
      { field: 'json.topic', message: 'must be left out for public_tips' },
    ])
  })
  it('asks each kind for its own counts', () => {
    const today = '2026-12-01'
    expect(activityProblems({ kind: 'public_tips', heldOn: '2026-11-01', count: 3 }, today)).toEqual([
      { field: 'json.casesOpened', message: 'is required for public_tips' },
    ])
    expect(activityProblems({ kind: 'public_tips', heldOn: '2026-11-01', count: 3, casesOpened: 4 }, today)).toEqual([
      { field: 'json.casesOpened', message: 'must not exceed the tips received (count)' },
    ])
    expect(activityProblems({ kind: 'training', heldOn: '2026-11-01', count: 1, participants: 30 }, today)).toEqual([
      { field: 'json.traineeGroup', message: 'is required for training' },
    ])
    expect(activityProblems({ kind: 'broadcast', heldOn: '2026-11-01', count: 25, participants: 10 }, today)).toEqual([
      { field: 'json.participants', message: 'must be left out for broadcast' },
    ])
    expect(activityProblems({ kind: 'broadcast', heldOn: '2026-12-02', count: 25 }, today)).toEqual([
      { field: 'json.heldOn', message: 'must not be in the future' },
    ])
    expect(activityProblems({ kind: 'gifts', heldOn: '2026-11-01', count: 44, valueVnd: 22_000_000 }, today)).toEqual([])
  })
})

describe('model figures', () => {
  const decision = (date: string) => ({ date })
  const helpers = (n: number) => Array.from({ length: n }, (_, i) => ({ name: `H${i}`, organisation: 'MTTQ', role: 'thành viên' }))
  const models = [
    {
      id: 'club',
      kind: 'b93_club' as const,
      communeCode: '30001',
      helpers: helpers(3),
      status: 'active' as const,
      dissolvedOn: null,
      decision: decision('2026-01-10'),
    },
    {
      id: 'point',
      kind: 'counselling_point' as const,
      communeCode: '30001',
      helpers: helpers(2),
      status: 'active' as const,
      dissolvedOn: null,
      decision: decision('2025-05-01'),
    },
    // Dissolved before the quarter; founded after it; another commune: none counts.
    {
      id: 'old',
      kind: 'b93_club' as const,
      communeCode: '30001',
      helpers: helpers(9),
      status: 'dissolved' as const,
      dissolvedOn: '2026-09-01',
      decision: decision('2024-01-01'),
    },
    {
      id: 'new',
      kind: 'volunteer_team' as const,
      communeCode: '30001',
      helpers: helpers(9),
      status: 'active' as const,
      dissolvedOn: null,
      decision: decision('2027-01-05'),
    },
    {
      id: 'far',
      kind: 'b93_club' as const,
      communeCode: '30002',
      helpers: helpers(9),
      status: 'active' as const,
      dissolvedOn: null,
      decision: decision('2026-01-01'),
    },
  ]
  const session = (modelId: string, heldOn: string, attendance: number, extra: Record<string, number> = {}) => ({
    modelId,
    heldOn,
    attendance,
    clientsNew: null,
    clientsReturning: null,
    counselled: null,
    allowancesVnd: null,
    ...extra,
  })

  it('counts working models, their helpers, sessions, average attendance, people supported and counselling clients', () => {
    const members = [
      { modelId: 'club', personId: 'p1', joinedOn: '2026-02-01', leftOn: null },
      { modelId: 'club', personId: 'p2', joinedOn: '2026-02-01', leftOn: '2026-09-30' }, // left before the quarter
      { modelId: 'club', personId: 'p3', joinedOn: '2026-02-01', leftOn: '2026-10-15' },
      { modelId: 'point', personId: 'p1', joinedOn: '2026-03-01', leftOn: null }, // the same person, counted once in the total
      { modelId: 'far', personId: 'p9', joinedOn: '2026-03-01', leftOn: null },
    ]
    const sessions = [
      session('club', '2026-10-05', 7),
      session('club', '2026-11-05', 8),
      session('club', '2026-09-05', 30),
      session('point', '2026-11-20', 52, { clientsNew: 2, clientsReturning: 50, counselled: 52, allowancesVnd: 500_000 }),
      session('far', '2026-11-20', 99),
    ]
    const figures = modelFigures(models, members, sessions, Q4, ['30001'])
    expect(figures.map((f) => f.kind)).toEqual([...communityModelKinds, null])
    expect(figures.find((f) => f.kind === 'b93_club')).toMatchObject({
      models: 1,
      helpers: 3,
      sessions: 2,
      attendance: 15,
      averageAttendance: 7.5,
      peopleSupported: 2,
    })
    expect(figures.find((f) => f.kind === 'counselling_point')).toMatchObject({
      models: 1,
      clientsNew: 2,
      clientsReturning: 50,
      counselled: 52,
      allowancesVnd: 500_000,
    })
    expect(figures.find((f) => f.kind === 'volunteer_team')).toMatchObject({ models: 0, sessions: 0, averageAttendance: 0 })
    expect(figures.at(-1)).toMatchObject({ kind: null, models: 2, helpers: 5, sessions: 3, attendance: 67, peopleSupported: 2 })
  })
})
