import type { certificationVi } from './certification-vi.ts'

// Drug-free communes (decision 0037): every key of certification-vi.ts.
export const certificationEn: Record<keyof typeof certificationVi, string> = {
  'role.province_reviewer': 'Province reviewer',
  'nav.certification': 'Drug-free communes',
  'error.criteria_unconfirmed': 'The province has not confirmed the criteria: the dossier cannot be submitted yet.',
  'error.transition_not_allowed': 'The dossier cannot do that in its current state.',
  'error.criteria_not_met': 'A drug-free criterion is not met: the commune cannot be recognised.',
  'error.separation_of_duties': 'You submitted this dossier: someone else must review and decide it.',
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
}
