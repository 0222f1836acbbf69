import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { eq } from 'drizzle-orm'
import { migrate } from 'drizzle-orm/libsql/migrator'
import { tenants } from '../control/schema/index.ts'
import type { ControlDb, DbLocation, TenantDb } from '../types.ts'
import { assertProvinceIdentity, backfillDatabaseId } from './backfill-identity.ts'
import { readMigrations, tenantMigrationsFolder } from './migration-files.ts'
import { applyMigration, appliedThrough, type Migration } from './migrator.ts'

// Node-only: drizzle's migrator reads the committed SQL files from disk. Workers never migrate.
const controlMigrations = fileURLToPath(new URL('../control/migrations', import.meta.url))
const tenantMigrations = fileURLToPath(new URL('../tenant/migrations', import.meta.url))

/** The tag of the newest committed tenant migration, e.g. "0001_add_persons": the schema version we record. */
export function latestTenantSchemaVersion(): string {
  const journal: unknown = JSON.parse(readFileSync(`${tenantMigrations}/meta/_journal.json`, 'utf8'))
  const entries = typeof journal === 'object' && journal !== null && 'entries' in journal ? journal.entries : []
  const last = Array.isArray(entries) ? (entries.at(-1) as unknown) : undefined
  if (typeof last !== 'object' || last === null || !('tag' in last) || typeof last.tag !== 'string') {
    throw new Error('Tenant migrations journal has no entries')
  }
  return last.tag
}

/**
 * Embedded files run in WAL mode (persistent in the file, so setting it where every start passes is enough):
 * readers no longer wait for a writer, and a commit appends to the log instead of rewriting pages, about half
 * the cost of each audited request's write (docs/benchmarks.md). synchronous stays FULL, SQLite's default in
 * WAL mode too: a commit the API acknowledged survives a power cut. No-op for remote (Turso) databases.
 */
async function useWalForFiles(db: ControlDb | TenantDb): Promise<void> {
  if ((db.$client as { protocol?: string }).protocol !== 'file') return
  await db.$client.execute('PRAGMA journal_mode = WAL')
}

export async function migrateControlDb(control: ControlDb): Promise<void> {
  await useWalForFiles(control)
  await migrate(control, { migrationsFolder: controlMigrations })
}

/** Applies pending tenant migrations (a no-op when none) and returns the resulting schema version. */
export async function migrateTenantDb(db: TenantDb): Promise<string> {
  await useWalForFiles(db)
  await migrate(db, { migrationsFolder: tenantMigrations })
  return latestTenantSchemaVersion()
}

export interface MigrateAllDeps {
  control: ControlDb
  openTenant(location: DbLocation): TenantDb
  locate(tenant: { provider: 'embedded' | 'turso'; dbLocation: string | null }): DbLocation
  now(): Date
}

export interface MigrateAllOptions {
  /** The tenant migrations; the committed ones by default (tests pass their own). */
  migrations?: readonly Migration[] | undefined
  /** How many province databases are worked on at once (34 over the network: a few at a time). */
  concurrency?: number | undefined
}

export interface MigrateAllReport {
  /** Provinces that applied everything this run could give them; `applied` is what this run applied. */
  migrated: { province: string; schemaVersion: string; applied: string[] }[]
  failed: { province: string; error: string }[]
  /**
   * A contract migration not run because some provinces had not applied everything before it (failed now or
   * earlier): nothing at or after it ran anywhere. Rerun once they are fixed (decision 0031).
   */
  refused: { contract: string; behind: { province: string; at: string | null }[] } | null
  /** Provinces onboarded before database ids that got one in this run (backfillDatabaseId). */
  identityRecorded: string[]
}

/** Seeded provinces carry an identity marker; before that, onboarding is still filling the database. */
const SEEDED = new Set(['seeded', 'active', 'suspended'])
const DEFAULT_CONCURRENCY = 4

interface Target {
  row: typeof tenants.$inferSelect
  db: TenantDb
  /** `when` of its newest applied migration. */
  through: number | null
  applied: string[]
  error?: string
}

/**
 * Upgrades every provisioned tenant, a few at a time; one province's failure is reported and the others still
 * run. Expand migrations go everywhere first; a contract migration (`-- contract`) runs only once every province
 * has applied all before it, else the run stops before it and says which provinces are behind. Each migration
 * is applied and recorded atomically, so a rerun resumes each database where it stopped. A missing file is a
 * failure, never a new empty database (deps.openTenant refuses it), and a seeded province's file must carry its
 * marker before it is touched; provinces onboarded before database ids get one here.
 */
export async function migrateAllTenants(deps: MigrateAllDeps, opts: MigrateAllOptions = {}): Promise<MigrateAllReport> {
  const migrations = opts.migrations ?? readMigrations(tenantMigrationsFolder)
  const limit = Math.max(1, opts.concurrency ?? DEFAULT_CONCURRENCY)
  const rows = (await deps.control.select().from(tenants).orderBy(tenants.provinceCode)).filter((row) => row.status !== 'provisioning')
  const report: MigrateAllReport = { migrated: [], failed: [], refused: null, identityRecorded: [] }
  const targets: Target[] = []
  await forEachBounded(rows, limit, async (row) => {
    let db: TenantDb | undefined
    try {
      db = deps.openTenant(deps.locate(row))
      if (SEEDED.has(row.status)) await assertProvinceIdentity(db, row)
      await useWalForFiles(db)
      targets.push({ row, db, through: await appliedThrough(db), applied: [] })
    } catch (err) {
      db?.$client.close()
      report.failed.push({ province: row.provinceCode, error: describeError(err) })
    }
  })
  targets.sort((a, b) => a.row.provinceCode.localeCompare(b.row.provinceCode))
  const healthy = () => targets.filter((t) => t.error === undefined)
  const applyUpTo = (end: number) =>
    forEachBounded(healthy(), limit, async (t) => {
      for (const [i, migration] of migrations.entries()) {
        if (i >= end || (t.through !== null && migration.when <= t.through)) continue
        try {
          await applyMigration(t.db, migration)
        } catch (err) {
          t.error = `${migration.tag}: ${describeError(err)}`
          return
        }
        t.through = migration.when
        t.applied.push(migration.tag)
      }
    })
  try {
    for (;;) {
      const lacking = (i: number) => targets.some((t) => t.through === null || migrations[i]!.when > t.through)
      const contract = migrations.findIndex((m, i) => m.contract && lacking(i))
      await applyUpTo(contract === -1 ? migrations.length : contract)
      if (contract === -1) break
      const before = contract > 0 ? migrations[contract - 1]!.when : null
      const behind = [
        ...targets.filter((t) => t.error !== undefined || (before !== null && (t.through ?? 0) < before)).map((t) => t.row.provinceCode),
        ...report.failed.map((f) => f.province),
      ]
      if (behind.length > 0) {
        report.refused = {
          contract: migrations[contract]!.tag,
          behind: [...new Set(behind)]
            .sort()
            .map((province) => ({ province, at: tagAt(migrations, targets.find((t) => t.row.provinceCode === province)?.through) })),
        }
        break
      }
      await applyUpTo(contract + 1)
    }
    for (const t of targets) {
      if (t.error !== undefined) {
        report.failed.push({ province: t.row.provinceCode, error: t.error })
        continue
      }
      const schemaVersion = tagAt(migrations, t.through) ?? 'none'
      if (schemaVersion !== t.row.schemaVersion) {
        await deps.control.update(tenants).set({ schemaVersion, updatedAt: deps.now() }).where(eq(tenants.provinceCode, t.row.provinceCode))
      }
      if (SEEDED.has(t.row.status) && (await backfillDatabaseId(deps.control, t.db, t.row))) report.identityRecorded.push(t.row.provinceCode)
      report.migrated.push({ province: t.row.provinceCode, schemaVersion, applied: t.applied })
    }
  } finally {
    for (const t of targets) t.db.$client.close()
  }
  report.failed.sort((a, b) => a.province.localeCompare(b.province))
  return report
}

function tagAt(migrations: readonly Migration[], through: number | null | undefined): string | null {
  if (through == null) return null
  return migrations.findLast((m) => m.when <= through)?.tag ?? null
}

/** Runs fn over items with at most `limit` at once. */
async function forEachBounded<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!)
  }
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker))
}

/**
 * The driver's error on one line: drizzle wraps it in "Failed query: <the whole migration SQL>", and the
 * driver's own error (with its SQLITE_* code) may wrap a bare native message.
 */
function describeError(err: unknown): string {
  const chain: Error[] = []
  for (let e: unknown = err; e instanceof Error && chain.length < 10; e = e.cause) chain.push(e)
  const coded = chain.find((e) => 'code' in e && typeof e.code === 'string')
  const chosen = coded ?? chain.at(-1)
  const message = chosen ? chosen.message : String(err)
  return message.replace(/\s+/g, ' ').trim().slice(0, 300)
}
