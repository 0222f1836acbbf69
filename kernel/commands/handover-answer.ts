import { personCategories } from '../vocabulary.ts'
import type { HandoverRecord, PersonRecord } from '../records.ts'
import {
  changed,
  created,
  decided,
  ruleBroken,
  staleVersion,
  type Command,
  type DecideContext,
  type HandoverFacts,
  type State,
  type Update,
} from './command.ts'

function stale(handover: HandoverFacts, version: number) {
  if (version === handover.version) return undefined
  return staleVersion(
    { collection: 'handovers', id: handover.id },
    version,
    handover.version,
    `This hand-over was changed meanwhile (now version ${handover.version})`,
  )
}

function answered(handover: HandoverFacts, set: Partial<HandoverRecord>, ctx: DecideContext): Update {
  return {
    collection: 'handovers',
    id: handover.id,
    set: { ...set, respondedAt: ctx.now.toISOString(), respondedBy: ctx.actorId, ...changed(handover.version, ctx) },
  }
}

/**
 * The receiving commune accepts (POST /handovers/:id/accept, sync handover.accept). Within the province the
 * person and their open records (plan, post-rehab, management, monitoring) move to the receiving commune; the
 * history stays where it was made. Across provinces the person is registered here, in the same transaction as the
 * answer, from the fields that crossed (`receivedPerson`, decision 0039) — or, when this province already has
 * someone with that citizen ID, the hand-over is linked to them; the sending province keeps its record and is told
 * the answer (decision 0029).
 */
export const handoverAccept: Command<'handover.accept', 'handovers'> = {
  type: 'handover.accept',
  action: 'person:write',
  target: { collection: 'handovers', id: (_input, entityId) => entityId },
  decide(state: State<HandoverFacts>, input, _entityId, ctx) {
    const { target: handover, person } = state
    const refusal = stale(handover, input.version)
    if (refusal) return refusal
    if (handover.status !== 'pending') return ruleBroken(`This hand-over was already ${handover.status}`)
    const to = handover.communeCode
    const crossed = handover.personId === null && handover.fromProvinceCode !== handover.toProvinceCode
    const made = crossed && !state.sameCitizen ? receivedPerson(handover, ctx) : undefined
    // The hand-over here names the person it made or found; nothing is linked when the fields do not suffice.
    const linked = made?.id ?? (crossed ? state.sameCitizen?.id : undefined)
    const updates: Update[] = [answered(handover, { status: 'accepted', ...(linked ? { personId: linked } : {}) }, ctx)]
    if (person && handover.toProvinceCode === handover.fromProvinceCode) {
      updates.push({ collection: 'persons', id: person.id, set: { communeCode: to, ...changed(person.version, ctx) } })
      for (const plan of state.openPlans) updates.push({ collection: 'plans', id: plan.id, set: { communeCode: to, ...changed(plan.version, ctx) } })
      for (const record of state.activePostRehab)
        updates.push({ collection: 'postRehab', id: record.id, set: { communeCode: to, ...changed(record.version, ctx) } })
      // Management periods carry no version a phone changes; their commune follows the person's.
      for (const period of state.activeManagement) updates.push({ collection: 'managementPeriods', id: period.id, set: { communeCode: to } })
      for (const record of state.activeMonitoring ?? [])
        updates.push({ collection: 'monitoring', id: record.id, set: { communeCode: to, ...changed(record.version, ctx) } })
    }
    return decided(
      { collection: 'handovers', id: handover.id },
      {
        inserts: made ? [{ collection: 'persons', record: made }] : [],
        updates,
        event: {
          action: 'handover.accept',
          entityType: 'handover',
          entityId: handover.id,
          details: {
            person: handover.personId ?? linked ?? null,
            from: handover.fromCommuneCode,
            to,
            fromProvince: handover.fromProvinceCode,
            // Across provinces: whether the person was registered here by this acceptance.
            ...(crossed ? { registered: made !== undefined } : {}),
          },
        },
      },
    )
  },
}

/** The receiving commune declines, with its reason (POST /handovers/:id/decline, sync handover.decline): nothing moves. */
export const handoverDecline: Command<'handover.decline', 'handovers'> = {
  type: 'handover.decline',
  action: 'person:write',
  target: { collection: 'handovers', id: (_input, entityId) => entityId },
  decide({ target: handover }, input, _entityId, ctx) {
    const refusal = stale(handover, input.version)
    if (refusal) return refusal
    if (handover.status !== 'pending') return ruleBroken(`This hand-over was already ${handover.status}`)
    return decided(
      { collection: 'handovers', id: handover.id },
      {
        updates: [answered(handover, { status: 'declined', declineReason: input.reason }, ctx)],
        event: {
          action: 'handover.decline',
          entityType: 'handover',
          entityId: handover.id,
          details: { person: handover.personId, from: handover.fromCommuneCode, to: handover.communeCode, fromProvince: handover.fromProvinceCode },
        },
      },
    )
  },
}

/**
 * The person an accepted hand-over from another province registers here: only what crossed (name, birth date, sex,
 * citizen ID, category, the day first registered), in the receiving commune, marked `source: 'handover'`. The id is
 * the hand-over's, so the person is made once whatever retries (a second insert of it cannot happen, and the
 * acceptance itself is refused once answered). No address, phone or representative crossed: the officer completes
 * them. The status is settled after decide from what arrived (the category: kernel/domain/person-status.ts rule 9).
 * Undefined when a copy made before decision 0039 lacks the sex: the officer registers the person by hand.
 */
export function receivedPerson(handover: HandoverFacts, ctx: DecideContext): PersonRecord | undefined {
  const { subject } = handover
  const category = personCategories.find((c) => c === subject.category)
  if (!subject.sex || !category || !subject.fullName || !subject.birthDate || !subject.citizenId) return undefined
  return {
    id: handover.id,
    fullName: subject.fullName,
    birthDate: subject.birthDate,
    sex: subject.sex,
    citizenId: subject.citizenId,
    communeCode: handover.communeCode,
    addressDetail: null,
    phone: null,
    category,
    // Settled from the records (none yet) by decideCommand.
    status: 'closed',
    addictionDeterminedOn: null,
    addictionDeterminedBy: null,
    assignedOfficerId: null,
    notes: null,
    legalRepresentative: null,
    source: 'handover',
    registeredOn: subject.registeredOn ?? handover.movedOn,
    ...created(ctx),
  }
}
