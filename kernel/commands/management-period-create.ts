import { addMonths } from '../calendar.ts'
import { created, decided, idTaken, invalidField, ruleBroken, type Command } from './command.ts'

/** An illegal drug user's management period lasts one year (Law 2021). */
export const MANAGEMENT_MONTHS = 12

/** A management period of an illegal drug user (POST /persons/:id/management-periods; online only). */
export const managementPeriodCreate: Command<'management_period.create', 'persons'> = {
  type: 'management_period.create',
  action: 'person:write',
  target: { collection: 'persons', id: (input) => input.personId },
  creates: { collection: 'managementPeriods' },
  check(input, today) {
    return input.startOn > today ? invalidField('json.startOn', 'must not be in the future') : undefined
  },
  decide({ target: person, activeManagement, existing, commune }, input, entityId, ctx) {
    if (person.category !== 'drug_user') return ruleBroken('Management periods are for illegal drug users (category drug_user)')
    const answer = { collection: 'managementPeriods', id: entityId } as const
    if (existing) return existing.personId === person.id ? decided(answer) : idTaken()
    if (activeManagement.length > 0) return ruleBroken('This person already has an active management period')
    const endOn = addMonths(input.startOn, MANAGEMENT_MONTHS)
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
            endReason: null,
            ...created(ctx),
          },
        },
      ],
      event: { action: 'management.create', entityType: 'management_period', entityId },
    })
  },
}
