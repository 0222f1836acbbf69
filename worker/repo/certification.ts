// The drug-free commune lists (decision 0037): a year's assessments, status periods, open flags per commune,
// populations and assessments of a commune. One statement each; the province's list reads its own in one batch.
import { and, asc, desc, eq, gte, inArray, lte, sql } from 'drizzle-orm'
import { certificationFlags, communeAssessments, communePopulations, communes, criteriaSets, drugFreePeriods } from '../../db/tenant/schema/index.ts'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import type { TenantDb, TenantTx } from '../../db/types.ts'
import type { AssessmentRecord, StatusPeriodRecord } from '../../kernel/certification-records.ts'
import { presentAssessment, presentCriteriaSet, presentPeriod, presentPopulation } from './certification-records.ts'

type Db = TenantDb | TenantTx
const scoped = (column: SQLiteColumn, list: readonly string[] | null) => (list ? inArray(column, [...list]) : undefined)

export type YearAssessment = Pick<
  AssessmentRecord,
  'id' | 'communeCode' | 'status' | 'communeType' | 'blocking' | 'police' | 'drugRoute' | 'answers' | 'decision' | 'createdAt'
>
const parsed = <T>(text: string | null, fallback: T): T => (text === null ? fallback : (JSON.parse(text) as T))

// A year's assessments as the province's list needs them: never the snapshot (each holds a copy of the criteria;
// parsing 168 of them was most of the list's time), the last submission's blocking criteria instead.
type YearAssessmentRow = Omit<YearAssessment, 'blocking' | 'police' | 'drugRoute' | 'answers' | 'decision' | 'createdAt'> & {
  blocking: string | null
  police: string
  drugRoute: string | null
  answers: string
  decision: string | null
  createdAt: Date
}
const yearAssessment = (r: YearAssessmentRow): YearAssessment => ({
  ...r,
  blocking: parsed<string[] | null>(r.blocking, null),
  police: parsed<AssessmentRecord['police']>(r.police, {}),
  drugRoute: parsed<AssessmentRecord['drugRoute']>(r.drugRoute, null),
  answers: parsed<AssessmentRecord['answers']>(r.answers, {}),
  decision: parsed<AssessmentRecord['decision']>(r.decision, null),
  createdAt: r.createdAt.toISOString(),
})

export async function assessmentsOfCommune(db: Db, commune: string) {
  const rows = await db.select().from(communeAssessments).where(eq(communeAssessments.communeCode, commune)).orderBy(desc(communeAssessments.year))
  return rows.map(presentAssessment)
}

export async function findAssessmentOf(db: Db, commune: string, year: number) {
  const [row] = await db
    .select()
    .from(communeAssessments)
    .where(and(eq(communeAssessments.communeCode, commune), eq(communeAssessments.year, year)))
  return row && presentAssessment(row)
}

export async function periodsIn(db: Db, scope: readonly string[] | null): Promise<StatusPeriodRecord[]> {
  const rows = await db
    .select()
    .from(drugFreePeriods)
    .where(scoped(drugFreePeriods.communeCode, scope))
    .orderBy(asc(drugFreePeriods.communeCode), asc(drugFreePeriods.firstYear))
  return rows.map(presentPeriod)
}

export async function listPopulations(db: Db, filter: { communes: readonly string[] | null; year?: number | undefined }) {
  const rows = await db
    .select()
    .from(communePopulations)
    .where(and(scoped(communePopulations.communeCode, filter.communes), filter.year ? eq(communePopulations.year, filter.year) : undefined))
    .orderBy(asc(communePopulations.communeCode), desc(communePopulations.year), desc(communePopulations.recordedAt))
    .limit(2000)
  return rows.map(presentPopulation)
}

/** A status period as the year's figures read it (no decisions: parsing them was a third of the list's time). */
export type PeriodSpan = Pick<StatusPeriodRecord, 'communeCode' | 'firstYear' | 'lastYear' | 'endReason'>

/**
 * Everything the province's list reads besides the case-data count (managedPeople, which issue #16's period-true
 * figures own), in one batch: one round trip and one consistent snapshot, per-year rows only (the periods that
 * touch this year or the last), no per-commune statement.
 */
export async function overviewReads(db: TenantDb, scope: readonly string[] | null, year: number) {
  const a = communeAssessments
  const p = drugFreePeriods
  const f = certificationFlags
  const pop = communePopulations
  const [communeRows, assessmentRows, periodRows, flagRows, setRows, populationRows] = await db.batch([
    db.select({ code: communes.code, name: communes.name }).from(communes).where(scoped(communes.code, scope)).orderBy(asc(communes.code)),
    db
      .select({
        id: a.id,
        communeCode: a.communeCode,
        status: a.status,
        communeType: a.communeType,
        blocking: a.blocking,
        police: a.police,
        drugRoute: a.drugRoute,
        answers: a.answers,
        decision: a.decision,
        createdAt: a.createdAt,
      })
      .from(a)
      .where(and(eq(a.year, year), scoped(a.communeCode, scope))),
    db
      .select({ communeCode: p.communeCode, firstYear: p.firstYear, lastYear: p.lastYear, endReason: p.endReason })
      .from(p)
      .where(and(lte(p.firstYear, year), gte(p.lastYear, year - 1), scoped(p.communeCode, scope))),
    db
      .select({ commune: f.communeCode, n: sql<number>`count(*)` })
      .from(f)
      .where(and(eq(f.status, 'open'), scoped(f.communeCode, scope)))
      .groupBy(f.communeCode),
    db.select().from(criteriaSets).orderBy(asc(criteriaSets.setVersion)),
    db
      .select({ commune: pop.communeCode, count: pop.population, source: pop.source })
      .from(pop)
      .where(and(eq(pop.year, year), scoped(pop.communeCode, scope)))
      .orderBy(desc(pop.recordedAt)),
  ])
  const population = new Map<string, { count: number; source: string }>()
  for (const r of populationRows) if (!population.has(r.commune)) population.set(r.commune, { count: r.count, source: r.source })
  return {
    communes: communeRows,
    assessments: assessmentRows.map(yearAssessment),
    periods: periodRows satisfies PeriodSpan[],
    flags: new Map(flagRows.map((r) => [r.commune, Number(r.n)])),
    sets: setRows.map(presentCriteriaSet),
    population,
  }
}
