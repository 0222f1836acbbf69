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
  type ProvinceOverview,
  type SnapshotState,
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

/** One table in the ministry layout: a row per place (STT, name), the total row last, the notes sheet beside it. */
interface Layout {
  period: string
  placeHeader: string
  places: readonly { name: string; row: CentralRow; snapshot: SnapshotState | null }[]
  totalLabel: string
  total: CentralRow
  totalNote: string | null
  notes: readonly string[]
}

function layoutWorkbook(t: Layout): Uint8Array {
  const header = [
    'STT',
    t.placeHeader,
    ...centralIndicators.map((i) => INDICATOR_TITLES[i]),
    'Người chưa thành niên đang quản lý (khoảng)',
    ...centralFlows.map((f) => `Đạt so với chỉ tiêu năm: ${INDICATOR_TITLES[f]} (%)`),
    'Số xã không ma túy',
    `Tỷ lệ xã không ma túy (%) — mục tiêu 2030: ${DRUG_FREE_AIM_2030 * 100}%`,
    'Số liệu cập nhật lúc',
    'Ghi chú',
  ]
  const rows: Cell[][] = t.places.map((p, i) => [
    i + 1,
    p.name,
    ...rowCells(p.row),
    p.snapshot?.computedAt ?? null,
    p.snapshot === null ? 'Chưa có số liệu' : p.snapshot.stale ? 'Số liệu cũ (lần cập nhật gần nhất không thành công hoặc quá hạn)' : null,
  ])
  rows.push([null, t.totalLabel, ...rowCells(t.total), null, t.totalNote])
  const notes = {
    name: 'Ghi chú',
    header: ['Ghi chú'],
    rows: [[`Biểu tổng hợp quý ${t.period.slice(6)} năm ${t.period.slice(0, 4)}.`], ...t.notes.map((n) => [n])],
  }
  return writeXlsx([{ name: `Quý ${t.period}`, header, rows }, notes])
}

const COMMON_NOTES = [
  'Người chưa thành niên: chỉ ghi khoảng (0, 1–4, 5–9, 10–19, …), không ghi số chính xác.',
  'Chỉ tiêu năm và xã không ma túy: để trống khi tỉnh chưa nhập hoặc chưa có số liệu.',
]

export function centralWorkbook(summary: CentralSummary): Uint8Array {
  return layoutWorkbook({
    period: summary.period,
    placeHeader: 'Tỉnh, thành phố',
    places: summary.provinces.map((p) => ({ name: p.name, row: p, snapshot: p.snapshot })),
    totalLabel: 'Toàn quốc',
    total: summary.total,
    totalNote: `${summary.total.provincesIncluded} tỉnh, thành phố có số liệu`,
    notes: [`"*": số từ 1 đến ${summary.k - 1} và các ô cần ẩn kèm theo để không suy ra được số đã ẩn (bảo vệ danh tính).`, ...COMMON_NOTES],
  })
}

/**
 * The province's own table (decision 0045): its communes, its total last, in the same layout. Nothing is withheld,
 * so the file says it is for use inside the province: the figures sent out of it are the central ones.
 */
export function provinceWorkbook(overview: ProvinceOverview): Uint8Array {
  return layoutWorkbook({
    period: overview.period,
    placeHeader: 'Xã, phường, đặc khu',
    places: overview.communes.map((c) => ({ name: c.name, row: c, snapshot: overview.snapshot })),
    totalLabel: `Toàn tỉnh: ${overview.name}`,
    total: overview.total,
    totalNote: overview.snapshot?.computedAt ? `Số liệu cập nhật lúc ${overview.snapshot.computedAt}` : 'Chưa có số liệu',
    notes: [
      'Số liệu của tỉnh, không ẩn số nhỏ: chỉ dùng trong tỉnh. Số liệu gửi ra ngoài tỉnh là số đã ẩn ô nhỏ của biểu tổng hợp toàn quốc.',
      'Chỉ tiêu năm và xã không ma túy là của tỉnh: ghi ở dòng toàn tỉnh.',
      ...COMMON_NOTES,
    ],
  })
}
