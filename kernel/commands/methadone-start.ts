import { created, decided, idTaken, invalidField, ruleBroken, type Command } from './command.ts'

/**
 * Substitution treatment begun at a facility (POST /persons/:id/methadone, sync methadone.start): a parallel
 * record beside the person's status; for a determined dependent person it answers the registration deadline.
 */
export const methadoneStart: Command<'methadone.start', 'persons'> = {
  type: 'methadone.start',
  action: 'person:write',
  target: { collection: 'persons', id: (input) => input.personId },
  creates: { collection: 'methadone' },
  check(input, today) {
    return input.startOn > today ? invalidField('json.startOn', 'must not be in the future') : undefined
  },
  decide({ target: person, facts, existing, commune }, input, entityId, ctx) {
    const answer = { collection: 'methadone', id: entityId } as const
    if (existing) return existing.personId === person.id ? decided(answer) : idTaken()
    if (facts?.methadone.some((m) => m.status === 'active')) return ruleBroken('This person is already on substitution treatment')
    return decided(answer, {
      inserts: [
        {
          collection: 'methadone',
          record: {
            id: entityId,
            personId: person.id,
            communeCode: commune,
            facility: input.facility,
            startOn: input.startOn,
            endOn: null,
            status: 'active',
            endReason: null,
            ...created(ctx),
          },
        },
      ],
      event: { action: 'methadone.start', entityType: 'methadone', entityId, details: { person: person.id } },
    })
  },
}
