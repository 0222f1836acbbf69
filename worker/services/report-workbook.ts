// The report as XLSX (decision 0034): every figure of the contract with a Vietnamese header, per commune and in
// total, each beside the same period of the previous year. Sheet 1 "Tổng hợp": one line per figure for the scope
// (this period, the same period last year, the change); sheet 2 "Theo xã": one row per commune and the total,
// two columns per figure.
import type { BandedFigure, Figure, Report, ReportFigures } from '../../kernel/contract/reports.ts'
import type { ActivityKind, CommunityModelKind, PersonStatus, SupportKind } from '../../kernel/vocabulary.ts'
import { activityKinds, communityModelKinds, personStatuses, supportKinds } from '../../kernel/vocabulary.ts'
import { periodName } from '../../kernel/domain/report-period.ts'
import { writeXlsx, type Cell } from '../lib/xlsx-writer.ts'

type Pair = { value: number | string | null; previousYear: number | string | null }
type Line = [title: string, get: (f: ReportFigures) => Pair]

const STATUS: Record<PersonStatus, string> = {
  under_management: 'Đang quản lý (người sử dụng)',
  awaiting_determination: 'Chờ xác định tình trạng nghiện',
  awaiting_registration: 'Chờ đăng ký cai nghiện',
  in_rehab: 'Đang cai nghiện tại gia đình, cộng đồng',
  substitution_treatment: 'Đang điều trị methadone',
  post_rehab: 'Đang quản lý sau cai',
  compulsory_rehab: 'Cai nghiện bắt buộc',
  transferred: 'Đã chuyển nơi cư trú',
  closed: 'Đã kết thúc quản lý',
}
const SUPPORT: Record<SupportKind, string> = {
  vocational_training: 'Hỗ trợ học nghề',
  job_placement: 'Giới thiệu, tạo việc làm',
  preferential_loan: 'Vay vốn ưu đãi',
  health_insurance: 'Cấp thẻ BHYT',
  counselling: 'Tư vấn',
}
const ACTIVITY: Record<ActivityKind, string> = {
  awareness_session: 'Tuyên truyền (buổi)',
  broadcast: 'Phát thanh (lượt)',
  article: 'Tin, bài viết',
  leaflet: 'Tờ rơi, tài liệu',
  school_session: 'Tuyên truyền trong trường học (buổi)',
  training: 'Tập huấn (lớp)',
  film_screening: 'Chiếu phim (buổi)',
  sports_culture: 'Văn hóa, thể thao (sự kiện)',
  public_tips: 'Tin báo, tin thư của nhân dân',
  gifts: 'Tặng quà (phần)',
  outreach: 'Tiếp cận nhóm nguy cơ cao (người)',
}
const MODEL: Record<CommunityModelKind | 'all', string> = {
  b93_club: 'CLB B93',
  support_model_5_1: 'Mô hình 5+1',
  volunteer_team: 'Đội công tác xã hội tình nguyện',
  counselling_point: 'Điểm tư vấn cộng đồng',
  family_club: 'CLB gia đình',
  youth_team: 'Đội thanh niên xung kích',
  reintegration_fund: 'Quỹ hỗ trợ tái hòa nhập',
  all: 'Các mô hình',
}

const fig = (pick: (f: ReportFigures) => Figure | BandedFigure): Line[1] => pick
const activity =
  (kind: ActivityKind, pick: (t: ReportFigures['activities']['value'][number]) => number): Line[1] =>
  (f) => ({
    value: pick(f.activities.value.find((a) => a.kind === kind)!),
    previousYear: pick(f.activities.previousYear.find((a) => a.kind === kind)!),
  })
const model =
  (kind: CommunityModelKind | null, pick: (m: ReportFigures['models']['value'][number]) => number | null): Line[1] =>
  (f) => ({
    value: pick(f.models.value.find((m) => m.kind === kind)!),
    previousYear: pick(f.models.previousYear.find((m) => m.kind === kind)!),
  })

/** Every figure of the contract, in the order a sơ kết report lists them. */
export const REPORT_LINES: readonly Line[] = [
  ['Tổng số người đang quản lý cuối kỳ', fig((f) => f.cases.underManagement.total)],
  ['— Người sử dụng trái phép', fig((f) => f.cases.underManagement.drug_user)],
  ['— Người nghiện', fig((f) => f.cases.underManagement.dependent)],
  ['— Người sau cai nghiện', fig((f) => f.cases.underManagement.post_rehab)],
  ...personStatuses.map((s): Line => [`Theo tình trạng: ${STATUS[s]}`, fig((f) => f.cases.byStatus[s])]),
  ['Đăng ký mới trong kỳ', fig((f) => f.cases.newRegistrations)],
  ['Bắt đầu cai nghiện tại gia đình, cộng đồng', fig((f) => f.cases.communityRehab.started)],
  ['Hoàn thành cai nghiện', fig((f) => f.cases.communityRehab.completed)],
  ['Chấm dứt cai nghiện', fig((f) => f.cases.communityRehab.terminated)],
  ['Chuyển nơi cư trú (kế hoạch)', fig((f) => f.cases.communityRehab.transferred)],
  ['Đang cai nghiện cuối kỳ', fig((f) => f.cases.communityRehab.inRehabAtEnd)],
  ['Lập hồ sơ đưa đi cai nghiện bắt buộc', fig((f) => f.cases.compulsoryReferrals.referred)],
  ['Chỉ tiêu đưa đi cai nghiện bắt buộc', (f) => ({ value: f.cases.compulsoryReferrals.target, previousYear: null })],
  ['Đã vào cơ sở cai nghiện bắt buộc', fig((f) => f.cases.compulsoryReferrals.admitted)],
  ['Trở về từ cơ sở cai nghiện bắt buộc', fig((f) => f.cases.compulsoryReferrals.returned)],
  ['Đang ở cơ sở cai nghiện bắt buộc cuối kỳ', fig((f) => f.cases.compulsoryReferrals.atFacilityAtEnd)],
  ['Quản lý sau cai trong kỳ (người)', fig((f) => f.cases.postRehab.managed.people)],
  ['Quản lý sau cai trong kỳ (lượt)', fig((f) => f.cases.postRehab.managed.times)],
  ['Đang quản lý sau cai cuối kỳ', fig((f) => f.cases.postRehab.atEnd)],
  ['Bắt đầu quản lý sau cai', fig((f) => f.cases.postRehab.started)],
  ['Tái nghiện (người)', fig((f) => f.cases.postRehab.relapses.people)],
  ['Tái nghiện (lượt)', fig((f) => f.cases.postRehab.relapses.times)],
  ['Không tái nghiện từ 2 năm trở lên', fig((f) => f.cases.postRehab.drugFreeTwoYears)],
  ['Tiếp xúc, theo dõi sau cai (lượt)', fig((f) => f.cases.postRehab.contacts.times)],
  ['Tiếp xúc, theo dõi sau cai (người)', fig((f) => f.cases.postRehab.contacts.people)],
  ...supportKinds.flatMap((k): Line[] => [
    [`${SUPPORT[k]} (lượt)`, fig((f) => f.cases.support[k].times)],
    [`${SUPPORT[k]} (người)`, fig((f) => f.cases.support[k].people)],
    ...(k === 'preferential_loan' ? [[`${SUPPORT[k]} (đồng)`, fig((f) => f.cases.support[k].amountVnd)] as Line] : []),
  ]),
  ['Có ghi nhận việc làm (người)', fig((f) => f.cases.employment.known)],
  ['Có việc làm (người)', fig((f) => f.cases.employment.employed)],
  ['Tỷ lệ có việc làm (%)', (f) => f.cases.employment.share],
  ['Bắt đầu điều trị methadone', fig((f) => f.cases.methadone.started)],
  ['Kết thúc điều trị methadone', fig((f) => f.cases.methadone.ended)],
  ['Đang điều trị methadone cuối kỳ', fig((f) => f.cases.methadone.atEnd)],
  ['Quyết định quản lý người sử dụng', fig((f) => f.cases.managementPeriods.started)],
  ['Kết thúc thời hạn quản lý', fig((f) => f.cases.managementPeriods.ended)],
  ['Đang trong thời hạn quản lý cuối kỳ', fig((f) => f.cases.managementPeriods.activeAtEnd)],
  ['Xác định tình trạng nghiện (có kết quả)', fig((f) => f.cases.determinations.concluded)],
  ['— Kết quả nghiện', fig((f) => f.cases.determinations.dependent)],
  ['Lượt đánh giá định kỳ', fig((f) => f.cases.reviews)],
  ['Người chưa thành niên đang quản lý (khoảng)', fig((f) => f.cases.minors.underManagement)],
  ['Người chưa thành niên đang cai nghiện (khoảng)', fig((f) => f.cases.minors.inRehab)],
  ...activityKinds.flatMap((k): Line[] => [
    [ACTIVITY[k], activity(k, (a) => a.count)],
    ...(k === 'public_tips' ? [['— Tin báo dẫn đến lập án', activity(k, (a) => a.casesOpened)] as Line] : []),
    ...(k === 'gifts' ? [['— Giá trị quà (đồng)', activity(k, (a) => a.valueVnd)] as Line] : []),
    ...(['awareness_session', 'school_session', 'training', 'film_screening', 'sports_culture'].includes(k)
      ? [[`— ${k === 'training' ? 'Học viên' : 'Người tham dự'}`, activity(k, (a) => a.participants)] as Line]
      : []),
  ]),
  ...[...communityModelKinds, null].flatMap((k): Line[] => {
    const name = MODEL[k ?? 'all']
    return [
      [`${name}: số mô hình`, model(k, (m) => m.models)],
      [`${name}: thành viên, người giúp đỡ`, model(k, (m) => m.helpers)],
      [`${name}: buổi sinh hoạt`, model(k, (m) => m.sessions)],
      [`${name}: bình quân người tham gia/buổi`, model(k, (m) => m.averageAttendance)],
      [`${name}: người được hỗ trợ`, model(k, (m) => m.peopleSupported)],
      [`${name}: tái nghiện`, model(k, (m) => m.relapsed)],
      [`${name}: tỷ lệ có việc làm (%)`, model(k, (m) => m.employedShare)],
      ...(k === 'counselling_point' || k === null
        ? [
            [`${name}: khách hàng mới`, model(k, (m) => m.clientsNew)] as Line,
            [`${name}: khách hàng cũ`, model(k, (m) => m.clientsReturning)] as Line,
            [`${name}: lượt tư vấn`, model(k, (m) => m.counselled)] as Line,
          ]
        : []),
      ...(k === 'volunteer_team' || k === null ? [[`${name}: phụ cấp đã chi (đồng)`, model(k, (m) => m.allowancesVnd)] as Line] : []),
    ]
  }),
  ['Đánh giá quá hạn (tại ngày xuất báo cáo)', (f) => ({ value: f.reviewsOverdueToday, previousYear: null })],
]

const change = (p: Pair): Cell => (typeof p.value === 'number' && typeof p.previousYear === 'number' ? Math.round((p.value - p.previousYear) * 10) / 10 : null)

export function reportWorkbook(report: Report, provinceName: string): Uint8Array {
  const scopeName = report.byCommune.length === 1 ? report.byCommune[0]!.name : provinceName
  const summary = {
    name: 'Tổng hợp',
    header: [
      'Chỉ tiêu',
      `Kỳ báo cáo (${periodName(report.period.label)})`,
      `Cùng kỳ năm trước (${periodName(report.previousPeriod.label)})`,
      'Tăng (+), giảm (−)',
    ],
    rows: [
      [`Đơn vị: ${scopeName}; từ ${report.period.from} đến ${report.period.to}`, null, null, null],
      ...REPORT_LINES.map(([title, get]): Cell[] => {
        const p = get(report.total)
        return [title, p.value, p.previousYear, change(p)]
      }),
    ],
  }
  const perCommune = {
    name: 'Theo xã',
    header: ['Mã xã', 'Tên xã, phường, đặc khu', ...REPORT_LINES.flatMap(([title]) => [title, `${title} — cùng kỳ năm trước`])],
    rows: [...report.byCommune.map((f): Cell[] => [f.code, f.name, ...cells(f)]), ['', `Tổng cộng — ${provinceName}`, ...cells(report.total)]],
  }
  return writeXlsx([summary, perCommune])
}

function cells(f: ReportFigures): Cell[] {
  return REPORT_LINES.flatMap(([, get]) => {
    const p = get(f)
    return [p.value, p.previousYear]
  })
}
