import { created, decided, idTaken, invalidField, ruleBroken, type Command } from './command.ts'

/**
 * A person the model supports (POST /models/:id/members, sync model.member_add). The person must be in the
 * caller's scope (the runner answers not_found otherwise); the same person twice at once is refused by the
 * database (one current membership per person and model).
 */
export const modelMemberAdd: Command<'model.member_add', 'models'> = {
  type: 'model.member_add',
  action: 'community:write',
  target: { collection: 'models', id: (input) => input.modelId },
  links: (input) => input.personId,
  creates: { collection: 'modelMembers' },
  check(input, today) {
    return input.joinedOn > today ? invalidField('json.joinedOn', 'must not be in the future') : undefined
  },
  decide({ target: model, person, existing }, input, entityId, ctx) {
    const answer = { collection: 'modelMembers', id: entityId } as const
    if (existing) return existing.modelId === model.id && existing.personId === input.personId ? decided(answer) : idTaken()
    if (model.status !== 'active') return ruleBroken('This model is dissolved; it takes no new members')
    if (!person) return invalidField('json.personId', 'is not a person of this province')
    return decided(answer, {
      inserts: [
        {
          collection: 'modelMembers',
          record: {
            id: entityId,
            modelId: model.id,
            personId: person.id,
            communeCode: model.communeCode,
            joinedOn: input.joinedOn,
            leftOn: null,
            ...created(ctx),
          },
        },
      ],
      event: { action: 'model.member_add', entityType: 'model_member', entityId, details: { model: model.id } },
    })
  },
}
