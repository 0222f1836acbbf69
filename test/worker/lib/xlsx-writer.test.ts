import { strFromU8, unzipSync } from 'fflate'
import { describe, expect, it } from 'vitest'
import { readTable } from '../../../worker/import/read-table.ts'
import { writeXlsx } from '../../../worker/lib/xlsx-writer.ts'

// Every export goes through this writer (reports, the import template and its rejected rows).
describe('the XLSX writer', () => {
  const header = ['Họ và tên', '=Cột', 'Ghi chú']
  const rows = [
    ['Nguyễn Văn A', '+84912345678', '=HYPERLINK("http://example.invalid","Bấm")'],
    ['Trần Thị B', '@SUM(A1)', ' -2+3'],
    ['Lê Văn C', -5, 'bình thường'],
  ]
  const bytes = writeXlsx([{ name: 'Danh sách', header, rows }])
  const parts = unzipSync(bytes)
  const sheet = strFromU8(parts['xl/worksheets/sheet1.xml']!)
  const styles = strFromU8(parts['xl/styles.xml']!)
  const cell = (ref: string) => new RegExp(`<c r="${ref}"[^>]*>.*?</c>`).exec(sheet)?.[0] ?? ''

  it('never writes a formula: every text is an inline string', () => {
    expect(sheet).not.toContain('<f>')
    expect(sheet).not.toContain('<f ')
    for (const ref of ['A2', 'B2', 'C2', 'B3', 'C3']) expect(cell(ref)).toContain('t="inlineStr"')
  })

  it('marks text that a spreadsheet would run if typed (= + - @) with the quote-prefix style, header included', () => {
    expect(styles).toMatch(
      /<cellXfs count="4"><xf fontId="0"\/><xf fontId="1" applyFont="1"\/><xf fontId="0" quotePrefix="1"\/><xf fontId="1" applyFont="1" quotePrefix="1"\/><\/cellXfs>/,
    )
    for (const ref of ['B2', 'C2', 'B3', 'C3']) expect(cell(ref)).toContain('s="2"')
    expect(cell('B1')).toContain('s="3"')
    for (const ref of ['A2', 'C4']) expect(cell(ref)).toContain('s="0"')
    expect(cell('A1')).toContain('s="1"')
    expect(cell('B4')).toBe('<c r="B4" s="0"><v>-5</v></c>') // a number stays a number
  })

  it('keeps the values as written: read back, they are the same text, without an apostrophe', () => {
    const table = readTable(bytes, { maxRows: 10, maxUncompressedBytes: 1e6 })
    expect(table.header).toEqual(header)
    expect(table.rows.map((r) => r.cells)).toEqual(rows)
  })
})
