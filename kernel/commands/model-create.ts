import { created, decided, idTaken, invalidFields, type Command } from './command.ts'

/** A community model of a commune with its founding decision and helpers (POST /models, sync model.create). */
export const modelCreate: Command<'model.create', null> = {
  type: 'model.create',
  action: 'community:write',
  target: null,
  communes: (input) => [input.communeCode],
  creates: { collection: 'models' },
  check(input, today) {
    // Not legal-decision.ts's decisionDateProblem: that module carries valibot, which the phone's replay must not load.
    const problem = input.decision && input.decision.date > today ? { field: 'json.decision.date', message: 'must not be in the future' } : undefined
    return problem ? invalidFields([problem]) : undefined
  },
  decide({ existing }, input, entityId, ctx) {
    const answer = { collection: 'models', id: entityId } as const
    if (existing) return existing.communeCode === input.communeCode && existing.createdBy === ctx.actorId ? decided(answer) : idTaken()
    return decided(answer, {
      inserts: [
        {
          collection: 'models',
          record: {
            id: entityId,
            communeCode: input.communeCode,
            kind: input.kind,
            name: input.name,
            decision: input.decision,
            helpers: input.helpers,
            status: 'active',
            dissolvedOn: null,
            ...created(ctx),
          },
        },
      ],
      event: {
        action: 'model.create',
        entityType: 'model',
        entityId,
        details: { commune: input.communeCode, kind: input.kind, helpers: input.helpers.length },
      },
    })
  },
}
