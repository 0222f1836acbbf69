import { changed, decided, invalidField, ruleBroken, staleVersion, type Command, type Update } from './command.ts'

/**
 * A relapse (POST /post-rehab/:id/relapse, sync post_rehab.relapse) ends post-rehab management. By law a
 * post-rehab person found using goes to addiction determination (DOMAIN.md §5, §10): the person awaits
 * determination (their status follows from the relapsed record), and a new voluntary plan waits for a result
 * of dependence; the relapse is also a ground for compulsory rehab.
 */
export const postRehabRelapse: Command<'post_rehab.relapse', 'postRehab'> = {
  type: 'post_rehab.relapse',
  action: 'person:write',
  target: { collection: 'postRehab', id: (_input, entityId) => entityId },
  check(input, today) {
    return input.relapseOn > today ? invalidField('json.relapseOn', 'must not be in the future') : undefined
  },
  decide({ target: record }, input, _entityId, ctx) {
    if (input.version !== record.version)
      return staleVersion(
        { collection: 'postRehab', id: record.id },
        input.version,
        record.version,
        `This record was changed meanwhile (now version ${record.version})`,
      )
    if (record.status !== 'active') return ruleBroken('Only active post-rehab management can end in a relapse')
    if (input.relapseOn < record.startOn) return invalidField('json.relapseOn', 'must not be before post-rehab management started')
    const updates: Update[] = [
      {
        collection: 'postRehab',
        id: record.id,
        set: { status: 'relapsed', relapseOn: input.relapseOn, relapseNote: input.note ?? null, ...changed(record.version, ctx) },
      },
    ]
    return decided(
      { collection: 'postRehab', id: record.id },
      { updates, event: { action: 'post_rehab.relapse', entityType: 'post_rehab', entityId: record.id } },
    )
  },
}
