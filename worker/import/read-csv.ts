// CSV in UTF-8 (with or without BOM) or UTF-16 (Excel's "Unicode text"), comma, semicolon or tab. See read-table.ts.
import { fail, NOT_SPREADSHEET, startsWith, TableBuilder, textCell, UPLOAD_AGAIN, type RawCell, type RawTable, type ReadTableOptions } from './raw-table.ts'
// --------------------------------------------------------------------------------------------------- CSV

type CsvEncoding = 'utf-8' | 'utf-8-bom' | 'utf-16le' | 'utf-16be'
type Delimiter = ',' | ';' | '\t'
const DELIMITERS: readonly Delimiter[] = [',', ';', '\t']
export const [QUOTE, CR, LF, TAB, SEMICOLON, COMMA] = [0x22, 0x0d, 0x0a, 0x09, 0x3b, 0x2c]
// Excel honours a first line "sep=;" and hides it; the rows the user sees start after it.
const SEP_LINE = /^sep=([,;\t])(?:\r\n|\n|\r|$)/i
// "Excel" downloads from web systems are often HTML tables or SpreadsheetML 2003 XML renamed to .xls/.csv.
const MARKUP = /^\s*<(?:\?xml|!doctype|html|table|head|body|meta)\b/i

export function readCsv(bytes: Uint8Array, options: ReadTableOptions): RawTable {
  if (bytes.length > options.maxUncompressedBytes) fail('too_large', `The file is too large: split the list into smaller files ${UPLOAD_AGAIN}`)
  const { text, encoding } = decodeText(bytes)
  if (MARKUP.test(text.slice(0, 256)))
    fail('not_a_spreadsheet', `The file is a web page or XML export, not a spreadsheet: open it in Excel, save as .xlsx ${UPLOAD_AGAIN}`)
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

export function swapPairs(bytes: Uint8Array): Uint8Array {
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
