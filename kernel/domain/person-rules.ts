import { citizenIdMessages, citizenIdProblems } from './citizen-id.ts'

export interface FieldProblem {
  field: string
  message: string
}

/**
 * The fields the rules read. Any may be absent (it failed its own format check): the rules on the others still
 * run, so a form learns every problem in one round (a future birth date together with a wrong citizen ID).
 */
interface PersonFacts {
  birthDate?: string | undefined
  sex?: 'male' | 'female' | undefined
  citizenId?: string | undefined
  category?: 'drug_user' | 'dependent' | 'post_rehab' | undefined
  addictionDeterminedOn?: string | null | undefined
  addictionDeterminedBy?: string | null | undefined
  registeredOn?: string | null | undefined
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
  const { birthDate, sex, citizenId } = p
  if (birthDate !== undefined) {
    if (birthDate > today) problems.push({ field: 'json.birthDate', message: 'must not be in the future' })
    else if (yearsBetween(birthDate, today) < MIN_AGE_YEARS)
      problems.push({ field: 'json.birthDate', message: `the person must be at least ${MIN_AGE_YEARS} years old` })
    else if (birthDate < '1900-01-01') problems.push({ field: 'json.birthDate', message: 'must be after 1900' })
  }
  if (citizenId !== undefined) {
    for (const problem of citizenIdProblems(citizenId, { sex, birthDate })) problems.push({ field: 'json.citizenId', message: citizenIdMessages[problem] })
  }
  if (p.category === 'dependent') {
    if (!p.addictionDeterminedOn) problems.push({ field: 'json.addictionDeterminedOn', message: 'is required for a drug-dependent person' })
    if (!p.addictionDeterminedBy)
      problems.push({ field: 'json.addictionDeterminedBy', message: 'is required for a drug-dependent person (the health facility that determined it)' })
  }
  if (p.registeredOn) {
    if (p.registeredOn > today) problems.push({ field: 'json.registeredOn', message: 'must not be in the future' })
    else if (birthDate !== undefined && p.registeredOn < birthDate) problems.push({ field: 'json.registeredOn', message: 'must be after the birth date' })
  }
  if (p.addictionDeterminedOn) {
    if (p.addictionDeterminedOn > today) problems.push({ field: 'json.addictionDeterminedOn', message: 'must not be in the future' })
    if (birthDate !== undefined && p.addictionDeterminedOn < birthDate)
      problems.push({ field: 'json.addictionDeterminedOn', message: 'must be after the birth date' })
  }
  return problems
}
