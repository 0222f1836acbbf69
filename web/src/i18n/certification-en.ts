import type { certificationVi } from './certification-vi.ts'

// Drug-free communes (decision 0037): every key of certification-vi.ts.
export const certificationEn: Record<keyof typeof certificationVi, string> = {
  'role.province_reviewer': 'Reviewer',
  'nav.certification': 'Drug-free communes',
  'error.criteria_unconfirmed': 'Criteria unconfirmed.',
  'error.separation_of_duties': 'You submitted this dossier.',
}
