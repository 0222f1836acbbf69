// The drug-free commune rules (decision 0037): the assessment's state machine under random sequences of moves
// and actors, as the commands apply it, and the criteria's evaluation and classification.
import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import type { AssessmentRecord, CriteriaSetRecord } from '../../../kernel/certification-records.ts'
import { assessmentDecide, assessmentReturn, assessmentSubmit } from '../../../kernel/commands/assessment-review.ts'
import type { CertificationFacts, DecideContext, State } from '../../../kernel/commands/command.ts'
import {
  allowedMoves,
  assessmentMoves,
  assessmentStatuses,
  isFinal,
  move,
  type AssessmentMove,
} from '../../../kernel/domain/certification/assessment-machine.ts'
import { DEFAULT_CRITERIA } from '../../../kernel/domain/certification/criteria.ts'
import { evaluate, type AssessmentFigures } from '../../../kernel/domain/certification/evaluate.ts'
import { DEFAULT_CASE_RULES } from '../../../kernel/domain/case-rules.ts'
import { yearFigures } from '../../../kernel/domain/certification/year-figures.ts'

const clean: AssessmentFigures = {
  managedPeople: 0,
  population: { count: 10_000, source: 'thử' },
  police: { drug_venues: { value: 0, source: 's' }, offenders_arrested: { value: 0, source: 's' }, drug_plants: { value: 0, source: 's' } },
  drugRoute: { value: false, source: 's' },
}
const goodAnswers = { 'DF.5': { documentRef: 'KH 1' }, 'DF.6': { value: true } }
const set: CriteriaSetRecord = {
  id: 'set-1',
  setVersion: 1,
  content: DEFAULT_CRITERIA,
  confirmedAt: '2026-01-01T00:00:00.000Z',
  confirmedBy: 'admin',
  note: null,
}
const facts: CertificationFacts = { sets: [set], figures: { managedPeople: 0, population: clean.population }, openPeriod: undefined }
const decision = { number: '1/QĐ', date: '2026-11-01', signer: 'Chủ tịch', signerRole: 'provincial_chair' as const, body: 'UBND tỉnh' }

function draft(): AssessmentRecord {
  const at = '2026-02-01T00:00:00.000Z'
  return {
    id: 'a-1',
    communeCode: '00001',
    year: 2026,
    status: 'draft',
    police: clean.police,
    drugRoute: clean.drugRoute,
    answers: goodAnswers,
    snapshot: null,
    communeType: null,
    blocking: null,
    returnComments: null,
    decision: null,
    submitters: [],
    version: 1,
    createdAt: at,
    createdBy: 'officer',
    updatedAt: at,
    updatedBy: 'officer',
  }
}
const ctxOf = (actorId: string): DecideContext => ({
  actorId,
  now: new Date('2026-11-24T03:00:00Z'),
  rules: DEFAULT_CASE_RULES,
  newId: () => crypto.randomUUID(),
})
const state = (target: AssessmentRecord): State<AssessmentRecord> => ({
  target,
  person: undefined,
  openPlans: [],
  activePostRehab: [],
  activeManagement: [],
  existing: undefined,
  commune: target.communeCode,
  certification: facts,
})

/** One move by one actor, through the command that makes it; the record as the decision leaves it. */
function apply(record: AssessmentRecord, what: AssessmentMove, actor: string) {
  const ctx = ctxOf(actor)
  const outcome =
    what === 'submit'
      ? assessmentSubmit.decide(state(record), { version: record.version }, record.id, ctx)
      : what === 'return'
        ? assessmentReturn.decide(state(record), { version: record.version, reason: 'r', comments: { 'DF.5': 'c' } }, record.id, ctx)
        : assessmentDecide.decide(
            state(record),
            { version: record.version, outcome: what === 'recognise' ? 'recognised' : 'not_recognised', reason: 'r', decision },
            record.id,
            ctx,
          )
  if (outcome.rejected) return { outcome, record }
  const update = outcome.updates.find((u) => u.collection === 'assessments')!
  return { outcome, record: { ...record, ...(update.set as Partial<AssessmentRecord>) } }
}

describe('the assessment state machine', () => {
  it('moves only along the table; a refused move names exactly the allowed ones and changes nothing', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...assessmentMoves), fc.constantFrom('officer', 'reviewer', 'reviewer2')), { maxLength: 12 }), (moves) => {
        let record = draft()
        for (const [what, actor] of moves) {
          const before = record
          const expected = move(before.status, what)
          const result = apply(before, what, actor)
          record = result.record
          if (result.outcome.rejected) {
            expect(record).toBe(before)
            if (!expected.ok)
              expect(result.outcome).toMatchObject({ code: 'conflict', details: { reason: 'transition_not_allowed', allowed: allowedMoves(before.status) } })
            else expect(result.outcome.code).toBe('separation_of_duties')
            continue
          }
          expect(expected.ok).toBe(true)
          expect(record.status).toBe(expected.ok && expected.to)
          expect(record.version).toBe(before.version + 1)
          // Every move records who, when and why.
          const transition = result.outcome.inserts.find((i) => i.collection === 'assessmentTransitions')
          expect(transition?.record).toMatchObject({ move: what, from: before.status, to: record.status, by: actor })
          if (isFinal(record.status)) expect(allowedMoves(record.status)).toEqual([])
        }
      }),
    )
  })

  it('never lets anyone who submitted an assessment return or decide it', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...assessmentMoves), fc.constantFrom('a', 'b', 'c')), { maxLength: 12 }), (moves) => {
        let record = draft()
        for (const [what, actor] of moves) {
          const wasSubmitter = record.submitters.includes(actor)
          const result = apply(record, what, actor)
          if (what !== 'submit' && wasSubmitter && move(record.status, what).ok)
            expect(result.outcome).toMatchObject({ rejected: true, code: 'separation_of_duties' })
          record = result.record
        }
      }),
    )
  })

  it('reaches every status from a draft', () => {
    const reached = new Set(['draft'])
    for (const path of [['submit'], ['submit', 'return'], ['submit', 'recognise'], ['submit', 'not_recognise']] as AssessmentMove[][]) {
      let s: (typeof assessmentStatuses)[number] = 'draft'
      for (const m of path) {
        const r = move(s, m)
        if (r.ok) s = r.to
      }
      reached.add(s)
    }
    expect([...reached].sort()).toEqual([...assessmentStatuses].sort())
  })
})

describe('recognition and the status period', () => {
  const submitted = () => apply(draft(), 'submit', 'officer').record
  const period = (lastYear: number) => ({
    id: 'p-1',
    communeCode: '00001',
    startOn: '2025-11-20',
    endOn: null,
    status: 'open' as const,
    firstYear: 2025,
    lastYear,
    lastAssessmentId: 'a-0',
    recognitionDecision: decision,
    endReason: null,
    endNote: null,
    endDecision: null,
    version: 1,
    createdAt: '2025-11-20T00:00:00.000Z',
    createdBy: null,
    updatedAt: '2025-11-20T00:00:00.000Z',
    updatedBy: null,
  })
  const decideWith = (openPeriod: ReturnType<typeof period> | undefined, outcome: 'recognised' | 'not_recognised') => {
    const record = submitted()
    const s = { ...state(record), certification: { ...facts, openPeriod } }
    const out = assessmentDecide.decide(s, { version: record.version, outcome, reason: 'r', decision }, record.id, ctxOf('reviewer'))
    if (out.rejected) throw new Error(out.message)
    return out
  }

  it('opens a status period on a first recognition', () => {
    expect(decideWith(undefined, 'recognised').inserts.filter((i) => i.collection === 'statusPeriods')).toHaveLength(1)
  })

  it('renews last year’s status instead of opening a second one', () => {
    const out = decideWith(period(2025), 'recognised')
    expect(out.inserts.filter((i) => i.collection === 'statusPeriods')).toEqual([])
    expect(out.updates.find((u) => u.collection === 'statusPeriods')?.set).toMatchObject({ lastYear: 2026, lastAssessmentId: 'a-1' })
  })

  it('leaves a status that already covers the year alone (at most one is open)', () => {
    const out = decideWith(period(2026), 'recognised')
    expect([...out.inserts, ...out.updates].filter((x) => x.collection === 'statusPeriods')).toEqual([])
  })

  it('ends last year’s status when the commune is not recognised again', () => {
    expect(decideWith(period(2025), 'not_recognised').updates.find((u) => u.collection === 'statusPeriods')?.set).toMatchObject({
      status: 'closed',
      endReason: 'not_renewed',
    })
  })
})

describe('evaluating the criteria', () => {
  it('finds a clean commune drug-free and not a key complex', () => {
    expect(evaluate(DEFAULT_CRITERIA, clean, goodAnswers)).toMatchObject({ type: 'none', blocking: [] })
  })

  it('classifies type I when three of the type I criteria hold, and names each failing drug-free criterion', () => {
    const heavy: AssessmentFigures = {
      managedPeople: 60, // 0.6 % of 10,000
      population: clean.population,
      police: { drug_venues: { value: 2, source: 's' }, offenders_arrested: { value: 12, source: 's' }, drug_plants: { value: 0, source: 's' } },
      drugRoute: { value: false, source: 's' },
    }
    const result = evaluate(DEFAULT_CRITERIA, heavy, {})
    expect(result.type).toBe('type_1')
    expect(result.blocking).toEqual(['DF.1', 'DF.2', 'DF.3', 'DF.5', 'DF.6'])
    expect(result.results.find((r) => r.code === 'KC1.1')).toMatchObject({ value: 0.6, holds: true })
  })

  it('leaves a ratio unknown without the commune’s population, which blocks nothing drug-free by itself', () => {
    const result = evaluate(DEFAULT_CRITERIA, { ...clean, population: null }, goodAnswers)
    expect(result.results.find((r) => r.code === 'KC1.1')).toMatchObject({ holds: null, reason: 'missing_population' })
    expect(result.blocking).toEqual([])
  })

  it('counts kept, newly recognised and lost against the target share', () => {
    const periods = [
      { communeCode: '1', firstYear: 2025, lastYear: 2026, endReason: null },
      { communeCode: '2', firstYear: 2026, lastYear: 2026, endReason: null },
      { communeCode: '3', firstYear: 2025, lastYear: 2025, endReason: 'not_renewed' as const },
      { communeCode: '4', firstYear: 2025, lastYear: 2026, endReason: 'revoked' as const },
    ]
    expect(yearFigures(periods, ['1', '2', '3', '4', '5'], 2026, 20)).toMatchObject({
      kept: 1,
      newlyRecognised: 1,
      lost: 2,
      recognised: 2,
      target: 1,
      progressPercent: 200,
    })
  })
})
