// What makes a file (or a Turso database) this province's database: checked every time one is opened, on Node
// and in the Worker alike (decision 0017). No Node imports.
import { sql } from 'drizzle-orm'
import { isCorruptionError } from '../sqlite-errors.ts'
import type { TenantDb } from '../types.ts'
import { tenantMigrations } from './migrations/bundle.ts'

/** tenant_meta keys of the identity marker, written when the province is seeded at onboarding. */
export const PROVINCE_CODE_KEY = 'province_code'
export const DATABASE_ID_KEY = 'database_id'

/**
 * The newest tenant migration this code needs: a database must have applied it (a newer one is accepted, so the
 * order migrate → deploy never takes provinces down). A contract migration is not needed by the code it ships
 * with — that code already stopped using what it removes — so a province that db:migrate held before a contract
 * step (decision 0031) is still served.
 */
export const EXPECTED_TENANT_MIGRATION: { tag: string; when: number } = (() => {
  const last = tenantMigrations.findLast((m) => !m.contract)
  if (!last) throw new Error('Tenant migrations journal has no entries')
  return { tag: last.tag, when: last.when }
})()

/**
 * Why a province database cannot be served. Stable snake_case: logged, stored in the registry (`db_fault`),
 * shown on the central admin's Provinces screen.
 */
export type TenantDbProblem =
  /** Node: no file where the registry says (deleted, moved, never restored). */
  | 'database_missing'
  /** No identity marker: an empty file, or a database that was never onboarded as a province. */
  | 'not_a_province_database'
  /** The marker names another province, or another copy (database id) of this one. */
  | 'identity_mismatch'
  /** Its migrations stop before the code's newest one. */
  | 'schema_outdated'
  /** SQLite says the file is damaged (SQLITE_CORRUPT, SQLITE_NOTADB), on open or under a request. */
  | 'database_corrupt'
  | 'quick_check_failed'
  | 'integrity_check_failed'
  /** Anything else: network, permissions, I/O, a client that cannot be made. */
  | 'unreachable'
  /** The quick or full check did not finish within its bound (not evidence of damage: never recorded). */
  | 'check_timed_out'

/**
 * Damage found by reading the data: it stays recorded (503 on every route, in every process) until a full
 * check passes (the daily job, `npm run tenant:check`). Every other problem is looked at again on each open.
 */
export function isCorruption(problem: string | null | undefined): boolean {
  return problem === 'database_corrupt' || problem === 'quick_check_failed' || problem === 'integrity_check_failed'
}

export interface ExpectedIdentity {
  provinceCode: string
  /** The registry's id; null for a province onboarded before ids existed (then only the code is compared). */
  databaseId: string | null
}

export interface TenantIdentity {
  provinceCode: string | null
  databaseId: string | null
  /** `created_at` of the newest applied migration (drizzle stores the journal's `when`), or null. */
  migratedAt: number | null
}

// One round trip: a missing table (an empty file) fails the whole statement, which is what we want.
const IDENTITY_SQL = sql.raw(
  `select (select value from tenant_meta where key = '${PROVINCE_CODE_KEY}') as province_code, ` +
    `(select value from tenant_meta where key = '${DATABASE_ID_KEY}') as database_id, ` +
    `(select max(created_at) from __drizzle_migrations) as migrated_at`,
)

export async function readTenantIdentity(db: TenantDb): Promise<TenantIdentity> {
  const [row] = await db.all<{ province_code: unknown; database_id: unknown; migrated_at: unknown }>(IDENTITY_SQL)
  const text = (value: unknown) => (typeof value === 'string' ? value : null)
  const migratedAt = row?.migrated_at == null ? null : Number(row.migrated_at)
  return { provinceCode: text(row?.province_code), databaseId: text(row?.database_id), migratedAt: Number.isFinite(migratedAt) ? migratedAt : null }
}

/** The open-time check: identity marker and schema version. Null when the database may be served. */
export async function checkTenantIdentity(db: TenantDb, expected: ExpectedIdentity): Promise<TenantDbProblem | null> {
  let identity: TenantIdentity
  try {
    identity = await readTenantIdentity(db)
  } catch (err) {
    return classifyDbError(err)
  }
  if (identity.provinceCode === null) return 'not_a_province_database'
  if (identity.provinceCode !== expected.provinceCode) return 'identity_mismatch'
  if (expected.databaseId !== null && identity.databaseId !== expected.databaseId) return 'identity_mismatch'
  if (identity.migratedAt === null || identity.migratedAt < EXPECTED_TENANT_MIGRATION.when) return 'schema_outdated'
  return null
}

function classifyDbError(err: unknown): TenantDbProblem {
  if (isCorruptionError(err)) return 'database_corrupt'
  // "no such table: tenant_meta" (or __drizzle_migrations): a file that was never a migrated province database.
  const messages: string[] = []
  for (let e = err, depth = 0; e instanceof Error && depth < 6; e = e.cause, depth++) messages.push(e.message)
  if (messages.some((m) => /no such table/i.test(m))) return 'not_a_province_database'
  return 'unreachable'
}
