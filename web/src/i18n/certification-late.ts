// Labels only lazy screens show (the audit trail, the sync screen): merged into the catalogues when a chunk that
// shows them loads, so that the first load (at its 50 KB budget) does not carry them (decision 0037).
import { addMessages } from './i18n.tsx'

export const certificationLateVi = {
  'auditAction.criteria.confirm': 'Xác nhận bộ tiêu chí',
  'auditAction.population.record': 'Ghi dân số xã',
  'auditAction.assessment.create': 'Lập hồ sơ tự đánh giá',
  'auditAction.assessment.update': 'Sửa hồ sơ tự đánh giá',
  'auditAction.assessment.submit': 'Gửi hồ sơ',
  'auditAction.assessment.return': 'Trả lại hồ sơ',
  'auditAction.assessment.recognise': 'Công nhận xã không ma túy',
  'auditAction.assessment.not_recognise': 'Không công nhận',
  'auditAction.status_period.revoke': 'Thu hồi công nhận',
  'auditAction.flag.review': 'Xem xét cảnh báo',
  'auditEntity.criteria_set': 'Bộ tiêu chí',
  'auditEntity.population': 'Dân số xã',
  'auditEntity.assessment': 'Hồ sơ đánh giá',
  'auditEntity.status_period': 'Thời hạn công nhận',
  'auditEntity.certification_flag': 'Cảnh báo',
  'sync.type.assessment.create': 'Lập hồ sơ tự đánh giá',
  'sync.type.assessment.update': 'Sửa hồ sơ tự đánh giá',
  'sync.type.assessment.submit': 'Gửi hồ sơ tự đánh giá',
}
export const certificationLateEn: Record<keyof typeof certificationLateVi, string> = {
  'auditAction.criteria.confirm': 'Confirmed the criteria',
  'auditAction.population.record': 'Recorded a commune population',
  'auditAction.assessment.create': 'Started a self-assessment',
  'auditAction.assessment.update': 'Changed a self-assessment',
  'auditAction.assessment.submit': 'Submitted a dossier',
  'auditAction.assessment.return': 'Returned a dossier',
  'auditAction.assessment.recognise': 'Recognised a drug-free commune',
  'auditAction.assessment.not_recognise': 'Did not recognise a commune',
  'auditAction.status_period.revoke': 'Revoked a recognition',
  'auditAction.flag.review': 'Reviewed a flag',
  'auditEntity.criteria_set': 'Criteria set',
  'auditEntity.population': 'Commune population',
  'auditEntity.assessment': 'Assessment',
  'auditEntity.status_period': 'Drug-free status',
  'auditEntity.certification_flag': 'Flag',
  'sync.type.assessment.create': 'Start a self-assessment',
  'sync.type.assessment.update': 'Change a self-assessment',
  'sync.type.assessment.submit': 'Submit a self-assessment',
}
addMessages('vi', certificationLateVi)
addMessages('en', certificationLateEn)
