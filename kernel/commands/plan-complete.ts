import { postRehabEndOn } from '../domain/after-care.ts'
import { decisionDateProblem } from '../domain/legal-decision.ts'
import { completionCheck } from '../domain/plan-stages.ts'
import { canTransition, PLAN_TRANSITIONS } from '../domain/plan-status.ts'
import type { Insert } from './command.ts'
import { changed, created, decided, idTaken, invalidField, invalidFields, ruleBroken, staleVersion, type Command, type Update } from './command.ts'

/**
 * Completion (POST /plans/:id/complete, sync plan.complete): the certificate (`decision`, its date the completion
 * date) closes the plan as completed, once the minimum duration from the start decision has passed and the first
 * three stages are done. Post-rehab management follows only where the province opens it after voluntary rehab
 * (case rule postRehabAfterVoluntary), with the chair's decision, under the id the client made (`postRehabId`);
 * otherwise the person's rehab ends there. The answer is the completed plan (HTTP adds the post-rehab record).
 */
export const planComplete: Command<'plan.complete', 'plans'> = {
  type: 'plan.complete',
  action: 'person:write',
  target: { collection: 'plans', id: (_input, entityId) => entityId },
  // A client-made id is new: a completion is applied once (its version), so an existing record is someone else's.
  creates: { collection: 'postRehab', id: (input) => input.postRehabId },
  check(input, today) {
    const issues = [decisionDateProblem(input.decision, today), decisionDateProblem(input.openDecision, today, 'json.openDecision')].filter(
      (i) => i !== undefined,
    )
    return issues.length ? invalidFields(issues) : undefined
  },
  decide({ target: plan, person, existing, commune }, input, _entityId, ctx) {
    if (input.version !== plan.version)
      return staleVersion({ collection: 'plans', id: plan.id }, input.version, plan.version, `This plan was changed meanwhile (now version ${plan.version})`)
    if (!canTransition(plan.status, 'completed')) {
      const allowed = PLAN_TRANSITIONS[plan.status]
      return ruleBroken(`A ${plan.status} plan cannot be completed; allowed: ${allowed.join(', ') || 'none (the plan has ended)'}`, {
        from: plan.status,
        allowed,
      })
    }
    const completedOn = input.decision.date
    if (completedOn < plan.startOn) return invalidField('json.decision.date', 'must not be before the plan started')
    const opensPostRehab = ctx.rules.postRehabAfterVoluntary
    if (opensPostRehab) {
      const issues = [
        ...(input.supportModel
          ? []
          : [{ field: 'json.supportModel', message: 'is required: this province opens post-rehab management after voluntary rehab' }]),
        ...(input.supporterName
          ? []
          : [{ field: 'json.supporterName', message: 'is required: this province opens post-rehab management after voluntary rehab' }]),
        ...(input.openDecision
          ? []
          : [{ field: 'json.openDecision.number', message: "is required: post-rehab management opens with the commune chair's decision" }]),
      ]
      if (issues.length) return invalidFields(issues)
      if (existing) return idTaken('json.postRehabId')
    }
    const { earliestOn, missing, unmet } = completionCheck(
      { startedOn: plan.startDecisionOn ?? plan.startOn, stages: plan.stages },
      completedOn,
      ctx.rules.minRehabMonths,
    )
    if (unmet[0]) {
      const reasons = [
        ...(unmet.includes('completion_too_early') ? [`not before ${earliestOn} (${ctx.rules.minRehabMonths} months from the start decision)`] : []),
        ...(unmet.includes('stages_incomplete') ? [`the stages ${missing.join(', ')} are not done`] : []),
      ]
      return ruleBroken(
        `This plan cannot be completed yet: ${reasons.join('; ')}`,
        {
          unmet,
          ...(unmet.includes('completion_too_early') ? { earliestOn, minRehabMonths: ctx.rules.minRehabMonths } : {}),
          ...(unmet.includes('stages_incomplete') ? { missing } : {}),
        },
        unmet[0],
      )
    }
    const stamp = changed(plan.version, ctx)
    const { number, date, signer } = input.decision
    const updates: Update[] = [
      { collection: 'plans', id: plan.id, set: { status: 'completed', completionNumber: number, completionDate: date, completionSigner: signer, ...stamp } },
    ]
    const inserts: Insert[] = [
      {
        collection: 'planTransitions',
        record: {
          planId: plan.id,
          from: plan.status,
          to: 'completed',
          reason: null,
          note: `certificate ${number}`,
          at: stamp.updatedAt,
          by: ctx.actorId,
          decision: input.decision,
        },
      },
    ]
    let postRehabId: string | null = null
    if (opensPostRehab && input.supportModel && input.supporterName && input.openDecision) {
      postRehabId = input.postRehabId ?? ctx.newId()
      // From the later of the completion and the chair's decision (dates as YYYY-MM-DD sort as days).
      const startOn = [completedOn, input.openDecision.date].sort()[1]!
      inserts.push({
        collection: 'postRehab',
        record: {
          id: postRehabId,
          personId: plan.personId,
          communeCode: commune,
          planId: plan.id,
          startOn,
          endOn: postRehabEndOn(startOn, ctx.rules.postRehabMonths),
          supportModel: input.supportModel,
          supporterName: input.supporterName,
          status: 'active',
          relapseOn: null,
          relapseNote: null,
          openDecision: input.openDecision,
          ...created(ctx),
        },
      })
    }
    // The person's status, as plan transitions set it today (the derivation from records is decision 0026's note):
    // under post-rehab management, or done with rehab (closed) when the province opens none after voluntary rehab.
    if (person) {
      const set = postRehabId ? { status: 'post_rehab' as const, category: 'post_rehab' as const } : { status: 'closed' as const }
      updates.push({ collection: 'persons', id: person.id, set: { ...set, ...changed(person.version, ctx) } })
    }
    return decided(
      { collection: 'plans', id: plan.id },
      { inserts, updates, event: { action: 'plan.complete', entityType: 'plan', entityId: plan.id, details: { postRehab: postRehabId } } },
    )
  },
}
