import { terminationReasons, type PlanStatus } from '../vocabulary.ts'
import { addMonths, isDay } from '../calendar.ts'

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

export { terminationReasons, type TerminationReason } from '../vocabulary.ts'
/**
 * A transfer sends the file to the commune the person moved to, where rehab goes on (docs/decisions/0026);
 * termination for `moved_away` is a move the file cannot follow (abroad, whereabouts unknown).
 */
export const transferReasons = ['moved_commune', 'moved_province'] as const

export function isOpen(status: PlanStatus): boolean {
  return OPEN_PLAN_STATUSES.includes(status)
}

export function canTransition(from: PlanStatus, to: PlanStatus): boolean {
  return PLAN_TRANSITIONS[from].includes(to)
}

/**
 * Reasons are required where the law asks for one: termination (the reasons the province enabled, case rule
 * terminationReasons; the law's list by default) and transfer.
 */
export function reasonsFor(to: PlanStatus, enabled: readonly string[] = terminationReasons): readonly string[] | null {
  if (to === 'terminated') return enabled
  if (to === 'transferred') return transferReasons
  return null
}

/**
 * The steps the law ties to a decision: the start (the commune chair's decision on voluntary rehab), suspension,
 * termination and transfer (the certificate: plan.complete). Resuming a suspended plan and dropping a draft
 * that never started rest on none.
 */
export function needsDecision(from: PlanStatus, to: PlanStatus): boolean {
  if (to === 'active') return from === 'draft'
  if (to === 'terminated') return from !== 'draft'
  return to === 'suspended' || to === 'transferred' || to === 'completed'
}

/** Planned duration of community rehab: 6 to 12 months (Decree 116/2021), as calendar months. */
export function durationProblem(startOn: string, plannedEndOn: string): string | null {
  if (!isDay(startOn) || !isDay(plannedEndOn) || !(plannedEndOn > startOn)) return 'must be after the start date'
  if (plannedEndOn < addMonths(startOn, 6)) return 'makes the plan shorter than 6 months'
  if (plannedEndOn > addMonths(startOn, 12)) return 'makes the plan longer than 12 months'
  return null
}
