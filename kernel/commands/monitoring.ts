import { decisionDateProblem } from '../domain/legal-decision.ts'
import { LAW_120_2025_IN_FORCE } from '../domain/monitoring.ts'
import { changed, created, decided, idTaken, invalidField, invalidFields, ruleBroken, staleVersion, type Command, type Rejection } from './command.ts'

/**
 * The order must be dated once the law is in force, and not in the future. That it is the commune police chief's
 * is the input schema's (MonitoringOrder in inputs.ts: 400 naming json.decision.signerRole).
 */
function orderProblem(decision: { date: string }, today: string, field: string): Rejection | undefined {
  const future = decisionDateProblem(decision, today, field)
  if (future) return invalidFields([future])
  if (decision.date < LAW_120_2025_IN_FORCE)
    return ruleBroken(
      `Electronic monitoring rests on Law 120/2025/QH15, in force from ${LAW_120_2025_IN_FORCE}: an order dated before it has no legal basis`,
      { field: `${field}.date`, inForceFrom: LAW_120_2025_IN_FORCE },
      'law_not_in_force',
    )
  return undefined
}

/**
 * Electronic monitoring ordered for a person (POST /persons/:id/monitoring, sync monitoring.create): in community
 * rehab (an active plan), on substitution treatment, or under post-rehab management (an active record).
 */
export const monitoringCreate: Command<'monitoring.create', 'persons'> = {
  type: 'monitoring.create',
  action: 'person:write',
  target: { collection: 'persons', id: (input) => input.personId },
  creates: { collection: 'monitoring' },
  check(input, today) {
    if (input.startOn > today) return invalidField('json.startOn', 'must not be in the future')
    return orderProblem(input.decision, today, 'json.decision')
  },
  decide({ target: person, existing, commune, openPlans, activePostRehab, activeMonitoring }, input, entityId, ctx) {
    const answer = { collection: 'monitoring', id: entityId } as const
    if (existing) return existing.personId === person.id ? decided(answer) : idTaken()
    if (input.startOn < input.decision.date) return invalidField('json.startOn', 'must not be before the order (json.decision.date)')
    // Substitution treatment is its own record (methadone); until a phone holds it, the order's context is trusted.
    if (input.context === 'community_rehab' && !openPlans.some((plan) => plan.status === 'active'))
      return ruleBroken('Electronic monitoring in community rehab needs an active rehab plan')
    if (input.context === 'post_rehab' && activePostRehab.length === 0)
      return ruleBroken('Electronic monitoring under post-rehab management needs an active post-rehab record')
    if ((activeMonitoring ?? []).some((record) => record.context === input.context))
      return ruleBroken('This person is already under electronic monitoring in this context')
    return decided(answer, {
      inserts: [
        {
          collection: 'monitoring',
          record: {
            id: entityId,
            personId: person.id,
            communeCode: commune,
            context: input.context,
            startOn: input.startOn,
            endOn: null,
            status: 'active',
            decision: input.decision,
            endDecision: null,
            ...created(ctx),
          },
        },
      ],
      event: { action: 'monitoring.create', entityType: 'monitoring', entityId, details: { person: person.id, context: input.context } },
    })
  },
}

/** Ending electronic monitoring, with the order that ends it (POST /monitoring/:id/end, sync monitoring.end). */
export const monitoringEnd: Command<'monitoring.end', 'monitoring'> = {
  type: 'monitoring.end',
  action: 'person:write',
  target: { collection: 'monitoring', id: (_input, entityId) => entityId },
  check(input, today) {
    if (input.endOn > today) return invalidField('json.endOn', 'must not be in the future')
    return orderProblem(input.decision, today, 'json.decision')
  },
  decide({ target: record }, input, _entityId, ctx) {
    if (input.version !== record.version)
      return staleVersion(
        { collection: 'monitoring', id: record.id },
        input.version,
        record.version,
        `This record was changed meanwhile (now version ${record.version})`,
      )
    if (record.status !== 'active') return ruleBroken('This electronic monitoring has already ended')
    if (input.endOn < record.startOn) return invalidField('json.endOn', 'must not be before the monitoring started')
    return decided(
      { collection: 'monitoring', id: record.id },
      {
        updates: [
          {
            collection: 'monitoring',
            id: record.id,
            set: { status: 'ended', endOn: input.endOn, endDecision: input.decision, ...changed(record.version, ctx) },
          },
        ],
        event: { action: 'monitoring.end', entityType: 'monitoring', entityId: record.id, details: { person: record.personId, context: record.context } },
      },
    )
  },
}
