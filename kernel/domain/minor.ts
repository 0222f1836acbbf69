// Minors (từ đủ 12 đến dưới 18 tuổi, DOMAIN.md §3): a legal representative acts for them, and their records are
// marked so that aggregates can band them (§8). Ages are whole years on a Vietnamese calendar day.

/** The law's age of majority: a person is a minor until their 18th birthday. */
export const ADULT_AGE_YEARS = 18

export interface LegalRepresentative {
  name: string
  /** How they are related ("mẹ", "cha", "người giám hộ"). */
  relation: string
  /** A contact phone, Vietnamese format. */
  phone: string
}

/** Whole years from `birthDate` to `on` (YYYY-MM-DD): a person born on 29 Feb turns a year older on 1 Mar. */
export function ageOn(birthDate: string, on: string): number {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number]
  const [oy, om, od] = on.split('-').map(Number) as [number, number, number]
  return oy - by - (om < bm || (om === bm && od < bd) ? 1 : 0)
}

/** Under 18 on `on`: a minor's records are marked (and later banded in aggregates). */
export function isMinorOn(birthDate: string, on: string): boolean {
  return ageOn(birthDate, on) < ADULT_AGE_YEARS
}

/** The day the person turns 18 (YYYY-MM-DD): from then on no representative is required. */
export function adultFrom(birthDate: string): string {
  const [by, bm, bd] = birthDate.split('-').map(Number) as [number, number, number]
  const year = String(by + ADULT_AGE_YEARS).padStart(4, '0')
  // Born on 29 Feb: a leap year plus 18 is never a leap year, so 18 on 1 Mar, as ageOn counts it.
  if (bm === 2 && bd === 29) return `${year}-03-01`
  return `${year}-${String(bm).padStart(2, '0')}-${String(bd).padStart(2, '0')}`
}

/**
 * A registration's representative problems, as 400 issues: a person under 18 on the registration day must have
 * one, each of its fields named (`json.legalRepresentative.name`…). An adult may have one (a guardian) or not.
 */
export function legalRepresentativeProblems(
  p: { birthDate: string; legalRepresentative?: Partial<LegalRepresentative> | null | undefined },
  registeredOn: string,
): { field: string; message: string }[] {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(p.birthDate) || p.birthDate > registeredOn || !isMinorOn(p.birthDate, registeredOn)) return []
  const rep = p.legalRepresentative
  const missing = 'is required for a person under 18 (their legal representative)'
  const problems: { field: string; message: string }[] = []
  for (const key of ['name', 'relation', 'phone'] as const) if (!rep?.[key]) problems.push({ field: `json.legalRepresentative.${key}`, message: missing })
  return problems
}
