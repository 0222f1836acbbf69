import type { ModelRecord } from '../community-records.ts'
import { changed, decided, invalidField, invalidFields, staleVersion, type Command } from './command.ts'

/** A model's name, decision, helpers or dissolution (PATCH /models/:id, sync model.update). */
export const modelUpdate: Command<'model.update', 'models'> = {
  type: 'model.update',
  action: 'community:write',
  target: { collection: 'models', id: (_input, entityId) => entityId },
  check(input, today) {
    // Not legal-decision.ts's decisionDateProblem: that module carries valibot, which the phone's replay must not load.
    const problem = input.decision && input.decision.date > today ? { field: 'json.decision.date', message: 'must not be in the future' } : undefined
    if (problem) return invalidFields([problem])
    return input.dissolvedOn && input.dissolvedOn > today ? invalidField('json.dissolvedOn', 'must not be in the future') : undefined
  },
  decide({ target: model }, input, _entityId, ctx) {
    const { version, ...fields } = input
    if (version !== model.version) {
      return staleVersion(
        { collection: 'models', id: model.id },
        version,
        model.version,
        `This model was changed meanwhile (now version ${model.version}); review the current record and apply your change again`,
      )
    }
    const changes: Partial<ModelRecord> = {}
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) Object.assign(changes, { [key]: value })
    const next = { ...model, ...changes }
    // A dissolved model says when; an active one has no such day.
    if (next.status === 'dissolved' && !next.dissolvedOn) return invalidField('json.dissolvedOn', 'is required when the model is dissolved')
    if (next.status === 'active' && next.dissolvedOn) return invalidField('json.dissolvedOn', 'must be left out (or null) while the model is active')
    if (next.dissolvedOn && next.dissolvedOn < next.decision.date) return invalidField('json.dissolvedOn', 'must not be before the founding decision')
    return decided(
      { collection: 'models', id: model.id },
      {
        updates: [{ collection: 'models', id: model.id, set: { ...changes, ...changed(model.version, ctx) } }],
        event: { action: 'model.update', entityType: 'model', entityId: model.id, details: { fields: Object.keys(changes).sort().join(',').slice(0, 200) } },
      },
    )
  },
}
