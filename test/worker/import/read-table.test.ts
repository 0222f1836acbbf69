import { strToU8, unzipSync, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { readTable, TableReadError, type RawTable, type ReadTableOptions } from '../../../worker/import/read-table.ts'
import { writeXlsx } from '../../../worker/lib/xlsx-writer.ts'
import { forgeDeclaredSize } from '../../helpers/zip-bomb.ts'

// Invented people and obviously fake citizen IDs (000…); fixtures are built here, byte by byte.
const LIMITS: ReadTableOptions = { maxRows: 50_000, maxUncompressedBytes: 50 * 1024 * 1024 }
const read = (bytes: Uint8Array, options: Partial<ReadTableOptions> = {}) => readTable(bytes, { ...LIMITS, ...options })
const utf8 = (text: string) => new TextEncoder().encode(text)
const values = (table: RawTable) => table.rows.map((r) => r.cells)

function readError(bytes: Uint8Array, options: Partial<ReadTableOptions> = {}): TableReadError {
  try {
    read(bytes, options)
  } catch (error) {
    if (error instanceof TableReadError) return error
    throw error
  }
  throw new Error('expected a TableReadError')
}

/** UTF-16 code units, little- or big-endian, with a BOM unless told otherwise (Excel's "Unicode text" has one). */
function utf16(text: string, { isBigEndian = false, hasBom = true } = {}): Uint8Array {
  const units = (hasBom ? '\uFEFF' : '') + text
  const bytes = new Uint8Array(units.length * 2)
  for (let i = 0; i < units.length; i++) {
    const unit = units.charCodeAt(i)
    bytes[2 * i + (isBigEndian ? 1 : 0)] = unit & 0xff
    bytes[2 * i + (isBigEndian ? 0 : 1)] = unit >> 8
  }
  return bytes
}

// ------------------------------------------------------------------------------------------- XLSX fixtures

const MAIN_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'

interface SheetSpec {
  name: string
  xml: string | Uint8Array
  target?: string // as written in workbook.xml.rels; default worksheets/sheetN.xml
  part?: string // the ZIP entry, when the target is not simply below xl/
  state?: 'hidden' | 'veryHidden'
  type?: string // relationship type's last segment; default worksheet
}

const sheetXml = (rows: string) =>
  `${XML_HEAD}<worksheet ${MAIN_NS}><dimension ref="A1"/><sheetData>${rows}</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`
const sstXml = (items: string[]) =>
  `${XML_HEAD}<sst ${MAIN_NS} count="${items.length}" uniqueCount="${items.length}">${items.map((i) => `<si>${i}</si>`).join('')}</sst>`
const partPath = (target: string) => (target.startsWith('/') ? target.slice(1) : `xl/${target}`)

/** A workbook from hand-written SpreadsheetML: every sheet listed in workbook order, each part zipped. */
function xlsx(sheets: SheetSpec[], sharedStrings?: string, extra: Record<string, Uint8Array> = {}): Uint8Array {
  const targets = sheets.map((s, i) => s.target ?? `worksheets/sheet${i + 1}.xml`)
  const rels = sheets.map((s, i) => `<Relationship Id="rId${i + 1}" Type="${REL}/${s.type ?? 'worksheet'}" Target="${targets[i]}"/>`)
  if (sharedStrings) rels.push(`<Relationship Id="rId99" Type="${REL}/sharedStrings" Target="sharedStrings.xml"/>`)
  const files: Record<string, Uint8Array> = {
    '[Content_Types].xml': strToU8(`${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>`),
    '_rels/.rels': strToU8(
      `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
    ),
    'xl/workbook.xml': strToU8(
      `${XML_HEAD}<workbook ${MAIN_NS} xmlns:r="${REL}"><bookViews><workbookView/></bookViews><sheets>${sheets
        .map((s, i) => `<sheet name="${s.name}" sheetId="${i + 1}"${s.state ? ` state="${s.state}"` : ''} r:id="rId${i + 1}"/>`)
        .join('')}</sheets></workbook>`,
    ),
    // Listed backwards, so nothing can lean on relationship order.
    'xl/_rels/workbook.xml.rels': strToU8(
      `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${rels.reverse().join('')}</Relationships>`,
    ),
    ...extra,
  }
  if (sharedStrings) files['xl/sharedStrings.xml'] = strToU8(sharedStrings)
  sheets.forEach((s, i) => {
    files[s.part ?? partPath(targets[i]!)] = typeof s.xml === 'string' ? strToU8(s.xml) : s.xml
  })
  return zipSync(files)
}

const oneSheet = (rows: string, sharedStrings?: string) => xlsx([{ name: 'Danh sách', xml: sheetXml(rows) }], sharedStrings)
const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`

// ---------------------------------------------------------------------------------------------------- CSV

describe('reading CSV', () => {
  it('reads a UTF-8 comma-separated list into a trimmed header and untrimmed string cells with row numbers', () => {
    const table = read(utf8(' Họ và tên ,Ngày sinh,Số CCCD\nNguyễn Văn An,01/01/1990,000000000001\nTrần Thị Bình , 1991,000000000002\n'))
    expect(table).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ',', sheetName: null, headerRowNumber: 1 })
    expect(table.header).toEqual(['Họ và tên', 'Ngày sinh', 'Số CCCD'])
    expect(table.rows).toEqual([
      { rowNumber: 2, cells: ['Nguyễn Văn An', '01/01/1990', '000000000001'] },
      { rowNumber: 3, cells: ['Trần Thị Bình ', ' 1991', '000000000002'] },
    ])
  })

  it('keeps Vietnamese text exactly as written, NFC and NFD alike', () => {
    const nfc = 'Nguyễn Thị Hồng Nhung'.normalize('NFC')
    const nfd = 'Nguyễn Thị Hồng Nhung'.normalize('NFD')
    expect(nfd).not.toBe(nfc)
    const table = read(utf8(`Họ và tên\n${nfc}\n${nfd}\n`))
    expect(values(table)).toEqual([[nfc], [nfd]])
    expect(table.rows[1]!.cells[0]).toHaveLength(nfd.length)
  })

  it('strips a UTF-8 BOM and reports it', () => {
    const table = read(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Họ và tên;Xã\nLê Văn Cường;Tân Lập\n')]))
    expect(table).toMatchObject({ encoding: 'utf-8-bom', delimiter: ';', header: ['Họ và tên', 'Xã'] })
    expect(values(table)).toEqual([['Lê Văn Cường', 'Tân Lập']])
  })

  it('reads Excel\'s "Unicode text": UTF-16LE with a BOM, tab-separated, CRLF', () => {
    const table = read(utf16('Họ và tên\tĐịa chỉ\tGhi chú\r\nPhạm Văn Dũng\t"Thôn 1, xã Tân Lập"\tcó dấu phẩy, chấm phẩy;\r\n'))
    expect(table).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', header: ['Họ và tên', 'Địa chỉ', 'Ghi chú'] })
    expect(values(table)).toEqual([['Phạm Văn Dũng', 'Thôn 1, xã Tân Lập', 'có dấu phẩy, chấm phẩy;']])
  })

  it('reads UTF-16BE with a BOM and UTF-16 without a BOM by the pattern of NUL bytes', () => {
    const text = 'Họ và tên,Năm sinh\r\nVõ Thị Én,1995\r\n'
    const expected = { header: ['Họ và tên', 'Năm sinh'], rows: [{ rowNumber: 2, cells: ['Võ Thị Én', '1995'] }] }
    expect(read(utf16(text, { isBigEndian: true }))).toMatchObject({ encoding: 'utf-16be', ...expected })
    expect(read(utf16(text, { hasBom: false }))).toMatchObject({ encoding: 'utf-16le', ...expected })
    expect(read(utf16(text, { isBigEndian: true, hasBom: false }))).toMatchObject({ encoding: 'utf-16be', ...expected })
  })

  it('picks the delimiter from the first non-empty record, ignoring delimiters inside quotes', () => {
    const semicolons = read(utf8('\r\n"Địa chỉ (thôn, xã, huyện)";Họ tên;Năm\r\n"Thôn 2, xã A";Đỗ Văn Giang;1980\r\n'))
    expect(semicolons.delimiter).toBe(';')
    expect(semicolons.headerRowNumber).toBe(2)
    expect(values(semicolons)).toEqual([['Thôn 2, xã A', 'Đỗ Văn Giang', '1980']])
    expect(read(utf8('Họ tên\nHồ Văn Hải\n')).delimiter).toBe(',')
    expect(read(utf8('a\tb;c\td\n1\t2;3\t4\n')).delimiter).toBe('\t')
  })

  it('honours a leading "sep=" line as Excel does, and numbers rows as Excel shows them (without it)', () => {
    const table = read(utf8('sep=;\r\nHọ tên,phụ;Năm\r\nBùi Văn Khoa,x;1985\r\n'))
    expect(table).toMatchObject({ delimiter: ';', header: ['Họ tên,phụ', 'Năm'], headerRowNumber: 1 })
    expect(table.rows).toEqual([{ rowNumber: 2, cells: ['Bùi Văn Khoa,x', '1985'] }])
  })

  it('unquotes RFC 4180 fields with delimiters, doubled quotes and line breaks inside', () => {
    const table = read(utf8('Tên,Ghi chú,Số\r\n"Ngô Văn, Lâm","Biệt danh ""Lâm già""","1\r\n2"\r\n"Mai ""Thị"" Mơ","dòng 1\ndòng 2",""\r\nx,"",3\r\n'))
    expect(table.rows).toEqual([
      { rowNumber: 2, cells: ['Ngô Văn, Lâm', 'Biệt danh "Lâm già"', '1\r\n2'] },
      { rowNumber: 3, cells: ['Mai "Thị" Mơ', 'dòng 1\ndòng 2'] },
      { rowNumber: 4, cells: ['x', null, '3'] },
    ])
  })

  it('accepts LF, CRLF and lone CR line ends in one file, with or without a final line break', () => {
    const table = read(utf8('h1,h2\ra,b\r\nc,d\ne,f'))
    expect(table.rows.map((r) => [r.rowNumber, ...r.cells])).toEqual([
      [2, 'a', 'b'],
      [3, 'c', 'd'],
      [4, 'e', 'f'],
    ])
  })

  it('is lenient like Excel with stray quotes: literal mid-field, kept after a closing quote, unclosed to the end', () => {
    expect(values(read(utf8('a,b\n5" ống,"x"y\n')))).toEqual([['5" ống', 'xy']])
    expect(values(read(utf8('a,b\n1,"không đóng\nvẫn trong ô\n')))).toEqual([['1', 'không đóng\nvẫn trong ô\n']])
  })

  it('treats whitespace-only cells as empty, skips empty rows and keeps the numbering', () => {
    const table = read(utf8('\n\nHọ tên,Xã,,\n\nĐinh Văn Minh,  ,,\n;;\n,,,\n   ,\t\nLý Thị Ngọc,Tân Lập,,\n'))
    expect(table.headerRowNumber).toBe(3)
    expect(table.header).toEqual(['Họ tên', 'Xã'])
    expect(table.rows).toEqual([
      { rowNumber: 5, cells: ['Đinh Văn Minh'] },
      { rowNumber: 6, cells: [';;'] },
      { rowNumber: 9, cells: ['Lý Thị Ngọc', 'Tân Lập'] },
    ])
  })

  it('keeps empty header cells in the middle as empty strings', () => {
    expect(read(utf8('STT,,Họ tên\n1,x,Y\n')).header).toEqual(['STT', '', 'Họ tên'])
  })

  it('refuses text that is not UTF-8 (Windows-1258, TCVN3) with bad_encoding', () => {
    const windows1258 = new Uint8Array([0x48, 0xf4, 0x20, 0x74, 0xea, 0x6e, 0x0a, 0x4e, 0x67, 0x75, 0x79, 0xea, 0xf2, 0x6e, 0x0a]) // "Hô tên\nNguyêǹn"
    const error = readError(windows1258)
    expect(error.code).toBe('bad_encoding')
    expect(error.message).toMatch(/CSV UTF-8/)
    expect(readError(new Uint8Array([0xff, 0xfe, 0x41, 0x00, 0x00, 0xd8, 0x0a])).code).toBe('bad_encoding') // lone surrogate, odd length
  })

  it('refuses binary and web-page files as not_a_spreadsheet', () => {
    expect(readError(new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0x00, 0x00, 0xff, 0xff, 0x00, 0x00])).code).toBe(
      'not_a_spreadsheet',
    ) // a Windows .exe
    expect(readError(new Uint8Array([0x48, 0x6f, 0x00, 0x01, 0x02, 0x03, 0xff, 0x10, 0x00])).code).toBe('not_a_spreadsheet') // NULs in every other byte, yet not UTF-16
    expect(readError(utf8('<!DOCTYPE html><html><body><table><tr><td>Họ tên</td></tr></table></body></html>')).code).toBe('not_a_spreadsheet')
    expect(readError(utf8('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>')).code).toBe('not_a_spreadsheet')
  })

  it('refuses an empty file, and one without any filled row, with empty', () => {
    expect(readError(new Uint8Array()).code).toBe('empty')
    expect(readError(new Uint8Array([0xef, 0xbb, 0xbf])).code).toBe('empty')
    expect(readError(utf8('\r\n ,  , \r\n;;;\r\n\t\r\n'.replace(/;/g, ','))).code).toBe('empty')
  })

  it('accepts exactly maxRows data rows and refuses one more with too_many_rows', () => {
    const csv = (n: number) => utf8(['Họ tên', ...Array.from({ length: n }, (_, i) => `Người ${i + 1}`)].join('\n'))
    expect(read(csv(3), { maxRows: 3 }).rows).toHaveLength(3)
    const error = readError(csv(4), { maxRows: 3 })
    expect(error.code).toBe('too_many_rows')
    expect(error.message).toContain('3')
    // Blank lines are not rows of data.
    expect(read(utf8('h\n\n\na\n\nb\n\n\nc\n'), { maxRows: 3 }).rows.map((r) => r.rowNumber)).toEqual([4, 6, 9])
  })

  it('refuses a CSV larger than maxUncompressedBytes with too_large', () => {
    expect(readError(utf8('Họ tên\n' + 'x\n'.repeat(1000)), { maxUncompressedBytes: 1000 }).code).toBe('too_large')
  })
})

// --------------------------------------------------------------------------------------------------- XLSX

describe('reading XLSX', () => {
  const strings = sstXml([
    '<t>Họ và tên</t>',
    '<t xml:space="preserve">  Ngày sinh </t>',
    '<r><rPr><b/><sz val="11"/></rPr><t xml:space="preserve">Nguyễn </t></r><r><rPr><i/></rPr><t xml:space="preserve">Văn </t></r><r><t>An</t></r>',
    '<t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh><phoneticPr fontId="1" type="noConversion"/>',
    '<t>Tom &amp; Jerry &lt;3 &gt; &quot;x&quot; &apos;y&apos; &#272;&#x1EA1;</t>',
    '<t>Dòng 1_x000D_\nDòng 2</t>',
    '<t>   </t>',
    '<t>  không giữ khoảng trắng  </t>',
    '<t xml:space="preserve"> giữ khoảng trắng </t>',
  ])

  it('reads shared strings (rich-text runs joined, phonetic runs left out), inline strings, numbers, booleans and sparse cells', () => {
    const table = oneSheet(
      [
        `<row r="1" spans="1:4"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s" s="1"><v>1</v></c>${inline('C1', 'Đang cai')}<c r="D1" t="inlineStr"><is><r><t>Ghi </t></r><r><t xml:space="preserve">chú</t></r></is></c></row>`,
        '<row r="2"><c r="A2" t="s"><v>2</v></c><c r="B2" s="3"><v>32874</v></c><c r="C2" t="b"><v>1</v></c><c r="D2" t="s"><v>4</v></c></row>',
        '<row r="4"><c r="A4" t="s"><v>3</v></c><c r="B4" s="2"/><c r="C4" t="b"><v>0</v></c><c r="AA4" t="n"><v>-1.5E2</v></c></row>',
        '<row r="5"><c r="A5" t="s"><v>6</v></c><c r="B5"><v></v></c></row>',
        '<row r="6"><c r="A6" t="str"><v>văn bản</v></c><c r="D6" t="s"><v>5</v></c></row>',
        '<row r="7"><c r="A7" t="s"><v>7</v></c><c r="B7" t="s"><v>8</v></c><c r="C7"><v>0.1</v></c></row>',
      ].join(''),
      strings,
    )
    const read_ = read(table)
    expect(read_).toMatchObject({ format: 'xlsx', encoding: null, delimiter: null, sheetName: 'Danh sách', headerRowNumber: 1 })
    expect(read_.header).toEqual(['Họ và tên', 'Ngày sinh', 'Đang cai', 'Ghichú'])
    const far = Array<null>(23).fill(null)
    expect(read_.rows).toEqual([
      { rowNumber: 2, cells: ['Nguyễn Văn An', 32874, true, 'Tom & Jerry <3 > "x" \'y\' Đạ'] },
      { rowNumber: 4, cells: ['東京', null, false, ...far, -150] },
      { rowNumber: 6, cells: ['văn bản', null, null, 'Dòng 1\r\nDòng 2'] },
      { rowNumber: 7, cells: ['không giữ khoảng trắng', ' giữ khoảng trắng ', 0.1] },
    ])
  })

  it('reads a sheet at an absolute path, with prefixed element names and rows and cells without r', () => {
    const xml = `${XML_HEAD}<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData><x:row><x:c t="inlineStr"><x:is><x:t>Họ tên</x:t></x:is></x:c><x:c t="inlineStr"><x:is><x:t>Năm</x:t></x:is></x:c></x:row><x:row><x:c t="inlineStr"><x:is><x:t>Tô Văn Phúc</x:t></x:is></x:c><x:c><x:v>1979</x:v></x:c></x:row><x:row r="5"><x:c r="B5"><x:v>1980</x:v></x:c></x:row><x:row><x:c/><x:c><x:v>1981</x:v></x:c></x:row></x:sheetData></x:worksheet>`
    const table = read(xlsx([{ name: 'Tờ 1', xml, target: '/xl/worksheets/data.xml' }]))
    expect(table).toMatchObject({ sheetName: 'Tờ 1', header: ['Họ tên', 'Năm'], headerRowNumber: 1 })
    expect(table.rows).toEqual([
      { rowNumber: 2, cells: ['Tô Văn Phúc', 1979] },
      { rowNumber: 5, cells: [null, 1980] },
      { rowNumber: 6, cells: [null, 1981] },
    ])
  })

  it('scans XML robustly: comments, CDATA, single quotes and ">" inside attribute values', () => {
    const xml = `${XML_HEAD}<!-- made by hand --><worksheet ${MAIN_NS}><sheetData><!-- <row r="1"><c r="A1"><v>9</v></c></row> --><row r='1' x14ac:dyDescent="0.25" note="a>b"><c r='A1' t='inlineStr'><is><t><![CDATA[Họ <và> tên]]></t></is></c><c r="B1" t="inlineStr" note='">'><is><t>Năm</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>Lò<!-- x --> Văn Sáng</t></is></c><c r="B2"><v> 1988 </v></c></row></sheetData></worksheet>`
    const table = read(xlsx([{ name: 'Q&amp;A &gt; 1', xml }]))
    expect(table).toMatchObject({ sheetName: 'Q&A > 1', header: ['Họ <và> tên', 'Năm'] })
    expect(values(table)).toEqual([['Lò Văn Sáng', 1988]])
  })

  it('resolves relative targets with ../ against the workbook folder', () => {
    const table = read(
      xlsx([
        { name: 'A', xml: sheetXml(`<row r="1">${inline('A1', 'Họ tên')}</row>`), target: '../xl/sheets/../worksheets/a.xml', part: 'xl/worksheets/a.xml' },
      ]),
    )
    expect(table.header).toEqual(['Họ tên'])
  })

  it('reads the first sheet in workbook order, not the first file, skipping hidden and chart sheets', () => {
    const sheet = (title: string) => sheetXml(`<row r="1">${inline('A1', title)}</row><row r="2">${inline('A2', 'x')}</row>`)
    const bytes = xlsx([
      { name: 'Biểu đồ', xml: '<chartsheet/>', target: 'chartsheets/sheet1.xml', type: 'chartsheet' },
      { name: 'Danh mục', xml: sheet('ẩn'), target: 'worksheets/sheet1.xml', state: 'hidden' },
      { name: 'Danh sách', xml: sheet('đúng'), target: 'worksheets/sheet3.xml' },
      { name: 'Ghi chú', xml: sheet('sau'), target: 'worksheets/sheet2.xml' },
    ])
    expect(read(bytes)).toMatchObject({ sheetName: 'Danh sách', header: ['đúng'] })
  })

  it('decodes entities in sheet names and a UTF-16 part', () => {
    const xml = new Uint8Array([0xff, 0xfe, ...utf16(sheetXml(`<row r="1">${inline('A1', 'Họ &amp; tên')}</row>`), { hasBom: false })])
    expect(read(xlsx([{ name: 'A &amp; B', xml }]))).toMatchObject({ sheetName: 'A & B', header: ['Họ & tên'] })
  })

  it('reads the file made by our own writer (worker/lib/xlsx-writer.ts)', () => {
    const bytes = writeXlsx([
      {
        name: 'Danh sách',
        header: ['Họ và tên', 'Ngày sinh (serial)', 'Số CCCD', 'Ghi chú'],
        rows: [
          ['Nguyễn Văn An', 32874, '000000000001', 'a < b & "c"'],
          ['Trần Thị Bình', null, '000000000002', null],
          [null, null, null, null],
          ['Lê Văn Cường', 33000.5, null, '  '],
        ],
      },
      { name: 'Khác', header: ['x'], rows: [] },
    ])
    const table = read(bytes)
    expect(table).toMatchObject({
      format: 'xlsx',
      sheetName: 'Danh sách',
      header: ['Họ và tên', 'Ngày sinh (serial)', 'Số CCCD', 'Ghi chú'],
      headerRowNumber: 1,
    })
    expect(table.rows).toEqual([
      { rowNumber: 2, cells: ['Nguyễn Văn An', 32874, '000000000001', 'a < b & "c"'] },
      { rowNumber: 3, cells: ['Trần Thị Bình', null, '000000000002'] },
      { rowNumber: 5, cells: ['Lê Văn Cường', 33000.5] },
    ])
  })

  it('gives the same header, row numbers and cell text as the same list saved as CSV', () => {
    const header = ['Họ và tên', 'Năm sinh', 'Địa chỉ', 'Ghi chú']
    const rows = [
      ['Nguyễn Văn An', 1990, 'Thôn 1, xã Tân Lập', 'nói "không"'],
      ['Trần Thị Bình'.normalize('NFD'), 1991, null, 'dòng 1\ndòng 2'],
      [null, null, null, null],
      ['Lê Văn Cường', null, 'Phường 3', null],
    ]
    const quote = (v: string | number | null) => (v === null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))
    const fromCsv = read(utf8([header, ...rows].map((r) => r.map(quote).join(',')).join('\r\n')))
    const fromXlsx = read(writeXlsx([{ name: 'Danh sách', header, rows }]))
    const asText = (table: RawTable) => table.rows.map((r) => ({ rowNumber: r.rowNumber, cells: r.cells.map((c) => (c === null ? null : String(c))) }))
    expect(fromXlsx.header).toEqual(fromCsv.header)
    expect(asText(fromXlsx)).toEqual(asText(fromCsv))
    expect(fromXlsx.rows.map((r) => r.rowNumber)).toEqual([2, 3, 5])
    expect(fromXlsx.rows[1]!.cells[0]).toBe('Trần Thị Bình'.normalize('NFD'))
  })

  it('refuses any formula, shared formulas included, naming the cell but not its contents', () => {
    const header = `<row r="1">${inline('A1', 'Họ tên')}${inline('B1', 'Tổng')}</row>`
    const error = readError(
      oneSheet(`${header}<row r="2">${inline('A2', 'Cao Văn Quang')}</row><row r="5"><c r="A5"><v>1</v></c><c r="C5"><f>SUM(A1:B1)</f><v>3</v></c></row>`),
    )
    expect(error).toMatchObject({ code: 'formula', cell: 'C5' })
    expect(error.message).toContain('cell C5')
    expect(error.message).not.toMatch(/SUM|Quang/)
    expect(readError(oneSheet(`${header}<row r="3"><c r="B3" t="str"><f t="shared" ref="B3:B9" si="0"/><v>x</v></c></row>`))).toMatchObject({
      code: 'formula',
      cell: 'B3',
    })
  })

  it('refuses an error value such as #DIV/0! with cell_error and the cell reference', () => {
    const error = readError(oneSheet(`<row r="1">${inline('A1', 'Họ tên')}</row><row r="3"><c r="AB3" t="e"><v>#DIV/0!</v></c></row>`))
    expect(error).toMatchObject({ code: 'cell_error', cell: 'AB3' })
    expect(error.message).not.toContain('#DIV/0!')
  })

  it('refuses a shared-string index that does not exist as a damaged file', () => {
    expect(readError(oneSheet('<row r="1"><c r="A1" t="s"><v>7</v></c></row>', sstXml(['<t>a</t>'])))).toMatchObject({ code: 'not_a_spreadsheet', cell: 'A1' })
  })

  it('refuses a workbook whose first sheet has no filled cell with empty', () => {
    expect(readError(oneSheet('')).code).toBe('empty')
    expect(readError(oneSheet('<row r="1"><c r="A1" s="1"/><c r="B1" t="inlineStr"><is><t> </t></is></c></row><row r="2"/>')).code).toBe('empty')
  })

  it('stops at maxRows data rows with too_many_rows, before reading the rest of the sheet', () => {
    const rows = (n: number) => Array.from({ length: n }, (_, i) => `<row r="${i + 2}">${inline(`A${i + 2}`, `Người ${i + 1}`)}</row>`).join('')
    const header = `<row r="1">${inline('A1', 'Họ tên')}</row>`
    expect(read(oneSheet(header + rows(3)), { maxRows: 3 }).rows).toHaveLength(3)
    // A formula after the limit would be refused if the reader went on.
    const error = readError(oneSheet(`${header}${rows(4)}<row r="99"><c r="A99"><f>1+1</f></c></row>`), { maxRows: 3 })
    expect(error.code).toBe('too_many_rows')
  })

  it('refuses cells far to the right that would inflate into millions of empty slots', () => {
    const rows = Array.from({ length: 200 }, (_, i) => `<row r="${i + 1}"><c r="XFD${i + 1}"><v>1</v></c></row>`).join('')
    const error = readError(oneSheet(rows))
    expect(error.code).toBe('too_large')
    expect(error.cell).toMatch(/^XFD\d+$/)
  })
})

// ------------------------------------------------------------------------------------- not a spreadsheet

describe('recognising what is not a readable spreadsheet', () => {
  it('refuses an old .xls (OLE2) with legacy_xls, and a password-protected workbook with encrypted', () => {
    const ole2 = new Uint8Array(1024)
    ole2.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])
    const plain = readError(ole2)
    expect(plain.code).toBe('legacy_xls')
    expect(plain.message).toMatch(/\.xlsx/)
    ole2.set(utf16('EncryptedPackage', { hasBom: false }), 600)
    const encrypted = readError(ole2)
    expect(encrypted.code).toBe('encrypted')
    expect(encrypted.message).toMatch(/password/)
  })

  it.each([
    ['PDF', [0x25, 0x50, 0x44, 0x46, 0x2d, 0x31, 0x2e, 0x37]],
    ['PNG', [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]],
    ['JPEG', [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10]],
    ['GIF', [0x47, 0x49, 0x46, 0x38, 0x39, 0x61]],
  ])('refuses a %s with not_a_spreadsheet', (_, signature) => {
    expect(readError(new Uint8Array([...signature, ...utf8('Họ tên,Năm\n')])).code).toBe('not_a_spreadsheet')
  })

  it('refuses a ZIP without xl/workbook.xml, naming .ods and .xlsb when it sees them', () => {
    expect(readError(zipSync({ 'word/document.xml': strToU8('<w:document/>') }))).toMatchObject({
      code: 'not_a_spreadsheet',
      message: expect.stringMatching(/ZIP/),
    })
    expect(
      readError(zipSync({ mimetype: strToU8('application/vnd.oasis.opendocument.spreadsheet'), 'content.xml': strToU8('<office:document-content/>') })).message,
    ).toMatch(/\.ods/)
    expect(readError(zipSync({ 'xl/workbook.bin': new Uint8Array(8) })).message).toMatch(/\.xlsb/)
    expect(readError(zipSync({})).code).toBe('not_a_spreadsheet')
  })

  it('refuses a truncated or corrupt ZIP with not_a_spreadsheet', () => {
    const bytes = oneSheet(`<row r="1">${inline('A1', 'Họ tên')}</row>`)
    expect(readError(bytes.subarray(0, bytes.length - 40)).code).toBe('not_a_spreadsheet')
    const sheet = new TextEncoder().encode('xl/worksheets/sheet1.xml')
    const at = bytes.findIndex((_, i) => sheet.every((b, k) => bytes[i + k] === b)) + sheet.length // the sheet's data follows its local header
    const corrupt = bytes.slice()
    corrupt.fill(0xff, at, at + 16)
    expect(readError(corrupt).code).toBe('not_a_spreadsheet')
  })
})

// ------------------------------------------------------------------------------------------------ zip bomb

describe('zip bomb protection', () => {
  it('refuses a highly compressible giant sheet by its declared size, before inflating it', () => {
    const giant = new Uint8Array(32 * 1024 * 1024).fill(0x20) // 32 MiB of spaces deflates to ~32 KiB
    const bytes = zipSync(
      {
        'xl/workbook.xml': strToU8(`<workbook xmlns:r="${REL}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>`),
        'xl/_rels/workbook.xml.rels': strToU8(
          `<Relationships><Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`,
        ),
        'xl/worksheets/sheet1.xml': giant,
      },
      { level: 1 },
    )
    expect(bytes.length).toBeLessThan(1024 * 1024)
    const meter = { inflatedBytes: 0 }
    expect(readError(bytes, { maxUncompressedBytes: 8 * 1024 * 1024, meter }).code).toBe('too_large')
    // Only the workbook and its relationships were inflated; of the sheet, nothing.
    const parts = unzipSync(bytes, { filter: (part) => !part.name.startsWith('xl/worksheets/') })
    expect(meter.inflatedBytes).toBe(parts['xl/workbook.xml']!.length + parts['xl/_rels/workbook.xml.rels']!.length)
  })

  it('refuses a forged 4 GB entry without allocating it (inflating would fail differently)', () => {
    const bytes = forgeDeclaredSize(oneSheet(`<row r="1">${inline('A1', 'Họ tên')}</row>`), 'xl/worksheets/sheet1.xml', 0xfffffff0)
    expect(readError(bytes).code).toBe('too_large')
  })

  it('never inflates parts it does not need, however large they claim to be', () => {
    const bytes = xlsx([{ name: 'A', xml: sheetXml(`<row r="1">${inline('A1', 'Họ tên')}</row>`) }], undefined, { 'xl/media/image1.png': new Uint8Array(64) })
    expect(read(forgeDeclaredSize(bytes, 'xl/media/image1.png', 0xfffffff0)).header).toEqual(['Họ tên'])
  })

  it('charges every part it reads to one budget: workbook, relationships, sheet and shared strings together', () => {
    const strings = sstXml(['<t>Họ tên</t>', `<t>${'x'.repeat(4000)}</t>`])
    const bytes = oneSheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row>', strings)
    const sizes = unzipSync(bytes)
    const needed = ['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', 'xl/worksheets/sheet1.xml', 'xl/sharedStrings.xml'].reduce(
      (sum, name) => sum + sizes[name]!.length,
      0,
    )
    expect(read(bytes, { maxUncompressedBytes: needed }).rows).toHaveLength(1)
    expect(readError(bytes, { maxUncompressedBytes: needed - 1 }).code).toBe('too_large')
    expect(sizes['xl/sharedStrings.xml']!.length).toBeLessThan(needed - 100) // each part alone would fit
  })
})

// --------------------------------------------------------------------------------------------- performance

// Large lists read whole and right; how fast is `npm run bench:import`'s to measure (docs/benchmarks.md), not a
// timed test's (it failed on a busy machine at 1.9 s of CPU for what takes 0.3 s on a quiet one).
describe('a large list', () => {
  const header = Array.from({ length: 15 }, (_, c) => `Cột ${c + 1}`)
  const rows = Array.from({ length: 10_000 }, (_, r) => header.map((_, c) => (c % 5 === 1 ? 30_000 + r : `Nguyễn Thị Hồng ${r}-${c}, xã Tân Lập`)))

  it('reads 10,000 rows × 15 columns of CSV, every row', () => {
    const bytes = utf8([header, ...rows].map((r) => r.map((v) => `"${v}"`).join(';')).join('\r\n'))
    const table = read(bytes)
    expect(table.rows).toHaveLength(10_000)
    expect(table.rows[9_999]!.cells[14]).toBe('Nguyễn Thị Hồng 9999-14, xã Tân Lập')
  })

  it('reads 10,000 rows × 15 columns of XLSX, every row, numbers as numbers', () => {
    const bytes = writeXlsx([{ name: 'Danh sách', header, rows }])
    const table = read(bytes)
    expect(table.rows).toHaveLength(10_000)
    expect(table.rows[9_999]!.cells.slice(0, 2)).toEqual(['Nguyễn Thị Hồng 9999-0, xã Tân Lập', 39_999])
  })
})
