import { created, decided, idTaken, invalidField, ruleBroken, type Command } from './command.ts'

/** A contact during post-rehab management (POST /post-rehab/:id/follow-ups, sync follow_up.create). */
export const followUpCreate: Command<'follow_up.create', 'postRehab'> = {
  type: 'follow_up.create',
  action: 'person:write',
  target: { collection: 'postRehab', id: (input) => input.postRehabId },
  creates: { collection: 'followUps' },
  check(input, today) {
    return input.contactedOn > today ? invalidField('json.contactedOn', 'must not be in the future') : undefined
  },
  decide({ target: record, existing, commune }, input, entityId, ctx) {
    if (record.status !== 'active') return ruleBroken(`Post-rehab management has ${record.status === 'relapsed' ? 'ended with a relapse' : 'ended'}`)
    if (input.contactedOn < record.startOn) return invalidField('json.contactedOn', 'must not be before post-rehab management started')
    const answer = { collection: 'followUps', id: entityId } as const
    if (existing) return existing.postRehabId === record.id ? decided(answer) : idTaken()
    return decided(answer, {
      inserts: [
        {
          collection: 'followUps',
          record: {
            id: entityId,
            postRehabId: record.id,
            personId: record.personId,
            communeCode: commune,
            contactedOn: input.contactedOn,
            method: input.method,
            notes: input.notes ?? null,
            employed: input.employed ?? null,
            ...created(ctx),
          },
        },
      ],
      event: { action: 'follow_up.create', entityType: 'follow_up', entityId, details: { postRehab: record.id } },
    })
  },
}
