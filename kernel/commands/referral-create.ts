import { isOpenReferral } from '../domain/person-status.ts'
import { created, decided, idTaken, invalidField, ruleBroken, type Command } from './command.ts'

/**
 * A referral to compulsory rehab on one of the law's grounds (POST /persons/:id/referrals, sync referral.create):
 * the person is in compulsory rehab's path from the dossier on, until the return. An open voluntary plan must
 * end first (terminated, reason compulsory_rehab): a person is not in both.
 */
export const referralCreate: Command<'referral.create', 'persons'> = {
  type: 'referral.create',
  action: 'person:write',
  target: { collection: 'persons', id: (input) => input.personId },
  creates: { collection: 'referrals' },
  check(input, today) {
    if (input.dossierOn > today) return invalidField('json.dossierOn', 'must not be in the future')
    if (input.submittedOn && input.submittedOn < input.dossierOn) return invalidField('json.submittedOn', 'must not be before the dossier date')
    if (input.submittedOn && input.submittedOn > today) return invalidField('json.submittedOn', 'must not be in the future')
    return undefined
  },
  decide({ target: person, facts, openPlans, existing, commune }, input, entityId, ctx) {
    const answer = { collection: 'referrals', id: entityId } as const
    if (existing) return existing.personId === person.id ? decided(answer) : idTaken()
    if (facts?.referrals.some((r) => isOpenReferral(r.status))) return ruleBroken('This person already has an open referral to compulsory rehab')
    const open = openPlans[0]
    if (open) return ruleBroken('This person has an open voluntary plan; terminate it (reason compulsory_rehab) before the referral', { openPlanId: open.id })
    return decided(answer, {
      inserts: [
        {
          collection: 'referrals',
          record: {
            id: entityId,
            personId: person.id,
            communeCode: commune,
            ground: input.ground,
            dossierOn: input.dossierOn,
            submittedOn: input.submittedOn ?? null,
            status: 'referred',
            courtDecision: null,
            facility: null,
            admittedOn: null,
            returnedOn: null,
            returnDecision: null,
            postRehabId: null,
            note: input.note ?? null,
            ...created(ctx),
          },
        },
      ],
      event: { action: 'referral.create', entityType: 'referral', entityId, details: { person: person.id, ground: input.ground } },
    })
  },
}
