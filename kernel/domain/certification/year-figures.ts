// What the province reports each year about its drug-free communes (decision 0037): kept, newly recognised,
// lost, and progress towards the year's target share. Pure, from the status periods alone.
import type { StatusPeriodRecord } from '../../certification-records.ts'

type Period = Pick<StatusPeriodRecord, 'communeCode' | 'firstYear' | 'lastYear' | 'endReason'>

/** The commune held the status for that year: recognised (or renewed) for it, and not revoked during it. */
export function heldIn(periods: readonly Period[], commune: string, year: number): boolean {
  return periods.some((p) => p.communeCode === commune && p.firstYear <= year && year <= p.lastYear && !(p.endReason === 'revoked' && p.lastYear === year))
}

export interface YearFigures {
  year: number
  communes: number
  recognised: number
  kept: number
  newlyRecognised: number
  lost: number
  targetSharePercent: number
  /** Communes the target asks for (rounded up). */
  target: number
  /** Recognised as a percent of the target (one decimal; may pass 100). */
  progressPercent: number
}

export function yearFigures(periods: readonly Period[], communes: readonly string[], year: number, targetSharePercent: number): YearFigures {
  let kept = 0
  let newlyRecognised = 0
  let lost = 0
  for (const commune of communes) {
    const now = heldIn(periods, commune, year)
    const before = heldIn(periods, commune, year - 1)
    if (now && before) kept++
    else if (now) newlyRecognised++
    else if (before) lost++
  }
  const recognised = kept + newlyRecognised
  const target = Math.ceil((communes.length * targetSharePercent) / 100)
  const progressPercent = target === 0 ? 100 : Math.round((recognised / target) * 1000) / 10
  return { year, communes: communes.length, recognised, kept, newlyRecognised, lost, targetSharePercent, target, progressPercent }
}
