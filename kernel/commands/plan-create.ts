import { normalizeStages } from '../domain/plan-stages.ts'
import { awaitingDetermination } from '../domain/person-status.ts'
import { durationProblem } from '../domain/plan-status.ts'
import { created, decided, idTaken, invalidField, ruleBroken, type Command } from './command.ts'

/** A voluntary rehab plan for a drug-dependent person (POST /persons/:id/plans, sync plan.create): a draft. */
export const planCreate: Command<'plan.create', 'persons'> = {
  type: 'plan.create',
  action: 'person:write',
  target: { collection: 'persons', id: (input) => input.personId },
  creates: { collection: 'plans' },
  check(input, today) {
    if (input.registeredOn > today) return invalidField('json.registeredOn', 'must not be in the future')
    if (input.startOn < input.registeredOn) return invalidField('json.startOn', 'must not be before the registration date')
    const duration = durationProblem(input.startOn, input.plannedEndOn)
    if (duration) return invalidField('json.plannedEndOn', duration)
    const backwards = input.stages.findIndex((s) => s.plannedStartOn && s.plannedEndOn && s.plannedEndOn < s.plannedStartOn)
    return backwards >= 0 ? invalidField(`json.stages.${backwards}.plannedEndOn`, 'must not be before the planned start') : undefined
  },
  decide({ target: person, facts, openPlans, existing, commune }, input, entityId, ctx) {
    // After a relapse during post-rehab, or with a determination pending, only a result of dependence opens voluntary rehab.
    if (facts && awaitingDetermination(facts) && !existing) {
      return ruleBroken(
        'This person awaits an addiction determination; a voluntary plan needs a determination that concludes dependence',
        undefined,
        'determination_required',
      )
    }
    if (person.category !== 'dependent') {
      return ruleBroken('Voluntary rehab plans are for drug-dependent people (category dependent); record the addiction determination first')
    }
    const answer = { collection: 'plans', id: entityId } as const
    if (existing) return existing.personId === person.id ? decided(answer) : idTaken() // a replay of the same client id
    const open = openPlans[0]
    if (open) return ruleBroken('This person already has an open plan; end it before starting another', { openPlanId: open.id })
    const stamps = created(ctx)
    return decided(answer, {
      inserts: [
        {
          collection: 'plans',
          record: {
            id: entityId,
            personId: person.id,
            communeCode: commune,
            form: input.form,
            registeredOn: input.registeredOn,
            startOn: input.startOn,
            plannedEndOn: input.plannedEndOn,
            startDecisionOn: null,
            status: 'draft',
            members: input.members,
            // The law's five, in order, whichever the form planned.
            stages: normalizeStages(input.stages),
            completionNumber: null,
            completionDate: null,
            completionSigner: null,
            ...stamps,
          },
        },
        {
          collection: 'planTransitions',
          record: { planId: entityId, from: null, to: 'draft', reason: null, note: null, at: stamps.createdAt, by: ctx.actorId, decision: null },
        },
      ],
      event: { action: 'plan.create', entityType: 'plan', entityId, details: { person: person.id } },
    })
  },
}
