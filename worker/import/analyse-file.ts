import { looksLikeFormula } from '../../kernel/text-hygiene.ts'
import { createAddressMatcher, type AddressMatcherInput } from './address-matcher.ts'
import { analyseRows, type AcceptedRow, type RejectedRow } from './analyse-rows.ts'
import { COLUMN_SPECS, matchColumns, type ColumnMatch } from './columns.ts'
import { readTable, TableReadError, type RawTable, type ReadTableOptions } from './read-table.ts'

/**
 * The CPU-heavy, pure part of an import: read the file, match its columns, check every row. Everything it
 * needs comes in the job (the province's communes and old→new mapping included), everything it finds goes
 * out as plain data, so it can run on another thread (Node: import-parser.node.ts) or inline (Workers, tests).
 * The caller then checks the database (citizen IDs already registered). Decision 0019.
 */
export interface ParseJob extends AddressMatcherInput {
  bytes: Uint8Array
  limits: ReadTableOptions
  /** Null: the whole province; otherwise the communes the caller may write to. */
  scope: readonly string[] | null
  /** YYYY-MM-DD in Vietnam. */
  today: string
  resolutions: ReadonlyMap<number, string>
}

/** Why the file as a whole cannot be imported: answered as 400 naming `file` (README "Legacy import"). */
export interface FileProblem {
  code: string
  message: string
  cell?: string
  columns?: string[]
}

/**
 * Cells of the imported columns that a spreadsheet would run as a formula if typed (= + - @): imported as
 * text, flagged in the preview (a phone number "+84…" is one, and is fine), written as text in every export.
 */
export interface FormulaCells {
  count: number
  /** The first FORMULA_CELLS_LISTED of them, in file order. */
  cells: { rowNumber: number; column: string }[]
}
export const FORMULA_CELLS_LISTED = 1_000

export type ParseOutcome =
  | { ok: true; table: RawTable; columns: ColumnMatch; accepted: AcceptedRow[]; rejected: RejectedRow[]; formulaCells: FormulaCells }
  | { ok: false; problem: FileProblem }

/** Where the parse runs: injected (AppDeps.parseImport), so the route is the same in both runtimes. */
export type ImportParser = (job: ParseJob) => Promise<ParseOutcome>

export function analyseFile(job: ParseJob): ParseOutcome {
  let table: RawTable
  try {
    table = readTable(job.bytes, job.limits)
  } catch (err) {
    if (err instanceof TableReadError) return { ok: false, problem: { code: err.code, message: err.message, ...(err.cell ? { cell: err.cell } : {}) } }
    throw err
  }
  const columns = matchColumns(table.header)
  const problem = headerProblem(columns) ?? (table.rows.length === 0 ? { code: 'empty', message: 'the file has a header but no rows' } : null)
  if (problem) return { ok: false, problem }
  const communeNames = new Map(job.communes.map((c) => [c.code, c.name]))
  const { accepted, rejected } = analyseRows({
    rows: table.rows,
    columns,
    matcher: createAddressMatcher(job),
    communeNames,
    scope: job.scope ? new Set(job.scope) : null,
    today: job.today,
    resolutions: job.resolutions,
  })
  return { ok: true, table, columns, accepted, rejected, formulaCells: findFormulaCells(table, columns) }
}

function findFormulaCells(table: RawTable, columns: ColumnMatch): FormulaCells {
  const imported = [...new Set(Object.values(columns.columns))].sort((a, b) => a - b)
  const found: FormulaCells = { count: 0, cells: [] }
  for (const row of table.rows) {
    for (const index of imported) {
      const cell = row.cells[index]
      if (typeof cell !== 'string' || !looksLikeFormula(cell)) continue
      found.count++
      if (found.cells.length < FORMULA_CELLS_LISTED) found.cells.push({ rowNumber: row.rowNumber, column: table.header[index] ?? '' })
    }
  }
  return found
}

function headerProblem(columns: ColumnMatch): FileProblem | null {
  if (columns.missing.length > 0) {
    const names = columns.missing.map((f) => `"${COLUMN_SPECS[f].header}"`).join(', ')
    return {
      code: 'missing_columns',
      message: `required columns not found: ${names} (see the template for the headers and their synonyms)`,
      columns: columns.missing.map((f) => COLUMN_SPECS[f].header),
    }
  }
  const first = columns.duplicates[0]
  if (first)
    return {
      code: 'duplicate_columns',
      message: `several columns mean the same (${first.headers.map((h) => `"${h}"`).join(', ')}): keep one`,
      columns: first.headers,
    }
  return null
}

/** Workers and tests: the parse runs in the request, bounded by the reader's own limits (decision 0019). */
export const parseInline: ImportParser = async (job) => analyseFile(job)
