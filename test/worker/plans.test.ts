import fc from 'fast-check'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { planStatuses, rehabPlans } from '../../db/tenant/schema/index.ts'
import { createTestApp, createTestPlatform, jsonBody, type TestApp, type TestPlatform } from '../helpers/platform.ts'
import { decisionOn } from '../helpers/plans.ts'
import { createTestUser, sessionCookieFor } from '../helpers/users.ts'

let platform: TestPlatform
let t: TestApp
let commune: string
let cookie: string
let seq = 0
const cccd = () => `0790900${String(++seq).padStart(5, '0')}`
const req = (path: string, init: RequestInit = {}) => t.request(path, { ...init, headers: { ...(init.headers as Record<string, string>), cookie } })

const plan = (overrides: Record<string, unknown> = {}) => ({
  form: 'community',
  registeredOn: '2026-10-01',
  startOn: '2026-10-15',
  plannedEndOn: '2027-04-15',
  members: [{ name: 'Nguyễn Thị Tổ Trưởng', role: 'Chủ tịch UBND xã' }],
  stages: [
    { stage: 'detox_treatment', activities: ['Khám, đánh giá sức khỏe'], plannedStartOn: '2026-10-20', plannedEndOn: '2026-12-20' },
    { stage: 'education_counselling', activities: ['Tư vấn hằng tuần'] },
  ],
  ...overrides,
})

async function dependentPerson(category = 'dependent') {
  const res = await req(
    '/api/p/82/persons',
    jsonBody('POST', {
      fullName: 'Đỗ Văn Kiên',
      birthDate: '1990-02-02',
      sex: 'male',
      citizenId: cccd(),
      communeCode: commune,
      category,
      ...(category === 'dependent' ? { addictionDeterminedOn: '2026-09-01', addictionDeterminedBy: 'Trung tâm Y tế khu vực (thử nghiệm)' } : {}),
    }),
  )
  expect(res.status).toBe(201)
  return (await res.json()).data as { id: string; status: string; version: number }
}

async function newPlan(personId: string, body = plan()) {
  return req(`/api/p/82/persons/${personId}/plans`, jsonBody('POST', body))
}

const decision = decisionOn('2026-10-15')
/** A status change; every step here carries a decision unless the test says `decision: undefined`. */
const move = (planId: string, body: Record<string, unknown>) => req(`/api/p/82/plans/${planId}/transitions`, jsonBody('POST', { decision, ...body }))

beforeAll(async () => {
  platform = await createTestPlatform()
  await onboardTenant(platform.onboardDeps, '82')
  t = createTestApp(platform)
  const db = (await t.deps.tenants.resolve('82'))!.db
  commune = (await db.query.communes.findFirst({ orderBy: (c, { asc }) => asc(c.code) }))!.code
  cookie = await sessionCookieFor(
    platform.control,
    await createTestUser(platform.control, { username: 'plan-officer', role: 'commune_officer', province: '82', communes: [commune] }),
  )
})
afterAll(() => platform.cleanup())

describe('creating a plan', () => {
  it('starts as a draft with its members, stages and allowed next steps', async () => {
    const person = await dependentPerson()
    const res = await newPlan(person.id)
    expect(res.status).toBe(201)
    const { data } = await res.json()
    expect(data).toMatchObject({ status: 'draft', version: 1, form: 'community', allowedTransitions: ['active', 'terminated'] })
    expect(data.members).toEqual([{ name: 'Nguyễn Thị Tổ Trưởng', role: 'Chủ tịch UBND xã' }])
    expect(data.transitions).toHaveLength(1)
    // Always the law's five stages, in order, whichever were planned.
    expect(data.stages.map((s: { stage: string }) => s.stage)).toEqual([
      'intake_classification',
      'detox_treatment',
      'education_counselling',
      'work_vocational',
      'reintegration',
    ])
    expect(data.stages[1]).toEqual({
      stage: 'detox_treatment',
      activities: ['Khám, đánh giá sức khỏe'],
      plannedStartOn: '2026-10-20',
      plannedEndOn: '2026-12-20',
      actualStartOn: null,
      actualEndOn: null,
      done: false,
      doneBy: null,
      doneAt: null,
    })
  })

  it.each([
    ['plannedEndOn', { plannedEndOn: '2027-04-14' }, 'shorter than 6 months'],
    ['plannedEndOn', { plannedEndOn: '2027-10-16' }, 'longer than 12 months'],
    ['registeredOn', { registeredOn: '2099-01-01', startOn: '2099-01-02', plannedEndOn: '2099-08-01' }, 'future'],
    ['startOn', { startOn: '2026-09-01', plannedEndOn: '2027-03-01' }, 'before the registration'],
    ['form', { form: 'hospital' }, 'family or community'],
    ['stages', { stages: [{ stage: 'meditation', activities: [] }] }, 'must be one of'],
    ['stages', { stages: [{ stage: 'withdrawal_detox', activities: [] }] }, 'must be one of intake_classification'],
    ['stages', { stages: [{ stage: 'reintegration', activities: [], plannedStartOn: '2027-03-01', plannedEndOn: '2027-02-01' }] }, 'before the planned start'],
    ['members', { members: [] }, 'at least one'],
  ])('refuses a bad %s with a 400 naming it', async (field, overrides, words) => {
    const person = await dependentPerson()
    const res = await newPlan(person.id, plan(overrides))
    expect(res.status).toBe(400)
    const body = await res.json()
    const issue = body.error.details.issues.find((i: { field: string }) => i.field.startsWith(`json.${field}`))
    expect(issue, JSON.stringify(body)).toBeDefined()
    expect(issue.message).toContain(words)
  })

  it('allows at most one open plan per person', async () => {
    const person = await dependentPerson()
    expect((await newPlan(person.id)).status).toBe(201)
    const second = await newPlan(person.id)
    expect(second.status).toBe(409)
    expect((await second.json()).error.message).toContain('open plan')
  })

  it('is enforced by the database too', async () => {
    const person = await dependentPerson()
    const first = (await (await newPlan(person.id)).json()).data
    const db = (await t.deps.tenants.resolve('82'))!.db
    const now = new Date()
    await expect(
      db.insert(rehabPlans).values({ ...first, id: crypto.randomUUID(), status: 'active', members: '[]', stages: '[]', createdAt: now, updatedAt: now }),
    ).rejects.toThrow()
  })

  it('is only for drug-dependent people', async () => {
    const person = await dependentPerson('drug_user')
    const res = await newPlan(person.id)
    expect(res.status).toBe(409)
  })
})

describe('moving a plan through its statuses', () => {
  it('records who, when and why, and the person’s status follows', async () => {
    const person = await dependentPerson()
    const created = (await (await newPlan(person.id)).json()).data
    const active = await move(created.id, { to: 'active', version: 1 })
    expect(active.status).toBe(200)
    const started = (await active.json()).data
    expect(started).toMatchObject({ status: 'active', version: 2, startDecisionOn: '2026-10-15' })
    expect(started.transitions.at(-1)).toMatchObject({ from: 'draft', to: 'active', decision })
    expect((await (await req(`/api/p/82/persons/${person.id}`)).json()).data.status).toBe('in_rehab')
    const suspended = (await (await move(created.id, { to: 'suspended', version: 2, note: 'Đi làm xa 2 tuần' })).json()).data
    expect(suspended.transitions.at(-1)).toMatchObject({ from: 'active', to: 'suspended', note: 'Đi làm xa 2 tuần' })
    expect(suspended.transitions.at(-1).by).toBeTruthy()
    const ended = await move(created.id, { to: 'terminated', version: 3, reason: 'drug_use' })
    expect(ended.status).toBe(200)
    // The plan as GET shows it: each decision; the timeline names who recorded it.
    const shown = (await (await req(`/api/p/82/plans/${created.id}`)).json()).data
    expect(shown.transitions.map((tr: { to: string; decision: unknown }) => [tr.to, tr.decision])).toEqual([
      ['draft', null],
      ['active', decision],
      ['suspended', decision],
      ['terminated', decision],
    ])
    const events = (await (await req(`/api/p/82/persons/${person.id}/timeline`)).json()).data.events
    const terminated = events.find((e: { summary: { to?: string } }) => e.summary.to === 'terminated')
    expect(terminated.summary).toMatchObject({ byName: 'Test plan-officer', decisionNumber: decision.number, decisionSignerRole: 'commune_chair' })
    // A terminated plan does not answer dependence: the person must register again (decision 0028).
    expect((await (await req(`/api/p/82/persons/${person.id}`)).json()).data.status).toBe('awaiting_registration')
    // A new plan may start once the previous one has ended.
    expect((await newPlan(person.id)).status).toBe(201)
  })

  it('updates a stage of an active plan: done stamped with who and when, its dates checked, a stale version refused', async () => {
    const person = await dependentPerson()
    const created = (await (await newPlan(person.id)).json()).data
    await move(created.id, { to: 'active', version: 1 })
    const stage = (body: Record<string, unknown>) => req(`/api/p/82/plans/${created.id}/stages`, jsonBody('POST', body))
    const done = await stage({ version: 2, stage: 'intake_classification', actualStartOn: '2026-10-15', actualEndOn: '2026-11-01', done: true })
    expect(done.status).toBe(200)
    const plan = (await done.json()).data
    expect(plan.version).toBe(3)
    expect(plan.stages[0]).toMatchObject({ done: true, actualEndOn: '2026-11-01', doneAt: '2026-11-24T03:00:00.000Z' })
    expect(plan.stages[0].doneBy).toBeTruthy()
    const future = await stage({ version: 3, stage: 'detox_treatment', actualStartOn: '2026-11-25' })
    expect(future.status).toBe(400)
    expect((await future.json()).error.details.issues[0].field).toBe('json.actualStartOn')
    const stale = await stage({ version: 2, stage: 'detox_treatment', plannedStartOn: '2026-11-01' })
    expect(stale.status).toBe(409)
    expect((await stale.json()).error.details.current).toMatchObject({ version: 3 })
    const badStage = await stage({ version: 3, stage: 'withdrawal_detox' })
    expect((await badStage.json()).error.details.issues[0].field).toBe('json.stage')
  })

  it('answers an illegal transition with 409 listing the allowed ones', async () => {
    const person = await dependentPerson()
    const created = (await (await newPlan(person.id)).json()).data
    const res = await move(created.id, { to: 'suspended', version: 1 })
    expect(res.status).toBe(409)
    const body = await res.json()
    expect(body.error.details).toEqual({ from: 'draft', allowed: ['active', 'terminated'] })
    expect(body.error.message).toContain('allowed: active, terminated')
  })

  it('completes only through /complete with the certificate', async () => {
    const person = await dependentPerson()
    const created = (await (await newPlan(person.id)).json()).data
    await move(created.id, { to: 'active', version: 1 })
    const direct = await move(created.id, { to: 'completed', version: 2 })
    expect(direct.status).toBe(400)
    expect((await direct.json()).error.details.issues[0].field).toBe('json.to')
  })

  it('requires the decision each step rests on: 400 naming json.decision.number', async () => {
    const person = await dependentPerson()
    const created = (await (await newPlan(person.id)).json()).data
    for (const bad of [undefined, { ...decision, number: '' }, { ...decision, number: undefined }]) {
      const res = await move(created.id, { to: 'active', version: 1, decision: bad })
      expect(res.status).toBe(400)
      expect((await res.json()).error.details.issues[0].field).toBe('json.decision.number')
    }
    const future = await move(created.id, { to: 'active', version: 1, decision: { ...decision, date: '2026-12-01' } })
    expect((await future.json()).error.details.issues[0]).toEqual({ field: 'json.decision.date', message: 'must not be in the future' })
    expect(await (await req(`/api/p/82/plans/${created.id}`)).json()).toMatchObject({ data: { status: 'draft', version: 1 } })
  })

  it('requires a reason to terminate or transfer, from the legal list', async () => {
    const person = await dependentPerson()
    const created = (await (await newPlan(person.id)).json()).data
    await move(created.id, { to: 'active', version: 1 })
    const missing = await move(created.id, { to: 'terminated', version: 2 })
    expect(missing.status).toBe(400)
    expect((await missing.json()).error.details.issues[0].field).toBe('json.reason')
    // "relapse" is the law's drug use during rehab now.
    const old = await move(created.id, { to: 'terminated', version: 2, reason: 'relapse' })
    expect((await old.json()).error.details.issues[0].message).toBe(
      'must be one of drug_use, non_compliance, self_abandonment, moved_away, death, compulsory_rehab, other',
    )
    expect((await move(created.id, { to: 'transferred', version: 2, reason: 'moved_province' })).status).toBe(200)
  })

  it('answers a stale version with 409 and the current plan', async () => {
    const person = await dependentPerson()
    const created = (await (await newPlan(person.id)).json()).data
    await move(created.id, { to: 'active', version: 1 })
    const res = await move(created.id, { to: 'suspended', version: 1 })
    expect(res.status).toBe(409)
    expect((await res.json()).error.details.current).toMatchObject({ status: 'active', version: 2 })
  })

  it('never reaches an invalid state or two open plans through the API under random requests', async () => {
    const person = await dependentPerson()
    const db = (await t.deps.tenants.resolve('82'))!.db
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.oneof(fc.constant('open' as const), fc.constantFrom(...planStatuses)), { minLength: 1, maxLength: 12 }),
        // every run starts from the state the previous runs left: the invariant must hold throughout
        async (ops) => {
          for (const op of ops) {
            const plans = await db.select().from(rehabPlans).where(eq(rehabPlans.personId, person.id))
            const open = plans.find((p) => ['draft', 'active', 'suspended'].includes(p.status))
            if (op === 'open') {
              // A completed plan makes the person post-rehab: a new plan then waits for a relapse to be recorded.
              const current = (await (await req(`/api/p/82/persons/${person.id}`)).json()).data
              const res = await newPlan(person.id)
              expect(res.status).toBe(open || current.category !== 'dependent' ? 409 : 201)
            } else if (open) {
              const reason = op === 'terminated' ? 'other' : op === 'transferred' ? 'moved_commune' : undefined
              const res = await move(open.id, { to: op, version: open.version, ...(reason ? { reason } : {}) })
              // Completion goes through /complete with its certificate (400 here), other illegal moves are 409.
              expect(op === 'completed' ? [400] : [200, 409]).toContain(res.status)
            }
          }
          const after = await db.select().from(rehabPlans).where(eq(rehabPlans.personId, person.id))
          expect(after.filter((p) => ['draft', 'active', 'suspended'].includes(p.status)).length).toBeLessThanOrEqual(1)
          for (const p of after) expect(planStatuses).toContain(p.status)
        },
      ),
      { numRuns: 15 },
    )
  }, 120_000)
})
