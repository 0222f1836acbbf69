import { created, decided, idTaken, invalidField, type Command } from './command.ts'

/** A periodic check-in (POST /persons/:id/reviews, sync review.create), attached to the person's running plan. */
export const reviewCreate: Command<'review.create', 'persons'> = {
  type: 'review.create',
  action: 'person:write',
  target: { collection: 'persons', id: (input) => input.personId },
  creates: { collection: 'reviews' },
  check(input, today) {
    if (input.reviewedOn > today) return invalidField('json.reviewedOn', 'must not be in the future')
    if (input.drugTest === 'positive' && !input.substance) return invalidField('json.substance', 'is required with a positive test')
    if (input.drugTest !== 'positive' && input.substance) return invalidField('json.substance', 'is only given with a positive test')
    return undefined
  },
  decide({ target: person, openPlans, existing, commune }, input, entityId, ctx) {
    if (input.reviewedOn < person.birthDate) return invalidField('json.reviewedOn', 'must be after the birth date')
    const answer = { collection: 'reviews', id: entityId } as const
    if (existing) return existing.personId === person.id ? decided(answer) : idTaken()
    const running = openPlans.find((plan) => plan.status === 'active' || plan.status === 'suspended')
    return decided(answer, {
      inserts: [
        {
          collection: 'reviews',
          record: {
            id: entityId,
            personId: person.id,
            planId: running?.id ?? null,
            communeCode: commune,
            reviewedOn: input.reviewedOn,
            attended: input.attended,
            drugTest: input.drugTest,
            substance: input.substance ?? null,
            counsellingNotes: input.counsellingNotes ?? null,
            employed: input.employed ?? null,
            riskLevel: input.riskLevel,
            ...created(ctx),
          },
        },
      ],
      event: { action: 'review.create', entityType: 'review', entityId, details: { person: person.id } },
    })
  },
}
