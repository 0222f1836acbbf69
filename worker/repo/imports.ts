import { and, desc, eq, inArray, or, sql } from 'drizzle-orm'
import { chunk } from '../../db/batch.ts'
import { importRows, imports, persons } from '../../db/tenant/schema/index.ts'
import type { TenantDb, TenantTx } from '../../db/types.ts'
import type { RejectionReason } from '../import/analyse-rows.ts'

export type ImportRecordRow = typeof imports.$inferSelect
export type ImportRowRow = typeof importRows.$inferInsert

/** Persons per INSERT: 20 columns each stays far below SQLite's bound-parameter limit. */
const PERSONS_PER_INSERT = 200
const ROWS_PER_INSERT = 1_000

export function presentImport(row: ImportRecordRow) {
  return {
    id: row.id,
    fileHash: row.fileHash,
    fileName: row.fileName,
    format: row.format,
    scope: row.scope ? row.scope.split(',') : null,
    rowsTotal: row.rowsTotal,
    imported: row.imported,
    rejected: row.rejected,
    rejectedByReason: JSON.parse(row.rejectedByReason) as Partial<Record<RejectionReason, number>>,
    createdAt: row.createdAt.toISOString(),
    createdBy: row.createdBy,
  }
}

/** An import's writes, in the caller's transaction: the people it adds, its record, then one row per file row. */
export async function insertImport(
  tx: TenantTx,
  write: { persons: readonly (typeof persons.$inferInsert)[]; record: typeof imports.$inferInsert; rows: readonly ImportRowRow[] },
) {
  for (const group of chunk(write.persons, PERSONS_PER_INSERT)) await tx.insert(persons).values(group)
  await tx.insert(imports).values(write.record)
  for (const group of chunk(write.rows, ROWS_PER_INSERT)) await tx.insert(importRows).values(group)
}

export async function findImport(db: TenantDb, id: string): Promise<ImportRecordRow | undefined> {
  const [row] = await db.select().from(imports).where(eq(imports.id, id))
  return row
}

/** Earlier imports of a file, newest first. */
export async function importsOfFile(db: TenantDb, fileHash: string): Promise<ImportRecordRow[]> {
  return db.select().from(imports).where(eq(imports.fileHash, fileHash)).orderBy(desc(imports.createdAt))
}

export async function latestImportOfFile(db: TenantDb, fileHash: string): Promise<ImportRecordRow | undefined> {
  const [row] = await db.select().from(imports).where(eq(imports.fileHash, fileHash)).orderBy(desc(imports.createdAt)).limit(1)
  return row
}

/** Imports, newest first; a commune officer sees the ones they made. Keyset pages on (createdAt, id). */
export async function listImports(db: TenantDb, filter: { createdBy: string | null; after?: { createdAt: Date; id: string } | undefined; limit: number }) {
  const rows = await db
    .select()
    .from(imports)
    .where(
      and(
        filter.createdBy ? eq(imports.createdBy, filter.createdBy) : undefined,
        // A row value: SQLite seeks to it on imports_created_idx / imports_creator_created_idx.
        filter.after ? sql`(${imports.createdAt}, ${imports.id}) < (${filter.after.createdAt.getTime()}, ${filter.after.id})` : undefined,
      ),
    )
    .orderBy(desc(imports.createdAt), desc(imports.id))
    .limit(filter.limit + 1)
  return rows
}

/**
 * An import's rows in file order: for an imported row, the person it created (only people in `communes`
 * when given: a commune officer sees no one outside their communes); for a rejected row, the columns and reasons.
 */
export async function listImportRows(
  db: TenantDb,
  importId: string,
  filter: { communes: readonly string[] | null; outcome?: 'imported' | 'rejected' | undefined; afterRow?: number | undefined; limit: number },
) {
  const rows = await db
    .select({
      rowNumber: importRows.rowNumber,
      outcome: importRows.outcome,
      problems: importRows.problems,
      personId: persons.id,
      fullName: persons.fullName,
      communeCode: persons.communeCode,
      category: persons.category,
      status: persons.status,
    })
    .from(importRows)
    .leftJoin(persons, eq(persons.id, importRows.personId))
    .where(
      and(
        eq(importRows.importId, importId),
        filter.outcome ? eq(importRows.outcome, filter.outcome) : undefined,
        filter.afterRow !== undefined ? sql`${importRows.rowNumber} > ${filter.afterRow}` : undefined,
        filter.communes ? or(eq(importRows.outcome, 'rejected'), inArray(persons.communeCode, [...filter.communes])) : undefined,
      ),
    )
    .orderBy(importRows.rowNumber)
    .limit(filter.limit + 1)
  return rows.map((r) => ({
    rowNumber: r.rowNumber,
    outcome: r.outcome,
    problems: r.problems ? (JSON.parse(r.problems) as { column: string | null; reason: RejectionReason }[]) : null,
    person: r.personId ? { id: r.personId, fullName: r.fullName!, communeCode: r.communeCode!, category: r.category!, status: r.status! } : null,
  }))
}
