// Revoking a commune's drug-free status, and the reviewer's answer to a monitoring flag (decision 0037).
import { decisionDateProblem } from '../domain/legal-decision.ts'
import { changed, decided, invalidFields, ruleBroken, staleVersion, type Command } from './command.ts'

export const statusPeriodRevoke: Command<'status_period.revoke', 'statusPeriods'> = {
  type: 'status_period.revoke',
  action: 'certification:review',
  target: { collection: 'statusPeriods', id: (_input, entityId) => entityId },
  check(input, today) {
    const issue = decisionDateProblem(input.decision, today)
    return issue ? invalidFields([issue]) : undefined
  },
  decide({ target }, input, _entityId, ctx) {
    const ref = { collection: 'statusPeriods', id: target.id } as const
    if (input.version !== target.version) return staleVersion(ref, input.version, target.version, 'The status changed since you opened it')
    if (target.status !== 'open')
      return ruleBroken('This drug-free status has already ended', { reason: 'transition_not_allowed', status: target.status, allowed: [] })
    const set = {
      status: 'closed' as const,
      endOn: input.decision.date,
      endReason: 'revoked' as const,
      endNote: input.reason,
      endDecision: input.decision,
      ...changed(target.version, ctx),
    }
    return decided(ref, {
      updates: [{ collection: 'statusPeriods', id: target.id, set }],
      event: { action: 'status_period.revoke', entityType: 'status_period', entityId: target.id, details: { commune: target.communeCode } },
    })
  },
}

export const flagReview: Command<'flag.review', 'certificationFlags'> = {
  type: 'flag.review',
  action: 'certification:review',
  target: { collection: 'certificationFlags', id: (_input, entityId) => entityId },
  decide({ target }, input, _entityId, ctx) {
    const ref = { collection: 'certificationFlags', id: target.id } as const
    if (input.version !== target.version) return staleVersion(ref, input.version, target.version, 'The flag changed since you opened it')
    if (target.status !== 'open')
      return ruleBroken('This flag has already been reviewed', { reason: 'transition_not_allowed', status: target.status, allowed: [] })
    return decided(ref, {
      updates: [{ collection: 'certificationFlags', id: target.id, set: { status: 'reviewed', reviewNote: input.note, ...changed(target.version, ctx) } }],
      event: { action: 'flag.review', entityType: 'certification_flag', entityId: target.id, details: { commune: target.communeCode } },
    })
  },
}
