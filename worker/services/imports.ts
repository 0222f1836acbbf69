import { encodeHexLowerCase } from '@oslojs/encoding'
import { and, desc, eq, inArray, lt, or, sql } from 'drizzle-orm'
import { chunk } from '../../db/batch.ts'
import { appendAudit, writeTransaction } from '../../db/audit/append-audit.ts'
import { communeMappings, communes, importRows, imports, persons } from '../../db/tenant/schema/index.ts'
import type { TenantDb, TenantTx } from '../../db/types.ts'
import type { AuditContext } from '../audit-context.ts'
import { fieldError } from '../errors.ts'
import { parseInline, type FileProblem, type FormulaCells, type ImportParser } from '../import/analyse-file.ts'
import type { AcceptedRow, RejectedRow, RejectionReason } from '../import/analyse-rows.ts'
import type { ColumnMatch } from '../import/columns.ts'
import type { RawTable } from '../import/read-table.ts'
import { newPersonRow } from '../repo/persons.ts'

/** Stated in README ("Legacy import"): a province's list of 10,000+ people fits in a few MB. */
export const IMPORT_LIMITS = {
  maxBytes: 10 * 1024 * 1024,
  maxRows: 20_000,
  /**
   * The parts of an XLSX that are read (workbook, sheet, shared strings), unpacked, checked while inflating
   * (decision 0019): 20,000 rows of 12 filled columns take ~24 MB, and the worst case to scan stays ~3 s of CPU.
   */
  maxUncompressedBytes: 50 * 1024 * 1024,
} as const

/** Problem rows the preview lists in full; all of them are in the rejected-rows download. */
export const PREVIEW_PROBLEM_ROWS = 1_000
/** Accepted rows the preview shows, so the officer can check that names and communes came out right. */
export const PREVIEW_ACCEPTED_ROWS = 50

export interface ImportRequest {
  bytes: Uint8Array
  fileName: string | null
  /** Null: the whole province; otherwise the communes the caller may write to. */
  scope: readonly string[] | null
  provinceName: string
  today: string
  resolutions: ReadonlyMap<number, string>
}

export interface ImportAnalysis {
  fileHash: string
  table: RawTable
  columns: ColumnMatch
  accepted: AcceptedRow[]
  rejected: RejectedRow[]
  formulaCells: FormulaCells
  communeNames: ReadonlyMap<string, string>
}

const fileProblem = ({ code, message, ...extra }: FileProblem) => fieldError('file', message, { code, ...extra })

/**
 * Reads, maps and checks every row; writes nothing. The reading and checking run where `parse` runs them
 * (a worker thread on Node, inline on Workers); the database is read here, before and after.
 */
export async function analyseImport(db: TenantDb, request: ImportRequest, parse: ImportParser = parseInline): Promise<ImportAnalysis> {
  const [communeRows, mappingRows] = await Promise.all([
    db.select({ code: communes.code, name: communes.name }).from(communes),
    db
      .select({
        oldName: communeMappings.oldName,
        oldDistrictName: communeMappings.oldDistrictName,
        oldProvinceName: communeMappings.oldProvinceName,
        newCode: communeMappings.newCode,
        newName: communeMappings.newName,
      })
      .from(communeMappings),
  ])
  const fileHash = await sha256Hex(request.bytes)
  const outcome = await parse({
    bytes: request.bytes,
    limits: { maxRows: IMPORT_LIMITS.maxRows, maxUncompressedBytes: IMPORT_LIMITS.maxUncompressedBytes },
    provinceName: request.provinceName,
    communes: communeRows,
    mappings: mappingRows,
    scope: request.scope,
    today: request.today,
    resolutions: request.resolutions,
  })
  if (!outcome.ok) throw fileProblem(outcome.problem)
  const { table, columns, formulaCells } = outcome
  const { accepted, rejected } = await withoutRegistered(db, outcome.accepted, outcome.rejected, columns)
  return { fileHash, table, columns, accepted, rejected, formulaCells, communeNames: new Map(communeRows.map((c) => [c.code, c.name])) }
}

/** Rows whose citizen ID the province already has move to the rejected ones ("already registered"). */
async function withoutRegistered(db: TenantDb | TenantTx, accepted: readonly AcceptedRow[], rejected: readonly RejectedRow[], columns: ColumnMatch) {
  const taken = new Set<string>()
  for (const ids of chunk(
    accepted.map((r) => r.person.citizenId),
    500,
  )) {
    for (const row of await db.select({ citizenId: persons.citizenId }).from(persons).where(inArray(persons.citizenId, ids))) taken.add(row.citizenId)
  }
  if (taken.size === 0) return { accepted: [...accepted], rejected: [...rejected] }
  const column = columns.headers.citizenId ?? null
  const nowRejected: RejectedRow[] = accepted
    .filter((r) => taken.has(r.person.citizenId))
    .map((r) => ({
      rowNumber: r.rowNumber,
      problems: [{ column, field: 'citizenId', reason: 'already_registered', message: 'is already registered in the province' }],
    }))
  return {
    accepted: accepted.filter((r) => !taken.has(r.person.citizenId)),
    rejected: [...rejected, ...nowRejected].sort((a, b) => a.rowNumber - b.rowNumber),
  }
}

export function countByReason(rejected: readonly RejectedRow[]): Partial<Record<RejectionReason, number>> {
  const counts: Partial<Record<RejectionReason, number>> = {}
  // A row counts once, under its first reason: the counts add up to the rejected rows.
  for (const row of rejected) {
    const reason = row.problems[0]?.reason
    if (reason) counts[reason] = (counts[reason] ?? 0) + 1
  }
  return counts
}

async function sha256Hex(bytes: Uint8Array): Promise<string> {
  return encodeHexLowerCase(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes as Uint8Array<ArrayBuffer>)))
}

/** The preview: counts, the problem rows, a sample of what would be imported, and earlier imports of this file. */
export async function presentAnalysis(db: TenantDb, analysis: ImportAnalysis) {
  const previous = await db.select().from(imports).where(eq(imports.fileHash, analysis.fileHash)).orderBy(desc(imports.createdAt))
  return {
    fileHash: analysis.fileHash,
    format: analysis.table.format,
    encoding: analysis.table.encoding,
    sheetName: analysis.table.sheetName,
    columns: Object.fromEntries(Object.entries(analysis.columns.headers)),
    ignoredColumns: analysis.columns.unknown,
    counts: {
      rows: analysis.accepted.length + analysis.rejected.length,
      accepted: analysis.accepted.length,
      rejected: analysis.rejected.length,
      byReason: countByReason(analysis.rejected),
      mappedFromOldAddress: analysis.accepted.filter((r) => r.communeVia === 'old').length,
      formulaCells: analysis.formulaCells.count,
    },
    problems: analysis.rejected.slice(0, PREVIEW_PROBLEM_ROWS),
    problemsTruncated: analysis.rejected.length > PREVIEW_PROBLEM_ROWS,
    /** Cells beginning with = + - @: imported as text, exported as text (decision 0019). */
    formulaCells: analysis.formulaCells.cells,
    formulaCellsTruncated: analysis.formulaCells.count > analysis.formulaCells.cells.length,
    accepted: analysis.accepted.slice(0, PREVIEW_ACCEPTED_ROWS).map((r) => ({
      rowNumber: r.rowNumber,
      fullName: r.person.fullName,
      birthDate: r.person.birthDate,
      category: r.person.category,
      communeCode: r.person.communeCode,
      communeName: analysis.communeNames.get(r.person.communeCode) ?? null,
      communeVia: r.communeVia,
    })),
    previousImports: previous.map(presentImport),
  }
}

/** Persons per INSERT: 20 columns each stays far below SQLite's bound-parameter limit. */
const PERSONS_PER_INSERT = 200
const ROWS_PER_INSERT = 1_000

export type CommitResult = { kind: 'imported'; record: typeof imports.$inferSelect } | { kind: 'already_imported'; record: typeof imports.$inferSelect }

/**
 * All accepted rows or none, in one transaction with the import's record, its rows and the audit entry. A file
 * imported before adds nothing: its people are found by citizen ID (checked again inside the transaction, so
 * two simultaneous commits cannot both add a person), and when nothing is left to add the earlier import is
 * answered instead of recording an empty one.
 */
export async function commitImport(
  db: TenantDb,
  ctx: AuditContext,
  analysis: ImportAnalysis,
  request: Pick<ImportRequest, 'fileName' | 'scope'>,
): Promise<CommitResult> {
  const importId = crypto.randomUUID()
  const outcome = await writeTransaction(db, async (tx) => {
    const { accepted, rejected } = await withoutRegistered(tx, analysis.accepted, analysis.rejected, analysis.columns)
    if (accepted.length === 0) return { accepted, rejected }
    const personIds = new Map<number, string>()
    for (const group of chunk(accepted, PERSONS_PER_INSERT)) {
      await tx.insert(persons).values(
        group.map((row) => {
          const id = crypto.randomUUID()
          personIds.set(row.rowNumber, id)
          return newPersonRow(id, row.person, ctx)
        }),
      )
    }
    await tx.insert(imports).values({
      id: importId,
      fileHash: analysis.fileHash,
      fileName: request.fileName,
      format: analysis.table.format,
      scope: request.scope ? request.scope.join(',') : null,
      rowsTotal: accepted.length + rejected.length,
      imported: accepted.length,
      rejected: rejected.length,
      rejectedByReason: JSON.stringify(countByReason(rejected)),
      createdAt: ctx.at,
      createdBy: ctx.actorId,
    })
    const rowRecords = [
      ...accepted.map((r) => ({ importId, rowNumber: r.rowNumber, outcome: 'imported' as const, personId: personIds.get(r.rowNumber)!, problems: null })),
      ...rejected.map((r) => ({
        importId,
        rowNumber: r.rowNumber,
        outcome: 'rejected' as const,
        personId: null,
        problems: JSON.stringify(r.problems.map((p) => ({ column: p.column, reason: p.reason }))),
      })),
    ]
    for (const group of chunk(rowRecords, ROWS_PER_INSERT)) await tx.insert(importRows).values(group)
    await appendAudit(tx, {
      ...ctx,
      action: 'import.commit',
      entityType: 'import',
      entityId: importId,
      outcome: 'success',
      details: { imported: accepted.length, rejected: rejected.length, file: analysis.fileHash.slice(0, 16) },
    })
    return { accepted, rejected }
  })
  if (outcome.accepted.length > 0) {
    const [record] = await db.select().from(imports).where(eq(imports.id, importId))
    return { kind: 'imported', record: record! }
  }
  const [earlier] = await db.select().from(imports).where(eq(imports.fileHash, analysis.fileHash)).orderBy(desc(imports.createdAt)).limit(1)
  if (earlier) return { kind: 'already_imported', record: earlier }
  throw fieldError('file', 'no row can be imported; fix the problem rows and upload again', { code: 'nothing_to_import' })
}

export function presentImport(row: typeof imports.$inferSelect) {
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

/** Imports, newest first; a commune officer sees the ones they made. Keyset pages on (createdAt, id). */
export async function listImports(db: TenantDb, filter: { createdBy: string | null; after?: { createdAt: Date; id: string } | undefined; limit: number }) {
  const rows = await db
    .select()
    .from(imports)
    .where(
      and(
        filter.createdBy ? eq(imports.createdBy, filter.createdBy) : undefined,
        filter.after
          ? or(lt(imports.createdAt, filter.after.createdAt), and(eq(imports.createdAt, filter.after.createdAt), lt(imports.id, filter.after.id)))
          : undefined,
      ),
    )
    .orderBy(desc(imports.createdAt), desc(imports.id))
    .limit(filter.limit + 1)
  return rows
}

export async function findImport(db: TenantDb, id: string) {
  const [row] = await db.select().from(imports).where(eq(imports.id, id))
  return row
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
