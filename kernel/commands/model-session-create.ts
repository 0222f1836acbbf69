import { created, decided, idTaken, invalidField, invalidFields, ruleBroken, type Command } from './command.ts'

const COUNSELLING = ['clientsNew', 'clientsReturning', 'counselled'] as const

/** A meeting of a model with its attendance (POST /models/:id/sessions, sync model_session.create). */
export const modelSessionCreate: Command<'model_session.create', 'models'> = {
  type: 'model_session.create',
  action: 'community:write',
  target: { collection: 'models', id: (input) => input.modelId },
  creates: { collection: 'modelSessions' },
  check(input, today) {
    return input.heldOn > today ? invalidField('json.heldOn', 'must not be in the future') : undefined
  },
  decide({ target: model, existing }, input, entityId, ctx) {
    const answer = { collection: 'modelSessions', id: entityId } as const
    if (existing) return existing.modelId === model.id ? decided(answer) : idTaken()
    // Clients new and returning are what a counselling point reports; another model's meeting has none.
    if (model.kind !== 'counselling_point') {
      const given = COUNSELLING.filter((field) => input[field] !== undefined && input[field] !== null)
      if (given.length > 0) return invalidFields(given.map((field) => ({ field: `json.${field}`, message: 'is for counselling points only' })))
    }
    if (input.heldOn < model.decision.date) return invalidField('json.heldOn', 'must not be before the model was founded')
    if (model.status === 'dissolved' && model.dissolvedOn && input.heldOn > model.dissolvedOn) return ruleBroken('This model was dissolved before that day')
    return decided(answer, {
      inserts: [
        {
          collection: 'modelSessions',
          record: {
            id: entityId,
            modelId: model.id,
            communeCode: model.communeCode,
            heldOn: input.heldOn,
            attendance: input.attendance,
            topic: input.topic ?? null,
            clientsNew: input.clientsNew ?? null,
            clientsReturning: input.clientsReturning ?? null,
            counselled: input.counselled ?? null,
            allowancesVnd: input.allowancesVnd ?? null,
            ...created(ctx),
          },
        },
      ],
      event: { action: 'model_session.create', entityType: 'model_session', entityId, details: { model: model.id, attendance: input.attendance } },
    })
  },
}
