import type { ActivityRecord } from '../community-records.ts'
import { activityProblems } from '../domain/activity-rules.ts'
import { created, decided, idTaken, invalidFields, type Command } from './command.ts'
import type { CreateActivityInput } from './community-inputs.ts'

/** A line of the commune's activity log (POST /activities, sync activity.create). */
export const activityCreate: Command<'activity.create', null> = {
  type: 'activity.create',
  action: 'community:write',
  target: null,
  communes: (input) => [input.communeCode],
  creates: { collection: 'activities' },
  check(input, today) {
    const problems = activityProblems(input, today)
    return problems.length > 0 ? invalidFields(problems) : undefined
  },
  decide({ existing }, input, entityId, ctx) {
    const answer = { collection: 'activities', id: entityId } as const
    if (existing) return existing.communeCode === input.communeCode && existing.createdBy === ctx.actorId ? decided(answer) : idTaken()
    return decided(answer, {
      inserts: [{ collection: 'activities', record: newActivity(entityId, input, ctx) }],
      event: { action: 'activity.create', entityType: 'activity', entityId, details: { commune: input.communeCode, kind: input.kind } },
    })
  },
}

export function newActivity(id: string, input: CreateActivityInput, ctx: { actorId: string | null; now: Date }): ActivityRecord {
  return {
    id,
    communeCode: input.communeCode,
    kind: input.kind,
    heldOn: input.heldOn,
    organiser: input.organiser,
    topic: input.topic ?? null,
    count: input.count,
    participants: input.participants ?? null,
    traineeGroup: input.traineeGroup ?? null,
    casesOpened: input.casesOpened ?? null,
    valueVnd: input.valueVnd ?? null,
    ...created(ctx),
  }
}
