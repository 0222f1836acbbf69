import { decisionDateProblem } from '../domain/legal-decision.ts'
import { changed, decided, invalidField, invalidFields, ruleBroken, staleVersion, type Command } from './command.ts'

/**
 * The court refuses to apply compulsory rehab (POST /referrals/:id/refusal, sync referral.refuse; decision 0039):
 * its decision is kept as the referral's court decision and the referral ends `refused`. The person's status is then
 * what their other records say (a dependence still unanswered shows again as a registration owed).
 */
export const referralRefuse: Command<'referral.refuse', 'referrals'> = {
  type: 'referral.refuse',
  action: 'person:write',
  target: { collection: 'referrals', id: (_input, entityId) => entityId },
  check(input, today) {
    const signedBy: string = input.decision.signerRole
    if (signedBy !== 'court') return invalidField('json.decision.signerRole', 'must be court: only a court decides on compulsory rehab')
    const problem = decisionDateProblem(input.decision, today)
    return problem ? invalidFields([problem]) : undefined
  },
  decide({ target: record }, input, _entityId, ctx) {
    if (input.version !== record.version)
      return staleVersion(
        { collection: 'referrals', id: record.id },
        input.version,
        record.version,
        `This record was changed meanwhile (now version ${record.version})`,
      )
    if (record.status !== 'referred') return ruleBroken(`This referral is ${record.status}; only a referral waiting for the court is refused`)
    if (input.decision.date < record.dossierOn) return invalidField('json.decision.date', 'must not be before the dossier date')
    return decided(
      { collection: 'referrals', id: record.id },
      {
        updates: [{ collection: 'referrals', id: record.id, set: { status: 'refused', courtDecision: input.decision, ...changed(record.version, ctx) } }],
        event: { action: 'referral.refuse', entityType: 'referral', entityId: record.id },
      },
    )
  },
}
