// The demo's drug-free commune data (decision 0037): every state of an assessment, recognitions only where the
// dossier meets every drug-free criterion, a renewed status and a new one, deterministic.
import { describe, expect, it } from 'vitest'
import { generateCertificationDemo } from '../../db/seed/certification.ts'
import { yearFigures } from '../../kernel/domain/certification/year-figures.ts'

const communes = ['10001', '10002', '10003', '10004', '10005', '10006', '10007']
const managed = { '10001': 4, '10002': 2, '10003': 1 }
const now = new Date('2026-11-24T03:00:00Z')

describe('the drug-free commune demo data', () => {
  const demo = generateCertificationDemo({ seed: 82, now, communes, managed })

  it('has an assessment in each state and confirmed criteria', () => {
    expect(demo.sets).toHaveLength(1)
    expect(demo.assessments.map((a) => a.status).sort()).toEqual(['draft', 'not_recognised', 'recognised', 'recognised', 'returned', 'submitted'])
    expect(demo.populations).toHaveLength(communes.length)
  })

  it('recognises only communes whose snapshot blocks nothing, one kept from last year and one new', () => {
    for (const a of demo.assessments.filter((x) => x.status === 'recognised')) expect(JSON.parse(a.snapshot!).evaluation.blocking).toEqual([])
    const periods = demo.periods.map((p) => ({ communeCode: p.communeCode, firstYear: p.firstYear, lastYear: p.lastYear, endReason: p.endReason ?? null }))
    expect(yearFigures(periods, communes, 2026, 20)).toMatchObject({ kept: 1, newlyRecognised: 1, lost: 0, target: 2 })
  })

  it('is the same for the same seed', () => {
    expect(generateCertificationDemo({ seed: 82, now, communes, managed })).toEqual(demo)
  })
})
