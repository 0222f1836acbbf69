import { describe, expect, it } from 'vitest'
import { foldDiacritics } from '../../kernel/text-fold.ts'
import { DEFAULT_CASE_RULES } from '../../kernel/domain/case-rules.ts'
import { normalizeStages, REQUIRED_STAGES } from '../../kernel/domain/plan-stages.ts'
import { overlay, overlay as overlayWith } from '../../web/src/offline/overlay.ts'
import { caseload, personView, searchPersons } from '../../web/src/offline/view.ts'
import type { Records } from '../../web/src/offline/types.ts'
import { emptyRecords, entry, person, plan, plan as planOf, uuid } from './offline-fixtures.ts'

const DECISION = { number: '01/QĐ-UBND (thử)', date: '2026-01-10', signer: 'Chủ tịch (thử)', signerRole: 'commune_chair' as const, body: 'UBND xã Thử' }
const OPENING = { ...DECISION, number: '02/QĐ-UBND (thử)', date: '2026-08-20' }
const OPENS = { ...DEFAULT_CASE_RULES, postRehabAfterVoluntary: true }

const empty = emptyRecords

describe('local search', () => {
  const people = [
    person({ fullName: 'Đặng Thị Thử', citizenId: '001190000011' }),
    person({ fullName: 'Nguyễn Văn Ánh', citizenId: '001090000012', sex: 'male' }),
    person({ fullName: 'Trần Vân Anh', citizenId: '001190000013', category: 'drug_user' }),
  ]

  it('ignores case and diacritics, đ as d, exactly as the server folds names', () => {
    expect(searchPersons(people, { q: 'dang thi' }).map((p) => p.fullName)).toEqual(['Đặng Thị Thử'])
    expect(searchPersons(people, { q: 'ANH' }).map((p) => p.fullName)).toEqual(['Nguyễn Văn Ánh', 'Trần Vân Anh'])
    expect(searchPersons(people, { q: 'van anh' }).map((p) => p.fullName)).toEqual(['Nguyễn Văn Ánh', 'Trần Vân Anh'])
    expect(searchPersons(people, { q: 'tran van' }).map((p) => p.fullName)).toEqual(['Trần Vân Anh'])
    for (const p of people) expect(foldDiacritics(p.fullName)).toMatch(/^[a-z ]+$/)
  })

  it('finds a full citizen ID exactly, and filters by category and status', () => {
    expect(searchPersons(people, { q: '001090000012' }).map((p) => p.fullName)).toEqual(['Nguyễn Văn Ánh'])
    expect(searchPersons(people, { q: '00109000001' })).toEqual([])
    expect(searchPersons(people, { category: 'drug_user' }).map((p) => p.fullName)).toEqual(['Trần Vân Anh'])
  })

  it('sorts by the folded name, as the server pages', () => {
    expect(searchPersons(people, {}).map((p) => p.fullName)).toEqual(['Đặng Thị Thử', 'Nguyễn Văn Ánh', 'Trần Vân Anh'])
  })
})

describe('overlay of queued changes', () => {
  it('shows a person registered offline, their plan, its activation and a review, all pending', () => {
    const id = uuid()
    const planId = uuid()
    const reviewId = uuid()
    const view = overlay(empty(), [
      entry({
        seq: 1,
        personId: id,
        type: 'person.create',
        entityId: id,
        data: {
          fullName: 'Lê Thị Ngoại Tuyến',
          birthDate: '1992-02-02',
          sex: 'female',
          citizenId: '001192000001',
          communeCode: '29999',
          category: 'dependent',
        },
      }),
      entry({
        seq: 2,
        personId: id,
        type: 'plan.create',
        entityId: planId,
        data: { personId: id, form: 'family', registeredOn: '2026-03-01', startOn: '2026-03-01', plannedEndOn: '2026-10-01', members: [], stages: [] },
      }),
      entry({
        seq: 3,
        personId: id,
        type: 'plan.transition',
        entityId: planId,
        data: { to: 'active', version: 1, decision: { ...DECISION, date: '2026-03-01' } },
      }),
      entry({
        seq: 4,
        personId: id,
        type: 'review.create',
        entityId: reviewId,
        data: { personId: id, reviewedOn: '2026-03-20', attended: true, drugTest: 'negative', riskLevel: 'low' },
      }),
    ])
    expect(view.persons[0]).toMatchObject({ id, status: 'in_rehab', version: 1 })
    expect(view.plans[0]).toMatchObject({ id: planId, status: 'active', allowedTransitions: ['suspended', 'completed', 'terminated', 'transferred'] })
    expect(view.plans[0]!.transitions.map((t) => t.to)).toEqual(['draft', 'active'])
    expect(view.plans[0]).toMatchObject({ startDecisionOn: '2026-03-01' })
    expect(view.plans[0]!.stages.map((s) => s.stage)).toEqual([
      'intake_classification',
      'detox_treatment',
      'education_counselling',
      'work_vocational',
      'reintegration',
    ])
    expect(view.plans[0]!.transitions.at(-1)!.decision).toEqual({ ...DECISION, date: '2026-03-01' })
    expect(view.reviews[0]).toMatchObject({ id: reviewId, planId })
    expect([...view.pending].sort()).toEqual([id, planId, reviewId].sort())
  })

  it('lays an update over the server’s record without moving its version', () => {
    const p = person({ version: 4, notes: 'cũ' })
    const view = overlay({ ...empty(), persons: [p] }, [
      entry({ seq: 1, personId: p.id, type: 'person.update', entityId: p.id, data: { notes: 'mới', version: 4 } }),
    ])
    expect(view.persons[0]).toMatchObject({ notes: 'mới', version: 4 })
  })
})

describe('completion, relapse and support queued offline', () => {
  const completion = (planId: string, personId: string, postRehabId: string, seq = 1) =>
    entry({
      seq,
      personId,
      type: 'plan.complete',
      entityId: planId,
      queuedAt: '2026-08-20T02:00:00.000Z',
      data: {
        version: 2,
        postRehabId,
        decision: { ...DECISION, number: 'GXN-01 (thử)', date: '2026-08-20' },
        supportModel: 'b93_club',
        supporterName: 'Tình nguyện viên (thử)',
        openDecision: OPENING,
      },
    })
  /** An active plan from 2026-01-10 whose required stages are done: it may be completed from 2026-07-10. */
  const plan = (partial: Parameters<typeof planOf>[0]) =>
    planOf({
      stages: normalizeStages(REQUIRED_STAGES.map((stage) => ({ stage, actualStartOn: '2026-01-10', actualEndOn: '2026-03-01', done: true }))),
      ...partial,
    })
  // These phones pulled a province that opens post-rehab after voluntary rehab.
  const overlay = (records: Parameters<typeof overlayWith>[0], entries: Parameters<typeof overlayWith>[1]) => overlayWith(records, entries, OPENS)

  it('with the law’s default, completes the plan and ends the person’s rehab, opening no post-rehab management', () => {
    const a = person({ status: 'in_rehab', version: 2 })
    const p = plan({ personId: a.id })
    const view = overlayWith({ ...empty(), persons: [a], plans: [p] }, [completion(p.id, a.id, uuid())])
    expect(view.plans[0]).toMatchObject({ status: 'completed', completionNumber: 'GXN-01 (thử)' })
    expect(view.persons[0]).toMatchObject({ status: 'closed', category: 'dependent' })
    expect(view.postRehab).toEqual([])
  })

  it('does not lay a completion over a plan before its minimum duration or with a required stage left', () => {
    const a = person({ status: 'in_rehab', version: 2 })
    const early = plan({ personId: a.id, startOn: '2026-03-01' })
    const stagesLeft = plan({ personId: a.id, stages: normalizeStages([]) })
    for (const p of [early, stagesLeft]) {
      const view = overlay({ ...empty(), persons: [a], plans: [p] }, [completion(p.id, a.id, uuid())])
      expect(view.plans[0]).toMatchObject({ status: 'active' })
    }
  })

  it('lays a stage update over the plan: its dates and the done mark', () => {
    const a = person({ status: 'in_rehab', version: 2 })
    const p = plan({ personId: a.id, stages: normalizeStages([]) })
    const view = overlay({ ...empty(), persons: [a], plans: [p] }, [
      entry({
        seq: 1,
        personId: a.id,
        type: 'plan.stage_update',
        entityId: p.id,
        queuedAt: '2026-08-20T02:00:00.000Z',
        data: { version: 2, stage: 'detox_treatment', actualStartOn: '2026-02-01', actualEndOn: '2026-03-01', done: true },
      }),
    ])
    expect(view.plans[0]!.stages[1]).toMatchObject({ stage: 'detox_treatment', done: true, actualEndOn: '2026-03-01', doneAt: '2026-08-20T02:00:00.000Z' })
    expect(view.plans[0]!.version).toBe(2)
    expect(view.pending.has(p.id)).toBe(true)
  })

  it('completes the plan, makes the person post-rehab and opens 12 months of post-rehab management under the form’s id', () => {
    const a = person({ status: 'in_rehab', version: 2 })
    const p = plan({ personId: a.id })
    const postRehabId = uuid()
    const view = overlay({ ...empty(), persons: [a], plans: [p] }, [completion(p.id, a.id, postRehabId)])
    expect(view.plans[0]).toMatchObject({
      status: 'completed',
      allowedTransitions: [],
      completionNumber: 'GXN-01 (thử)',
      completionDate: '2026-08-20',
      version: 2,
    })
    expect(view.plans[0]!.transitions.at(-1)).toMatchObject({ from: 'active', to: 'completed', note: 'certificate GXN-01 (thử)' })
    expect(view.persons[0]).toMatchObject({ status: 'post_rehab', category: 'post_rehab', version: 2 })
    expect(view.postRehab).toEqual([
      {
        id: postRehabId,
        personId: a.id,
        planId: p.id,
        status: 'active',
        startOn: '2026-08-20',
        endOn: '2027-08-20',
        supportModel: 'b93_club',
        supporterName: 'Tình nguyện viên (thử)',
        relapseOn: null,
        relapseNote: null,
        openDecision: OPENING,
        version: 1,
        createdAt: '2026-08-20T02:00:00.000Z',
      },
    ])
    expect([...view.pending].sort()).toEqual([p.id, postRehabId].sort())
    expect(caseload(view, '2026-08-21').data).toEqual([])
  })

  it('lays a relapse over the post-rehab record (even one opened offline): the person awaits determination', () => {
    const a = person({ status: 'in_rehab' })
    const p = plan({ personId: a.id })
    const postRehabId = uuid()
    const view = overlay({ ...empty(), persons: [a], plans: [p] }, [
      completion(p.id, a.id, postRehabId),
      entry({
        seq: 2,
        personId: a.id,
        type: 'post_rehab.relapse',
        entityId: postRehabId,
        data: { version: 1, relapseOn: '2026-09-01', note: 'Dương tính (thử)' },
      }),
    ])
    expect(view.postRehab[0]).toMatchObject({ id: postRehabId, status: 'relapsed', relapseOn: '2026-09-01', relapseNote: 'Dương tính (thử)' })
    expect(view.persons[0]).toMatchObject({ category: 'post_rehab', status: 'awaiting_determination' })
  })

  it('shows support, the completion and the relapse in the local timeline as the server’s timeline does', () => {
    const a = person({ status: 'in_rehab' })
    const p = plan({ personId: a.id })
    const postRehabId = uuid()
    const supportId = uuid()
    const view = overlay({ ...empty(), persons: [a], plans: [p] }, [
      completion(p.id, a.id, postRehabId),
      entry({
        seq: 2,
        personId: a.id,
        type: 'support.create',
        entityId: supportId,
        queuedAt: '2026-08-25T02:00:00.000Z',
        data: { personId: a.id, kind: 'preferential_loan', givenOn: '2026-08-25', amountVnd: 20_000_000 },
      }),
      entry({ seq: 3, personId: a.id, type: 'post_rehab.relapse', entityId: postRehabId, data: { version: 1, relapseOn: '2026-09-01' } }),
    ])
    expect(view.support).toEqual([
      {
        id: supportId,
        personId: a.id,
        kind: 'preferential_loan',
        givenOn: '2026-08-25',
        amountVnd: 20_000_000,
        note: null,
        version: 1,
        createdAt: '2026-08-25T02:00:00.000Z',
      },
    ])
    const local = personView(view, a.id)!
    expect(local.support.map((s) => s.id)).toEqual([supportId])
    expect(local.events.slice(0, 3).map((e) => [e.on, e.kind, e.refId])).toEqual([
      ['2026-08-25', 'support', supportId],
      ['2026-08-20', 'plan_status', p.id],
      ['2026-08-20', 'post_rehab', postRehabId],
    ])
    expect(local.events[0]!.summary).toEqual({ kind: 'preferential_loan', amountVnd: 20_000_000 })
    expect(local.events[1]!.summary.to).toBe('completed')
    expect(local.events[1]!.summary).toMatchObject({ decisionNumber: 'GXN-01 (thử)', decisionDate: '2026-08-20', decisionSignerRole: 'commune_chair' })
    expect(local.events[2]!.summary).toEqual({
      status: 'relapsed',
      endOn: '2027-08-20',
      supportModel: 'b93_club',
      supporterName: 'Tình nguyện viên (thử)',
      relapseOn: '2026-09-01',
      decisionNumber: OPENING.number,
      decisionDate: OPENING.date,
      decisionSigner: OPENING.signer,
      decisionSignerRole: OPENING.signerRole,
      decisionBody: OPENING.body,
    })
  })
})

describe('local caseload', () => {
  it('computes due and overdue with the server’s rule and lists the most urgent first', () => {
    const a = person({ fullName: 'An Thử' })
    const b = person({ fullName: 'Bình Thử' })
    const c = person({ fullName: 'Cúc Thử' })
    const records: Records = {
      ...empty(),
      persons: [a, b, c],
      plans: [
        plan({ personId: a.id, startOn: '2026-01-01' }),
        plan({ personId: b.id, startOn: '2026-02-25' }),
        plan({ personId: c.id, startOn: '2026-03-10' }),
        plan({ personId: c.id, status: 'completed' }),
      ],
    }
    const { data, summary } = caseload(overlay(records, []), '2026-03-26')
    expect(data.map((r) => [r.fullName, r.nextReview.state, r.nextReview.dueOn])).toEqual([
      ['An Thử', 'overdue', '2026-02-01'],
      ['Bình Thử', 'due', '2026-03-25'],
      ['Cúc Thử', 'upcoming', '2026-04-10'],
    ])
    expect(summary).toEqual({ overdue: 1, due: 1, total: 3 })
  })

  it('counts a review queued offline at once', () => {
    const a = person()
    const p = plan({ personId: a.id, startOn: '2026-01-01' })
    const view = overlay({ ...empty(), persons: [a], plans: [p] }, [
      entry({
        seq: 1,
        personId: a.id,
        type: 'review.create',
        data: { personId: a.id, reviewedOn: '2026-03-20', attended: true, drugTest: 'negative', riskLevel: 'low' },
      }),
    ])
    expect(caseload(view, '2026-03-26').data[0]).toMatchObject({ lastReviewOn: '2026-03-20', nextReview: { state: 'upcoming', dueOn: '2026-04-20' } })
  })
})

describe('local timeline', () => {
  it('lists registration, plan status changes and reviews newest first, on Vietnam’s calendar days', () => {
    const a = person({ createdAt: '2026-01-04T18:30:00.000Z' })
    const p = plan({ personId: a.id })
    const view = overlay({ ...empty(), persons: [a], plans: [p] }, [
      entry({
        seq: 1,
        personId: a.id,
        type: 'review.create',
        queuedAt: '2026-03-20T01:00:00.000Z',
        data: { reviewedOn: '2026-03-20', attended: true, drugTest: 'negative', riskLevel: 'low' },
      }),
    ])
    const events = personView(view, a.id)!.events
    expect(events.map((e) => [e.on, e.kind])).toEqual([
      ['2026-03-20', 'review'],
      ['2026-01-10', 'plan_status'],
      ['2026-01-10', 'plan_status'],
      ['2026-01-05', 'registered'],
    ])
    expect(events[1]!.summary.to).toBe('active')
  })
})
