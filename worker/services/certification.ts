// The province's view of its drug-free communes for a year (decision 0037): every commune with its assessment's
// status, type, blocking criteria and open flags, and the year's kept / newly recognised / lost against the
// target. Drafts show what their figures say today; submitted dossiers what their snapshot froze.
import { liveEvaluation } from '../../kernel/domain/certification/checklist.ts'
import { currentSet } from '../../kernel/domain/certification/set-in-force.ts'
import { heldIn, yearFigures } from '../../kernel/domain/certification/year-figures.ts'
import type { TenantDb } from '../../db/types.ts'
import { managedPeople } from '../repo/certification-figures.ts'
import { overviewReads } from '../repo/certification.ts'

export async function provinceOverview(db: TenantDb, scope: readonly string[] | null, year: number) {
  // One batch and the case-data count beside it (decision 0044's bench: no per-commune or repeated statements).
  const [{ communes: communeList, assessments, periods, flags, sets, population }, managed] = await Promise.all([
    overviewReads(db, scope, year),
    managedPeople(db, scope, year),
  ])
  const byCommune = new Map(assessments.map((a) => [a.communeCode, a]))
  const current = currentSet(sets)
  const rows = communeList.map(({ code, name }) => {
    const a = byCommune.get(code)
    const submitted = a && a.status !== 'draft' && a.status !== 'returned'
    const checklist = a && !submitted ? liveEvaluation(a, sets, { managedPeople: managed.get(code) ?? 0, population: population.get(code) ?? null }) : undefined
    return {
      code,
      name,
      assessmentId: a?.id ?? null,
      status: a?.status ?? null,
      communeType: a?.communeType ?? checklist?.type ?? null,
      blocking: (submitted ? a.blocking : checklist?.blocking) ?? [],
      openFlags: flags.get(code) ?? 0,
      drugFree: heldIn(periods, code, year),
      drugFreeLastYear: heldIn(periods, code, year - 1),
      decision: a?.decision ?? null,
    }
  })
  return {
    year,
    criteria: { setVersion: current.setVersion, confirmed: current.confirmed, reviewerLabel: current.content.reviewerLabel },
    figures: yearFigures(
      periods,
      communeList.map((c) => c.code),
      year,
      current.content.targetSharePercent,
    ),
    communes: rows,
  }
}
