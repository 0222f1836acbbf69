import { strToU8, zipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { readTable, TableReadError } from '../../worker/import/read-table.ts'
import { writeXlsx } from '../../worker/lib/xlsx-writer.ts'
import { xlsxBomb } from '../helpers/zip-bomb.ts'

// Inside workerd: the reader relies on TextDecoder (fatal UTF-8 and UTF-16LE) and fflate, whose behaviour here
// is workerd's, not Node's. The full cases are in test/worker/import/read-table.test.ts.
const LIMITS = { maxRows: 1000, maxUncompressedBytes: 10 * 1024 * 1024 }

function utf16le(text: string): Uint8Array {
  const units = `\uFEFF${text}`
  const bytes = new Uint8Array(units.length * 2)
  for (let i = 0; i < units.length; i++) {
    bytes[2 * i] = units.charCodeAt(i) & 0xff
    bytes[2 * i + 1] = units.charCodeAt(i) >> 8
  }
  return bytes
}

function codeOf(run: () => unknown): string {
  try {
    run()
  } catch (error) {
    if (error instanceof TableReadError) return error.code
    throw error
  }
  return 'no error'
}

describe('reading uploaded lists inside workerd', () => {
  it('runs in workerd, not Node', () => {
    expect(navigator.userAgent).toBe('Cloudflare-Workers')
  })

  it('reads a UTF-8 CSV with quotes and keeps NFD text as written', () => {
    const nfd = 'Nguyễn Thị Hồng'.normalize('NFD')
    const table = readTable(new TextEncoder().encode(`Họ và tên;Địa chỉ\r\n${nfd};"Thôn 1; xã Tân Lập"\r\n\r\nLê Văn An;\r\n`), LIMITS)
    expect(table).toMatchObject({ format: 'csv', encoding: 'utf-8', delimiter: ';', header: ['Họ và tên', 'Địa chỉ'] })
    expect(table.rows).toEqual([
      { rowNumber: 2, cells: [nfd, 'Thôn 1; xã Tân Lập'] },
      { rowNumber: 4, cells: ['Lê Văn An'] },
    ])
  })

  it('reads Excel\'s UTF-16LE "Unicode text" with tabs, and refuses bytes that are not UTF-8', () => {
    const table = readTable(utf16le('Họ và tên\tNăm sinh\r\nTrần Thị Bình\t1991\r\n'), LIMITS)
    expect(table).toMatchObject({ encoding: 'utf-16le', delimiter: '\t', rows: [{ rowNumber: 2, cells: ['Trần Thị Bình', '1991'] }] })
    expect(codeOf(() => readTable(new Uint8Array([0x48, 0xf4, 0x20, 0x74, 0xea, 0x6e]), LIMITS))).toBe('bad_encoding')
  })

  it('reads an XLSX made by our writer, and a hand-made one with shared strings and a formula', () => {
    const made = readTable(writeXlsx([{ name: 'Danh sách', header: ['Họ và tên', 'Ngày sinh'], rows: [['Phạm Văn Dũng', 32874]] }]), LIMITS)
    expect(made).toMatchObject({
      format: 'xlsx',
      sheetName: 'Danh sách',
      header: ['Họ và tên', 'Ngày sinh'],
      rows: [{ rowNumber: 2, cells: ['Phạm Văn Dũng', 32874] }],
    })

    const ns = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
    const rel = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships'
    const workbook = (sheetXml: string) =>
      zipSync({
        'xl/workbook.xml': strToU8(`<workbook ${ns} xmlns:r="${rel}"><sheets><sheet name="Tờ 1" sheetId="1" r:id="rId1"/></sheets></workbook>`),
        'xl/_rels/workbook.xml.rels': strToU8(
          `<Relationships><Relationship Id="rId1" Type="${rel}/worksheet" Target="/xl/worksheets/sheet1.xml"/><Relationship Id="rId2" Type="${rel}/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
        ),
        'xl/sharedStrings.xml': strToU8(`<sst ${ns}><si><t>Họ tên</t></si><si><r><t xml:space="preserve">Võ </t></r><r><t>Thị Én</t></r></si></sst>`),
        'xl/worksheets/sheet1.xml': strToU8(`<worksheet ${ns}><sheetData>${sheetXml}</sheetData></worksheet>`),
      })
    const table = readTable(
      workbook('<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="3"><c r="A3" t="s"><v>1</v></c><c r="C3" t="b"><v>1</v></c></row>'),
      LIMITS,
    )
    expect(table).toMatchObject({ sheetName: 'Tờ 1', header: ['Họ tên'], rows: [{ rowNumber: 3, cells: ['Võ Thị Én', null, true] }] })
    expect(codeOf(() => readTable(workbook('<row r="1"><c r="B2"><f>1+1</f><v>2</v></c></row>'), LIMITS))).toBe('formula')
  })

  it('stops a zip bomb while inflating it, whatever size it declares (uploads are parsed inline here)', () => {
    const bomb = xlsxBomb({ unpackedBytes: 40 * 1024 * 1024, declaredSize: 1000 })
    expect(bomb.length).toBeLessThan(60_000)
    expect(codeOf(() => readTable(bomb, { ...LIMITS, maxUncompressedBytes: 50 * 1024 * 1024 }))).toBe('too_large')
  })
})
