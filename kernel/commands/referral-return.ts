import { addMonths } from '../calendar.ts'
import { decisionDateProblem } from '../domain/legal-decision.ts'
import { changed, created, decided, idTaken, invalidField, invalidFields, ruleBroken, staleVersion, type Command } from './command.ts'

/**
 * The return from compulsory rehab (POST /referrals/:id/return, sync referral.return): the commune chair's decision
 * opens post-rehab management at the residence for the province's postRehabMonths (Law 2021 art. 40), under the
 * id the client made when it made one.
 */
export const referralReturn: Command<'referral.return', 'referrals'> = {
  type: 'referral.return',
  action: 'person:write',
  target: { collection: 'referrals', id: (_input, entityId) => entityId },
  creates: { collection: 'postRehab', id: (input) => input.postRehabId },
  check(input, today) {
    if (input.returnedOn > today) return invalidField('json.returnedOn', 'must not be in the future')
    const problem = decisionDateProblem(input.decision, today)
    return problem ? invalidFields([problem]) : undefined
  },
  decide({ target: record, person, existing, commune }, input, _entityId, ctx) {
    if (input.version !== record.version)
      return staleVersion(
        { collection: 'referrals', id: record.id },
        input.version,
        record.version,
        `This record was changed meanwhile (now version ${record.version})`,
      )
    if (record.status !== 'admitted') return ruleBroken(`This referral is ${record.status}; only an admitted person returns`)
    if (record.admittedOn && input.returnedOn < record.admittedOn) return invalidField('json.returnedOn', 'must not be before the admission')
    if (existing) return idTaken('json.postRehabId')
    const postRehabId = input.postRehabId ?? ctx.newId()
    // A person back from compulsory rehab is a post-rehab person (DOMAIN.md §5).
    const personUpdate = person
      ? [{ collection: 'persons' as const, id: person.id, set: { category: 'post_rehab' as const, ...changed(person.version, ctx) } }]
      : []
    // The later of the return and the decision (ISO days sort as text).
    const startOn = [input.decision.date, input.returnedOn].sort()[1]!
    return decided(
      { collection: 'referrals', id: record.id },
      {
        inserts: [
          {
            collection: 'postRehab',
            record: {
              id: postRehabId,
              personId: record.personId,
              communeCode: commune,
              planId: null,
              startOn,
              endOn: addMonths(startOn, ctx.rules.postRehabMonths),
              supportModel: input.supportModel,
              supporterName: input.supporterName,
              status: 'active',
              relapseOn: null,
              relapseNote: null,
              // The commune chair's decision placing the returned person under post-rehab management.
              openDecision: input.decision,
              ...created(ctx),
            },
          },
        ],
        updates: [
          {
            collection: 'referrals',
            id: record.id,
            set: { status: 'returned', returnedOn: input.returnedOn, returnDecision: input.decision, postRehabId, ...changed(record.version, ctx) },
          },
          ...personUpdate,
        ],
        event: { action: 'referral.return', entityType: 'referral', entityId: record.id, details: { postRehab: postRehabId } },
      },
    )
  },
}
