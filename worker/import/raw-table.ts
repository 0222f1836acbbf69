// The raw table every reader fills (read-csv.ts, read-xlsx.ts) and its errors. See read-table.ts.

/** Numbers and booleans come only from typed XLSX cells (dates as Excel serials); CSV gives strings; empty → null. */
export type RawCell = string | number | boolean | null
export interface RawRow {
  /** 1-based, as Excel shows it (CSV: the record number), header row included in the numbering. */
  rowNumber: number
  /** cells[i] sits under header[i]. Trailing empty cells are left out: past the end means null. */
  cells: RawCell[]
}
export interface RawTable {
  format: 'csv' | 'xlsx'
  encoding: 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be' | null // null for xlsx
  delimiter: ',' | ';' | '\t' | null // null for xlsx
  sheetName: string | null
  /** The first non-empty row, cells as trimmed strings ('' for empty). */
  header: string[]
  headerRowNumber: number
  /** The rows after the header; empty rows are skipped, their numbers are not reused. */
  rows: RawRow[]
}
export type TableReadErrorCode =
  | 'empty'
  | 'not_a_spreadsheet'
  | 'legacy_xls'
  | 'encrypted'
  | 'bad_encoding'
  | 'too_many_rows'
  | 'formula'
  | 'cell_error'
  | 'too_large'

export class TableReadError extends Error {
  readonly code: TableReadErrorCode
  readonly cell?: string
  constructor(code: TableReadErrorCode, message: string, cell?: string) {
    super(message)
    this.name = 'TableReadError'
    this.code = code
    if (cell !== undefined) this.cell = cell
  }
}

export interface ReadTableOptions {
  maxRows: number
  maxUncompressedBytes: number
  /**
   * Counts what reading a workbook inflated, a refused part's output included: how close a zip bomb got to the
   * budget before it was stopped (the counter, not the clock, is what the tests check).
   */
  meter?: InflateMeter
}

export interface InflateMeter {
  inflatedBytes: number
}

export const UPLOAD_AGAIN = 'and upload again'
export const NOT_SPREADSHEET = 'The file is not a spreadsheet: upload the list as an Excel workbook (.xlsx) or a CSV file'
export const DAMAGED = `The file is damaged or not a spreadsheet: open it in Excel, save it as .xlsx ${UPLOAD_AGAIN}`
export function fail(code: TableReadErrorCode, message: string, cell?: string): never {
  throw new TableReadError(code, message, cell)
}

// ----------------------------------------------------------------------------------------------- the table

/** Collects rows in reading order: the first non-empty row is the header, empty rows vanish but keep their numbers. */
export class TableBuilder {
  private header: string[] | null = null
  private headerRowNumber = 0
  private readonly rows: RawRow[] = []
  private readonly maxRows: number
  constructor(maxRows: number) {
    this.maxRows = maxRows
  }

  add(rowNumber: number, cells: RawCell[]): void {
    // Trailing empties dropped, so a CSV padded with ";;;" and the same sheet as .xlsx give equal rows.
    let end = cells.length
    while (end > 0 && cells[end - 1] === null) end--
    if (end === 0) return
    cells.length = end
    if (this.header === null) {
      this.header = cells.map(headerText)
      this.headerRowNumber = rowNumber
      return
    }
    // Thrown while reading, so an oversized file is refused before all its rows exist in memory.
    if (this.rows.length >= this.maxRows)
      fail('too_many_rows', `The file has more than ${this.maxRows} rows of data: split it into files of at most ${this.maxRows} rows ${UPLOAD_AGAIN}`)
    this.rows.push({ rowNumber, cells })
  }

  finish(source: Pick<RawTable, 'format' | 'encoding' | 'delimiter' | 'sheetName'>): RawTable {
    if (this.header === null) {
      const where =
        source.format === 'xlsx'
          ? 'The first sheet has no filled cells: put the list on the first sheet'
          : 'The file has no filled rows: put the list in it, header row first,'
      return fail('empty', `${where} ${UPLOAD_AGAIN}`)
    }
    return { ...source, header: this.header, headerRowNumber: this.headerRowNumber, rows: this.rows }
  }
}

function headerText(cell: RawCell): string {
  if (cell === null) return ''
  if (typeof cell === 'boolean') return cell ? 'TRUE' : 'FALSE'
  return String(cell).trim()
}

export const isBlank = (text: string) => text.trim().length === 0
export const textCell = (text: string): RawCell => (isBlank(text) ? null : text)

export function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((value, i) => bytes[i] === value)
}

export function includesBytes(bytes: Uint8Array, needle: readonly number[]): boolean {
  for (let i = bytes.indexOf(needle[0]!); i >= 0 && i + needle.length <= bytes.length; i = bytes.indexOf(needle[0]!, i + 1)) {
    if (needle.every((value, k) => bytes[i + k] === value)) return true
  }
  return false
}
