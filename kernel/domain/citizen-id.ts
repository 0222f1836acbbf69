/**
 * Citizen ID (CCCD / số định danh cá nhân): 12 digits = the birth-registration province code (001–096),
 * one digit for century and sex, the last two digits of the birth year, then 6 random digits
 * (DOMAIN.md §8). We check the format and that it agrees with the person's sex and birth year — never
 * derive anything else from it (the province code is not where the person lives).
 */
export type CitizenIdProblem = 'format' | 'province_code' | 'sex' | 'birth_year'

/** Century/sex digit: 1900s 0/1, 2000s 2/3, 2100s 4/5, 2200s 6/7, 2300s 8/9 (male/female). */
function centuryAndSex(digit: number): { century: number; sex: 'male' | 'female' } {
  return { century: 1900 + Math.floor(digit / 2) * 100, sex: digit % 2 === 0 ? 'male' : 'female' }
}

/** Checks against the sex and birth year only where they are known (a form may still have them wrong or empty). */
export function citizenIdProblems(citizenId: string, person: { sex?: 'male' | 'female' | undefined; birthDate?: string | undefined }): CitizenIdProblem[] {
  if (!/^\d{12}$/.test(citizenId)) return ['format']
  const problems: CitizenIdProblem[] = []
  const province = Number(citizenId.slice(0, 3))
  if (province < 1 || province > 96) problems.push('province_code')
  const { century, sex } = centuryAndSex(Number(citizenId[3]))
  if (person.sex !== undefined && sex !== person.sex) problems.push('sex')
  const year = century + Number(citizenId.slice(4, 6))
  if (person.birthDate !== undefined && String(year) !== person.birthDate.slice(0, 4)) problems.push('birth_year')
  return problems
}

export const citizenIdMessages: Record<CitizenIdProblem, string> = {
  format: 'must be 12 digits',
  province_code: 'must start with a province code from 001 to 096',
  sex: 'its 4th digit does not agree with the sex',
  birth_year: 'its 4th to 6th digits do not agree with the birth year',
}

/** For lists: never show a full ID where a partial one identifies the row well enough. */
export function maskCitizenId(citizenId: string): string {
  return `${citizenId.slice(0, 3)}******${citizenId.slice(-3)}`
}
