import { vietnamToday } from '../calendar.ts'
import type { ActivityRecord } from '../community-records.ts'
import { activityProblems } from '../domain/activity-rules.ts'
import { changed, decided, invalidFields, staleVersion, type Command } from './command.ts'

/**
 * Correcting a line of the log (PATCH /activities/:id, sync activity.update), based on the version the officer
 * saw. The line as it was is kept (activityVersions): a figure already reported can be traced to its edit.
 */
export const activityUpdate: Command<'activity.update', 'activities'> = {
  type: 'activity.update',
  action: 'community:write',
  target: { collection: 'activities', id: (_input, entityId) => entityId },
  decide({ target: activity }, input, _entityId, ctx) {
    const { version, ...fields } = input
    if (version !== activity.version) {
      return staleVersion(
        { collection: 'activities', id: activity.id },
        version,
        activity.version,
        `This activity was changed meanwhile (now version ${activity.version}); review the current record and apply your change again`,
      )
    }
    const changes: Partial<ActivityRecord> = {}
    for (const [key, value] of Object.entries(fields)) if (value !== undefined) Object.assign(changes, { [key]: value })
    const next = { ...activity, ...changes }
    // A kind changed to one that takes other counts: the counts it does not take must be cleared in the same change.
    const problems = activityProblems(next, vietnamToday(ctx.now))
    if (problems.length > 0) return invalidFields(problems)
    const before: Record<string, unknown> = { ...activity }
    const fieldsChanged = Object.keys(changes).filter((key) => changes[key as keyof ActivityRecord] !== before[key])
    return decided(
      { collection: 'activities', id: activity.id },
      {
        inserts: [
          {
            collection: 'activityVersions',
            record: { activityId: activity.id, version: activity.version, record: activity, replacedAt: ctx.now.toISOString(), replacedBy: ctx.actorId },
          },
        ],
        updates: [{ collection: 'activities', id: activity.id, set: { ...changes, ...changed(activity.version, ctx) } }],
        event: {
          action: 'activity.update',
          entityType: 'activity',
          entityId: activity.id,
          details: { fields: fieldsChanged.sort().join(',').slice(0, 200), version: activity.version + 1 },
        },
      },
    )
  },
}
