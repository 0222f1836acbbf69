// The addiction determination's consequences (DOMAIN.md §3, §10): a result of dependence gives the person
// 5 working days to register voluntary rehab or methadone; a missed deadline is a ground for compulsory rehab.
import { addWorkingDays, workingDaysBetween } from '../calendar.ts'
import { VIETNAM_HOLIDAYS_2025_2027 } from '../holidays.ts'
import type { ReferralGround } from '../vocabulary.ts'
import { provinceHolidays, type CaseRules } from './case-rules.ts'
import { unregisteredSince, type StatusFacts } from './person-status.ts'

/** Working days a dependent person has to register after the result (Law 2021; DOMAIN.md §10). */
export const REGISTRATION_WORKING_DAYS = 5

/** The last day to register after a result of dependence on `resultOn`, by the province's working days. */
export function registrationDueOn(resultOn: string, rules: Pick<CaseRules, 'extraHolidays' | 'workingHolidays'>): string {
  return addWorkingDays(resultOn, REGISTRATION_WORKING_DAYS, provinceHolidays(rules, VIETNAM_HOLIDAYS_2025_2027))
}

export interface RegistrationDeadline {
  dueOn: string
  state: 'due' | 'overdue'
  /** Working days past the deadline (0 while it is not passed). */
  workingDaysOverdue: number
}

/**
 * The registration a determined dependent person still owes, as due work (the home screen's list): undefined
 * once a plan, methadone or a referral answered the result, or when no determination concluded dependence.
 */
export function registrationDeadline(
  facts: StatusFacts,
  determination: { resultOn: string | null; result: string | null; registrationDueOn: string | null } | undefined,
  today: string,
  rules: Pick<CaseRules, 'extraHolidays' | 'workingHolidays'>,
): RegistrationDeadline | undefined {
  if (!determination?.resultOn || determination.result !== 'dependent') return undefined
  const since = unregisteredSince(facts)
  if (since === undefined || since !== determination.resultOn) return undefined
  const dueOn = determination.registrationDueOn ?? registrationDueOn(determination.resultOn, rules)
  if (today <= dueOn) return { dueOn, state: 'due', workingDaysOverdue: 0 }
  return { dueOn, state: 'overdue', workingDaysOverdue: workingDaysBetween(dueOn, today, provinceHolidays(rules, VIETNAM_HOLIDAYS_2025_2027)) }
}

/**
 * The law's grounds for a compulsory-rehab referral the records show (the screen offers the referral with
 * these): a missed registration or an abandoned plan, drug use during rehab (a plan terminated for it), leaving
 * methadone, a relapse during post-rehab.
 */
export function referralGroundsOf(
  facts: StatusFacts & { plans: readonly { status: string; registeredOn: string; reason?: string | null }[] },
  today: string,
  dueOn: string | undefined,
): ReferralGround[] {
  const grounds = new Set<ReferralGround>()
  if (dueOn && today > dueOn) grounds.add('not_registered_or_abandoned')
  for (const plan of facts.plans) {
    if (plan.status !== 'terminated') continue
    grounds.add(plan.reason === 'relapse' || plan.reason === 'drug_use' ? 'use_during_voluntary_rehab' : 'not_registered_or_abandoned')
  }
  if (facts.methadone.some((m) => m.endReason === 'left' || m.endReason === 'expelled')) grounds.add('left_substitution_treatment')
  if (facts.postRehab.some((r) => r.status === 'relapsed')) grounds.add('relapse_post_rehab')
  return [...grounds]
}
