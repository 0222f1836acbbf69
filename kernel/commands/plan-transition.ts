import { decisionDateProblem } from '../domain/legal-decision.ts'
import { canTransition, needsDecision, PLAN_TRANSITIONS, reasonsFor } from '../domain/plan-status.ts'
import type { PersonStatus, PlanStatus } from '../records.ts'
import { changed, decided, invalidField, ruleBroken, staleVersion, type Command, type Update } from './command.ts'

/** What a person's status becomes when their plan reaches a status (absent: unchanged). */
export const PERSON_STATUS_AFTER: Readonly<Partial<Record<PlanStatus, PersonStatus>>> = {
  active: 'in_rehab',
  completed: 'post_rehab',
  terminated: 'under_management',
  transferred: 'transferred',
}

/**
 * Moves a plan along the status machine (POST /plans/:id/transitions, sync plan.transition), recording who, when
 * and why; the person's status follows. Completion has its own command (plan.complete), with the certificate.
 */
export const planTransition: Command<'plan.transition', 'plans'> = {
  type: 'plan.transition',
  action: 'person:write',
  target: { collection: 'plans', id: (_input, entityId) => entityId },
  check(input, today) {
    if (input.to === 'completed') return invalidField('json.to', 'complete a plan through POST /plans/:planId/complete, with its completion certificate')
    const reasons = reasonsFor(input.to)
    if (reasons && (!input.reason || !reasons.includes(input.reason))) return invalidField('json.reason', `must be one of ${reasons.join(', ')}`)
    if (!reasons && input.reason) return invalidField('json.reason', 'is only given when a plan is terminated or transferred')
    const future = decisionDateProblem(input.decision, today)
    return future ? invalidField(future.field, future.message) : undefined
  },
  decide({ target: plan, person }, input, _entityId, ctx) {
    if (input.version !== plan.version)
      return staleVersion({ collection: 'plans', id: plan.id }, input.version, plan.version, `This plan was changed meanwhile (now version ${plan.version})`)
    if (!canTransition(plan.status, input.to)) {
      const allowed = PLAN_TRANSITIONS[plan.status]
      return ruleBroken(`A ${plan.status} plan cannot become ${input.to}; allowed: ${allowed.length ? allowed.join(', ') : 'none (the plan has ended)'}`, {
        from: plan.status,
        allowed,
      })
    }
    // The reasons a province switched off are refused for new terminations (the rules are known here, not in check).
    const enabled = reasonsFor(input.to, ctx.rules.terminationReasons)
    if (enabled && input.reason && !enabled.includes(input.reason)) return invalidField('json.reason', `must be one of ${enabled.join(', ')}`)
    if (needsDecision(plan.status, input.to) && !input.decision)
      return invalidField('json.decision.number', `is required: a plan becoming ${input.to} rests on a decision { number, date, signer, signerRole, body }`)
    const stamp = changed(plan.version, ctx)
    const updates: Update[] = [{ collection: 'plans', id: plan.id, set: { status: input.to, ...stamp } }]
    const started = plan.status === 'draft' && input.to === 'active' && input.decision
    if (started) updates[0] = { collection: 'plans', id: plan.id, set: { status: input.to, startDecisionOn: started.date, ...stamp } }
    const personStatus = PERSON_STATUS_AFTER[input.to]
    if (personStatus && person) updates.push({ collection: 'persons', id: person.id, set: { status: personStatus, ...changed(person.version, ctx) } })
    return decided(
      { collection: 'plans', id: plan.id },
      {
        inserts: [
          {
            collection: 'planTransitions',
            record: {
              planId: plan.id,
              from: plan.status,
              to: input.to,
              reason: input.reason ?? null,
              note: input.note ?? null,
              at: stamp.updatedAt,
              by: ctx.actorId,
              decision: input.decision ?? null,
            },
          },
        ],
        updates,
        event: { action: 'plan.transition', entityType: 'plan', entityId: plan.id, details: { from: plan.status, to: input.to, reason: input.reason ?? null } },
      },
    )
  },
}
