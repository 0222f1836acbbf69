import { changed, decided, invalidField, ruleBroken, staleVersion, type Command } from './command.ts'

/** A person leaves a model (POST /model-members/:id/leave, sync model.member_remove): the membership is kept, ended. */
export const modelMemberRemove: Command<'model.member_remove', 'modelMembers'> = {
  type: 'model.member_remove',
  action: 'community:write',
  target: { collection: 'modelMembers', id: (_input, entityId) => entityId },
  check(input, today) {
    return input.leftOn > today ? invalidField('json.leftOn', 'must not be in the future') : undefined
  },
  decide({ target: member }, input, _entityId, ctx) {
    if (input.version !== member.version) {
      return staleVersion({ collection: 'modelMembers', id: member.id }, input.version, member.version, 'This membership was changed meanwhile')
    }
    if (member.leftOn) return ruleBroken('This person has already left the model')
    if (input.leftOn < member.joinedOn) return invalidField('json.leftOn', 'must not be before the person joined')
    return decided(
      { collection: 'modelMembers', id: member.id },
      {
        updates: [{ collection: 'modelMembers', id: member.id, set: { leftOn: input.leftOn, ...changed(member.version, ctx) } }],
        event: { action: 'model.member_remove', entityType: 'model_member', entityId: member.id, details: { model: member.modelId } },
      },
    )
  },
}
