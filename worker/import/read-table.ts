import { unzipSync } from 'fflate'

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
export type TableReadErrorCode = 'empty' | 'not_a_spreadsheet' | 'legacy_xls' | 'bad_encoding' | 'too_many_rows' | 'formula' | 'cell_error' | 'too_large'

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
}

const UPLOAD_AGAIN = 'and upload again'
const NOT_SPREADSHEET = 'The file is not a spreadsheet: upload the list as an Excel workbook (.xlsx) or a CSV file'
const DAMAGED = `The file is damaged or not a spreadsheet: open it in Excel, save it as .xlsx ${UPLOAD_AGAIN}`
function fail(code: TableReadErrorCode, message: string, cell?: string): never {
  throw new TableReadError(code, message, cell)
}

export function readTable(bytes: Uint8Array, options: ReadTableOptions): RawTable {
  if (bytes.length === 0) fail('empty', `The file is empty: put the list in it, header row first, ${UPLOAD_AGAIN}`)
  if (startsWith(bytes, ZIP) || startsWith(bytes, ZIP_EMPTY)) return readXlsx(bytes, options)
  if (startsWith(bytes, OLE2)) {
    // Password-protected .xlsx files are OLE2 containers too; "save as .xlsx" would keep the password.
    if (includesBytes(bytes, ENCRYPTED_PACKAGE)) fail('legacy_xls', `The file is password-protected: open it in Excel, remove the password, save as .xlsx ${UPLOAD_AGAIN}`)
    fail('legacy_xls', `The file is in the old Excel format (.xls): open it in Excel, save as .xlsx (Excel Workbook) ${UPLOAD_AGAIN}`)
  }
  if (NOT_TABLES.some((signature) => startsWith(bytes, signature))) fail('not_a_spreadsheet', NOT_SPREADSHEET)
  return readCsv(bytes, options)
}

// ---------------------------------------------------------------------------------------------- signatures

const ZIP = [0x50, 0x4b, 0x03, 0x04]
const ZIP_EMPTY = [0x50, 0x4b, 0x05, 0x06]
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
const NOT_TABLES = [[0x25, 0x50, 0x44, 0x46] /* %PDF */, [0x89, 0x50, 0x4e, 0x47] /* PNG */, [0xff, 0xd8, 0xff] /* JPEG */, [0x47, 0x49, 0x46, 0x38] /* GIF8 */]
// The stream name "EncryptedPackage" in UTF-16LE, as an OLE2 directory stores it.
const ENCRYPTED_PACKAGE = [...'EncryptedPackage'].flatMap((c) => [c.charCodeAt(0), 0])

function startsWith(bytes: Uint8Array, signature: readonly number[]): boolean {
  return signature.every((value, i) => bytes[i] === value)
}

function includesBytes(bytes: Uint8Array, needle: readonly number[]): boolean {
  for (let i = bytes.indexOf(needle[0]!); i >= 0 && i + needle.length <= bytes.length; i = bytes.indexOf(needle[0]!, i + 1)) {
    if (needle.every((value, k) => bytes[i + k] === value)) return true
  }
  return false
}

// ----------------------------------------------------------------------------------------------- the table

/** Collects rows in reading order: the first non-empty row is the header, empty rows vanish but keep their numbers. */
class TableBuilder {
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
    if (this.rows.length >= this.maxRows) fail('too_many_rows', `The file has more than ${this.maxRows} rows of data: split it into files of at most ${this.maxRows} rows ${UPLOAD_AGAIN}`)
    this.rows.push({ rowNumber, cells })
  }

  finish(source: Pick<RawTable, 'format' | 'encoding' | 'delimiter' | 'sheetName'>): RawTable {
    if (this.header === null) {
      const where = source.format === 'xlsx' ? 'The first sheet has no filled cells: put the list on the first sheet' : 'The file has no filled rows: put the list in it, header row first,'
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

const isBlank = (text: string) => text.trim().length === 0
const textCell = (text: string): RawCell => (isBlank(text) ? null : text)

// --------------------------------------------------------------------------------------------------- CSV

type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be'
type Delimiter = ',' | ';' | '\t'
const DELIMITERS: readonly Delimiter[] = [',', ';', '\t']
const [QUOTE, CR, LF, TAB, SEMICOLON, COMMA] = [0x22, 0x0d, 0x0a, 0x09, 0x3b, 0x2c]
// Excel honours a first line "sep=;" and hides it; the rows the user sees start after it.
const SEP_LINE = /^sep=([,;\t])(?:\r\n|\n|\r|$)/i
// "Excel" downloads from web systems are often HTML tables or SpreadsheetML 2003 XML renamed to .xls/.csv.
const MARKUP = /^\s*<(?:\?xml|!doctype|html|table|head|body|meta)\b/i

function readCsv(bytes: Uint8Array, options: ReadTableOptions): RawTable {
  if (bytes.length > options.maxUncompressedBytes) fail('too_large', `The file is too large: split the list into smaller files ${UPLOAD_AGAIN}`)
  const { text, encoding } = decodeText(bytes)
  if (MARKUP.test(text.slice(0, 256))) fail('not_a_spreadsheet', `The file is a web page or XML export, not a spreadsheet: open it in Excel, save as .xlsx ${UPLOAD_AGAIN}`)
  const sep = SEP_LINE.exec(text)
  const delimiter = DELIMITERS.find((d) => d === sep?.[1]) ?? detectDelimiter(text)
  const table = new TableBuilder(options.maxRows)
  parseCsv(text, sep ? sep[0].length : 0, delimiter.charCodeAt(0), (cells, recordNumber) => table.add(recordNumber, cells))
  return table.finish({ format: 'csv', encoding, delimiter, sheetName: null })
}

function decodeText(bytes: Uint8Array): { text: string; encoding: CsvEncoding } {
  if (startsWith(bytes, [0xef, 0xbb, 0xbf])) return { text: decodeUtf8(bytes.subarray(3)), encoding: 'utf-8-bom' }
  if (startsWith(bytes, [0xff, 0xfe])) return { text: decodeUtf16(bytes.subarray(2), false, 'bad_encoding'), encoding: 'utf-16le' }
  if (startsWith(bytes, [0xfe, 0xff])) return { text: decodeUtf16(bytes.subarray(2), true, 'bad_encoding'), encoding: 'utf-16be' }
  const utf16 = guessUtf16(bytes)
  // Guessed from NUL bytes alone: if it does not decode, it was binary, not text in another encoding.
  if (utf16) return { text: decodeUtf16(bytes, utf16 === 'utf-16be', 'not_a_spreadsheet'), encoding: utf16 }
  return { text: decodeUtf8(bytes), encoding: 'utf-8' }
}

const BAD_ENCODING = `The file is not in UTF-8 (perhaps TCVN3, VNI or Windows-1258): in Excel choose Save As → "CSV UTF-8", or save as .xlsx, ${UPLOAD_AGAIN}`

function decodeUtf8(bytes: Uint8Array): string {
  // UTF-8 text never contains NUL bytes; binary files that slipped past the signatures do.
  if (bytes.includes(0)) fail('not_a_spreadsheet', NOT_SPREADSHEET)
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes)
  } catch {
    return fail('bad_encoding', BAD_ENCODING)
  }
}

function decodeUtf16(bytes: Uint8Array, isBigEndian: boolean, onInvalid: 'bad_encoding' | 'not_a_spreadsheet'): string {
  // Big-endian is swapped by hand: workerd's TextDecoder need not know "utf-16be".
  const source = isBigEndian ? swapPairs(bytes) : bytes
  let text: string
  try {
    text = new TextDecoder('utf-16le', { fatal: true, ignoreBOM: true }).decode(source)
  } catch {
    return onInvalid === 'bad_encoding' ? fail('bad_encoding', BAD_ENCODING) : fail('not_a_spreadsheet', NOT_SPREADSHEET)
  }
  if (text.includes('\u0000')) fail('not_a_spreadsheet', NOT_SPREADSHEET)
  return text
}

function swapPairs(bytes: Uint8Array): Uint8Array {
  const swapped = new Uint8Array(bytes.length)
  for (let i = 0; i + 1 < bytes.length; i += 2) {
    swapped[i] = bytes[i + 1]!
    swapped[i + 1] = bytes[i]!
  }
  if (bytes.length % 2) swapped[bytes.length - 1] = bytes[bytes.length - 1]!
  return swapped
}

/** UTF-16 without a BOM: delimiters, digits and Latin letters leave a NUL in every other byte. */
function guessUtf16(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const length = Math.min(bytes.length, 4096) & ~1
  let evenNuls = 0
  let oddNuls = 0
  for (let i = 0; i < length; i += 2) {
    if (bytes[i] === 0) evenNuls++
    if (bytes[i + 1] === 0) oddNuls++
  }
  const pairs = length / 2
  if (pairs === 0) return null
  if (oddNuls * 4 >= pairs && evenNuls * 10 <= oddNuls) return 'utf-16le'
  if (evenNuls * 4 >= pairs && oddNuls * 10 <= evenNuls) return 'utf-16be'
  return null
}

/** Counts candidates outside quotes in the first non-empty record; ties prefer tab, then semicolon (Vietnamese Excel's list separator). */
function detectDelimiter(text: string): Delimiter {
  let i = 0
  while (i < text.length && [CR, LF, 0x20].includes(text.charCodeAt(i))) i++
  let [tabs, semicolons, commas, isQuoted] = [0, 0, 0, false]
  for (; i < text.length; i++) {
    const c = text.charCodeAt(i)
    if (c === QUOTE) isQuoted = !isQuoted
    else if (isQuoted) continue
    else if (c === CR || c === LF) break
    else if (c === TAB) tabs++
    else if (c === SEMICOLON) semicolons++
    else if (c === COMMA) commas++
  }
  if (tabs > 0 && tabs >= semicolons && tabs >= commas) return '\t'
  if (semicolons > 0 && semicolons >= commas) return ';'
  return ','
}

/**
 * RFC 4180 with Excel's leniency: a quote opens a quoted field only at the field's start, text after a
 * closing quote is kept, an unclosed quote runs to the end. Records end at CRLF, LF or CR outside quotes;
 * each record is one Excel row, so its number is the row number the user sees.
 */
function parseCsv(text: string, start: number, delimiter: number, onRecord: (cells: RawCell[], recordNumber: number) => void): void {
  const n = text.length
  let record: RawCell[] = []
  let recordNumber = 1
  let i = start
  for (;;) {
    let value: string
    if (text.charCodeAt(i) === QUOTE) {
      ;[value, i] = readQuoted(text, i + 1)
      const end = fieldEnd(text, i, delimiter)
      if (end > i) value += text.slice(i, end)
      i = end
    } else {
      const end = fieldEnd(text, i, delimiter)
      value = text.slice(i, end)
      i = end
    }
    record.push(textCell(value))
    const c = text.charCodeAt(i)
    if (c === delimiter) {
      i++
      continue
    }
    onRecord(record, recordNumber++)
    record = []
    i += c === CR && text.charCodeAt(i + 1) === LF ? 2 : 1
    if (i >= n) return // a final line break does not open another record
  }
}

function readQuoted(text: string, from: number): [string, number] {
  let value = ''
  for (let start = from; ; ) {
    const quote = text.indexOf('"', start)
    if (quote < 0) return [value + text.slice(start), text.length]
    if (text.charCodeAt(quote + 1) !== QUOTE) return [value + text.slice(start, quote), quote + 1]
    value += text.slice(start, quote + 1)
    start = quote + 2
  }
}

function fieldEnd(text: string, from: number, delimiter: number): number {
  let i = from
  for (let c = text.charCodeAt(i); i < text.length && c !== delimiter && c !== CR && c !== LF; c = text.charCodeAt(++i));
  return i
}

// -------------------------------------------------------------------------------------------- XLSX parts

const WORKBOOK = 'xl/workbook.xml'
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels'
const TOO_LARGE = `The workbook is too large once unpacked: delete other sheets and pictures, or save the list as CSV UTF-8, ${UPLOAD_AGAIN}`

function readXlsx(bytes: Uint8Array, options: ReadTableOptions): RawTable {
  const budget = { left: options.maxUncompressedBytes }
  const names = new Set<string>()
  const first = unzipParts(bytes, new Set([WORKBOOK, WORKBOOK_RELS]), budget, names)
  const workbook = first.get(WORKBOOK)
  if (!workbook) return fail('not_a_spreadsheet', notWorkbookMessage(names))
  const relsXml = first.get(WORKBOOK_RELS)
  if (!relsXml) return fail('not_a_spreadsheet', DAMAGED)
  const rels = readRelationships(xmlText(relsXml))
  const sheet = firstWorksheet(xmlText(workbook), rels)
  const sharedStringsRel = [...rels.values()].find((rel) => rel.type.endsWith('/sharedStrings'))
  const stringsPath = sharedStringsRel ? resolvePart('xl/', sharedStringsRel.target) : 'xl/sharedstrings.xml'
  const parts = unzipParts(bytes, new Set([sheet.path, stringsPath]), budget)
  const sheetXml = parts.get(sheet.path)
  if (!sheetXml) return fail('not_a_spreadsheet', DAMAGED)
  const stringsXml = parts.get(stringsPath)
  const strings = stringsXml ? readSharedStrings(xmlText(stringsXml)) : []
  const table = new TableBuilder(options.maxRows)
  readSheetRows(xmlText(sheetXml), strings, table)
  return table.finish({ format: 'xlsx', encoding: null, delimiter: null, sheetName: sheet.name })
}

/**
 * Inflates only the wanted parts. Zip bomb guard: each part's declared size is charged to the budget before it
 * is inflated, and fflate inflates into a buffer of exactly that size, so a forged header cannot make it
 * allocate more (it can only cost CPU in proportion to the upload, which the route's body limit bounds).
 */
function unzipParts(bytes: Uint8Array, wanted: ReadonlySet<string>, budget: { left: number }, seen?: Set<string>): Map<string, Uint8Array> {
  let files: Record<string, Uint8Array>
  try {
    files = unzipSync(bytes, {
      filter: (file) => {
        const name = partName(file.name)
        seen?.add(name)
        if (!wanted.has(name)) return false
        if (file.originalSize > budget.left) fail('too_large', TOO_LARGE)
        budget.left -= file.originalSize
        return true
      },
    })
  } catch (error) {
    if (error instanceof TableReadError) throw error
    return fail('not_a_spreadsheet', DAMAGED)
  }
  return new Map(Object.entries(files).map(([name, data]) => [partName(name), data]))
}

// Part names are case-insensitive in OPC; some writers add a leading slash or use backslashes.
const partName = (name: string) => name.replace(/\\/g, '/').replace(/^\/+/, '').toLowerCase()

function notWorkbookMessage(names: ReadonlySet<string>): string {
  if (names.has('xl/workbook.bin')) return `The file is an Excel binary workbook (.xlsb): open it in Excel, save as .xlsx ${UPLOAD_AGAIN}`
  if (names.has('content.xml') && names.has('mimetype')) return `The file is an OpenDocument file (.ods): save it as .xlsx ${UPLOAD_AGAIN}`
  return 'The file is a ZIP archive, not an Excel workbook: upload the list as .xlsx or .csv'
}

function xmlText(bytes: Uint8Array): string {
  if (startsWith(bytes, [0xff, 0xfe])) return new TextDecoder('utf-16le').decode(bytes.subarray(2))
  if (startsWith(bytes, [0xfe, 0xff])) return new TextDecoder('utf-16le').decode(swapPairs(bytes.subarray(2)))
  return new TextDecoder('utf-8').decode(bytes)
}

interface Relationship {
  type: string
  target: string
}

function readRelationships(xml: string): Map<string, Relationship> {
  const rels = new Map<string, Relationship>()
  for (const cur = new XmlCursor(xml); cur.next(); ) {
    if (cur.kind !== OPEN || cur.name !== 'Relationship') continue
    const attrs = cur.attrs
    if (attr(attrs, TARGET_MODE_ATTR) === 'External') continue
    const [id, type, target] = [attr(attrs, ID_ATTR), attr(attrs, TYPE_ATTR), attr(attrs, TARGET_ATTR)]
    if (id !== null && type !== null && target !== null) rels.set(id, { type, target })
  }
  return rels
}

/** The first worksheet in workbook order that the user can see: a hidden sheet (lookup lists) is not "the list". */
function firstWorksheet(workbookXml: string, rels: ReadonlyMap<string, Relationship>): { name: string; path: string } {
  const sheets: { name: string; path: string; isHidden: boolean }[] = []
  for (const cur = new XmlCursor(workbookXml); cur.next(); ) {
    if (cur.kind !== OPEN || cur.name !== 'sheet') continue
    const attrs = cur.attrs
    const rel = rels.get(attr(attrs, REL_ID_ATTR) ?? '')
    // Chart sheets and macro sheets hold no rows.
    if (!rel?.type.endsWith('/worksheet')) continue
    const state = attr(attrs, STATE_ATTR)
    sheets.push({ name: attr(attrs, NAME_ATTR) ?? '', path: resolvePart('xl/', rel.target), isHidden: state === 'hidden' || state === 'veryHidden' })
  }
  const sheet = sheets.find((s) => !s.isHidden) ?? sheets[0]
  return sheet ? { name: sheet.name, path: sheet.path } : fail('not_a_spreadsheet', `The workbook has no worksheet: put the list on a worksheet ${UPLOAD_AGAIN}`)
}

/** A relationship target, absolute ("/xl/worksheets/sheet1.xml") or relative to the workbook's folder. */
function resolvePart(baseFolder: string, target: string): string {
  let path = target
  try {
    path = decodeURIComponent(target)
  } catch {
    // not percent-encoded after all: use it as written
  }
  const segments = path.startsWith('/') ? [] : baseFolder.split('/').filter(Boolean)
  for (const segment of path.split('/')) {
    if (segment === '..') segments.pop()
    else if (segment !== '' && segment !== '.') segments.push(segment)
  }
  return partName(segments.join('/'))
}

// --------------------------------------------------------------------------------------- XLSX worksheet

/** Shared strings: each <si> is plain <t> or rich-text runs <r><t>; phonetic guides (<rPh>) are not the text. */
function readSharedStrings(xml: string): string[] {
  const strings: string[] = []
  for (const cur = new XmlCursor(xml); cur.next(); ) {
    if (cur.kind === OPEN && cur.name === 'si') strings.push(cur.isSelfClosing ? '' : readRichText(cur))
  }
  return strings
}

function readSheetRows(xml: string, strings: readonly string[], table: TableBuilder): void {
  const row = new RowCollector(table)
  for (const cur = new XmlCursor(xml); cur.next(); ) {
    if (cur.kind === CLOSE) {
      if (cur.name === 'row') row.finish()
      else if (cur.name === 'sheetData') break // what follows is layout: merges, margins, drawings
    } else if (cur.kind === OPEN) {
      if (cur.name === 'row') {
        row.start(attr(cur.attrs, R_ATTR))
        if (cur.isSelfClosing) row.finish()
      } else if (cur.name === 'c') {
        readCell(cur, row, strings)
      }
    }
  }
  row.finish()
}

function readCell(cur: XmlCursor, row: RowCollector, strings: readonly string[]): void {
  const attrs = cur.attrs
  const column = row.claimColumn(attr(attrs, R_ATTR))
  const type = attr(attrs, T_ATTR) ?? 'n'
  // The reference is rebuilt from positions, so a message never echoes text taken from the file.
  const ref = `${columnName(column)}${row.number}`
  if (cur.isSelfClosing) return
  let value: string | null = null
  let inline: string | null = null
  while (cur.next() && !(cur.kind === CLOSE && cur.name === 'c')) {
    if (cur.kind !== OPEN) continue
    // A formula's cached value may be stale or differ between Excel and LibreOffice: ask for plain values.
    if (cur.name === 'f') fail('formula', `The file has formulas (cell ${ref}): save the values only (copy → paste values) ${UPLOAD_AGAIN}`, ref)
    if (cur.isSelfClosing) continue
    if (cur.name === 'v') value = readText(cur, true)
    else if (cur.name === 'is') inline = readRichText(cur)
  }
  row.set(column, cellValue(type, value, inline, strings, ref))
}

const NUMBER = /^\s*[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?\s*$/

function cellValue(type: string, value: string | null, inline: string | null, strings: readonly string[], ref: string): RawCell {
  if (type === 'e') return fail('cell_error', `The file has an error value such as #N/A or #REF! (cell ${ref}): correct or clear that cell ${UPLOAD_AGAIN}`, ref)
  if (type === 'inlineStr') return textCell(inline ?? unescapeExcel(value ?? ''))
  if (value === null || isBlank(value)) return null
  if (type === 's') {
    const text = NUMBER.test(value) ? strings[Number(value)] : undefined
    return text === undefined ? fail('not_a_spreadsheet', DAMAGED, ref) : textCell(text)
  }
  if (type === 'b') return value.trim() === '1' || value.trim().toLowerCase() === 'true'
  if (type === 'str' || type === 'd') return textCell(unescapeExcel(value))
  // Numbers (dates too: Excel stores days since 1900 and we do not read number formats here).
  return NUMBER.test(value) ? Number(value) : textCell(value)
}

/** Columns are placed by their reference; gaps become null. Bounds the nulls a far-right cell can create. */
class RowCollector {
  number = 0
  private isOpen = false
  private nextColumn = 0
  private columns: number[] = []
  private values: RawCell[] = []
  // A cell at XFD costs 30 bytes of XML but 16,384 slots; slots may not outgrow real cells by far.
  private slots = 0
  private filledCells = 0
  private readonly table: TableBuilder
  constructor(table: TableBuilder) {
    this.table = table
  }

  start(ref: string | null): void {
    this.finish()
    const given = ref === null ? NaN : Number.parseInt(ref, 10)
    this.number = given > 0 ? given : this.number + 1
    this.isOpen = true
    this.nextColumn = 0
    this.columns = []
    this.values = []
  }

  claimColumn(ref: string | null): number {
    const given = ref === null ? -1 : columnIndex(ref)
    const column = given >= 0 ? given : this.nextColumn
    this.nextColumn = column + 1
    return column
  }

  set(column: number, value: RawCell): void {
    if (value === null) return
    this.columns.push(column)
    this.values.push(value)
  }

  finish(): void {
    if (!this.isOpen) return
    this.isOpen = false
    if (this.columns.length === 0) return
    const width = this.columns.reduce((max, c) => Math.max(max, c), 0) + 1
    this.slots += width
    this.filledCells += this.columns.length
    if (this.slots > Math.max(2_000_000, 32 * this.filledCells)) {
      const ref = `${columnName(width - 1)}${this.number}`
      fail('too_large', `The sheet has values far to the right (cell ${ref}): delete the columns the list does not use ${UPLOAD_AGAIN}`, ref)
    }
    const cells = new Array<RawCell>(width).fill(null)
    this.columns.forEach((column, i) => (cells[column] = this.values[i]!))
    this.table.add(this.number, cells)
  }
}

/** "C5" → 2; -1 when the reference has no column letters (or more than XFD's three). */
function columnIndex(ref: string): number {
  let column = 0
  let i = 0
  for (; i < ref.length; i++) {
    const c = ref.charCodeAt(i) | 0x20 // ASCII lower case
    if (c < 0x61 || c > 0x7a) break
    column = column * 26 + (c - 0x60)
  }
  return i === 0 || i > 3 ? -1 : column - 1
}

function columnName(index: number): string {
  let name = ''
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name
  return name
}

// ---------------------------------------------------------------------------------------- XML scanning

const [OPEN, CLOSE, CDATA, OTHER] = [1, 2, 3, 4] as const
// '>' is legal inside attribute values, so a tag ends at the first '>' outside quotes.
const TAG_END = /[^>"']*(?:(?:"[^"]*"|'[^']*')[^>"']*)*>/y

/**
 * A forward-only scanner over tags: enough for SpreadsheetML, which has no DTDs and no mixed content we need.
 * Names are local (a prefix such as "x:" is dropped); the text between two tags is `gap()`.
 */
class XmlCursor {
  kind: number = OTHER
  name = ''
  isSelfClosing = false
  cdata = ''
  private gapStart = 0
  private tagStart = 0
  private pos = 0
  // Attributes are sliced only when asked for: most tags (</c>, <v>, <is>) never are.
  private attrStart = 0
  private attrEnd = 0
  private readonly xml: string
  constructor(xml: string) {
    this.xml = xml
  }

  get attrs(): string {
    return this.xml.slice(this.attrStart, this.attrEnd)
  }

  gap(): string {
    return this.xml.slice(this.gapStart, this.tagStart)
  }

  next(): boolean {
    const xml = this.xml
    this.gapStart = this.pos
    const lt = xml.indexOf('<', this.pos)
    if (lt < 0) {
      this.tagStart = this.pos = xml.length
      return false
    }
    this.tagStart = lt
    if (xml.startsWith('<![CDATA[', lt)) return this.skipTo(']]>', lt + 9, CDATA)
    if (xml.startsWith('<!--', lt)) return this.skipTo('-->', lt + 4, OTHER)
    if (xml.startsWith('<?', lt)) return this.skipTo('?>', lt + 2, OTHER)
    if (xml.startsWith('<!', lt)) return this.skipTo('>', lt + 2, OTHER)
    TAG_END.lastIndex = lt + 1
    const end = TAG_END.test(xml) ? TAG_END.lastIndex - 1 : xml.length
    const isClose = xml.charCodeAt(lt + 1) === 0x2f
    this.isSelfClosing = !isClose && xml.charCodeAt(end - 1) === 0x2f
    let nameStart = isClose ? lt + 2 : lt + 1
    let nameEnd = nameStart
    for (let c = xml.charCodeAt(nameEnd); nameEnd < end && c > 0x20 && c !== 0x2f; c = xml.charCodeAt(++nameEnd)) {
      if (c === 0x3a) nameStart = nameEnd + 1 // drop the namespace prefix
    }
    this.name = xml.slice(nameStart, nameEnd)
    this.attrStart = nameEnd
    this.attrEnd = isClose ? nameEnd : this.isSelfClosing ? end - 1 : end
    this.kind = isClose ? CLOSE : OPEN
    this.pos = Math.min(end + 1, xml.length)
    return true
  }

  private skipTo(terminator: string, from: number, kind: number): boolean {
    const end = this.xml.indexOf(terminator, from)
    const stop = end < 0 ? this.xml.length : end
    this.cdata = kind === CDATA ? this.xml.slice(from, stop) : ''
    this.kind = kind
    this.attrEnd = this.attrStart
    this.isSelfClosing = false
    this.pos = end < 0 ? this.xml.length : end + terminator.length
    return true
  }
}

/** The text of the element just opened, through its end tag. Without xml:space="preserve", Excel trims it. */
function readText(cur: XmlCursor, isPreserved: boolean): string {
  let text = ''
  for (let depth = 0; cur.next(); ) {
    text += decodeEntities(cur.gap())
    if (cur.kind === CDATA) text += cur.cdata
    else if (cur.kind === OPEN && !cur.isSelfClosing) depth++
    else if (cur.kind === CLOSE && depth-- === 0) break
  }
  return isPreserved ? text : text.replace(/^[ \t\r\n]+|[ \t\r\n]+$/g, '')
}

/** <si> or <is>: the <t> texts concatenated, phonetic runs left out; reads through the element's end tag. */
function readRichText(cur: XmlCursor): string {
  let text = ''
  for (let depth = 0, phonetic = 0; cur.next(); ) {
    if (cur.kind === OPEN && !cur.isSelfClosing) {
      if (cur.name === 't') {
        const piece = readText(cur, attr(cur.attrs, SPACE_ATTR) === 'preserve')
        if (phonetic === 0) text += piece
        continue
      }
      if (cur.name === 'rPh') phonetic++
      depth++
    } else if (cur.kind === CLOSE) {
      if (depth-- === 0) break
      if (cur.name === 'rPh') phonetic--
    }
  }
  return unescapeExcel(text)
}

const attrPattern = (name: string) => new RegExp(`(?:^|\\s)${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`)
const R_ATTR = attrPattern('r')
const T_ATTR = attrPattern('t')
const SPACE_ATTR = attrPattern('xml:space')
const NAME_ATTR = attrPattern('name')
const STATE_ATTR = attrPattern('state')
const ID_ATTR = attrPattern('Id')
const TYPE_ATTR = attrPattern('Type')
const TARGET_ATTR = attrPattern('Target')
const TARGET_MODE_ATTR = attrPattern('TargetMode')
// The sheet's relationship id is r:id under whatever prefix the writer bound to the relationships namespace.
const REL_ID_ATTR = attrPattern('[\\w.-]+:id')

function attr(attrs: string, pattern: RegExp): string | null {
  const match = pattern.exec(attrs)
  return match ? decodeEntities(match[1] ?? match[2] ?? '') : null
}

const ENTITY = /&(?:#(\d{1,7})|#[xX]([0-9a-fA-F]{1,6})|(amp|lt|gt|quot|apos));/g
const NAMED_ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" }

function decodeEntities(text: string): string {
  if (!text.includes('&')) return text
  return text.replace(ENTITY, (whole: string, decimal?: string, hex?: string, named?: string) => {
    if (named) return NAMED_ENTITIES[named] ?? whole
    const code = decimal ? Number.parseInt(decimal, 10) : Number.parseInt(hex ?? '', 16)
    return code <= 0x10ffff && (code < 0xd800 || code > 0xdfff) ? String.fromCodePoint(code) : whole
  })
}

// Excel writes characters XML cannot carry as _xHHHH_ (a line break inside a cell: _x000D_), and a literal
// "_x" sequence as _x005F_x…, so decoding all of them is lossless for Excel's files.
const EXCEL_ESCAPE = /_x([0-9A-Fa-f]{4})_/g
function unescapeExcel(text: string): string {
  return text.includes('_x') ? text.replace(EXCEL_ESCAPE, (_: string, hex: string) => String.fromCharCode(Number.parseInt(hex, 16))) : text
}
