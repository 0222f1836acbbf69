import type { HandoverRecord } from '../records.ts'
import { changed, decided, ruleBroken, staleVersion, type Command, type DecideContext, type HandoverFacts, type State, type Update } from './command.ts'

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
 * history stays where it was made. Across provinces only the hand-over changes here: the person's record stays in
 * the sending province, which is told the answer (decision 0029).
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
    const updates: Update[] = [answered(handover, { status: 'accepted' }, ctx)]
    const to = handover.communeCode
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
        updates,
        event: {
          action: 'handover.accept',
          entityType: 'handover',
          entityId: handover.id,
          details: { person: handover.personId, from: handover.fromCommuneCode, to, fromProvince: handover.fromProvinceCode },
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
