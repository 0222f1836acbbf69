import { describe, expect, it } from 'vitest'
import { DEFAULT_CASE_RULES } from '../../kernel/domain/case-rules.ts'
import type { DecideContext, PersonFacts, PlanFacts, State } from '../../kernel/commands/command.ts'
import { personCreate } from '../../kernel/commands/person-create.ts'
import { personUpdate } from '../../kernel/commands/person-update.ts'
import { planComplete } from '../../kernel/commands/plan-complete.ts'
import { planStageUpdate } from '../../kernel/commands/plan-stage-update.ts'
import { planTransition } from '../../kernel/commands/plan-transition.ts'
import { normalizeStages } from '../../kernel/domain/plan-stages.ts'
import type { PlanRecord } from '../../kernel/records.ts'

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
type PlanTarget = PlanFacts & Pick<PlanRecord, 'stages' | 'startDecisionOn'>
const doneStage = (stage: string) => ({ stage, activities: [], actualStartOn: '2026-03-01', actualEndOn: '2026-05-01', done: true, doneBy: 'officer-1' })
/** Started on 2026-03-01 (its start decision), its first three stages done. */
const plan: PlanTarget = {
  id: 'plan-1',
  personId: 'p1',
  status: 'active',
  version: 2,
  startOn: '2026-02-20',
  startDecisionOn: '2026-03-01',
  stages: normalizeStages(['intake_classification', 'detox_treatment', 'education_counselling'].map(doneStage)),
}
const decision = { number: '12/QĐ-UBND', date: '2026-11-20', signer: 'Chủ tịch (thử)', signerRole: 'commune_chair' as const, body: 'UBND xã Thử' }
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
    const outcome = planTransition.decide(state(plan), { to: 'suspended', version: 2, note: 'Đi làm xa (thử)', decision }, plan.id, ctx)
    expect(outcome).toMatchObject({
      rejected: false,
      updates: [{ collection: 'plans', id: plan.id, set: { status: 'suspended', version: 3, updatedAt: '2026-11-24T03:00:00.000Z', updatedBy: 'officer-1' } }],
      inserts: [{ collection: 'planTransitions', record: { planId: plan.id, from: 'active', to: 'suspended', note: 'Đi làm xa (thử)', decision } }],
      event: { action: 'plan.transition', entityId: plan.id, details: { from: 'active', to: 'suspended', reason: null } },
    })
    const terminated = planTransition.decide(state(plan), { to: 'terminated', version: 2, reason: 'drug_use', decision }, plan.id, ctx)
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

  it('refuses a step the law ties to a decision without one, and a termination reason the province switched off', () => {
    expect(planTransition.decide(state(plan), { to: 'suspended', version: 2 }, plan.id, ctx)).toMatchObject({
      rejected: true,
      code: 'validation_failed',
      details: { issues: [{ field: 'json.decision.number' }] },
    })
    const draft = { ...plan, status: 'draft' as const, startDecisionOn: null }
    expect(planTransition.decide(state(draft), { to: 'active', version: 2 }, plan.id, ctx)).toMatchObject({ rejected: true, code: 'validation_failed' })
    // Starting records the start decision's date on the plan: completion counts from it.
    const started = planTransition.decide(state(draft), { to: 'active', version: 2, decision: { ...decision, date: '2026-03-05' } }, plan.id, ctx)
    expect(started.rejected === false && started.updates[0]).toMatchObject({ set: { status: 'active', startDecisionOn: '2026-03-05' } })
    // Dropping a draft that never started and resuming a suspended plan rest on no decision.
    expect(planTransition.decide(state(draft), { to: 'terminated', version: 2, reason: 'other' }, plan.id, ctx)).toMatchObject({ rejected: false })
    expect(planTransition.decide(state({ ...plan, status: 'suspended' as const }), { to: 'active', version: 2 }, plan.id, ctx)).toMatchObject({
      rejected: false,
    })
    const fewer = { ...ctx, rules: { ...DEFAULT_CASE_RULES, terminationReasons: ['death' as const, 'other' as const] } }
    expect(planTransition.decide(state(plan), { to: 'terminated', version: 2, reason: 'drug_use', decision }, plan.id, fewer)).toMatchObject({
      rejected: true,
      details: { issues: [{ field: 'json.reason', message: 'must be one of death, other' }] },
    })
  })

  it('completes a plan only after the minimum duration from the start decision, with the first three stages done', () => {
    const input = { version: 2, decision: { ...decision, date: '2026-09-01' } }
    // 6 months from 2026-03-01 (the start decision, not the planned start): 2026-09-01 is the first day.
    expect(planComplete.decide(state(plan), input, plan.id, ctx)).toMatchObject({ rejected: false })
    expect(planComplete.decide(state(plan), { ...input, decision: { ...decision, date: '2026-08-31' } }, plan.id, ctx)).toMatchObject({
      rejected: true,
      code: 'completion_too_early',
      details: { earliestOn: '2026-09-01', unmet: ['completion_too_early'] },
    })
    // The province's longer minimum, and month-end arithmetic: 31 August + 6 months is the last day of February.
    const eight = { ...ctx, rules: { ...DEFAULT_CASE_RULES, minRehabMonths: 8 } }
    expect(planComplete.decide(state(plan), input, plan.id, eight)).toMatchObject({ code: 'completion_too_early', details: { earliestOn: '2026-11-01' } })
    const monthEnd = { ...plan, startDecisionOn: '2026-08-31' }
    expect(planComplete.decide(state(monthEnd), { ...input, decision: { ...decision, date: '2027-02-27' } }, plan.id, ctx)).toMatchObject({
      details: { earliestOn: '2027-02-28' },
    })
    // Without a start decision (a plan started before they were kept), from the planned start.
    expect(
      planComplete.decide(state({ ...plan, startDecisionOn: null }), { ...input, decision: { ...decision, date: '2026-08-19' } }, plan.id, ctx),
    ).toMatchObject({
      details: { earliestOn: '2026-08-20' },
    })
    const stagesLeft = { ...plan, stages: normalizeStages([doneStage('intake_classification')]) }
    expect(planComplete.decide(state(stagesLeft), input, plan.id, ctx)).toMatchObject({
      code: 'stages_incomplete',
      details: { missing: ['detox_treatment', 'education_counselling'], unmet: ['stages_incomplete'] },
    })
    // Both: one refusal, named by the first, holding every unmet condition.
    const both = planComplete.decide(state(stagesLeft), { ...input, decision: { ...decision, date: '2026-05-01' } }, plan.id, ctx)
    expect(both).toMatchObject({
      rejected: true,
      code: 'completion_too_early',
      details: { unmet: ['completion_too_early', 'stages_incomplete'], earliestOn: '2026-09-01', missing: ['detox_treatment', 'education_counselling'] },
    })
  })

  it('ends the person’s rehab with a completion where the province opens no post-rehab after voluntary rehab (the default)', () => {
    const made = planComplete.decide(state(plan), { version: 2, decision, supportModel: 'b93_club', supporterName: 'TNV (thử)' }, plan.id, ctx)
    expect(made.rejected === false && made.inserts.map((i) => i.collection)).toEqual(['planTransitions'])
    expect(made.rejected === false && made.inserts[0]?.record).toMatchObject({ to: 'completed', decision })
    expect(made.rejected === false && made.updates).toMatchObject([
      { collection: 'plans', set: { status: 'completed', completionNumber: '12/QĐ-UBND', completionDate: '2026-11-20', completionSigner: 'Chủ tịch (thử)' } },
      { collection: 'persons', set: { status: 'closed' } },
    ])
  })

  it('opens post-rehab management with a completion where the province does, under the id the client made or a new one', () => {
    const opens = { ...ctx, rules: { ...DEFAULT_CASE_RULES, postRehabAfterVoluntary: true } }
    const openDecision = { ...decision, number: '13/QĐ-UBND' }
    const input = { version: 2, decision, supportModel: 'b93_club' as const, supporterName: 'TNV (thử)', openDecision }
    expect(planComplete.decide(state(plan), { version: 2, decision }, plan.id, opens)).toMatchObject({
      rejected: true,
      details: { issues: [{ field: 'json.supportModel' }, { field: 'json.supporterName' }, { field: 'json.openDecision.number' }] },
    })
    const made = planComplete.decide(state(plan), { ...input, postRehabId: 'client-id' }, plan.id, opens)
    expect(made.rejected === false && made.inserts[1]).toMatchObject({
      collection: 'postRehab',
      record: { id: 'client-id', startOn: '2026-11-20', endOn: '2027-11-20', communeCode: '29999', status: 'active', version: 1, openDecision },
    })
    expect(made.rejected === false && made.updates[1]).toMatchObject({ collection: 'persons', set: { status: 'post_rehab', category: 'post_rehab' } })
    const online = planComplete.decide(state(plan), input, plan.id, opens)
    expect(online.rejected === false && online.inserts[1]?.record).toMatchObject({ id: 'new-id' })
    expect(planComplete.decide(state(plan, { existing: { personId: 'someone' } }), { ...input, postRehabId: 'client-id' }, plan.id, opens)).toMatchObject({
      rejected: true,
      kind: 'invalid',
      code: 'conflict',
      details: { issues: [{ field: 'json.postRehabId' }] },
    })
  })

  it('updates one stage: dates, activities, a done mark stamped with who and when, undone cleared', () => {
    const fresh = { ...plan, stages: normalizeStages([]) }
    const today = '2026-11-24'
    const planned = planStageUpdate.decide(
      state(fresh),
      { version: 2, stage: 'work_vocational', plannedStartOn: '2026-06-01', plannedEndOn: '2026-08-01' },
      plan.id,
      ctx,
    )
    expect(planned.rejected === false && planned.updates[0]).toMatchObject({ collection: 'plans', set: { version: 3 } })
    const set = planned.rejected === false ? (planned.updates[0]?.set as Partial<PlanRecord>) : {}
    expect(set.stages?.map((s) => s.stage)).toEqual(['intake_classification', 'detox_treatment', 'education_counselling', 'work_vocational', 'reintegration'])
    expect(set.stages?.[3]).toMatchObject({ plannedStartOn: '2026-06-01', plannedEndOn: '2026-08-01', done: false })
    const done = planStageUpdate.decide(
      state(fresh),
      { version: 2, stage: 'intake_classification', actualStartOn: '2026-03-01', actualEndOn: today, done: true },
      plan.id,
      ctx,
    )
    const doneSet = done.rejected === false ? (done.updates[0]?.set as Partial<PlanRecord>) : {}
    expect(doneSet.stages?.[0]).toMatchObject({ done: true, doneBy: 'officer-1', doneAt: '2026-11-24T03:00:00.000Z', actualEndOn: today })
    const undone = planStageUpdate.decide(state(plan), { version: 2, stage: 'intake_classification', done: false }, plan.id, ctx)
    const undoneSet = undone.rejected === false ? (undone.updates[0]?.set as Partial<PlanRecord>) : {}
    expect(undoneSet.stages?.[0]).toMatchObject({ done: false, doneBy: null, doneAt: null, actualEndOn: '2026-05-01' })
    const issues = (input: Record<string, unknown>) => {
      const outcome = planStageUpdate.decide(state(fresh), { version: 2, stage: 'detox_treatment', ...input }, plan.id, ctx)
      return outcome.rejected ? ((outcome.details?.issues ?? []) as { field: string }[]).map((i) => i.field) : []
    }
    expect(issues({ plannedStartOn: '2026-06-01', plannedEndOn: '2026-05-01' })).toEqual(['json.plannedEndOn'])
    expect(issues({ actualStartOn: '2026-11-25' })).toEqual(['json.actualStartOn'])
    expect(issues({ actualStartOn: '2026-06-01', actualEndOn: '2026-05-01' })).toEqual(['json.actualEndOn'])
    expect(issues({ done: true })).toEqual(['json.actualEndOn'])
    expect(
      planStageUpdate.decide(state({ ...fresh, status: 'completed' as const }), { version: 2, stage: 'reintegration', done: false }, plan.id, ctx),
    ).toMatchObject({
      rejected: true,
      code: 'conflict',
    })
    expect(planStageUpdate.decide(state(fresh), { version: 1, stage: 'reintegration' }, plan.id, ctx)).toMatchObject({ kind: 'conflict' })
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
