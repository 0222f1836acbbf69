import { describe, expect, it } from 'vitest'
import { DEFAULT_CASE_RULES } from '../../kernel/domain/case-rules.ts'
import type { DecideContext, PersonFacts, PlanFacts, State } from '../../kernel/commands/command.ts'
import { personCreate } from '../../kernel/commands/person-create.ts'
import { personUpdate } from '../../kernel/commands/person-update.ts'
import { planComplete } from '../../kernel/commands/plan-complete.ts'
import { planTransition } from '../../kernel/commands/plan-transition.ts'

// The commands' decide steps on plain records: what the server's runner and the phone's view both run.
const ctx: DecideContext = { actorId: 'officer-1', now: new Date('2026-11-24T03:00:00Z'), rules: { ...DEFAULT_CASE_RULES }, newId: () => 'new-id' }
const person: PersonFacts = {
  id: 'p1',
  fullName: 'Đỗ Văn Thử',
  birthDate: '1990-05-01',
  sex: 'male',
  citizenId: '079090000001',
  communeCode: '29999',
  addressDetail: null,
  phone: null,
  category: 'dependent',
  status: 'in_rehab',
  addictionDeterminedOn: '2026-01-05',
  addictionDeterminedBy: 'Trạm Y tế (thử)',
  notes: null,
  version: 3,
}
const plan: PlanFacts = { id: 'plan-1', personId: 'p1', status: 'active', version: 2, startOn: '2026-03-01' }
const state = <T>(target: T, more: Partial<State<T>> = {}): State<T> => ({
  target,
  person,
  openPlans: [],
  activePostRehab: [],
  activeManagement: [],
  existing: undefined,
  commune: '29999',
  ...more,
})

describe('decide', () => {
  it('moves a plan and the person with it, stamping who and when, and records the move', () => {
    const outcome = planTransition.decide(state(plan), { to: 'suspended', version: 2, note: 'Đi làm xa (thử)' }, plan.id, ctx)
    expect(outcome).toMatchObject({
      rejected: false,
      updates: [{ collection: 'plans', id: plan.id, set: { status: 'suspended', version: 3, updatedAt: '2026-11-24T03:00:00.000Z', updatedBy: 'officer-1' } }],
      inserts: [{ collection: 'planTransitions', record: { planId: plan.id, from: 'active', to: 'suspended', note: 'Đi làm xa (thử)' } }],
      event: { action: 'plan.transition', entityId: plan.id, details: { from: 'active', to: 'suspended', reason: null } },
    })
    const terminated = planTransition.decide(state(plan), { to: 'terminated', version: 2, reason: 'relapse' }, plan.id, ctx)
    expect(terminated.rejected === false && terminated.updates[1]).toEqual({
      collection: 'persons',
      id: 'p1',
      set: { status: 'under_management', version: 4, updatedAt: '2026-11-24T03:00:00.000Z', updatedBy: 'officer-1' },
    })
  })

  it('tells a stale version (a conflict) from one ahead of the record (retryable: what it is based on has not arrived)', () => {
    expect(planTransition.decide(state(plan), { to: 'suspended', version: 1 }, plan.id, ctx)).toMatchObject({
      rejected: true,
      kind: 'conflict',
      current: { collection: 'plans', id: plan.id },
    })
    expect(planTransition.decide(state(plan), { to: 'suspended', version: 1 }, plan.id, ctx)).not.toHaveProperty('retryable')
    expect(planTransition.decide(state(plan), { to: 'suspended', version: 3 }, plan.id, ctx)).toMatchObject({
      rejected: true,
      kind: 'conflict',
      retryable: true,
    })
  })

  it('opens post-rehab management with a completion, under the id the client made or a new one', () => {
    const input = {
      version: 2,
      completionNumber: 'GXN-1',
      completionDate: '2026-11-20',
      signer: 'Chủ tịch (thử)',
      supportModel: 'b93_club' as const,
      supporterName: 'TNV (thử)',
    }
    const made = planComplete.decide(state(plan), { ...input, postRehabId: 'client-id' }, plan.id, ctx)
    expect(made.rejected === false && made.inserts[1]).toMatchObject({
      collection: 'postRehab',
      record: { id: 'client-id', startOn: '2026-11-20', endOn: '2027-11-20', communeCode: '29999', status: 'active', version: 1 },
    })
    const online = planComplete.decide(state(plan), input, plan.id, ctx)
    expect(online.rejected === false && online.inserts[1]?.record).toMatchObject({ id: 'new-id' })
    expect(planComplete.decide(state(plan, { existing: { personId: 'someone' } }), { ...input, postRehabId: 'client-id' }, plan.id, ctx)).toMatchObject({
      rejected: true,
      kind: 'invalid',
      code: 'conflict',
      details: { issues: [{ field: 'json.postRehabId' }] },
    })
  })

  it('refuses to move a person with an open plan to another commune, and moves their active records otherwise', () => {
    const open = state(person, { openPlans: [plan] })
    expect(personUpdate.decide(open, { version: 3, communeCode: '29998' }, person.id, ctx)).toMatchObject({
      rejected: true,
      code: 'conflict',
      details: { openPlanId: plan.id },
    })
    const free = state(person, {
      activePostRehab: [{ id: 'r1', personId: 'p1', status: 'active', version: 1, startOn: '2026-01-01' }],
      activeManagement: [{ id: 'm1', personId: 'p1', status: 'active', version: 1 }],
    })
    const moved = personUpdate.decide(free, { version: 3, communeCode: '29998' }, person.id, ctx)
    expect(moved.rejected === false && moved.updates.slice(1)).toEqual([
      { collection: 'postRehab', id: 'r1', set: { communeCode: '29998' } },
      { collection: 'managementPeriods', id: 'm1', set: { communeCode: '29998' } },
    ])
  })

  it('answers a replayed registration with its record and changes nothing; another officer’s id is taken', () => {
    const input = {
      fullName: 'Đỗ Văn Thử',
      birthDate: '1990-05-01',
      sex: 'male' as const,
      citizenId: '079090000001',
      communeCode: '29999',
      category: 'drug_user' as const,
    }
    const none = { ...state(undefined), person: undefined, commune: '29999' }
    expect(personCreate.decide({ ...none, existing: { communeCode: '29999', createdBy: 'officer-1' } }, input, 'p9', ctx)).toEqual({
      rejected: false,
      inserts: [],
      updates: [],
      answer: { collection: 'persons', id: 'p9' },
    })
    expect(personCreate.decide({ ...none, existing: { communeCode: '29999', createdBy: 'officer-2' } }, input, 'p9', ctx)).toMatchObject({
      rejected: true,
      details: { issues: [{ field: 'json.id' }] },
    })
    const made = personCreate.decide(none, input, 'p9', ctx)
    expect(made.rejected === false && made.inserts[0]?.record).toMatchObject({ id: 'p9', status: 'under_management', version: 1, createdBy: 'officer-1' })
  })
})
