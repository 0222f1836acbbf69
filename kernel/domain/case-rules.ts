// The province's case rules: what DOMAIN.md marks TBC (or what the 2025 law's decrees may still change),
// kept as a province setting with the default DOMAIN.md states (docs/decisions/0025). Commands read them in
// decide (DecideContext.rules); the server stores them in tenant_meta (`case_rules`), a phone gets them with
// every pull page. A stored value with a field missing or unreadable falls back to the default for that field.
// No valibot here: the phone reads the rules on every case screen (the schema PUT /settings checks with is
// case-rules-schema.ts, built from the same bounds).
import { terminationReasons, type TerminationReason } from '../vocabulary.ts'

export interface CaseRules {
  /** Minimum duration of voluntary community rehab before completion, in months from the start decision (law: 6). */
  minRehabMonths: number
  /** Whether completing voluntary rehab opens post-rehab management (DOMAIN.md §5: TBC; the 2021 law covers compulsory). */
  postRehabAfterVoluntary: boolean
  /** Length of post-rehab management in months (Law 2021 art. 40: 1 year). */
  postRehabMonths: number
  /** Length of an illegal drug user's management period in months (DOMAIN.md §3: 1 year; exact text TBC). */
  userManagementMonths: number
  /** How often a post-rehab person is contacted, in days (DOMAIN.md §4.5: frequency TBC). */
  postRehabContactDays: number
  /** Hours a receiving commune has to accept a hand-over (Law 120/2025: 24 h; decrees TBC). */
  handoverAcceptHours: number
  /** Days the province adds to the national public holidays (kernel/holidays.ts), YYYY-MM-DD. */
  extraHolidays: string[]
  /** National holidays the province works on after all (a shifted day off), YYYY-MM-DD. */
  workingHolidays: string[]
  /**
   * The termination reasons officers may choose (DOMAIN.md §4.6: the exact grounds under Decree 116 are TBC): the
   * law's list by default; a province may switch some off. Plans already terminated keep theirs.
   */
  terminationReasons: TerminationReason[]
}

/** The law's floor for community rehab (Decree 116/2021: 6 to 12 months): a province may ask for more, never less. */
export const LAW_MIN_REHAB_MONTHS = 6

export const DEFAULT_CASE_RULES: Readonly<CaseRules> = Object.freeze({
  minRehabMonths: LAW_MIN_REHAB_MONTHS,
  postRehabAfterVoluntary: false,
  postRehabMonths: 12,
  userManagementMonths: 12,
  postRehabContactDays: 30,
  handoverAcceptHours: 24,
  extraHolidays: [],
  workingHolidays: [],
  terminationReasons: [...terminationReasons],
})

/** Each whole-number rule's bounds [min, max]: what PUT /settings accepts and what a stored value must be. */
export const CASE_RULE_BOUNDS = {
  minRehabMonths: [LAW_MIN_REHAB_MONTHS, 12],
  postRehabMonths: [6, 24],
  userManagementMonths: [6, 24],
  postRehabContactDays: [7, 92],
  handoverAcceptHours: [1, 72],
} as const satisfies Partial<Record<keyof CaseRules, readonly [number, number]>>

/** At most this many days in each holiday list. */
export const MAX_HOLIDAY_EDITS = 60

const DAY = /^\d{4}-\d{2}-\d{2}$/
export function isRealDay(value: unknown): value is string {
  if (typeof value !== 'string' || !DAY.test(value)) return false
  const day = new Date(`${value}T00:00:00Z`)
  return !Number.isNaN(day.getTime()) && day.toISOString().slice(0, 10) === value
}

/** Whether `value` is a valid value of the rule `key` (the schema's rules, without its messages). */
function validRule(key: keyof CaseRules, value: unknown): boolean {
  if (key in CASE_RULE_BOUNDS) {
    const [min, max] = CASE_RULE_BOUNDS[key as keyof typeof CASE_RULE_BOUNDS]
    return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
  }
  if (key === 'postRehabAfterVoluntary') return typeof value === 'boolean'
  if (key === 'extraHolidays' || key === 'workingHolidays') return Array.isArray(value) && value.length <= MAX_HOLIDAY_EDITS && value.every(isRealDay)
  return (
    Array.isArray(value) &&
    value.length > 0 &&
    new Set(value).size === value.length &&
    value.every((reason) => (terminationReasons as readonly unknown[]).includes(reason))
  )
}

/** The rules in effect: the stored ones (already parsed JSON, or anything) field by field over the defaults. */
export function caseRulesOf(stored: unknown): CaseRules {
  const rules: CaseRules = { ...DEFAULT_CASE_RULES, extraHolidays: [], workingHolidays: [], terminationReasons: [...terminationReasons] }
  if (typeof stored !== 'object' || stored === null) return rules
  for (const key of Object.keys(rules) as (keyof CaseRules)[]) {
    const value = (stored as Record<string, unknown>)[key]
    if (validRule(key, value)) (rules as unknown as Record<string, unknown>)[key] = Array.isArray(value) ? [...value] : value
  }
  return rules
}

/** The province's holidays: the national list, plus its own days off, minus the days it works after all. */
export function provinceHolidays(rules: Pick<CaseRules, 'extraHolidays' | 'workingHolidays'>, national: readonly { on: string }[]): ReadonlySet<string> {
  const set = new Set(national.map((holiday) => holiday.on))
  for (const day of rules.extraHolidays) set.add(day)
  for (const day of rules.workingHolidays) set.delete(day)
  return set
}
