import { decisionDateProblem } from '../domain/legal-decision.ts'
import { changed, decided, invalidField, invalidFields, ruleBroken, staleVersion, type Command } from './command.ts'

/**
 * A management period ended early on one of the law's grounds (POST /management-periods/:id/end, sync
 * management_period.end), with its date and decision. The elapsed period is ended by the daily job.
 */
export const managementPeriodEnd: Command<'management_period.end', 'managementPeriods'> = {
  type: 'management_period.end',
  action: 'person:write',
  target: { collection: 'managementPeriods', id: (_input, entityId) => entityId },
  check(input, today) {
    if (input.endedOn > today) return invalidField('json.endedOn', 'must not be in the future')
    const problem = decisionDateProblem(input.decision, today)
    return problem ? invalidFields([problem]) : undefined
  },
  decide({ target: period }, input, _entityId, ctx) {
    if (input.version !== period.version)
      return staleVersion(
        { collection: 'managementPeriods', id: period.id },
        input.version,
        period.version,
        `This record was changed meanwhile (now version ${period.version})`,
      )
    if (period.status !== 'active') return ruleBroken('This management period has already ended')
    if (input.endedOn < period.startOn) return invalidField('json.endedOn', 'must not be before the period started')
    return decided(
      { collection: 'managementPeriods', id: period.id },
      {
        updates: [
          {
            collection: 'managementPeriods',
            id: period.id,
            set: { status: 'ended', endReason: input.reason, endedOn: input.endedOn, endDecision: input.decision, ...changed(period.version, ctx) },
          },
        ],
        event: { action: 'management.end', entityType: 'management_period', entityId: period.id, details: { reason: input.reason } },
      },
    )
  },
}
