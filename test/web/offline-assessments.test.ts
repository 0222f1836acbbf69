// A commune officer's drug-free dossiers on the phone (decision 0044): the queued start, answers and submission
// laid over the pulled records with the commands' own decide, judged by the kernel's checklist; a save or
// submission behind a queued one of the same dossier waits for the version it makes.
import { describe, expect, it } from 'vitest'
import type { CriteriaSetRecord } from '../../kernel/certification-records.ts'
import type { PulledCertification } from '../../kernel/contract/sync.ts'
import { checklistOf } from '../../kernel/domain/certification/checklist.ts'
import { DEFAULT_CRITERIA } from '../../kernel/domain/certification/criteria.ts'
import { mustChain } from '../../web/src/offline/outbox.ts'
import { overlay } from '../../web/src/offline/overlay.ts'
import { emptyRecords, entry } from './offline-fixtures.ts'

const empty = emptyRecords
const COMMUNE = '30001'
const ID = '00000000-0000-4000-8000-00000000a001'
const confirmed: CriteriaSetRecord = {
  id: 'set-1',
  setVersion: 1,
  content: DEFAULT_CRITERIA,
  confirmedAt: '2026-01-02T00:00:00.000Z',
  confirmedBy: null,
  note: null,
}
const pulled = (sets: CriteriaSetRecord[]): PulledCertification => ({
  sets,
  year: 2026,
  figures: { [COMMUNE]: { managedPeople: 0, population: { count: 8000, source: 'Niên giám (thử)' } } },
})
const police = Object.fromEntries(['drug_venues', 'offenders_arrested', 'drug_plants'].map((m) => [m, { value: 0, source: 'Báo cáo (thử)' }]))
const start = entry({ seq: 1, personId: ID, entityId: ID, type: 'assessment.create', data: { communeCode: COMMUNE, year: 2026 } })
const answer = entry({
  seq: 2,
  personId: ID,
  entityId: ID,
  type: 'assessment.update',
  data: { version: 1, police, answers: { 'DF.5': { documentRef: 'Kế hoạch 3/KH-UBND (thử)' }, 'DF.6': { value: true } } },
})
const submit = entry({ seq: 3, personId: ID, entityId: ID, type: 'assessment.submit', data: { version: 1 } })

describe('drug-free dossiers offline', () => {
  it('shows a dossier started and answered offline as a draft, pending, judged on the pulled figures', () => {
    const view = overlay(empty(), [start, answer], undefined, pulled([confirmed]))
    const [a] = view.assessments ?? []
    expect(a).toMatchObject({ id: ID, communeCode: COMMUNE, year: 2026, status: 'draft', version: 1 })
    expect(view.pending.has(ID)).toBe(true)
    const before = checklistOf(overlay(empty(), [start], undefined, pulled([confirmed])).assessments![0]!, [confirmed], pulled([]).figures[COMMUNE]!)
    const after = checklistOf(a!, [confirmed], pulled([]).figures[COMMUNE]!)
    expect(before.evaluation.blocking).toContain('DF.5')
    expect(after.evaluation.blocking).not.toContain('DF.5')
    expect(after.confirmed).toBe(true)
  })

  it('shows a queued submission as submitted with the confirmed criteria, and not at all without them (the server decides)', () => {
    const withSet = overlay(empty(), [start, answer, submit], undefined, pulled([confirmed])).assessments![0]!
    expect(withSet.status).toBe('submitted')
    expect(withSet.snapshot?.setVersion).toBe(1)
    const without = overlay(empty(), [start, answer, submit], undefined, pulled([])).assessments![0]!
    expect(without.status).toBe('draft')
  })

  it('chains a save or submission behind a queued one of the same dossier, not behind its start or another dossier', () => {
    expect(mustChain([start], { type: 'assessment.update', entityId: ID, personId: ID })).toBe(false)
    expect(mustChain([start, answer], { type: 'assessment.submit', entityId: ID, personId: ID })).toBe(true)
    expect(mustChain([answer], { type: 'assessment.update', entityId: ID, personId: ID })).toBe(true)
    expect(mustChain([answer], { type: 'assessment.submit', entityId: 'another', personId: 'another' })).toBe(false)
  })
})
