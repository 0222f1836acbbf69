import { Hono, type Context } from 'hono'
import * as v from 'valibot'
import { auditContextOf } from '../audit-context.ts'
import { auditRead, readEntry } from '../reads.ts'
import { together } from '../../db/pipelined-client.ts'
import { vietnamToday } from '../../kernel/calendar.ts'
import { withoutUnsafeCharacters } from '../../kernel/text-hygiene.ts'
import { AppError } from '../errors.ts'
import type { AppEnv } from '../env.ts'
import { rejectedRowsWorkbook, templateWorkbook } from '../import/workbooks.ts'
import { addressExample } from '../repo/communes.ts'
import { actorOf, guard } from '../middleware/auth.ts'
import { canSeeImport, communeScope, importOwnerScope } from '../policy.ts'
import { CommuneCode } from '../schemas/common.ts'
import { parseOrThrow, validate } from '../schemas/validate.ts'
import { auditedAnalysis } from '../services/import-audit.ts'
import {
  citizenIdsOf,
  commitImport,
  IMPORT_LIMITS,
  importReferences,
  parseUpload,
  presentAnalysis,
  withoutRegistered,
  type ImportAnalysis,
  type ImportRequest,
} from '../services/imports.ts'
import { registeredCitizenIds } from '../repo/persons.ts'
import { findImport, importsOfFile, listImportRows, listImports, presentImport } from '../repo/imports.ts'
import { withImportLock } from '../repo/import-locks.ts'

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
const MAX_MB = IMPORT_LIMITS.maxBytes / 1024 / 1024

/** multipart/form-data: `file` (CSV or XLSX) and, optionally, `resolutions` — {"row number": "commune code"} for ambiguous rows. */
const UploadBody = v.object({
  file: v.pipe(v.file('must be a CSV or XLSX file (multipart field "file")'), v.maxSize(IMPORT_LIMITS.maxBytes, `must be at most ${MAX_MB} MB`)),
  resolutions: v.optional(
    v.pipe(
      v.string(),
      v.parseJson(undefined, 'must be JSON: {"row number": "commune code"}'),
      v.record(v.pipe(v.string(), v.regex(/^\d{1,6}$/, 'must be a row number')), CommuneCode),
      v.transform((r) => new Map(Object.entries(r).map(([row, code]) => [Number(row), code]))),
    ),
  ),
})

const ImportQuery = v.object({
  /** A dry run previews everything and changes nothing. */
  dryRun: v.optional(v.picklist(['true', 'false'], 'must be true or false'), 'false'),
})

const ImportParams = v.object({ province: v.string(), importId: v.pipe(v.string(), v.uuid('must be an import id')) })

const ListQuery = v.object({
  cursor: v.optional(v.pipe(v.string(), v.maxLength(200), v.regex(/^\d{13}_[0-9a-f-]{36}$/, 'is not a cursor from this API'))),
  limit: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d+$/, 'must be a whole number'),
      v.transform(Number),
      v.minValue(1, 'must be at least 1'),
      v.maxValue(100, 'must be at most 100'),
    ),
    '20',
  ),
})

const RowsQuery = v.object({
  outcome: v.optional(v.picklist(['imported', 'rejected'], 'must be imported or rejected')),
  cursor: v.optional(v.pipe(v.string(), v.regex(/^\d{1,7}$/, 'is not a cursor from this API'), v.transform(Number))),
  limit: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d+$/, 'must be a whole number'),
      v.transform(Number),
      v.minValue(1, 'must be at least 1'),
      v.maxValue(500, 'must be at most 500'),
    ),
    '100',
  ),
})

/** File names are shown in the history: kept short, and without what the text rule refuses (never refused for it). */
const fileNameOf = (name: string) => withoutUnsafeCharacters(name).slice(0, 200)

/** The upload as sent (read in full before anything else, so an early answer never cuts a browser's upload). */
async function readUpload(c: Context<AppEnv>): Promise<ImportRequest> {
  const type = c.req.header('content-type') ?? ''
  if (!/^multipart\/form-data/i.test(type)) throw new AppError('unsupported_media_type', 415, 'Send the file as multipart/form-data (field "file")')
  const body = parseOrThrow(UploadBody, await c.req.parseBody(), 'form')
  const actor = actorOf(c)
  return {
    bytes: new Uint8Array(await body.file.arrayBuffer()),
    fileName: body.file.name ? fileNameOf(body.file.name) : null,
    scope: communeScope(actor),
    provinceName: c.var.tenant.name,
    today: vietnamToday(c.var.deps.clock.now()),
    resolutions: body.resolutions ?? new Map(),
  }
}

type Release = () => Promise<void>

/**
 * The upload read and parsed (every row checked, nothing written; the citizen IDs already registered not yet
 * looked up), holding the user's one import at a time.
 */
async function parseUploadLocked<T>(c: Context<AppEnv>, use: (request: ImportRequest, parsed: ImportAnalysis, release: Release) => Promise<T>): Promise<T> {
  const request = await readUpload(c)
  const db = c.var.tenant.db
  return withImportLock(
    db,
    actorOf(c).userId,
    c.var.deps.clock.now(),
    {
      load: () => importReferences(db),
      run: async (references, release) => use(request, await parseUpload(request, references, c.var.deps.parseImport), release),
    },
    (err) => c.var.log.warn('import_lock_release_failed', { errorName: err instanceof Error ? err.name : 'unknown' }),
  )
}

// The import commit's repeat entry, written after the registered IDs' read (the excepted route, decision 0049).
const countsOf = (analysis: ImportAnalysis) => ({
  rows: analysis.accepted.length + analysis.rejected.length,
  accepted: analysis.accepted.length,
  rejected: analysis.rejected.length,
  file: analysis.fileHash.slice(0, 16),
})

// The lock is released in the entry's round trip: the analysis it bounds is done by then.
async function answerPreview(c: Context<AppEnv>, parsed: ImportAnalysis, release: Release) {
  const db = c.var.tenant.db
  const { analysis, beside } = await auditedAnalysis(
    db,
    parsed,
    (details) => readEntry(c, 'import.preview', { type: 'import', id: null }, details),
    () => together(db, () => importsOfFile(db, parsed.fileHash), release),
  )
  return c.json({ data: { dryRun: true, ...presentAnalysis(analysis, beside[0]) } })
}

async function answerCommit(c: Context<AppEnv>, request: ImportRequest, parsed: ImportAnalysis) {
  const db = c.var.tenant.db
  const analysis = withoutRegistered(parsed, await registeredCitizenIds(db, citizenIdsOf(parsed)))
  const result = await commitImport(db, auditContextOf(c), analysis, request)
  const preview = presentAnalysis(analysis, await importsOfFile(db, analysis.fileHash))
  if (result.kind === 'already_imported') {
    await auditRead(c, 'import.repeat', { type: 'import', id: result.record.id }, countsOf(analysis))
    return c.json({ data: { dryRun: false, alreadyImported: true, import: presentImport(result.record), ...preview } })
  }
  return c.json({ data: { dryRun: false, alreadyImported: false, import: presentImport(result.record), ...preview } }, 201)
}

// The refused rows' file is written from the analysis in memory, after the release (decision 0019's addendum of 2026-12-07).
async function answerRejectedRows(c: Context<AppEnv>, parsed: ImportAnalysis, release: Release) {
  const { analysis } = await auditedAnalysis(
    c.var.tenant.db,
    parsed,
    (details) => readEntry(c, 'import.rejected_download', { type: 'import', id: null }, details),
    release,
  )
  return xlsxResponse(c, rejectedRowsWorkbook(analysis.table, analysis.rejected), 'dong-bi-tu-choi.xlsx')
}

const xlsxResponse = (c: Context<AppEnv>, bytes: Uint8Array, fileName: string) =>
  c.body(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength) as ArrayBuffer, 200, {
    'Content-Type': XLSX_TYPE,
    'Content-Disposition': `attachment; filename="${fileName}"`,
  })

/** Legacy-list import under /api/p/:province/imports (README "Legacy import"). */
export const importRoutes = new Hono<AppEnv>()
  .get('/template.xlsx', guard('person:import'), async (c) =>
    xlsxResponse(c, templateWorkbook(await addressExample(c.var.tenant.db), c.var.tenant.name), 'mau-danh-sach-binh-an.xlsx'),
  )
  .post('/', guard('person:import'), validate('query', ImportQuery), (c) =>
    parseUploadLocked(c, async (request, parsed, release) => {
      if (c.req.valid('query').dryRun === 'true') return answerPreview(c, parsed, release)
      return answerCommit(c, request, parsed)
    }),
  )
  .post('/rejected', guard('person:import'), (c) => parseUploadLocked(c, (_request, parsed, release) => answerRejectedRows(c, parsed, release)))
  .get('/', guard('person:read'), validate('query', ListQuery), async (c) => {
    const { cursor, limit } = c.req.valid('query')
    const actor = actorOf(c)
    const [at, id] = cursor ? cursor.split('_') : []
    const rows = await listImports(c.var.tenant.db, {
      createdBy: importOwnerScope(actor),
      after: at && id ? { createdAt: new Date(Number(at)), id } : undefined,
      limit,
    })
    const page = rows.slice(0, limit)
    const last = page.at(-1)
    return c.json({ data: page.map(presentImport), next: rows.length > limit && last ? `${last.createdAt.getTime()}_${last.id}` : null })
  })
  .get('/:importId', guard('person:read'), validate('param', ImportParams), async (c) => {
    const record = await visibleImport(c, c.req.valid('param').importId)
    return c.json({ data: presentImport(record) })
  })
  .get('/:importId/rows', guard('person:read'), validate('param', ImportParams), validate('query', RowsQuery), async (c) => {
    const { importId } = c.req.valid('param')
    const { outcome, cursor, limit } = c.req.valid('query')
    // The rows are read beside the import (one round trip on a remote database) and answered only once it is visible.
    const [record, rows] = await Promise.all([
      visibleImport(c, importId),
      listImportRows(c.var.tenant.db, importId, { communes: communeScope(actorOf(c)), outcome, afterRow: cursor, limit }),
    ])
    const page = rows.slice(0, limit)
    await auditRead(c, 'import.rows.read', { type: 'import', id: record.id }, { count: page.length })
    return c.json({ data: page, next: rows.length > limit ? String(page.at(-1)!.rowNumber) : null })
  })

/** A commune officer sees the imports they made; others of the province answer 404 like any record out of scope. */
async function visibleImport(c: Context<AppEnv>, id: string) {
  const record = await findImport(c.var.tenant.db, id)
  const actor = actorOf(c)
  if (!record || !canSeeImport(actor, record.createdBy)) throw new AppError('not_found', 404, 'Not found')
  return record
}
