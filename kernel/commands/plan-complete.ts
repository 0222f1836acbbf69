import { postRehabEndOn } from '../domain/after-care.ts'
import { canTransition, PLAN_TRANSITIONS } from '../domain/plan-status.ts'
import { changed, created, decided, idTaken, invalidField, ruleBroken, staleVersion, type Command, type Update } from './command.ts'

/**
 * Completion (POST /plans/:id/complete, sync plan.complete): the certificate closes the plan as completed and
 * opens 12 months of post-rehab management, under the id the client made when it made one (`postRehabId`); the
 * person becomes post-rehab. The answer is the completed plan (HTTP adds the post-rehab record).
 */
export const planComplete: Command<'plan.complete', 'plans'> = {
  type: 'plan.complete',
  action: 'person:write',
  target: { collection: 'plans', id: (_input, entityId) => entityId },
  // A client-made id is new: a completion is applied once (its version), so an existing record is someone else's.
  creates: { collection: 'postRehab', id: (input) => input.postRehabId },
  check(input, today) {
    return input.completionDate > today ? invalidField('json.completionDate', 'must not be in the future') : undefined
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
    if (input.completionDate < plan.startOn) return invalidField('json.completionDate', 'must not be before the plan started')
    if (existing) return idTaken('json.postRehabId')
    const postRehabId = input.postRehabId ?? ctx.newId()
    const stamp = changed(plan.version, ctx)
    const updates: Update[] = [
      {
        collection: 'plans',
        id: plan.id,
        set: { status: 'completed', completionNumber: input.completionNumber, completionDate: input.completionDate, completionSigner: input.signer, ...stamp },
      },
    ]
    if (person) updates.push({ collection: 'persons', id: person.id, set: { status: 'post_rehab', category: 'post_rehab', ...changed(person.version, ctx) } })
    return decided(
      { collection: 'plans', id: plan.id },
      {
        inserts: [
          {
            collection: 'planTransitions',
            record: {
              planId: plan.id,
              from: plan.status,
              to: 'completed',
              reason: null,
              note: `certificate ${input.completionNumber}`,
              at: stamp.updatedAt,
              by: ctx.actorId,
            },
          },
          {
            collection: 'postRehab',
            record: {
              id: postRehabId,
              personId: plan.personId,
              communeCode: commune,
              planId: plan.id,
              startOn: input.completionDate,
              endOn: postRehabEndOn(input.completionDate),
              supportModel: input.supportModel,
              supporterName: input.supporterName,
              status: 'active',
              relapseOn: null,
              relapseNote: null,
              ...created(ctx),
            },
          },
        ],
        updates,
        event: { action: 'plan.complete', entityType: 'plan', entityId: plan.id, details: { postRehab: postRehabId } },
      },
    )
  },
}
