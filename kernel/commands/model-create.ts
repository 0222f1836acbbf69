import { decisionDateProblem } from '../domain/legal-decision.ts'
import { created, decided, idTaken, invalidFields, type Command } from './command.ts'

/** A community model of a commune with its founding decision and helpers (POST /models, sync model.create). */
export const modelCreate: Command<'model.create', null> = {
  type: 'model.create',
  action: 'community:write',
  target: null,
  communes: (input) => [input.communeCode],
  creates: { collection: 'models' },
  check(input, today) {
    const problem = decisionDateProblem(input.decision, today)
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
