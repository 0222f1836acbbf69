// What the import API answers (worker/routes/imports.ts), as the import screen reads it.

export type Reason = 'missing_value' | 'invalid_value' | 'unknown_address' | 'ambiguous_address' | 'other_province' | 'out_of_scope' | 'duplicate_in_file' | 'already_registered'

export interface Problem {
  column: string | null
  reason: Reason
  message: string
  candidates?: { code: string; name: string }[]
}

export interface ImportRecord {
  id: string
  fileName: string | null
  createdAt: string
  rowsTotal: number
  imported: number
  rejected: number
}

export interface Preview {
  dryRun: boolean
  alreadyImported?: boolean
  import?: ImportRecord
  format: 'csv' | 'xlsx'
  ignoredColumns: string[]
  counts: { rows: number; accepted: number; rejected: number; byReason: Partial<Record<Reason, number>>; mappedFromOldAddress: number; formulaCells: number }
  problems: { rowNumber: number; problems: Problem[] }[]
  problemsTruncated: boolean
  /** Cells beginning with = + - @: imported as text, and text in every download. */
  formulaCells: { rowNumber: number; column: string }[]
  formulaCellsTruncated: boolean
  accepted: { rowNumber: number; fullName: string; communeName: string | null; communeVia: string }[]
  previousImports: ImportRecord[]
}

export interface ImportRow {
  rowNumber: number
  outcome: 'imported' | 'rejected'
  problems: { column: string | null; reason: Reason }[] | null
  person: { id: string; fullName: string } | null
}

/** The API's codes for a file refused as a whole, each with its own sentence (import.fileError.*). */
export const FILE_ERROR_CODES = ['empty', 'not_a_spreadsheet', 'legacy_xls', 'encrypted', 'bad_encoding', 'too_many_rows', 'formula', 'cell_error', 'too_large', 'missing_columns', 'duplicate_columns', 'nothing_to_import']

export const MAX_BYTES = 10 * 1024 * 1024
