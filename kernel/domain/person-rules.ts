import { citizenIdMessages, citizenIdProblems } from './citizen-id.ts'

export interface FieldProblem {
  field: string
  message: string
}

interface PersonFacts {
  birthDate: string
  sex: 'male' | 'female'
  citizenId: string
  category: 'drug_user' | 'dependent' | 'post_rehab'
  addictionDeterminedOn?: string | null | undefined
  addictionDeterminedBy?: string | null | undefined
}

/** Community rehab concerns people from 12 years old (minors 12–18 have their own regime, DOMAIN.md §3). */
export const MIN_AGE_YEARS = 12

function yearsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number) as [number, number, number]
  const [ty, tm, td] = to.split('-').map(Number) as [number, number, number]
  return ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0)
}

/**
 * Rules across fields, as 400 issues naming the field (`json.…`). Pure: `today` is YYYY-MM-DD in Vietnam.
 */
export function personProblems(p: PersonFacts, today: string): FieldProblem[] {
  const problems: FieldProblem[] = []
  if (p.birthDate > today) problems.push({ field: 'json.birthDate', message: 'must not be in the future' })
  else if (yearsBetween(p.birthDate, today) < MIN_AGE_YEARS)
    problems.push({ field: 'json.birthDate', message: `the person must be at least ${MIN_AGE_YEARS} years old` })
  else if (p.birthDate < '1900-01-01') problems.push({ field: 'json.birthDate', message: 'must be after 1900' })
  for (const problem of citizenIdProblems(p.citizenId, p)) problems.push({ field: 'json.citizenId', message: citizenIdMessages[problem] })
  if (p.category === 'dependent') {
    if (!p.addictionDeterminedOn) problems.push({ field: 'json.addictionDeterminedOn', message: 'is required for a drug-dependent person' })
    if (!p.addictionDeterminedBy)
      problems.push({ field: 'json.addictionDeterminedBy', message: 'is required for a drug-dependent person (the health facility that determined it)' })
  }
  if (p.addictionDeterminedOn) {
    if (p.addictionDeterminedOn > today) problems.push({ field: 'json.addictionDeterminedOn', message: 'must not be in the future' })
    if (p.addictionDeterminedOn < p.birthDate) problems.push({ field: 'json.addictionDeterminedOn', message: 'must be after the birth date' })
  }
  return problems
}
