import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { eq } from 'drizzle-orm'
import { migrate } from 'drizzle-orm/libsql/migrator'
import { tenants } from '../control/schema/index.ts'
import type { ControlDb, DbLocation, TenantDb } from '../types.ts'
import { assertProvinceIdentity, backfillDatabaseId } from './backfill-identity.ts'

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

export interface MigrateAllReport {
  migrated: { province: string; schemaVersion: string }[]
  failed: { province: string; error: string }[]
  /** Provinces onboarded before database ids that got one in this run (backfillDatabaseId). */
  identityRecorded: string[]
}

/** Seeded provinces carry an identity marker; before that, onboarding is still filling the database. */
const SEEDED = new Set(['seeded', 'active', 'suspended'])

/**
 * Upgrades every provisioned tenant; one province's failure is reported and the others still run. A missing
 * file is a failure, never a new empty database (deps.openTenant refuses it), and a seeded province's file must
 * carry its marker before it is touched; provinces onboarded before database ids get one here.
 */
export async function migrateAllTenants(deps: MigrateAllDeps): Promise<MigrateAllReport> {
  const rows = await deps.control.select().from(tenants).orderBy(tenants.provinceCode)
  const report: MigrateAllReport = { migrated: [], failed: [], identityRecorded: [] }
  for (const row of rows) {
    if (row.status === 'provisioning') continue // no database yet; onboarding will migrate it
    try {
      const db = deps.openTenant(deps.locate(row))
      try {
        if (SEEDED.has(row.status)) await assertProvinceIdentity(db, row)
        const schemaVersion = await migrateTenantDb(db)
        if (schemaVersion !== row.schemaVersion) {
          await deps.control.update(tenants).set({ schemaVersion, updatedAt: deps.now() }).where(eq(tenants.provinceCode, row.provinceCode))
        }
        if (SEEDED.has(row.status) && (await backfillDatabaseId(deps.control, db, row))) report.identityRecorded.push(row.provinceCode)
        report.migrated.push({ province: row.provinceCode, schemaVersion })
      } finally {
        db.$client.close()
      }
    } catch (err) {
      report.failed.push({ province: row.provinceCode, error: describeError(err) })
    }
  }
  return report
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
