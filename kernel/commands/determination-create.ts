import { created, decided, idTaken, invalidField, ruleBroken, type Command } from './command.ts'

/**
 * An addiction determination requested on the commune police's dossier (POST /persons/:id/determinations, sync
 * determination.create): pending until the health facility's result; the person awaits determination.
 */
export const determinationCreate: Command<'determination.create', 'persons'> = {
  type: 'determination.create',
  action: 'person:write',
  target: { collection: 'persons', id: (input) => input.personId },
  creates: { collection: 'determinations' },
  check(input, today) {
    return input.dossierOn > today ? invalidField('json.dossierOn', 'must not be in the future') : undefined
  },
  decide({ target: person, facts, existing, commune }, input, entityId, ctx) {
    const answer = { collection: 'determinations', id: entityId } as const
    if (existing) return existing.personId === person.id ? decided(answer) : idTaken()
    if (facts?.determinations.some((d) => d.result === null)) return ruleBroken('This person already has a determination waiting for its result')
    return decided(answer, {
      inserts: [
        {
          collection: 'determinations',
          record: {
            id: entityId,
            personId: person.id,
            communeCode: commune,
            trigger: input.trigger,
            dossierOn: input.dossierOn,
            facility: input.facility,
            resultOn: null,
            result: null,
            decision: null,
            registrationDueOn: null,
            note: input.note ?? null,
            ...created(ctx),
          },
        },
      ],
      event: { action: 'determination.create', entityType: 'determination', entityId, details: { person: person.id, trigger: input.trigger } },
    })
  },
}
