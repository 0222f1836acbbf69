import { and, asc, count, eq, inArray, like, max, sql } from 'drizzle-orm'
import { writeTransaction } from '../../db/audit/append-audit.ts'
import { centralRefreshes, centralSnapshots, communes, provinces, tenants } from '../../db/control/schema/index.ts'
import type { ControlDb } from '../../db/types.ts'

// Queries on the central snapshots in the control database (docs/decisions/0042). Rows are aggregates only.

export interface SnapshotRowInput {
  period: string
  total: string
  communes: string
  targets: string | null
  drugFree: string | null
}

/** A successful refresh: its quarters replaced and the province's refresh state reset, in one transaction. */
export async function saveSnapshots(control: ControlDb, province: string, rows: readonly SnapshotRowInput[], at: Date): Promise<void> {
  await writeTransaction(control, (tx) => writeSnapshots(tx as unknown as ControlDb, province, rows, at))
}

/**
 * The statements of `saveSnapshots`, inside the caller's transaction or batch (the refresh's, held with its audit
 * entry: worker/jobs/refresh-snapshots.ts). None answers rows, so a batch holds them all.
 */
export async function writeSnapshots(tx: ControlDb, province: string, rows: readonly SnapshotRowInput[], at: Date): Promise<void> {
  for (const row of rows) {
    const values = { provinceCode: province, ...row, computedAt: at }
    await tx
      .insert(centralSnapshots)
      .values(values)
      .onConflictDoUpdate({ target: [centralSnapshots.provinceCode, centralSnapshots.period], set: { ...row, computedAt: at } })
  }
  await tx
    .insert(centralRefreshes)
    .values({ provinceCode: province, lastAttemptAt: at, lastSuccessAt: at, lastError: null, failures: 0 })
    .onConflictDoUpdate({ target: centralRefreshes.provinceCode, set: { lastAttemptAt: at, lastSuccessAt: at, lastError: null, failures: 0 } })
}

/** A failed refresh: the snapshots stay as they were; the failure is counted. */
export async function recordRefreshFailure(control: ControlDb, province: string, error: string, at: Date): Promise<void> {
  await writeTransaction(control, async (tx) => {
    await tx
      .insert(centralRefreshes)
      .values({ provinceCode: province, lastAttemptAt: at, lastSuccessAt: null, lastError: error, failures: 1 })
      .onConflictDoUpdate({
        target: centralRefreshes.provinceCode,
        set: { lastAttemptAt: at, lastError: error, failures: sql`${centralRefreshes.failures} + 1` },
      })
  })
}

/** The quarters a province already has a snapshot of. */
export async function snapshotPeriodsOf(control: ControlDb, province: string): Promise<Set<string>> {
  const rows = await control.select({ period: centralSnapshots.period }).from(centralSnapshots).where(eq(centralSnapshots.provinceCode, province))
  return new Set(rows.map((r) => r.period))
}

export async function activeProvinceCodes(control: ControlDb): Promise<string[]> {
  const rows = await control.select({ code: tenants.provinceCode }).from(tenants).where(eq(tenants.status, 'active')).orderBy(asc(tenants.provinceCode))
  return rows.map((r) => r.code)
}

/** What changes when any snapshot of the year changes: the cache key of the year's suppressed figures. */
export async function yearVersion(control: ControlDb, year: number): Promise<string> {
  const [row] = await control
    .select({ n: count(), at: max(centralSnapshots.computedAt) })
    .from(centralSnapshots)
    .where(like(centralSnapshots.period, `${year}-Q%`))
  return `${row?.n ?? 0}:${row?.at instanceof Date ? row.at.getTime() : String(row?.at ?? '')}`
}

export interface YearSnapshotRow {
  provinceCode: string
  period: string
  total: string
  targets: string | null
  drugFree: string | null
  computedAt: Date
}

/** Every province's total of each quarter of the year (the communes' figures are not read for central screens). */
export async function yearSnapshots(control: ControlDb, year: number): Promise<YearSnapshotRow[]> {
  return control
    .select({
      provinceCode: centralSnapshots.provinceCode,
      period: centralSnapshots.period,
      total: centralSnapshots.total,
      targets: centralSnapshots.targets,
      drugFree: centralSnapshots.drugFree,
      computedAt: centralSnapshots.computedAt,
    })
    .from(centralSnapshots)
    .where(like(centralSnapshots.period, `${year}-Q%`))
}

export interface RefreshStateRow {
  provinceCode: string
  lastAttemptAt: Date
  lastSuccessAt: Date | null
  lastError: string | null
  failures: number
}

export async function refreshStates(control: ControlDb, codes?: readonly string[]): Promise<RefreshStateRow[]> {
  const q = control.select().from(centralRefreshes)
  return codes ? q.where(inArray(centralRefreshes.provinceCode, [...codes])) : q
}

/** The 34 provinces of the reference data, in code order. */
export async function allProvinces(control: ControlDb): Promise<{ code: string; name: string }[]> {
  return control.select({ code: provinces.code, name: provinces.name }).from(provinces).orderBy(asc(provinces.code))
}

export interface ProvinceSnapshotRow extends YearSnapshotRow {
  communes: string
}

/** One province's snapshots of the given quarters, communes included (the province's own overview, decision 0045). */
export async function provinceSnapshotRows(control: ControlDb, province: string, periods: readonly string[]): Promise<ProvinceSnapshotRow[]> {
  if (periods.length === 0) return []
  return control
    .select({
      provinceCode: centralSnapshots.provinceCode,
      period: centralSnapshots.period,
      total: centralSnapshots.total,
      communes: centralSnapshots.communes,
      targets: centralSnapshots.targets,
      drugFree: centralSnapshots.drugFree,
      computedAt: centralSnapshots.computedAt,
    })
    .from(centralSnapshots)
    .where(and(eq(centralSnapshots.provinceCode, province), inArray(centralSnapshots.period, [...periods])))
}

/** The province's name and its communes of the reference data, in code order. */
export async function provinceWithCommunes(
  control: ControlDb,
  province: string,
): Promise<{ name: string; communes: { code: string; name: string }[] } | undefined> {
  const [named] = await control.select({ name: provinces.name }).from(provinces).where(eq(provinces.code, province))
  if (!named) return undefined
  const list = await control
    .select({ code: communes.code, name: communes.name })
    .from(communes)
    .where(eq(communes.provinceCode, province))
    .orderBy(asc(communes.code))
  return { name: named.name, communes: list }
}
