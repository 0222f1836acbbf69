import { addMonths } from '../calendar.ts'
import { decisionDateProblem } from '../domain/legal-decision.ts'
import { created, decided, idTaken, invalidField, invalidFields, ruleBroken, type Command } from './command.ts'

/**
 * A management period of an illegal drug user (POST /persons/:id/management-periods, sync
 * management_period.create), with the decision placing them under management; it lasts the province's
 * userManagementMonths (default one year, DOMAIN.md §3), ending on the anniversary (as post-rehab management does).
 */
export const managementPeriodCreate: Command<'management_period.create', 'persons'> = {
  type: 'management_period.create',
  action: 'person:write',
  target: { collection: 'persons', id: (input) => input.personId },
  creates: { collection: 'managementPeriods' },
  check(input, today) {
    if (input.startOn > today) return invalidField('json.startOn', 'must not be in the future')
    const problem = decisionDateProblem(input.decision, today)
    return problem ? invalidFields([problem]) : undefined
  },
  decide({ target: person, activeManagement, existing, commune }, input, entityId, ctx) {
    if (person.category !== 'drug_user') return ruleBroken('Management periods are for illegal drug users (category drug_user)')
    const answer = { collection: 'managementPeriods', id: entityId } as const
    if (existing) return existing.personId === person.id ? decided(answer) : idTaken()
    if (activeManagement.length > 0) return ruleBroken('This person already has an active management period')
    const endOn = addMonths(input.startOn, ctx.rules.userManagementMonths)
    return decided(answer, {
      inserts: [
        {
          collection: 'managementPeriods',
          record: {
            id: entityId,
            personId: person.id,
            communeCode: commune,
            startOn: input.startOn,
            endOn,
            measures: input.measures,
            status: 'active',
            decision: input.decision,
            endReason: null,
            endedOn: null,
            endDecision: null,
            ...created(ctx),
          },
        },
      ],
      event: { action: 'management.create', entityType: 'management_period', entityId },
    })
  },
}
