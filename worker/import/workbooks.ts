import { writeXlsx, type Cell } from '../lib/xlsx-writer.ts'
import type { RejectedRow, RejectionReason, RowProblem } from './analyse-rows.ts'
import { COLUMN_SPECS, importFields, type ImportField } from './columns.ts'
import type { RawCell, RawTable } from './read-table.ts'

/** Reasons as officers read them in the downloaded file (the screen has its own catalogue). */
const REASON_VI: Record<RejectionReason, string> = {
  missing_value: 'chưa có (bắt buộc)',
  invalid_value: 'không hợp lệ',
  unknown_address: 'không tìm thấy xã/phường này trong tỉnh (tên hiện nay hoặc trước 01/7/2025)',
  ambiguous_address: 'xã/phường cũ nay thuộc nhiều xã/phường, ghi tên xã/phường mới',
  other_province: 'địa chỉ thuộc tỉnh khác',
  out_of_scope: 'ngoài các xã/phường được phân công',
  duplicate_in_file: 'số CCCD bị lặp trong tệp',
  already_registered: 'số CCCD đã có trong danh sách của tỉnh',
}

function reasonText(problem: RowProblem): string {
  const head = problem.column ? `${problem.column}: ` : ''
  let text = `${head}${REASON_VI[problem.reason]}`
  if (problem.reason === 'invalid_value') text += ` (${problem.message})`
  if (problem.reason === 'duplicate_in_file') text += ` (${problem.message.replace('the same citizen ID is also on row', 'cũng có ở dòng')})`
  if (problem.candidates) text += `: ${problem.candidates.map((c) => `${c.name} (${c.code})`).join('; ')}`
  return text
}

const toCell = (value: RawCell | undefined): Cell =>
  value === undefined || value === null ? null : typeof value === 'boolean' ? (value ? 'TRUE' : 'FALSE') : value

/**
 * The rejected rows as they were in the file, with the row number and the reasons appended, so the officer
 * can fix them and upload this file again (the two added columns are ignored on upload).
 */
export function rejectedRowsWorkbook(table: RawTable, rejected: readonly RejectedRow[]): Uint8Array {
  const byNumber = new Map(table.rows.map((r) => [r.rowNumber, r.cells]))
  const width = table.header.length
  const rows = rejected.map((r) => {
    const cells = byNumber.get(r.rowNumber) ?? []
    return [...Array.from({ length: width }, (_, i) => toCell(cells[i])), r.rowNumber, r.problems.map(reasonText).join(' | ')]
  })
  return writeXlsx([{ name: 'Dòng bị từ chối', header: [...table.header, REJECTED_ROW_HEADER, REJECTED_REASON_HEADER], rows }])
}

/** Columns the rejected-rows file adds; recognised (and ignored) when it is uploaded again. */
const REJECTED_ROW_HEADER = 'Dòng trong tệp gốc'
const REJECTED_REASON_HEADER = 'Lý do không nhập'

/** A commune of the province as named today and before July 2025 (worker/repo/communes.ts finds one). */
export interface AddressExample {
  commune: string
  oldCommune: string | null
  oldDistrict: string | null
  oldProvince: string | null
}

/**
 * Examples in the province's own names (worker/repo/communes.ts addressExample): a Đồng Tháp officer reads a
 * Đồng Tháp commune, not a Hà Nội address. Without one, the columns' general help.
 */
function exampleHelp(field: ImportField, ex: AddressExample | null, provinceName: string): string {
  const help = COLUMN_SPECS[field].help
  if (!ex) return help
  const old = ex.oldCommune && ex.oldDistrict ? ex : null
  if (field === 'commune') return `${help} Ví dụ "${ex.commune}"${old ? `, hoặc tên cũ "${old.oldCommune}" với Quận/huyện (cũ) "${old.oldDistrict}"` : ''}.`
  if (field === 'district' && old) return `${help} Ví dụ "${old.oldDistrict}".`
  if (field === 'address')
    return `${help} Ví dụ "Số 5, ${old ? `${old.oldCommune}, ${old.oldDistrict}, ${old.oldProvince ?? provinceName}` : `${ex.commune}, ${provinceName}`}".`
  return help
}

/** The template: the header row to fill in, and a sheet explaining each column with the province's own examples. */
export function templateWorkbook(example: AddressExample | null = null, provinceName = ''): Uint8Array {
  const fields = importFields.filter((f) => COLUMN_SPECS[f].inTemplate)
  const optional = importFields.filter((f) => !COLUMN_SPECS[f].inTemplate)
  return writeXlsx([
    { name: 'Danh sách', header: fields.map((f) => COLUMN_SPECS[f].header), rows: [] },
    {
      name: 'Hướng dẫn',
      header: ['Cột', 'Cách ghi', 'Tên cột khác cũng được nhận'],
      rows: [
        ...fields.map((f) => [COLUMN_SPECS[f].header, exampleHelp(f, example, provinceName), COLUMN_SPECS[f].synonyms.join('; ')]),
        ...optional.map((f) => [
          `${COLUMN_SPECS[f].header} (cột thêm, không có trong mẫu)`,
          exampleHelp(f, example, provinceName),
          COLUMN_SPECS[f].synonyms.join('; '),
        ]),
        ['', 'Tệp CSV (UTF-8 hoặc "Unicode text" của Excel) hoặc XLSX, tối đa 10 MB và 20.000 dòng. Không dùng công thức: chỉ giữ giá trị.', ''],
      ],
    },
  ])
}
