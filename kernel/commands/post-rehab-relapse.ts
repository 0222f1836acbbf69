import { changed, decided, invalidField, ruleBroken, staleVersion, type Command, type Update } from './command.ts'

/**
 * A relapse (POST /post-rehab/:id/relapse, sync post_rehab.relapse) ends post-rehab management and makes the
 * person drug-dependent again, so a new plan may start.
 */
export const postRehabRelapse: Command<'post_rehab.relapse', 'postRehab'> = {
  type: 'post_rehab.relapse',
  action: 'person:write',
  target: { collection: 'postRehab', id: (_input, entityId) => entityId },
  check(input, today) {
    return input.relapseOn > today ? invalidField('json.relapseOn', 'must not be in the future') : undefined
  },
  decide({ target: record, person }, input, _entityId, ctx) {
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
    if (person)
      updates.push({ collection: 'persons', id: person.id, set: { category: 'dependent', status: 'under_management', ...changed(person.version, ctx) } })
    return decided(
      { collection: 'postRehab', id: record.id },
      { updates, event: { action: 'post_rehab.relapse', entityType: 'post_rehab', entityId: record.id } },
    )
  },
}
