import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { createTestApp, createTestPlatform, jsonBody, type TestApp, type TestPlatform } from '../helpers/platform.ts'
import { completionBody, decisionOn, finishStages } from '../helpers/plans.ts'
import { createTestUser, sessionCookieFor } from '../helpers/users.ts'

let platform: TestPlatform
let t: TestApp
let commune: string
let cookie: string
let seq = 0
const req = (path: string, init: RequestInit = {}) => t.request(path, { ...init, headers: { ...(init.headers as Record<string, string>), cookie } })
const json = async (res: Response) => {
  const body = await res.json()
  if (!res.ok) throw new Error(`${res.status} ${JSON.stringify(body)}`)
  return body.data
}

async function person(category: 'dependent' | 'drug_user' = 'dependent') {
  return json(
    await req(
      '/api/p/82/persons',
      jsonBody('POST', {
        fullName: 'Hồ Văn Phúc',
        birthDate: '1990-08-08',
        sex: 'male',
        citizenId: `0790900${String(++seq).padStart(5, '0')}`,
        communeCode: commune,
        category,
        ...(category === 'dependent' ? { addictionDeterminedOn: '2026-01-10', addictionDeterminedBy: 'Trung tâm Y tế (thử nghiệm)' } : {}),
      }),
    ),
  )
}

async function activePlan(personId: string) {
  const plan = await json(
    await req(
      `/api/p/82/persons/${personId}/plans`,
      jsonBody('POST', {
        form: 'family',
        registeredOn: '2026-03-01',
        startOn: '2026-03-10',
        plannedEndOn: '2026-09-10',
        members: [{ name: 'Tổ công tác', role: 'thành viên' }],
        stages: [],
      }),
    ),
  )
  await json(await req(`/api/p/82/plans/${plan.id}/transitions`, jsonBody('POST', { to: 'active', version: 1, decision: decisionOn('2026-03-10') })))
  // The three stages completion needs, done: the plan is at version 5.
  await finishStages((path, init) => req(`/api/p/82${path}`, init), plan.id, 2)
  return plan
}

const certificate = { ...decisionOn('2026-09-12', 'GXN-15/2026'), signer: 'Chủ tịch UBND xã' }
const completion = completionBody(5, '2026-09-12', { decision: certificate, supporterName: 'Trần Văn Hỗ Trợ' })
const admin = async (caseRules: Record<string, unknown>) => {
  const cookie = await sessionCookieFor(
    platform.control,
    await createTestUser(platform.control, { username: `care-admin-${++seq}`, role: 'province_admin', province: '82' }),
  )
  const res = await t.request('/api/p/82/settings', { ...jsonBody('PUT', { caseRules }), headers: { ...jsonBody('PUT', {}).headers, cookie } })
  expect(res.status).toBe(200)
}

beforeAll(async () => {
  platform = await createTestPlatform()
  await onboardTenant(platform.onboardDeps, '82')
  t = createTestApp(platform)
  const db = (await t.deps.tenants.resolve('82'))!.db
  commune = (await db.query.communes.findFirst({ orderBy: (c, { asc }) => asc(c.code) }))!.code
  cookie = await sessionCookieFor(
    platform.control,
    await createTestUser(platform.control, { username: 'care-officer', role: 'commune_officer', province: '82', communes: [commune] }),
  )
  // Most tests here follow post-rehab management after a voluntary completion: this province opens it.
  await admin({ postRehabAfterVoluntary: true })
})
afterAll(() => platform.cleanup())

describe('completion and post-rehab management', () => {
  it('with the law’s default, closes the plan with its certificate and ends the person’s rehab, opening no post-rehab', async () => {
    await admin({ postRehabAfterVoluntary: false })
    try {
      const p = await person()
      const plan = await activePlan(p.id)
      const done = await json(await req(`/api/p/82/plans/${plan.id}/complete`, jsonBody('POST', completion)))
      expect(done.postRehab).toBeNull()
      expect(done.plan).toMatchObject({ status: 'completed', completionNumber: 'GXN-15/2026', completionDate: '2026-09-12' })
      expect(done.plan.transitions.at(-1)).toMatchObject({ to: 'completed', decision: certificate })
      expect(await json(await req(`/api/p/82/persons/${p.id}`))).toMatchObject({ status: 'closed', category: 'dependent' })
      expect(await json(await req(`/api/p/82/persons/${p.id}/post-rehab`))).toEqual([])
    } finally {
      await admin({ postRehabAfterVoluntary: true })
    }
  })

  it('refuses a completion before the minimum duration (the province’s months) or with a required stage not done', async () => {
    const p = await person()
    const plan = await activePlan(p.id)
    const early = await req(`/api/p/82/plans/${plan.id}/complete`, jsonBody('POST', { ...completion, decision: { ...certificate, date: '2026-09-09' } }))
    expect(early.status).toBe(409)
    expect((await early.json()).error).toMatchObject({ code: 'completion_too_early', details: { earliestOn: '2026-09-10' } })
    await admin({ minRehabMonths: 7 })
    try {
      const longer = await req(`/api/p/82/plans/${plan.id}/complete`, jsonBody('POST', completion))
      expect((await longer.json()).error).toMatchObject({ code: 'completion_too_early', details: { earliestOn: '2026-10-10', minRehabMonths: 7 } })
    } finally {
      await admin({ minRehabMonths: 6 })
    }
    // A stage undone again: missing.
    await json(await req(`/api/p/82/plans/${plan.id}/stages`, jsonBody('POST', { version: 5, stage: 'detox_treatment', done: false })))
    const missing = await req(`/api/p/82/plans/${plan.id}/complete`, jsonBody('POST', { ...completion, version: 6 }))
    expect((await missing.json()).error).toMatchObject({ code: 'stages_incomplete', details: { missing: ['detox_treatment'] } })
  })

  it('closes the plan with its certificate and opens 12 months of post-rehab management', async () => {
    const p = await person()
    const plan = await activePlan(p.id)
    const done = await json(await req(`/api/p/82/plans/${plan.id}/complete`, jsonBody('POST', completion)))
    expect(done.plan).toMatchObject({
      status: 'completed',
      completionNumber: 'GXN-15/2026',
      completionDate: '2026-09-12',
      completionSigner: 'Chủ tịch UBND xã',
    })
    expect(done.postRehab).toMatchObject({
      status: 'active',
      startOn: '2026-09-12',
      endOn: '2027-09-12',
      supportModel: 'b93_club',
      supporterName: 'Trần Văn Hỗ Trợ',
      openDecision: completion.openDecision,
    })
    const [record] = await json(await req(`/api/p/82/persons/${p.id}/post-rehab`))
    expect(record).toMatchObject({ id: done.postRehab.id, openDecision: completion.openDecision, supporterName: 'Trần Văn Hỗ Trợ' })
    expect(await json(await req(`/api/p/82/persons/${p.id}`))).toMatchObject({ status: 'post_rehab', category: 'post_rehab' })
  })

  it('opens the post-rehab record under the id the client made, and refuses an id already in use', async () => {
    const postRehabId = crypto.randomUUID()
    const first = await activePlan((await person()).id)
    const done = await json(await req(`/api/p/82/plans/${first.id}/complete`, jsonBody('POST', { ...completion, postRehabId })))
    expect(done.postRehab).toMatchObject({ id: postRehabId, planId: first.id, status: 'active' })
    const second = await activePlan((await person()).id)
    const taken = await req(`/api/p/82/plans/${second.id}/complete`, jsonBody('POST', { ...completion, postRehabId }))
    expect(taken.status).toBe(409)
    expect((await taken.json()).error.details.issues[0].field).toBe('json.postRehabId')
    expect(await json(await req(`/api/p/82/plans/${second.id}`))).toMatchObject({ status: 'active', version: 5 })
  })

  it('refuses completion of a plan that is not active, and a certificate dated in the future', async () => {
    const p = await person()
    const plan = await json(
      await req(
        `/api/p/82/persons/${p.id}/plans`,
        jsonBody('POST', {
          form: 'family',
          registeredOn: '2026-03-01',
          startOn: '2026-03-10',
          plannedEndOn: '2026-09-10',
          members: [{ name: 'Tổ', role: 'tv' }],
          stages: [],
        }),
      ),
    )
    const draft = await req(`/api/p/82/plans/${plan.id}/complete`, jsonBody('POST', { ...completion, version: 1 }))
    expect(draft.status).toBe(409)
    await req(`/api/p/82/plans/${plan.id}/transitions`, jsonBody('POST', { to: 'active', version: 1, decision: decisionOn('2026-03-10') }))
    const future = await req(
      `/api/p/82/plans/${plan.id}/complete`,
      jsonBody('POST', { ...completion, version: 2, decision: { ...certificate, date: '2099-01-01' } }),
    )
    expect(future.status).toBe(400)
    expect((await future.json()).error.details.issues[0].field).toBe('json.decision.date')
    const unsigned = await req(
      `/api/p/82/plans/${plan.id}/complete`,
      jsonBody('POST', { ...completion, version: 2, decision: { ...certificate, number: ' ' } }),
    )
    expect(unsigned.status).toBe(400)
    expect((await unsigned.json()).error.details.issues[0].field).toBe('json.decision.number')
    // Where post-rehab opens, it opens with the chair's decision.
    const { openDecision: _none, ...noOpening } = completion
    const unopened = await req(`/api/p/82/plans/${plan.id}/complete`, jsonBody('POST', { ...noOpening, version: 2 }))
    expect(unopened.status).toBe(400)
  })

  it('records follow-ups, then a relapse that ends management and allows a new plan', async () => {
    const p = await person()
    const plan = await activePlan(p.id)
    const { postRehab } = await json(await req(`/api/p/82/plans/${plan.id}/complete`, jsonBody('POST', completion)))
    const follow = await req(
      `/api/p/82/post-rehab/${postRehab.id}/follow-ups`,
      jsonBody('POST', { contactedOn: '2026-10-01', method: 'visit', notes: 'Đi làm ổn định' }),
    )
    expect(follow.status).toBe(201)
    const early = await req(`/api/p/82/post-rehab/${postRehab.id}/follow-ups`, jsonBody('POST', { contactedOn: '2026-09-01', method: 'phone' }))
    expect(early.status).toBe(400)
    // No new plan while post-rehab: the person is not drug-dependent any more.
    expect(
      (
        await req(
          `/api/p/82/persons/${p.id}/plans`,
          jsonBody('POST', {
            form: 'family',
            registeredOn: '2026-11-01',
            startOn: '2026-11-02',
            plannedEndOn: '2027-05-02',
            members: [{ name: 'Tổ', role: 'tv' }],
            stages: [],
          }),
        )
      ).status,
    ).toBe(409)
    const relapse = await json(
      await req(`/api/p/82/post-rehab/${postRehab.id}/relapse`, jsonBody('POST', { version: 1, relapseOn: '2026-11-01', note: 'Xét nghiệm dương tính' })),
    )
    expect(relapse).toMatchObject({ status: 'relapsed', relapseOn: '2026-11-01' })
    // By law the person goes to addiction determination first (decision 0028).
    expect(await json(await req(`/api/p/82/persons/${p.id}`))).toMatchObject({ category: 'post_rehab', status: 'awaiting_determination' })
    expect((await req(`/api/p/82/post-rehab/${postRehab.id}/follow-ups`, jsonBody('POST', { contactedOn: '2026-11-10', method: 'phone' }))).status).toBe(409)
    const newPlan = jsonBody('POST', {
      form: 'family',
      registeredOn: '2026-11-01',
      startOn: '2026-11-02',
      plannedEndOn: '2027-05-02',
      members: [{ name: 'Tổ', role: 'tv' }],
      stages: [],
    })
    const waiting = await req(`/api/p/82/persons/${p.id}/plans`, newPlan)
    expect(waiting.status).toBe(409)
    expect((await waiting.json()).error.code).toBe('determination_required')
    const determination = await json(
      await req(`/api/p/82/persons/${p.id}/determinations`, jsonBody('POST', { trigger: 'post_rehab_use', dossierOn: '2026-11-01', facility: 'TTYT (thử)' })),
    )
    await json(
      await req(
        `/api/p/82/determinations/${determination.id}/result`,
        jsonBody('POST', {
          version: 1,
          resultOn: '2026-11-01',
          result: 'dependent',
          decision: { number: '4/QĐ-YT (thử)', date: '2026-11-01', signer: 'Giám đốc (thử)', signerRole: 'health_facility', body: 'TTYT (thử)' },
        }),
      ),
    )
    expect(await json(await req(`/api/p/82/persons/${p.id}`))).toMatchObject({ category: 'dependent', status: 'awaiting_registration' })
    expect(
      (
        await req(
          `/api/p/82/persons/${p.id}/plans`,
          jsonBody('POST', {
            form: 'family',
            registeredOn: '2026-11-01',
            startOn: '2026-11-02',
            plannedEndOn: '2027-05-02',
            members: [{ name: 'Tổ', role: 'tv' }],
            stages: [],
          }),
        )
      ).status,
    ).toBe(201)
    const records = await json(await req(`/api/p/82/persons/${p.id}/post-rehab`))
    expect(records[0].followUps).toHaveLength(1)
  })
})

describe('support and management periods', () => {
  it('records support; a loan needs its amount and only a loan has one', async () => {
    const p = await person()
    expect(
      (await req(`/api/p/82/persons/${p.id}/support`, jsonBody('POST', { kind: 'preferential_loan', givenOn: '2026-10-01', amountVnd: 30_000_000 }))).status,
    ).toBe(201)
    const noAmount = await req(`/api/p/82/persons/${p.id}/support`, jsonBody('POST', { kind: 'preferential_loan', givenOn: '2026-10-01' }))
    expect(noAmount.status).toBe(400)
    expect((await noAmount.json()).error.details.issues[0].field).toBe('json.amountVnd')
    expect((await req(`/api/p/82/persons/${p.id}/support`, jsonBody('POST', { kind: 'health_insurance', givenOn: '2026-10-01', amountVnd: 5 }))).status).toBe(
      400,
    )
    const list = await json(await req(`/api/p/82/persons/${p.id}/support`))
    expect(list).toEqual([expect.objectContaining({ kind: 'preferential_loan', amountVnd: 30_000_000 })])
  })

  it('tracks an illegal drug user’s one-year management period, one at a time', async () => {
    const user = await person('drug_user')
    const period = await json(
      await req(
        `/api/p/82/persons/${user.id}/management-periods`,
        jsonBody('POST', { startOn: '2026-02-28', measures: 'Quản lý tại cộng đồng, xét nghiệm định kỳ', decision: decision('2026-02-28') }),
      ),
    )
    expect(period).toMatchObject({ startOn: '2026-02-28', endOn: '2027-02-28', status: 'active', decision: decision('2026-02-28') })
    const again = jsonBody('POST', { startOn: '2026-03-01', measures: 'x', decision: decision('2026-03-01') })
    expect((await req(`/api/p/82/persons/${user.id}/management-periods`, again)).status).toBe(409)
    const dependent = await person()
    expect((await req(`/api/p/82/persons/${dependent.id}/management-periods`, again)).status).toBe(409)
  })
})

function decision(date: string) {
  return { number: '21/QĐ-UBND (thử)', date, signer: 'Chủ tịch UBND xã (thử)', signerRole: 'commune_chair', body: 'UBND xã (thử)' }
}

describe('timeline', () => {
  it('dates registration and plan changes by Vietnam’s calendar day, not UTC’s', async () => {
    // 23:30 UTC on the 23rd is 06:30 on the 24th in Vietnam.
    const early = createTestApp(platform, { clock: { now: () => new Date('2026-11-23T23:30:00Z') } })
    const earlyReq = (path: string, init: RequestInit = {}) =>
      early.request(path, { ...init, headers: { ...(init.headers as Record<string, string>), cookie } })
    const created = await json(
      await earlyReq(
        '/api/p/82/persons',
        jsonBody('POST', {
          fullName: 'Hồ Văn Sớm',
          birthDate: '1990-08-08',
          sex: 'male',
          citizenId: `0790900${String(++seq).padStart(5, '0')}`,
          communeCode: commune,
          category: 'dependent',
          addictionDeterminedOn: '2026-01-10',
          addictionDeterminedBy: 'Trung tâm Y tế (thử nghiệm)',
        }),
      ),
    )
    const plan = await json(
      await earlyReq(
        `/api/p/82/persons/${created.id}/plans`,
        jsonBody('POST', {
          form: 'family',
          registeredOn: '2026-11-20',
          startOn: '2026-11-24',
          plannedEndOn: '2027-05-24',
          members: [{ name: 'Tổ công tác', role: 'thành viên' }],
          stages: [],
        }),
      ),
    )
    const events = await json(await earlyReq(`/api/p/82/persons/${created.id}/timeline`))
    const byKind = (kind: string) => events.events.filter((e: { kind: string }) => e.kind === kind).map((e: { on: string; refId: string }) => [e.on, e.refId])
    expect(byKind('registered')).toEqual([['2026-11-24', created.id]])
    expect(byKind('plan_status')).toEqual([['2026-11-24', plan.id]])
  })

  it('shows status changes, plan, reviews, support and follow-ups, newest first', async () => {
    const p = await person()
    const plan = await activePlan(p.id)
    await json(
      await req(`/api/p/82/persons/${p.id}/reviews`, jsonBody('POST', { reviewedOn: '2026-04-10', attended: true, drugTest: 'negative', riskLevel: 'low' })),
    )
    await json(await req(`/api/p/82/persons/${p.id}/support`, jsonBody('POST', { kind: 'vocational_training', givenOn: '2026-06-01' })))
    const { postRehab } = await json(await req(`/api/p/82/plans/${plan.id}/complete`, jsonBody('POST', completion)))
    await json(await req(`/api/p/82/post-rehab/${postRehab.id}/follow-ups`, jsonBody('POST', { contactedOn: '2026-10-05', method: 'meeting' })))
    const { events, person: shown } = await json(await req(`/api/p/82/persons/${p.id}/timeline`))
    expect(shown.id).toBe(p.id)
    const kinds = events.map((e: { kind: string }) => e.kind)
    expect(kinds).toEqual(expect.arrayContaining(['registered', 'plan_status', 'review', 'support', 'post_rehab', 'follow_up']))
    const dates = events.map((e: { on: string }) => e.on)
    expect(dates).toEqual([...dates].sort().reverse())
    expect(events.filter((e: { kind: string }) => e.kind === 'plan_status').map((e: { summary: { to: string } }) => e.summary.to)).toEqual(
      expect.arrayContaining(['draft', 'active', 'completed']),
    )
    // Each decision and who recorded it, by name.
    const completed = events.find((e: { kind: string; summary: { to?: string } }) => e.kind === 'plan_status' && e.summary.to === 'completed')
    expect(completed.summary).toMatchObject({
      decisionNumber: 'GXN-15/2026',
      decisionDate: '2026-09-12',
      decisionSignerRole: 'commune_chair',
      byName: 'Test care-officer',
    })
    const opened = events.find((e: { kind: string }) => e.kind === 'post_rehab')
    expect(opened.summary).toMatchObject({ decisionNumber: '02/QĐ-UBND (thử)', supporterName: 'Trần Văn Hỗ Trợ' })
  })
})
