import { vietnamToday } from '../calendar.ts'
import { stageProblems } from '../domain/plan-stages.ts'
import { isOpen } from '../domain/plan-status.ts'
import type { PlanStageRecord } from '../records.ts'
import { changed, decided, invalidField, invalidFields, ruleBroken, staleVersion, type Command } from './command.ts'

/**
 * One stage of an open plan (POST /plans/:id/stages, sync plan.stage_update): its planned and actual dates,
 * activities, and the done mark (stamped with who and when; cleared when undone). Based on the plan's version.
 */
export const planStageUpdate: Command<'plan.stage_update', 'plans'> = {
  type: 'plan.stage_update',
  action: 'person:write',
  target: { collection: 'plans', id: (_input, entityId) => entityId },
  decide({ target: plan }, input, _entityId, ctx) {
    if (input.version !== plan.version)
      return staleVersion({ collection: 'plans', id: plan.id }, input.version, plan.version, `This plan was changed meanwhile (now version ${plan.version})`)
    if (!isOpen(plan.status)) return ruleBroken(`A ${plan.status} plan has ended: its stages are kept as they were`, { status: plan.status })
    const current = plan.stages.find((s) => s.stage === input.stage)
    if (!current) return invalidField('json.stage', 'is not a stage of this plan')
    const next: PlanStageRecord = { ...current }
    for (const key of ['activities', 'plannedStartOn', 'plannedEndOn', 'actualStartOn', 'actualEndOn'] as const) {
      if (input[key] !== undefined) Object.assign(next, { [key]: input[key] })
    }
    if (input.done !== undefined && input.done !== current.done) {
      next.done = input.done
      next.doneBy = input.done ? ctx.actorId : null
      next.doneAt = input.done ? ctx.now.toISOString() : null
    }
    // A plan not yet started (a draft) is planned, not carried out.
    if (plan.status === 'draft' && (next.done || next.actualStartOn || next.actualEndOn))
      return ruleBroken('A draft plan has not started: only its planned dates and activities can change', { status: plan.status })
    const problems = stageProblems(next, vietnamToday(ctx.now))
    if (problems.length) return invalidFields(problems)
    return decided(
      { collection: 'plans', id: plan.id },
      {
        updates: [
          { collection: 'plans', id: plan.id, set: { stages: plan.stages.map((s) => (s.stage === next.stage ? next : s)), ...changed(plan.version, ctx) } },
        ],
        event: { action: 'plan.stage_update', entityType: 'plan', entityId: plan.id, details: { stage: next.stage, done: next.done } },
      },
    )
  },
}
