import type { CommuneKind } from '../../kernel/vocabulary.ts'

export type { CommuneKind }
export type Reconciliation = 'exact' | 'padded' | 'by_name'

export interface AdminProvince {
  code: string
  name: string
  kind: 'province' | 'city'
}

export interface AdminCommune {
  code: string
  provinceCode: string
  name: string
  kind: CommuneKind
}

export interface AdminCommuneMapping {
  provinceCode: string
  oldCode: string | null
  oldName: string
  oldDistrictName: string | null
  oldProvinceName: string | null
  newCode: string
  newName: string
  reconciliation: Reconciliation
}

/** What the loader did to the raw source, so a person can check it. Counts plus a few examples each. */
export interface AdminUnitsReport {
  source: string
  provinces: number
  communes: number
  mappingRowsRaw: number
  mappingRowsKept: number
  /** Rows identical to an earlier row once cleaned ("244" and "00244" count as equal); dropped. */
  duplicateRows: number
  /** New codes that needed leading zeros restored. */
  paddedNewCodes: number
  /** Old codes that needed leading zeros restored. */
  paddedOldCodes: number
  /** Rows with no old code (kept: names still map). */
  missingOldCode: number
  /** New codes absent from the wards table or contradicted by the name, re-established by name within the province. */
  reconciledByName: number
  /** Kept rows whose new code named another commune (other name or province) than the row's new name; the name won. */
  newCodePointedElsewhere: number
  /** Source names (any table) not in Unicode NFC, rewritten to NFC: same text, different bytes. */
  namesNormalisedToNfc: number
  /** Rows dropped, by reason, each with up to 5 examples (no personal data: these are place names). */
  dropped: Record<string, { count: number; examples: string[] }>
  /**
   * Old communes whose rows point to several new communes (kept as candidates). A row without an old
   * code counts as the coded old commune with the same province, district and name, if there is one.
   */
  splitOldCommunes: number
}

export interface AdminUnits {
  provinces: AdminProvince[]
  communes: AdminCommune[]
  mappings: AdminCommuneMapping[]
  report: AdminUnitsReport
}
