// The year's decisions and classifications as a spreadsheet (decision 0037): one sheet of communes (status,
// type, blocking criteria, decision), one of every drug-free status period with its recognition and end.
import type { StatusPeriodRecord } from '../../kernel/certification-records.ts'
import { writeXlsx, type Cell } from '../lib/xlsx-writer.ts'
import type { provinceOverview } from './certification.ts'

type Overview = Awaited<ReturnType<typeof provinceOverview>>

const STATUS: Record<string, string> = {
  draft: 'Đang chuẩn bị',
  submitted: 'Đã gửi',
  returned: 'Trả lại',
  recognised: 'Công nhận',
  not_recognised: 'Không công nhận',
}
const TYPE: Record<string, string> = { type_1: 'Loại I', type_2: 'Loại II', type_3: 'Loại III', none: 'Không trọng điểm' }

export function certificationWorkbook(overview: Overview, periods: readonly StatusPeriodRecord[], provinceName: string): Uint8Array {
  const f = overview.figures
  const communes: Cell[][] = overview.communes.map((r) => [
    r.code,
    r.name,
    r.status ? (STATUS[r.status] ?? r.status) : 'Chưa đánh giá',
    r.communeType ? (TYPE[r.communeType] ?? r.communeType) : '',
    r.drugFree ? 'Có' : 'Không',
    r.blocking.join(', '),
    r.openFlags,
    r.decision?.number ?? '',
    r.decision?.date ?? '',
    r.decision?.signer ?? '',
  ])
  communes.push(
    [],
    [
      '',
      `${provinceName} — năm ${overview.year}`,
      `Giữ vững: ${f.kept}`,
      `Mới công nhận: ${f.newlyRecognised}`,
      `Mất: ${f.lost}`,
      `Chỉ tiêu: ${f.target} (${f.targetSharePercent}%)`,
      `Đạt: ${f.progressPercent}%`,
    ],
  )
  const periodRows: Cell[][] = periods.map((p) => [
    p.communeCode,
    p.firstYear,
    p.lastYear,
    p.startOn,
    p.recognitionDecision.number,
    p.recognitionDecision.signer,
    p.endOn ?? '',
    p.endReason === 'revoked' ? 'Thu hồi' : p.endReason === 'not_renewed' ? 'Không công nhận lại' : '',
    p.endDecision?.number ?? '',
    p.endNote ?? '',
  ])
  return writeXlsx([
    {
      name: `Phân loại ${overview.year}`,
      header: [
        'Mã xã',
        'Tên xã',
        'Trạng thái hồ sơ',
        'Phân loại',
        'Không ma túy',
        'Tiêu chí chưa đạt',
        'Cảnh báo mở',
        'Số quyết định',
        'Ngày quyết định',
        'Người ký',
      ],
      rows: communes,
    },
    {
      name: 'Quyết định công nhận',
      header: ['Mã xã', 'Từ năm', 'Đến năm', 'Ngày công nhận', 'Số quyết định', 'Người ký', 'Ngày kết thúc', 'Lý do kết thúc', 'Quyết định thu hồi', 'Ghi chú'],
      rows: periodRows,
    },
  ])
}
