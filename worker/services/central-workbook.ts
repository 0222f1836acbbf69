// The central overview as XLSX (issue #18; decision 0042), in the layout of a ministry's summary table (biểu tổng
// hợp): one row per province (STT, name) and the national row (Toàn quốc) last, one column per indicator with
// Vietnamese headers. A withheld cell reads "*" (the notes sheet says why); no cell is ever a person's.
import {
  centralFlows,
  centralIndicators,
  DRUG_FREE_AIM_2030,
  type CentralCell,
  type CentralIndicator,
  type CentralRow,
  type CentralSummary,
} from '../../kernel/contract/central.ts'
import { writeXlsx, type Cell } from '../lib/xlsx-writer.ts'

export const INDICATOR_TITLES: Record<CentralIndicator, string> = {
  underManagement: 'Tổng số người đang quản lý cuối kỳ',
  drugUsers: 'Người sử dụng trái phép chất ma túy',
  dependent: 'Người nghiện ma túy',
  postRehab: 'Người sau cai nghiện',
  inRehab: 'Đang cai nghiện tại gia đình, cộng đồng',
  methadone: 'Đang điều trị methadone',
  atFacility: 'Đang cai nghiện bắt buộc tại cơ sở',
  newRegistrations: 'Đăng ký mới trong quý',
  rehabStarted: 'Bắt đầu cai nghiện tự nguyện',
  rehabCompleted: 'Hoàn thành cai nghiện',
  referred: 'Lập hồ sơ đề nghị cai nghiện bắt buộc',
  relapses: 'Tái nghiện (lượt)',
  activities: 'Hoạt động của xã (lượt ghi)',
  models: 'Mô hình cộng đồng đang hoạt động',
}

const cell = (c: CentralCell): Cell => (c.suppressed ? '*' : c.value)

function rowCells(r: CentralRow): Cell[] {
  const achieved = centralFlows.map((f) => r.achievement?.[f]?.percent ?? null)
  return [
    ...centralIndicators.map((i) => cell(r.cells[i])),
    r.minors,
    ...achieved,
    r.drugFree?.drugFree ?? null,
    r.drugFree ? Math.round(r.drugFree.share * 1000) / 10 : null,
  ]
}

export function centralWorkbook(summary: CentralSummary): Uint8Array {
  const header = [
    'STT',
    'Tỉnh, thành phố',
    ...centralIndicators.map((i) => INDICATOR_TITLES[i]),
    'Người chưa thành niên đang quản lý (khoảng)',
    ...centralFlows.map((f) => `Đạt so với chỉ tiêu năm: ${INDICATOR_TITLES[f]} (%)`),
    'Số xã không ma túy',
    `Tỷ lệ xã không ma túy (%) — mục tiêu 2030: ${DRUG_FREE_AIM_2030 * 100}%`,
    'Số liệu cập nhật lúc',
    'Ghi chú',
  ]
  const rows: Cell[][] = summary.provinces.map((p, i) => [
    i + 1,
    p.name,
    ...rowCells(p),
    p.snapshot?.computedAt ?? null,
    p.snapshot === null ? 'Chưa có số liệu' : p.snapshot.stale ? 'Số liệu cũ (lần cập nhật gần nhất không thành công hoặc quá hạn)' : null,
  ])
  rows.push([null, 'Toàn quốc', ...rowCells(summary.total), null, `${summary.total.provincesIncluded} tỉnh, thành phố có số liệu`])
  const notes = {
    name: 'Ghi chú',
    header: ['Ghi chú'],
    rows: [
      [`Biểu tổng hợp quý ${summary.period.slice(6)} năm ${summary.period.slice(0, 4)}.`],
      [`"*": số từ 1 đến ${summary.k - 1} và các ô cần ẩn kèm theo để không suy ra được số đã ẩn (bảo vệ danh tính).`],
      ['Người chưa thành niên: chỉ ghi khoảng (0, 1–4, 5–9, 10–19, …), không ghi số chính xác.'],
      ['Chỉ tiêu năm và xã không ma túy: để trống khi tỉnh chưa nhập hoặc chưa có số liệu.'],
    ],
  }
  return writeXlsx([{ name: `Quý ${summary.period}`, header, rows }, notes])
}
