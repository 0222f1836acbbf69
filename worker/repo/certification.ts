// The drug-free commune lists (decision 0037): a year's assessments, status periods, open flags per commune,
// populations and assessments of a commune. One statement each; the province list reads them side by side.
import { and, asc, desc, eq, inArray, sql } from 'drizzle-orm'
import { certificationFlags, communeAssessments, communePopulations, communes, drugFreePeriods } from '../../db/tenant/schema/index.ts'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import type { TenantDb, TenantTx } from '../../db/types.ts'
import type { StatusPeriodRecord } from '../../kernel/certification-records.ts'
import { presentAssessment, presentPeriod, presentPopulation } from './certification-records.ts'

type Db = TenantDb | TenantTx
const scoped = (column: SQLiteColumn, list: readonly string[] | null) => (list ? inArray(column, [...list]) : undefined)

export async function communesIn(db: Db, scope: readonly string[] | null) {
  return db.select({ code: communes.code, name: communes.name }).from(communes).where(scoped(communes.code, scope)).orderBy(asc(communes.code))
}

export async function assessmentsOfYear(db: Db, scope: readonly string[] | null, year: number) {
  const rows = await db
    .select()
    .from(communeAssessments)
    .where(and(eq(communeAssessments.year, year), scoped(communeAssessments.communeCode, scope)))
  return rows.map(presentAssessment)
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
