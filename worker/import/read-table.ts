import { readCsv } from './read-csv.ts'
import { readXlsx } from './read-xlsx.ts'
import { fail, includesBytes, NOT_SPREADSHEET, startsWith, UPLOAD_AGAIN, type RawTable, type ReadTableOptions } from './raw-table.ts'

/**
 * Reads an uploaded legacy list (a province's pre-system spreadsheet of people) into raw cells: the first
 * visible worksheet of an .xlsx, or a CSV in UTF-8 / UTF-16 with comma, semicolon or tab. Columns are not
 * interpreted here, and text is not Unicode-normalized: the caller folds names itself, and what is stored
 * must stay exactly as the province wrote it.
 *
 * Runtime-neutral (Workers and Node): Uint8Array and TextDecoder only, fflate for unzip. SpreadsheetML is read
 * by a small scanner of our own instead of an XML library: the parts we need use a handful of elements.
 * Error messages name cells ("C5"), never their contents: they reach users and logs, and cells hold personal data.
 */
export * from './raw-table.ts'

export function readTable(bytes: Uint8Array, options: ReadTableOptions): RawTable {
  if (bytes.length === 0) fail('empty', `The file is empty: put the list in it, header row first, ${UPLOAD_AGAIN}`)
  if (startsWith(bytes, ZIP) || startsWith(bytes, ZIP_EMPTY)) return readXlsx(bytes, options)
  if (startsWith(bytes, OLE2)) {
    // Password-protected .xlsx files are OLE2 containers too; "save as .xlsx" would keep the password.
    if (includesBytes(bytes, ENCRYPTED_PACKAGE))
      fail('encrypted', `The file is password-protected: open it in Excel, remove the password, save as .xlsx ${UPLOAD_AGAIN}`)
    fail('legacy_xls', `The file is in the old Excel format (.xls): open it in Excel, save as .xlsx (Excel Workbook) ${UPLOAD_AGAIN}`)
  }
  if (NOT_TABLES.some((signature) => startsWith(bytes, signature))) fail('not_a_spreadsheet', NOT_SPREADSHEET)
  return readCsv(bytes, options)
}

// ---------------------------------------------------------------------------------------------- signatures

const ZIP = [0x50, 0x4b, 0x03, 0x04]
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06]
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
const NOT_TABLES = [
  [0x25, 0x50, 0x44, 0x46] /* %PDF */,
  [0x89, 0x50, 0x4e, 0x47] /* PNG */,
  [0xff, 0xd8, 0xff] /* JPEG */,
  [0x47, 0x49, 0x46, 0x38] /* GIF8 */,
]
// The stream name "EncryptedPackage" in UTF-16LE, as an OLE2 directory stores it.
const ENCRYPTED_PACKAGE = [...'EncryptedPackage'].flatMap((c) => [c.charCodeAt(0), 0])
