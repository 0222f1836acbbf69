// What the import API answers, as the import screen reads it: the kernel's contract (kernel/contract/imports.ts).
export type {
  ImportProblem as Problem,
  ImportPreview as Preview,
  ImportRecord,
  ImportRejectionReason as Reason,
  ImportRow,
} from '../../../kernel/contract/imports.ts'

/** The API's codes for a file refused as a whole, each with its own sentence (import.fileError.*). */
export const FILE_ERROR_CODES = [
  'empty',
  'not_a_spreadsheet',
  'legacy_xls',
  'encrypted',
  'bad_encoding',
  'too_many_rows',
  'formula',
  'cell_error',
  'too_large',
  'missing_columns',
  'duplicate_columns',
  'nothing_to_import',
]

export const MAX_BYTES = 10 * 1024 * 1024
