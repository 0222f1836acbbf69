import { decisionDateProblem } from '../domain/legal-decision.ts'
import { changed, decided, invalidField, invalidFields, ruleBroken, staleVersion, type Command } from './command.ts'

/** The court's decision and the admission to the facility (POST /referrals/:id/admission, sync referral.admit). */
export const referralAdmit: Command<'referral.admit', 'referrals'> = {
  type: 'referral.admit',
  action: 'person:write',
  target: { collection: 'referrals', id: (_input, entityId) => entityId },
  check(input, today) {
    // A signer of a decision, not a user's role (the policy's business): only a court orders compulsory rehab.
    const signedBy: string = input.decision.signerRole
    if (signedBy !== 'court') return invalidField('json.decision.signerRole', 'must be court: compulsory rehab is decided by a court')
    const problem = decisionDateProblem(input.decision, today)
    if (problem) return invalidFields([problem])
    if (input.admittedOn > today) return invalidField('json.admittedOn', 'must not be in the future')
    if (input.admittedOn < input.decision.date) return invalidField('json.admittedOn', "must not be before the court's decision")
    return undefined
  },
  decide({ target: record }, input, _entityId, ctx) {
    if (input.version !== record.version)
      return staleVersion(
        { collection: 'referrals', id: record.id },
        input.version,
        record.version,
        `This record was changed meanwhile (now version ${record.version})`,
      )
    if (record.status !== 'referred') return ruleBroken(`This referral is ${record.status}; only a referred person is admitted`)
    if (input.decision.date < record.dossierOn) return invalidField('json.decision.date', 'must not be before the dossier date')
    return decided(
      { collection: 'referrals', id: record.id },
      {
        updates: [
          {
            collection: 'referrals',
            id: record.id,
            set: { status: 'admitted', courtDecision: input.decision, facility: input.facility, admittedOn: input.admittedOn, ...changed(record.version, ctx) },
          },
        ],
        event: { action: 'referral.admit', entityType: 'referral', entityId: record.id },
      },
    )
  },
}
