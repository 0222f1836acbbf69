// Applies committed migrations one at a time, the way drizzle's libSQL migrator records them (the same
// `__drizzle_migrations` rows: sha256 of the file, the journal's `when`), so databases migrated by either agree.
// No Node imports: the Worker's onboarding runs it with the bundled SQL (db/tenant/migrations/bundle.ts).
import { sql } from 'drizzle-orm'
import type { LibSQLDatabase } from 'drizzle-orm/libsql'
import type { Client } from '@libsql/client'

export interface Migration {
  /** The journal's tag, e.g. "0009_import_locks". */
  tag: string
  /** The journal's `when`: what a database records as `created_at`, and what "applied" is compared by. */
  when: number
  /** sha256 of the SQL file, as drizzle stores it. */
  hash: string
  statements: string[]
  /**
   * A contract step (its first line is `-- contract`): removes what an older release still reads. It runs only
   * once every database has applied everything before it (decision 0031).
   */
  contract: boolean
}

/** The first line that marks a contract migration. */
export const CONTRACT_MARK = '-- contract'

export function isContractSql(text: string): boolean {
  return text.trimStart().split('\n', 1)[0]?.trim().toLowerCase() === CONTRACT_MARK
}

// biome-ignore lint/suspicious/noExplicitAny: any schema; only the raw client and sql are used
type AnyDb = LibSQLDatabase<any> & { $client: Client }

const CREATE_TABLE = sql.raw('CREATE TABLE IF NOT EXISTS "__drizzle_migrations" (id SERIAL PRIMARY KEY, hash text NOT NULL, created_at numeric)')

/** `when` of the newest migration the database has applied, or null for a database never migrated. */
export async function appliedThrough(db: AnyDb): Promise<number | null> {
  await db.run(CREATE_TABLE)
  const rows = await db.values<[unknown]>(sql.raw('SELECT max(created_at) FROM "__drizzle_migrations"'))
  const value = rows[0]?.[0]
  return value == null ? null : Number(value)
}

/** The migrations a database that applied everything through `applied` still lacks, in order. */
export function pendingAfter(migrations: readonly Migration[], applied: number | null): Migration[] {
  return migrations.filter((m) => applied === null || m.when > applied)
}

/** One migration and its record, atomically (libSQL's migrate: one batch in a transaction, foreign keys off). */
export async function applyMigration(db: AnyDb, migration: Migration): Promise<void> {
  await db.$client.migrate([
    ...migration.statements.filter((s) => s.trim() !== '').map((s) => ({ sql: s, args: [] })),
    { sql: 'INSERT INTO "__drizzle_migrations" ("hash", "created_at") VALUES (?, ?)', args: [migration.hash, migration.when] },
  ])
}

/** Every pending migration, in order; returns the tags applied. Onboarding uses it on a new database. */
export async function applyPending(db: AnyDb, migrations: readonly Migration[]): Promise<string[]> {
  const applied: string[] = []
  for (const migration of pendingAfter(migrations, await appliedThrough(db))) {
    await applyMigration(db, migration)
    applied.push(migration.tag)
  }
  return applied
}
