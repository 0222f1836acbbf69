import { vietnamToday } from '../calendar.ts'
import { decisionDateProblem } from '../domain/legal-decision.ts'
import { LAW_120_2025_IN_FORCE } from '../domain/monitoring.ts'
import type { HandoverSubject } from '../domain/handover.ts'
import { created, decided, idTaken, invalidField, invalidFields, ruleBroken, type Command } from './command.ts'

/**
 * The sending commune records that a person moves (POST /persons/:id/handovers, sync handover.create; Law
 * 120/2025, decision 0029). The receiving commune — of this province, or of another, which gets only the
 * subject's fields — is notified at once and has the province's `handoverAcceptHours` to accept.
 */
export const handoverCreate: Command<'handover.create', 'persons'> = {
  type: 'handover.create',
  action: 'person:write',
  target: { collection: 'persons', id: (input) => input.personId },
  creates: { collection: 'handovers' },
  destinations: (input) => [{ province: input.toProvinceCode, commune: input.toCommuneCode, field: 'json.toCommuneCode' }],
  check(input, today) {
    const issues = []
    if (input.movedOn > today) issues.push({ field: 'json.movedOn', message: 'must not be in the future' })
    else if (input.movedOn < LAW_120_2025_IN_FORCE)
      issues.push({ field: 'json.movedOn', message: `must be on or after ${LAW_120_2025_IN_FORCE} (Law 120/2025 in force)` })
    const decision = decisionDateProblem(input.decision, today)
    if (decision) issues.push(decision)
    return issues.length > 0 ? invalidFields(issues) : undefined
  },
  decide({ target: person, existing, commune, pendingHandovers }, input, entityId, ctx) {
    const answer = { collection: 'handovers', id: entityId } as const
    if (existing) return existing.personId === person.id ? decided(answer) : idTaken()
    if (!input.toProvinceCode && input.toCommuneCode === person.communeCode)
      return invalidField('json.toCommuneCode', 'must be another commune than the current one')
    if (pendingHandovers && pendingHandovers.length > 0) return ruleBroken('This person already has a hand-over waiting to be accepted')
    const subject: HandoverSubject = {
      fullName: person.fullName,
      birthDate: person.birthDate,
      citizenId: person.citizenId,
      category: person.category,
      status: person.status,
      sex: person.sex,
      registeredOn: firstRegisteredOn(person),
    }
    const stamps = created(ctx)
    const province = ctx.province ?? ''
    const toProvince = input.toProvinceCode ?? province
    return decided(answer, {
      inserts: [
        {
          collection: 'handovers',
          record: {
            id: entityId,
            personId: person.id,
            communeCode: input.toCommuneCode,
            toProvinceCode: toProvince,
            fromCommuneCode: commune,
            fromProvinceCode: province,
            movedOn: input.movedOn,
            notifiedAt: stamps.createdAt,
            note: input.note ?? null,
            decision: input.decision ?? null,
            subject,
            status: 'pending',
            respondedAt: null,
            respondedBy: null,
            declineReason: null,
            ...stamps,
          },
        },
      ],
      event: {
        action: 'handover.create',
        entityType: 'handover',
        entityId,
        details: { person: person.id, from: commune, to: input.toCommuneCode, toProvince },
      },
    })
  },
}

/** The day the person was first put on the list: kept from an earlier province, else the day their record was made. */
function firstRegisteredOn(person: { registeredOn?: string | null | undefined; createdAt?: string | Date | undefined }): string | undefined {
  if (person.registeredOn) return person.registeredOn
  if (person.createdAt === undefined) return undefined
  return vietnamToday(typeof person.createdAt === 'string' ? new Date(person.createdAt) : person.createdAt)
}
