// The first visible worksheet of an .xlsx, by our own SpreadsheetML reading on fflate. See read-table.ts.
import { swapPairs } from './read-csv.ts'
import {
  DAMAGED,
  fail,
  isBlank,
  startsWith,
  TableBuilder,
  TableReadError,
  textCell,
  UPLOAD_AGAIN,
  type RawCell,
  type RawTable,
  type ReadTableOptions,
} from './raw-table.ts'
import { listEntries, partName, readEntry, type UnpackBudget } from './zip-archive.ts'
import {
  attr,
  CLOSE,
  ID_ATTR,
  NAME_ATTR,
  OPEN,
  readRichText,
  readText,
  REL_ID_ATTR,
  R_ATTR,
  STATE_ATTR,
  T_ATTR,
  TARGET_ATTR,
  TARGET_MODE_ATTR,
  TYPE_ATTR,
  unescapeExcel,
  XmlCursor,
} from './xml-scanner.ts'
// -------------------------------------------------------------------------------------------- XLSX parts

const WORKBOOK = 'xl/workbook.xml'
const WORKBOOK_RELS = 'xl/_rels/workbook.xml.rels'

export function readXlsx(bytes: Uint8Array, options: ReadTableOptions): RawTable {
  const budget: UnpackBudget = { left: options.maxUncompressedBytes, inflated: 0 }
  try {
    return readParts(bytes, options, budget)
  } finally {
    if (options.meter) options.meter.inflatedBytes += budget.inflated
  }
}

function readParts(bytes: Uint8Array, options: ReadTableOptions, budget: UnpackBudget): RawTable {
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
 * Inflates only the wanted parts, each charged to one budget while it is inflated (zip-archive.ts): a part
 * that is not needed (pictures, other sheets) is never inflated, whatever it claims.
 */
function unzipParts(bytes: Uint8Array, wanted: ReadonlySet<string>, budget: UnpackBudget, seen?: Set<string>): Map<string, Uint8Array> {
  const parts = new Map<string, Uint8Array>()
  try {
    for (const entry of listEntries(bytes)) {
      seen?.add(entry.name)
      if (wanted.has(entry.name) && !parts.has(entry.name)) parts.set(entry.name, readEntry(bytes, entry, budget))
    }
  } catch (error) {
    if (error instanceof TableReadError) throw error
    return fail('not_a_spreadsheet', DAMAGED)
  }
  return parts
}

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
  return sheet
    ? { name: sheet.name, path: sheet.path }
    : fail('not_a_spreadsheet', `The workbook has no worksheet: put the list on a worksheet ${UPLOAD_AGAIN}`)
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
  if (type === 'e')
    return fail('cell_error', `The file has an error value such as #N/A or #REF! (cell ${ref}): correct or clear that cell ${UPLOAD_AGAIN}`, ref)
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
    for (const [i, column] of this.columns.entries()) cells[column] = this.values[i]!
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
