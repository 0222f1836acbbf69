// The stages of voluntary community rehab and the rules of completion (DOMAIN.md §4, §10): at least the minimum
// duration from the start decision (case rule minRehabMonths) and the first three stages done.
import { addMonths } from '../calendar.ts'
import type { PlanStageRecord } from '../records.ts'
import { planStages, type PlanStage } from '../vocabulary.ts'

/** The stages voluntary rehab must finish: they also unlock cost support. */
export const REQUIRED_STAGES: readonly PlanStage[] = ['intake_classification', 'detox_treatment', 'education_counselling']

/** The names stored before the law's five (migration 0010 renames them; a phone may still hold a plan pulled before). */
const OLD_NAMES: Readonly<Record<string, PlanStage>> = {
  withdrawal_detox: 'detox_treatment',
  counselling_education: 'education_counselling',
  vocational_support: 'work_vocational',
}

export function emptyStage(stage: PlanStage): PlanStageRecord {
  return { stage, activities: [], plannedStartOn: null, plannedEndOn: null, actualStartOn: null, actualEndOn: null, done: false, doneBy: null, doneAt: null }
}

const text = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null)

/**
 * A plan's stages as the records hold them: always the five, in the law's order, whatever was stored (old
 * names, a stage left out, fields missing): a plan stored by an older version reads as one of today's.
 */
export function normalizeStages(stored: unknown): PlanStageRecord[] {
  const byName = new Map<PlanStage, PlanStageRecord>()
  for (const item of Array.isArray(stored) ? stored : []) {
    if (typeof item !== 'object' || item === null) continue
    const raw = item as Record<string, unknown>
    const name = typeof raw.stage === 'string' ? (OLD_NAMES[raw.stage] ?? raw.stage) : ''
    const stage = planStages.find((s) => s === name)
    if (!stage || byName.has(stage)) continue
    byName.set(stage, {
      stage,
      activities: Array.isArray(raw.activities) ? raw.activities.filter((a): a is string => typeof a === 'string') : [],
      plannedStartOn: text(raw.plannedStartOn),
      plannedEndOn: text(raw.plannedEndOn),
      actualStartOn: text(raw.actualStartOn),
      actualEndOn: text(raw.actualEndOn),
      done: raw.done === true,
      doneBy: text(raw.doneBy),
      doneAt: text(raw.doneAt),
    })
  }
  return planStages.map((stage) => byName.get(stage) ?? emptyStage(stage))
}

/** The first day a plan may be completed: the minimum duration from the start decision (else the planned start). */
export function earliestCompletionOn(startedOn: string, minRehabMonths: number): string {
  return addMonths(startedOn, minRehabMonths)
}

/** The required stages not marked done. */
export function missingStages(stages: readonly Pick<PlanStageRecord, 'stage' | 'done'>[]): PlanStage[] {
  return REQUIRED_STAGES.filter((stage) => !stages.some((s) => s.stage === stage && s.done))
}

export interface CompletionCheck {
  earliestOn: string
  missing: PlanStage[]
  /** The unmet conditions, in the order the refusal names them (the first is its code); empty: may be completed. */
  unmet: ('completion_too_early' | 'stages_incomplete')[]
}

/** Whether a plan may be completed on `on` — what the screen says before the officer tries, and what the command enforces. */
export function completionCheck(
  plan: { startedOn: string; stages: readonly Pick<PlanStageRecord, 'stage' | 'done'>[] },
  on: string,
  minRehabMonths: number,
): CompletionCheck {
  const earliestOn = earliestCompletionOn(plan.startedOn, minRehabMonths)
  const missing = missingStages(plan.stages)
  const unmet: CompletionCheck['unmet'] = []
  if (on < earliestOn) unmet.push('completion_too_early')
  if (missing.length > 0) unmet.push('stages_incomplete')
  return { earliestOn, missing, unmet }
}

/** The start decision's date, from a plan's transitions (draft → active), or undefined before it started. */
export function startDecisionOn(transitions: readonly { from: string | null; to: string; decision?: { date: string } | null }[]): string | undefined {
  return transitions.find((tr) => tr.from === 'draft' && tr.to === 'active' && tr.decision)?.decision?.date
}

/** Problems of a stage's dates and done mark, as issues on the fields of the stage update (`json.<field>`). */
export function stageProblems(stage: PlanStageRecord, today: string): { field: string; message: string }[] {
  const issues: { field: string; message: string }[] = []
  if (stage.plannedStartOn && stage.plannedEndOn && stage.plannedEndOn < stage.plannedStartOn)
    issues.push({ field: 'json.plannedEndOn', message: 'must not be before the planned start' })
  if (stage.actualStartOn && stage.actualStartOn > today) issues.push({ field: 'json.actualStartOn', message: 'must not be in the future' })
  if (stage.actualEndOn && stage.actualEndOn > today) issues.push({ field: 'json.actualEndOn', message: 'must not be in the future' })
  if (stage.actualEndOn && !stage.actualStartOn) issues.push({ field: 'json.actualStartOn', message: 'is required with the actual end' })
  if (stage.actualStartOn && stage.actualEndOn && stage.actualEndOn < stage.actualStartOn)
    issues.push({ field: 'json.actualEndOn', message: 'must not be before the actual start' })
  if (stage.done && !stage.actualEndOn) issues.push({ field: 'json.actualEndOn', message: 'is required to mark the stage done' })
  return issues
}
