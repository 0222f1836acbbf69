import { changed, decided, invalidField, ruleBroken, staleVersion, type Command } from './command.ts'

/** Substitution treatment ended (POST /methadone/:id/end, sync methadone.end); leaving or expulsion is a ground for referral. */
export const methadoneEnd: Command<'methadone.end', 'methadone'> = {
  type: 'methadone.end',
  action: 'person:write',
  target: { collection: 'methadone', id: (_input, entityId) => entityId },
  check(input, today) {
    return input.endOn > today ? invalidField('json.endOn', 'must not be in the future') : undefined
  },
  decide({ target: record }, input, _entityId, ctx) {
    if (input.version !== record.version)
      return staleVersion(
        { collection: 'methadone', id: record.id },
        input.version,
        record.version,
        `This record was changed meanwhile (now version ${record.version})`,
      )
    if (record.status !== 'active') return ruleBroken('This substitution treatment has already ended')
    if (input.endOn < record.startOn) return invalidField('json.endOn', 'must not be before the treatment started')
    return decided(
      { collection: 'methadone', id: record.id },
      {
        updates: [
          { collection: 'methadone', id: record.id, set: { status: 'ended', endOn: input.endOn, endReason: input.reason, ...changed(record.version, ctx) } },
        ],
        event: { action: 'methadone.end', entityType: 'methadone', entityId: record.id, details: { reason: input.reason } },
      },
    )
  },
}
