// Synthetic drug-free commune data for the demo province (decision 0037): the shipped criteria confirmed as
// version 1, residents per commune, and assessments in every state — a draft, a submitted and a returned
// dossier, one not recognised, one recognised for the first time and one renewed from last year. Pure and
// deterministic; figures invented; rows ready for the tables.
import type { AssessmentRecord, AssessmentSnapshot } from '../../kernel/certification-records.ts'
import type { AssessmentStatus } from '../../kernel/domain/certification/assessment-machine.ts'
import { DEFAULT_CRITERIA } from '../../kernel/domain/certification/criteria.ts'
import { evaluate, type AssessmentFigures } from '../../kernel/domain/certification/evaluate.ts'
import type { LegalDecision } from '../../kernel/domain/legal-decision.ts'
import type { assessmentTransitions, communeAssessments, communePopulations, criteriaSets, drugFreePeriods } from '../tenant/schema/index.ts'
import { Random } from './random.ts'

export interface CertificationDemo {
  sets: (typeof criteriaSets.$inferInsert)[]
  populations: (typeof communePopulations.$inferInsert)[]
  assessments: (typeof communeAssessments.$inferInsert)[]
  transitions: (typeof assessmentTransitions.$inferInsert)[]
  periods: (typeof drugFreePeriods.$inferInsert)[]
}

const SOURCE = 'Báo cáo số liệu của Công an xã (thử)'
const STATES: AssessmentStatus[] = ['draft', 'submitted', 'returned', 'not_recognised', 'recognised', 'recognised']

function idOf(rng: Random): string {
  const hex = Array.from({ length: 32 }, () => rng.int(0, 15).toString(16)).join('')
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`
}

const decisionOf = (n: number, date: string): LegalDecision => ({
  number: `${n}/QĐ-UBND (thử)`,
  date,
  signer: 'Chủ tịch UBND tỉnh (thử)',
  signerRole: 'provincial_chair',
  body: 'UBND tỉnh (thử)',
})

/**
 * `communes`: the demo's communes, the first of which stays a draft (the demo officer's); `managed`: their case
 * data's count of people under management (the figure DF.1 reads). Recognised ones are those with none.
 */
export function generateCertificationDemo(opts: {
  seed: number
  now: Date
  communes: readonly string[]
  managed: Readonly<Record<string, number>>
}): CertificationDemo {
  const rng = new Random(opts.seed, 37)
  const at = opts.now
  const year = Number(at.toISOString().slice(0, 4))
  const out: CertificationDemo = { sets: [], populations: [], assessments: [], transitions: [], periods: [] }
  const confirmedAt = new Date(Date.UTC(year, 0, 15))
  out.sets.push({ id: idOf(rng), setVersion: 1, content: JSON.stringify(DEFAULT_CRITERIA), confirmedAt, confirmedBy: null, note: 'demo' })
  // Decisions go to communes whose case data shows nobody under management (a recognition needs DF.1).
  const rest = opts.communes.slice(1)
  const clean = rest.filter((c) => (opts.managed[c] ?? 0) === 0)
  const forReview = [...rest.filter((c) => (opts.managed[c] ?? 0) > 0), ...clean.slice(3)]
  const targets = [opts.communes[0], forReview[0], forReview[1], clean[0], clean[1], clean[2]]
  for (const communeCode of opts.communes) {
    out.populations.push({
      id: idOf(rng),
      communeCode,
      year,
      population: rng.int(4000, 25000),
      source: 'Niên giám thống kê 2025 (thử)',
      recordedAt: confirmedAt,
      recordedBy: null,
    })
  }
  const populationOf = (code: string) => out.populations.find((p) => p.communeCode === code)!.population
  let n = 100
  for (const [i, status] of STATES.entries()) {
    const communeCode = targets[i]
    if (!communeCode) continue
    const figures: AssessmentFigures = {
      managedPeople: opts.managed[communeCode] ?? 0,
      population: { count: populationOf(communeCode), source: 'Niên giám thống kê 2025 (thử)' },
      police: {
        drug_venues: { value: status === 'not_recognised' ? 1 : 0, source: SOURCE },
        offenders_arrested: { value: 0, source: SOURCE },
        drug_plants: { value: 0, source: SOURCE },
      },
      drugRoute: { value: false, source: SOURCE },
    }
    const answers = { 'DF.5': { documentRef: `Kế hoạch ${i + 1}/KH-UBND (thử)` }, 'DF.6': { value: true } }
    const id = idOf(rng)
    const started = new Date(Date.UTC(year, 2, 1 + i))
    const submittedAt = new Date(Date.UTC(year, 9, 1 + i))
    const snapshot: AssessmentSnapshot | null =
      status === 'draft'
        ? null
        : {
            setVersion: 1,
            criteria: DEFAULT_CRITERIA,
            figures,
            answers,
            evaluation: evaluate(DEFAULT_CRITERIA, figures, answers),
            takenAt: submittedAt.toISOString(),
          }
    const decided = status === 'recognised' || status === 'not_recognised'
    const decision = status === 'recognised' ? decisionOf(++n, `${year}-11-${String(10 + i).padStart(2, '0')}`) : null
    const moves: [AssessmentRecord['status'], AssessmentRecord['status'], string][] =
      status === 'draft'
        ? []
        : [
            ['draft', 'submitted', 'submit'],
            ...(status === 'submitted'
              ? []
              : [
                  ['submitted', status, status === 'returned' ? 'return' : status === 'recognised' ? 'recognise' : 'not_recognise'] as [
                    AssessmentStatus,
                    AssessmentStatus,
                    string,
                  ],
                ]),
          ]
    out.assessments.push({
      id,
      communeCode,
      year,
      status,
      police: JSON.stringify(figures.police),
      drugRoute: JSON.stringify(figures.drugRoute),
      answers: JSON.stringify(answers),
      snapshot: snapshot && JSON.stringify(snapshot),
      communeType: snapshot?.evaluation.type ?? null,
      blocking: snapshot && JSON.stringify(snapshot.evaluation.blocking),
      returnComments: status === 'returned' ? JSON.stringify({ 'DF.5': 'Bổ sung bản kế hoạch có chữ ký (thử)' }) : null,
      decision: decision && JSON.stringify(decision),
      submitters: '[]',
      version: 1 + moves.length,
      createdAt: started,
      createdBy: null,
      updatedAt: decided ? new Date(Date.UTC(year, 10, 10 + i)) : submittedAt,
      updatedBy: null,
    })
    for (const [k, [from, to, move]] of moves.entries()) {
      out.transitions.push({
        id: idOf(rng),
        assessmentId: id,
        atVersion: 2 + k,
        move: move as 'submit',
        fromStatus: from,
        toStatus: to,
        reason: k === 0 ? null : 'Thẩm định (thử)',
        comments: null,
        at: k === 0 ? submittedAt : new Date(Date.UTC(year, 10, 10 + i)),
        by: null,
      })
    }
    if (status === 'recognised' && decision) {
      // The first recognised commune was recognised last year too: kept; the second is new this year.
      const renewed = i === 4
      out.periods.push({
        id: idOf(rng),
        communeCode,
        startOn: renewed ? `${year - 1}-11-20` : decision.date,
        endOn: null,
        status: 'open',
        firstYear: renewed ? year - 1 : year,
        lastYear: year,
        lastAssessmentId: id,
        recognitionDecision: JSON.stringify(renewed ? decisionOf(n + 50, `${year - 1}-11-20`) : decision),
        endReason: null,
        endNote: null,
        endDecision: null,
        version: renewed ? 2 : 1,
        createdAt: at,
        createdBy: null,
        updatedAt: at,
        updatedBy: null,
      })
    }
  }
  return out
}
