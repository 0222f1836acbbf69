// Drug-free communes (decision 0037), merged into vi.ts. Short: this catalogue is in the first load (the screens'
// words are in web/src/routes/certification/, the audit labels in certification-late.ts).
export const certificationVi = {
  'role.province_reviewer': 'Thẩm định',
  'nav.certification': 'Xã không ma túy',
  'error.criteria_unconfirmed': 'Chưa xác nhận tiêu chí.',
  'error.separation_of_duties': 'Bạn đã gửi hồ sơ này.',
} as const
