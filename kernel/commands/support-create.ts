import { created, decided, idTaken, invalidField, type Command } from './command.ts'

/** Support given to a person (POST /persons/:id/support, sync support.create); a loan with its amount. */
export const supportCreate: Command<'support.create', 'persons'> = {
  type: 'support.create',
  action: 'person:write',
  target: { collection: 'persons', id: (input) => input.personId },
  creates: { collection: 'support' },
  check(input, today) {
    return input.givenOn > today ? invalidField('json.givenOn', 'must not be in the future') : undefined
  },
  decide({ target: person, existing, commune }, input, entityId, ctx) {
    const answer = { collection: 'support', id: entityId } as const
    if (existing) return existing.personId === person.id ? decided(answer) : idTaken()
    return decided(answer, {
      inserts: [
        {
          collection: 'support',
          record: {
            id: entityId,
            personId: person.id,
            communeCode: commune,
            kind: input.kind,
            givenOn: input.givenOn,
            amountVnd: input.amountVnd ?? null,
            note: input.note ?? null,
            ...created(ctx),
          },
        },
      ],
      event: { action: 'support.create', entityType: 'support', entityId, details: { kind: input.kind } },
    })
  },
}
