// The province's case rules: what DOMAIN.md marks TBC (or what the 2025 law's decrees may still change),
// kept as a province setting with the default DOMAIN.md states (docs/decisions/0025). Commands read them in
// decide (DecideContext.rules); the server stores them in tenant_meta (`case_rules`), a phone gets them with
// every pull page. A stored value with a field missing or unreadable falls back to the default for that field.
import * as v from 'valibot'
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

const whole = (min: number, max: number) =>
  v.pipe(
    v.number(`must be a whole number from ${min} to ${max}`),
    v.integer(`must be a whole number from ${min} to ${max}`),
    v.minValue(min, `must be at least ${min}`),
    v.maxValue(max, `must be at most ${max}`),
  )
const days = v.pipe(
  v.array(v.pipe(v.string('must be a date YYYY-MM-DD'), v.isoDate('must be a date YYYY-MM-DD')), 'must be a list of dates YYYY-MM-DD'),
  v.maxLength(60, 'must list at most 60 days'),
)

/** Each rule's bounds: what PUT /settings accepts (every field optional: an absent one keeps its value). */
export const CaseRulesSchema = v.object(
  {
    minRehabMonths: v.optional(whole(LAW_MIN_REHAB_MONTHS, 12)),
    postRehabAfterVoluntary: v.optional(v.boolean('must be true or false')),
    postRehabMonths: v.optional(whole(6, 24)),
    userManagementMonths: v.optional(whole(6, 24)),
    postRehabContactDays: v.optional(whole(7, 92)),
    handoverAcceptHours: v.optional(whole(1, 72)),
    extraHolidays: v.optional(days),
    workingHolidays: v.optional(days),
    terminationReasons: v.optional(
      v.pipe(
        v.array(v.picklist(terminationReasons, `must list some of ${terminationReasons.join(', ')}`), 'must be a list of termination reasons'),
        v.minLength(1, 'must keep at least one reason'),
        v.check((list) => new Set(list).size === list.length, 'must not repeat a reason'),
      ),
    ),
  },
  'must be an object of case rules',
)
export type CaseRulesInput = v.InferOutput<typeof CaseRulesSchema>

/** The rules in effect: the stored ones (already parsed JSON, or anything) field by field over the defaults. */
export function caseRulesOf(stored: unknown): CaseRules {
  const rules: CaseRules = { ...DEFAULT_CASE_RULES, extraHolidays: [], workingHolidays: [], terminationReasons: [...terminationReasons] }
  if (typeof stored !== 'object' || stored === null) return rules
  for (const [key, schema] of Object.entries(CaseRulesSchema.entries)) {
    const parsed = v.safeParse(schema, (stored as Record<string, unknown>)[key])
    if (parsed.success && parsed.output !== undefined) (rules as unknown as Record<string, unknown>)[key] = parsed.output
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
