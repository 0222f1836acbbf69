import { encodeHexLowerCase } from '@oslojs/encoding'
import { appendAudit, writeTransaction } from '../../db/audit/append-audit.ts'
import type { TenantDb } from '../../db/types.ts'
import type { AuditContext } from '../audit-context.ts'
import { fieldError } from '../errors.ts'
import { parseInline, type FileProblem, type FormulaCells, type ImportParser } from '../import/analyse-file.ts'
import type { AcceptedRow, RejectedRow, RejectionReason } from '../import/analyse-rows.ts'
import type { ColumnMatch } from '../import/columns.ts'
import type { RawTable } from '../import/read-table.ts'
import { communeNames, listCommuneMappings } from '../repo/communes.ts'
import { findImport, insertImport, latestImportOfFile, presentImport, type ImportRecordRow } from '../repo/imports.ts'
import { newPersonRow, registeredCitizenIds } from '../repo/persons.ts'

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

/** What the rows are checked against: the province's communes and its old addresses' mapping. */
export interface ImportReferences {
  communes: Awaited<ReturnType<typeof communeNames>>
  mappings: Awaited<ReturnType<typeof listCommuneMappings>>
}

export async function importReferences(db: TenantDb): Promise<ImportReferences> {
  const [communes, mappings] = await Promise.all([communeNames(db, null), listCommuneMappings(db)])
  return { communes, mappings }
}

/**
 * Maps and checks every row against `references` (read before, beside the import lock); writes nothing. The
 * reading and checking run where `parse` runs them (a worker thread on Node, inline on Workers); the citizen IDs
 * already registered are not looked up yet (`withoutRegistered`).
 */
export async function parseUpload(
  request: ImportRequest,
  { communes: communeRows, mappings: mappingRows }: ImportReferences,
  parse: ImportParser = parseInline,
): Promise<ImportAnalysis> {
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
  const { table, columns, formulaCells, accepted, rejected } = outcome
  return { fileHash, table, columns, accepted, rejected, formulaCells, communeNames: new Map(communeRows.map((c) => [c.code, c.name])) }
}

/** The accepted rows' citizen IDs, each once. */
export const citizenIdsOf = (analysis: Pick<ImportAnalysis, 'accepted'>) => [...new Set(analysis.accepted.map((r) => r.person.citizenId))]

/** Rows whose citizen ID the province already has (`taken`) move to the rejected ones ("already registered"). */
export function withoutRegistered(analysis: ImportAnalysis, taken: ReadonlySet<string>): ImportAnalysis {
  const { accepted, rejected, columns } = analysis
  if (taken.size === 0) return { ...analysis, accepted: [...accepted], rejected: [...rejected] }
  const column = columns.headers.citizenId ?? null
  const nowRejected: RejectedRow[] = accepted
    .filter((r) => taken.has(r.person.citizenId))
    .map((r) => ({
      rowNumber: r.rowNumber,
      problems: [{ column, field: 'citizenId', reason: 'already_registered', message: 'is already registered in the province' }],
    }))
  return {
    ...analysis,
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

/** The preview: counts, the problem rows, a sample of what would be imported, and earlier imports of this file (`previous`). */
export function presentAnalysis(analysis: ImportAnalysis, previous: readonly ImportRecordRow[]) {
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

export type CommitResult = { kind: 'imported'; record: ImportRecordRow } | { kind: 'already_imported'; record: ImportRecordRow }

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
    const { accepted, rejected } = withoutRegistered(analysis, await registeredCitizenIds(tx, citizenIdsOf(analysis)))
    if (accepted.length === 0) return { accepted, rejected }
    const personIds = new Map(accepted.map((row) => [row.rowNumber, crypto.randomUUID()]))
    const record = {
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
    }
    const rows = [
      ...accepted.map((r) => ({ importId, rowNumber: r.rowNumber, outcome: 'imported' as const, personId: personIds.get(r.rowNumber)!, problems: null })),
      ...rejected.map((r) => ({
        importId,
        rowNumber: r.rowNumber,
        outcome: 'rejected' as const,
        personId: null,
        problems: JSON.stringify(r.problems.map((p) => ({ column: p.column, reason: p.reason }))),
      })),
    ]
    await insertImport(tx, { persons: accepted.map((row) => newPersonRow(personIds.get(row.rowNumber)!, row.person, ctx)), record, rows })
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
    const record = await findImport(db, importId)
    return { kind: 'imported', record: record! }
  }
  const earlier = await latestImportOfFile(db, analysis.fileHash)
  if (earlier) return { kind: 'already_imported', record: earlier }
  throw fieldError('file', 'no row can be imported; fix the problem rows and upload again', { code: 'nothing_to_import' })
}
