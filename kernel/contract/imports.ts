import type { ImportFormat, ImportRowOutcome } from '../vocabulary.ts'

export const importRejectionReasons = [
  'missing_value',
  'invalid_value',
  'unknown_address',
  'ambiguous_address',
  'other_province',
  'out_of_scope',
  'duplicate_in_file',
  'already_registered',
] as const
export type ImportRejectionReason = (typeof importRejectionReasons)[number]

export interface ImportProblem {
  column: string | null
  reason: ImportRejectionReason
  message: string
  candidates?: { code: string; name: string }[] | undefined
}

export interface ImportRecord {
  id: string
  fileName: string | null
  createdAt: string
  rowsTotal: number
  imported: number
  rejected: number
}

/** The answer to an upload: a dry run's preview, or what was imported (POST /api/p/:province/imports). */
export interface ImportPreview {
  dryRun: boolean
  alreadyImported?: boolean | undefined
  import?: ImportRecord | undefined
  format: ImportFormat
  ignoredColumns: string[]
  counts: {
    rows: number
    accepted: number
    rejected: number
    byReason: { [R in ImportRejectionReason]?: number | undefined }
    mappedFromOldAddress: number
    formulaCells: number
  }
  problems: { rowNumber: number; problems: ImportProblem[] }[]
  problemsTruncated: boolean
  /** Cells beginning with = + - @: imported as text, and text in every download (decision 0019). */
  formulaCells: { rowNumber: number; column: string }[]
  formulaCellsTruncated: boolean
  accepted: { rowNumber: number; fullName: string; communeName: string | null; communeVia: string }[]
  previousImports: ImportRecord[]
}

/** One row of an earlier import: the person it created, or why it was not imported. */
export interface ImportRow {
  rowNumber: number
  outcome: ImportRowOutcome
  problems: { column: string | null; reason: ImportRejectionReason }[] | null
  person: { id: string; fullName: string } | null
}
