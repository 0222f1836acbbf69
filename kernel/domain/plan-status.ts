import type { PlanStatus } from '../records.ts'

/**
 * The rehab plan's status machine: draft → active ⇄ suspended → completed | terminated | transferred.
 * Completion needs an active plan (the stages were followed); a plan is ended early (terminated,
 * transferred) from active or suspended; a draft can be dropped (terminated). Ended plans are final.
 */
export const PLAN_TRANSITIONS: Readonly<Record<PlanStatus, readonly PlanStatus[]>> = {
  draft: ['active', 'terminated'],
  active: ['suspended', 'completed', 'terminated', 'transferred'],
  suspended: ['active', 'terminated', 'transferred'],
  completed: [],
  terminated: [],
  transferred: [],
}

export const OPEN_PLAN_STATUSES: readonly PlanStatus[] = ['draft', 'active', 'suspended']

export const terminationReasons = ['relapse', 'non_compliance', 'compulsory_rehab', 'other'] as const
export type TerminationReason = (typeof terminationReasons)[number]
export const transferReasons = ['moved_commune', 'moved_province'] as const

export function isOpen(status: PlanStatus): boolean {
  return OPEN_PLAN_STATUSES.includes(status)
}

export function canTransition(from: PlanStatus, to: PlanStatus): boolean {
  return PLAN_TRANSITIONS[from].includes(to)
}

/** Reasons are required where the law asks for one: termination and transfer. */
export function reasonsFor(to: PlanStatus): readonly string[] | null {
  if (to === 'terminated') return terminationReasons
  if (to === 'transferred') return transferReasons
  return null
}

/** Planned duration of community rehab: 6 to 12 months (Decree 116/2021), as calendar months. */
export function durationProblem(startOn: string, plannedEndOn: string): string | null {
  const start = new Date(`${startOn}T00:00:00Z`)
  const end = new Date(`${plannedEndOn}T00:00:00Z`)
  if (!(end > start)) return 'must be after the start date'
  const sixMonths = addMonths(start, 6)
  const twelveMonths = addMonths(start, 12)
  if (end < sixMonths) return 'makes the plan shorter than 6 months'
  if (end > twelveMonths) return 'makes the plan longer than 12 months'
  return null
}

/** Calendar months, clamped to the month's last day (31 Aug + 6 months = 28/29 Feb). */
export function addMonths(date: Date, months: number): Date {
  const target = new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth() + months, 1))
  const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate()
  target.setUTCDate(Math.min(date.getUTCDate(), lastDay))
  return target
}
