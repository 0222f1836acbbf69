import { sameContent } from '../domain/certification/criteria.ts'
import { currentSet } from '../domain/certification/set-in-force.ts'
import { decided, ruleBroken, type Command } from './command.ts'

/**
 * A province admin confirms the criteria (PUT /certification/criteria): the set as shown, or edited into a new
 * version. Every stored version is confirmed; the shipped set (version 0) never is until a province says so.
 */
export const criteriaConfirm: Command<'criteria.confirm', null> = {
  type: 'criteria.confirm',
  action: 'certification:configure',
  target: null,
  certification: () => null,
  decide(state, input, entityId, ctx) {
    const sets = state.certification?.sets ?? []
    const current = currentSet(sets)
    if (input.basedOnVersion !== current.setVersion) {
      return ruleBroken(`Version ${current.setVersion} was confirmed since you opened version ${input.basedOnVersion}: review it again`, {
        current: current.setVersion,
      })
    }
    const latest = sets.at(-1)
    if (latest && sameContent(latest.content, input.content)) return decided({ collection: 'criteriaSets', id: latest.id })
    const setVersion = current.setVersion + 1
    const note = input.note ?? (sameContent(current.content, input.content) ? 'confirmed unchanged' : null)
    return decided(
      { collection: 'criteriaSets', id: entityId },
      {
        inserts: [
          {
            collection: 'criteriaSets',
            record: { id: entityId, setVersion, content: input.content, confirmedAt: ctx.now.toISOString(), confirmedBy: ctx.actorId, note },
          },
        ],
        event: { action: 'criteria.confirm', entityType: 'criteria_set', entityId, details: { setVersion, criteria: input.content.criteria.length } },
      },
    )
  },
}
