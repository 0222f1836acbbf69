import { vietnamToday } from '../calendar.ts'
import { legalRepresentativeProblems } from '../domain/minor.ts'
import { deriveStatus, emptyFacts } from '../domain/person-status.ts'
import { personProblems } from '../domain/person-rules.ts'
import type { PersonCategory, PersonRecord, PersonStatus } from '../records.ts'
import { created, decided, idTaken, invalidFields, type Command } from './command.ts'
import type { CreatePersonInput } from './inputs.ts'

/** A person's status when registered: what their category implies while they have no other record (person-status.ts). */
export const INITIAL_STATUS: Readonly<Record<PersonCategory, PersonStatus>> = {
  drug_user: deriveStatus(emptyFacts('drug_user')),
  dependent: deriveStatus(emptyFacts('dependent')),
  post_rehab: deriveStatus(emptyFacts('post_rehab')),
}

/** A new person's record as registered (by the API, a sync push or an import): version 1, status from the category. */
export function newPerson(id: string, input: CreatePersonInput, ctx: { actorId: string | null; now: Date }): PersonRecord {
  return {
    id,
    fullName: input.fullName,
    birthDate: input.birthDate,
    sex: input.sex,
    citizenId: input.citizenId,
    communeCode: input.communeCode,
    addressDetail: input.addressDetail ?? null,
    phone: input.phone ?? null,
    category: input.category,
    status: INITIAL_STATUS[input.category],
    addictionDeterminedOn: input.addictionDeterminedOn ?? null,
    addictionDeterminedBy: input.addictionDeterminedBy ?? null,
    assignedOfficerId: input.assignedOfficerId ?? null,
    notes: input.notes ?? null,
    legalRepresentative: input.legalRepresentative ?? null,
    // Registered through Bình An: the day given, or the day it is recorded (decision 0034).
    registeredOn: input.registeredOn ?? vietnamToday(ctx.now),
    ...created(ctx),
  }
}

/** Registering a person in a commune of the caller's scope (POST /persons, sync person.create). */
export const personCreate: Command<'person.create', null> = {
  type: 'person.create',
  action: 'person:write',
  target: null,
  // An unknown commune is a mistake in the form (400); a real commune outside the scope does not exist for the caller (404).
  communes: (input) => [input.communeCode],
  creates: { collection: 'persons' },
  check(input, today) {
    const problems = [...personProblems(input, today), ...legalRepresentativeProblems(input, today)]
    return problems.length > 0 ? invalidFields(problems) : undefined
  },
  decide({ existing }, input, entityId, ctx) {
    const answer = { collection: 'persons', id: entityId } as const
    // A replayed registration (same client id) is answered with the stored record, not duplicated; only the
    // same officer's registration in the same commune is a replay.
    if (existing) return existing.communeCode === input.communeCode && existing.createdBy === ctx.actorId ? decided(answer) : idTaken()
    return decided(answer, {
      inserts: [{ collection: 'persons', record: newPerson(entityId, input, ctx) }],
      event: { action: 'person.create', entityType: 'person', entityId, details: { commune: input.communeCode, category: input.category } },
    })
  },
}
