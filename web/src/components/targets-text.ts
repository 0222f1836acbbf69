// The yearly plan's screen words, kept with its chunk (decision 0036): the sign-in load carries only the menu
// entry and the audit labels (vi.ts/en.ts). Every key in both languages (the type says so).
import { useI18n } from '../i18n/i18n.tsx'

const vi = {
  title: 'Kế hoạch và chỉ tiêu năm',
  year: 'Năm',
  place: 'Địa bàn',
  province: 'Toàn tỉnh',
  indicator: 'Chỉ tiêu',
  target: 'Kế hoạch',
  achieved: 'Thực hiện',
  percent: 'Tỷ lệ',
  noPlan: 'Năm {year} chưa có kế hoạch.',
  plan: 'Kế hoạch số {number} ngày {date}',
  signer: 'Người ký: {signer}',
  version: 'phiên bản {version}',
  asOf: 'Số liệu tính từ hồ sơ đến ngày {date}: đã qua {share}% thời gian của năm.',
  notStarted: 'Năm {year} chưa bắt đầu: chưa có số liệu.',
  notComputed: 'chưa tính',
  expected: 'Theo tiến độ cần đạt {count}',
  behind: 'Chậm so với tiến độ',
  met: 'Đạt kế hoạch',
  edit: 'Sửa kế hoạch',
  create: 'Nhập kế hoạch năm {year}',
  number: 'Số kế hoạch',
  numberHint: 'Như trên văn bản, ví dụ 75/KH-UBND',
  issuedOn: 'Ngày ban hành',
  signerField: 'Người ký',
  titleField: 'Trích yếu',
  targetsFor: 'Chỉ tiêu của: {place}',
  targetsHelp: 'Để trống nếu không giao chỉ tiêu. Kết quả thực hiện luôn được tính từ hồ sơ, không nhập tay.',
  provinceOnly: 'chỉ giao cho toàn tỉnh',
  save: 'Lưu kế hoạch',
  cancel: 'Hủy',
  saved: 'Đã lưu kế hoạch (phiên bản {version}).',
  stale: 'Kế hoạch vừa được người khác sửa (nay là phiên bản {version}). Hãy xem lại bản hiện tại rồi sửa lại.',
  reload: 'Xem bản hiện tại',
  mustBeCount: 'phải là số nguyên không âm',
  source: 'Cách tính',
}
const en: Record<keyof typeof vi, string> = {
  title: 'Yearly plan and targets',
  year: 'Year',
  place: 'Area',
  province: 'Whole province',
  indicator: 'Indicator',
  target: 'Target',
  achieved: 'Achieved',
  percent: 'Rate',
  noPlan: '{year} has no plan yet.',
  plan: 'Plan no. {number} of {date}',
  signer: 'Signed by: {signer}',
  version: 'version {version}',
  asOf: 'Counted from the records through {date}: {share}% of the year has passed.',
  notStarted: '{year} has not started: nothing counted yet.',
  notComputed: 'not yet computed',
  expected: 'On schedule: {count}',
  behind: 'Behind schedule',
  met: 'Target met',
  edit: 'Edit the plan',
  create: 'Enter the {year} plan',
  number: 'Plan number',
  numberHint: 'As printed, e.g. 75/KH-UBND',
  issuedOn: 'Issued on',
  signerField: 'Signed by',
  titleField: 'Title',
  targetsFor: 'Targets of: {place}',
  targetsHelp: 'Leave empty where no target is set. Achievement is always counted from the records, never typed.',
  provinceOnly: 'province only',
  save: 'Save the plan',
  cancel: 'Cancel',
  saved: 'Plan saved (version {version}).',
  stale: 'Someone changed the plan meanwhile (now version {version}). Review the current plan and make your change again.',
  reload: 'Show the current plan',
  mustBeCount: 'must be a whole number, 0 or more',
  source: 'Counted from',
}
export type TargetsTextKey = keyof typeof vi
export const targetsText = { vi, en }

/** `tt(key, params)` in the user's language, and the locale (for the indicators' own labels). */
export function useTargetsText() {
  const { locale } = useI18n()
  const tt = (key: TargetsTextKey, params: Record<string, string | number> = {}) =>
    targetsText[locale][key].replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole))
  return { tt, locale }
}
