// The drug-free commune lists (decision 0037): a year's assessments, status periods, open flags per commune,
// populations and assessments of a commune. One statement each; the province list reads them side by side.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import { certificationFlags, communeAssessments, communePopulations, communes, drugFreePeriods } from '../../db/tenant/schema/index.ts'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import type { TenantDb, TenantTx } from '../../db/types.ts'
import type { AssessmentRecord, StatusPeriodRecord } from '../../kernel/certification-records.ts'
import { presentAssessment, presentPeriod, presentPopulation } from './certification-records.ts'

type Db = TenantDb | TenantTx
const scoped = (column: SQLiteColumn, list: readonly string[] | null) => (list ? inArray(column, [...list]) : undefined)

export async function communesIn(db: Db, scope: readonly string[] | null) {
  return db.select({ code: communes.code, name: communes.name }).from(communes).where(scoped(communes.code, scope)).orderBy(asc(communes.code))
}

export type YearAssessment = Pick<
  AssessmentRecord,
  'id' | 'communeCode' | 'status' | 'communeType' | 'blocking' | 'police' | 'drugRoute' | 'answers' | 'decision' | 'createdAt'
>
const parsed = <T>(text: string | null, fallback: T): T => (text === null ? fallback : (JSON.parse(text) as T))

/**
 * A year's assessments as the province's list needs them: never the snapshot (each holds a copy of the criteria;
 * parsing 168 of them was most of the list's time), the last submission's blocking criteria instead.
 */
export async function assessmentsOfYear(db: Db, scope: readonly string[] | null, year: number): Promise<YearAssessment[]> {
  const a = communeAssessments
  const rows = await db
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
    .where(and(eq(a.year, year), scoped(a.communeCode, scope)))
  return rows.map((r) => ({
    ...r,
    blocking: parsed<string[] | null>(r.blocking, null),
    police: parsed<AssessmentRecord['police']>(r.police, {}),
    drugRoute: parsed<AssessmentRecord['drugRoute']>(r.drugRoute, null),
    answers: parsed<AssessmentRecord['answers']>(r.answers, {}),
    decision: parsed<AssessmentRecord['decision']>(r.decision, null),
    createdAt: r.createdAt.toISOString(),
  }))
}

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

export async function openFlagCounts(db: Db, scope: readonly string[] | null): Promise<Map<string, number>> {
  const rows = await db
    .select({ commune: certificationFlags.communeCode, n: sql<number>`count(*)` })
    .from(certificationFlags)
    .where(and(eq(certificationFlags.status, 'open'), scoped(certificationFlags.communeCode, scope)))
    .groupBy(certificationFlags.communeCode)
  return new Map(rows.map((r) => [r.commune, Number(r.n)]))
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
