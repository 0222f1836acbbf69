// The province's view of its drug-free communes for a year (decision 0037): every commune with its assessment's
// status, type, blocking criteria and open flags, and the year's kept / newly recognised / lost against the
// target. Drafts show what their figures say today; submitted dossiers what their snapshot froze.
import type { AssessmentRecord, CriteriaSetRecord } from '../../kernel/certification-records.ts'
import { evaluate, type Evaluation } from '../../kernel/domain/certification/evaluate.ts'
import { currentSet, setInForce } from '../../kernel/domain/certification/set-in-force.ts'
import { heldIn, yearFigures } from '../../kernel/domain/certification/year-figures.ts'
import type { TenantDb } from '../../db/types.ts'
import { listCriteriaSets } from '../repo/certification-records.ts'
import { managedPeople, populations } from '../repo/certification-figures.ts'
import { assessmentsOfYear, communesIn, openFlagCounts, periodsIn, type YearAssessment } from '../repo/certification.ts'

type Figures = { managed: Map<string, number>; population: Map<string, { count: number; source: string }> }

/** What the checklist shows: the snapshot once submitted, else the criteria in force judged on today's figures. */
export function checklistOf(
  a: AssessmentRecord,
  sets: readonly CriteriaSetRecord[],
  f: Figures,
): { setVersion: number; confirmed: boolean; evaluation: Evaluation; figures: unknown } {
  if (a.snapshot && a.status !== 'returned')
    return { setVersion: a.snapshot.setVersion, confirmed: true, evaluation: a.snapshot.evaluation, figures: a.snapshot.figures }
  const set = setInForce(sets, a.createdAt)
  const content = set?.content ?? currentSet(sets).content
  const figures = {
    managedPeople: f.managed.get(a.communeCode) ?? 0,
    population: f.population.get(a.communeCode) ?? null,
    police: a.police,
    drugRoute: a.drugRoute,
  }
  return { setVersion: set?.setVersion ?? 0, confirmed: set !== undefined, evaluation: evaluate(content, figures, a.answers), figures }
}

/** A draft's or returned dossier's evaluation on today's figures, by the criteria in force for it. */
function liveEvaluation(a: YearAssessment, sets: readonly CriteriaSetRecord[], f: Figures): Evaluation {
  const content = setInForce(sets, a.createdAt)?.content ?? currentSet(sets).content
  const figures = {
    managedPeople: f.managed.get(a.communeCode) ?? 0,
    population: f.population.get(a.communeCode) ?? null,
    police: a.police,
    drugRoute: a.drugRoute,
  }
  return evaluate(content, figures, a.answers)
}

export async function provinceOverview(db: TenantDb, scope: readonly string[] | null, year: number) {
  const [communeList, assessments, periods, flags, sets, managed, population] = await Promise.all([
    communesIn(db, scope),
    assessmentsOfYear(db, scope, year),
    periodsIn(db, scope),
    openFlagCounts(db, scope),
    listCriteriaSets(db),
    managedPeople(db, scope, year),
    populations(db, scope, year),
  ])
  const byCommune = new Map(assessments.map((a) => [a.communeCode, a]))
  const current = currentSet(sets)
  const rows = communeList.map(({ code, name }) => {
    const a = byCommune.get(code)
    const submitted = a && a.status !== 'draft' && a.status !== 'returned'
    const checklist = a && !submitted ? liveEvaluation(a, sets, { managed, population }) : undefined
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
