import { strFromU8, unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { parsePeriod } from '../../kernel/domain/report-period.ts'
import { createTestApp, createTestPlatform, jsonBody, type TestApp, type TestPlatform } from '../helpers/platform.ts'
import { completionBody, decisionOn, finishStages, setCaseRules } from '../helpers/plans.ts'
import { createTestUser, sessionCookieFor } from '../helpers/users.ts'

// A small, hand-counted province: every figure below is checked against what this setup obviously contains.
let platform: TestPlatform
let t: TestApp
let now = new Date('2026-07-15T03:00:00Z')
let communeA: string
let communeB: string
const cookies: Record<string, string> = {}
let seq = 0
const as =
  (who: string) =>
  async (path: string, init: RequestInit = {}) => {
    const res = await t.request(path, { ...init, headers: { ...(init.headers as Record<string, string>), cookie: cookies[who]! } })
    if (!res.ok) throw new Error(`${res.status} ${await res.text()}`)
    return res
  }
const data = async (res: Response) => (await res.json()).data

async function register(who: string, commune: string, category: 'dependent' | 'drug_user' | 'post_rehab') {
  return data(
    await as(who)(
      '/api/p/82/persons',
      jsonBody('POST', {
        fullName: 'Người Thử Nghiệm',
        birthDate: '1990-01-01',
        sex: 'male',
        citizenId: `0790900${String(++seq).padStart(5, '0')}`,
        communeCode: commune,
        category,
        ...(category === 'dependent' ? { addictionDeterminedOn: '2026-01-02', addictionDeterminedBy: 'Trung tâm Y tế (thử nghiệm)' } : {}),
      }),
    ),
  )
}

beforeAll(async () => {
  platform = await createTestPlatform()
  await onboardTenant(platform.onboardDeps, '82')
  t = createTestApp(platform, { clock: { now: () => now } })
  const db = (await t.deps.tenants.resolve('82'))!.db
  ;[communeA, communeB] = (await db.query.communes.findMany({ orderBy: (c, { asc }) => asc(c.code), limit: 2 })).map((c) => c.code) as [string, string]
  cookies.a = await sessionCookieFor(
    platform.control,
    await createTestUser(platform.control, { username: 'rep-a', role: 'commune_officer', province: '82', communes: [communeA] }),
  )
  cookies.b = await sessionCookieFor(
    platform.control,
    await createTestUser(platform.control, { username: 'rep-b', role: 'commune_officer', province: '82', communes: [communeB] }),
  )
  cookies.province = await sessionCookieFor(
    platform.control,
    await createTestUser(platform.control, { username: 'rep-p', role: 'province_officer', province: '82' }),
  )
  // This province follows voluntary completers in post-rehab management (counted below).
  await setCaseRules(t, platform.control, { postRehabAfterVoluntary: true })

  // Q2 (before the reported quarter): one dependent person in A registered.
  now = new Date('2026-05-10T03:00:00Z')
  const early = await register('a', communeA, 'dependent')
  // Q3: in A, 2 dependents + 1 drug user registered; one plan started and completed, one terminated.
  now = new Date('2026-07-15T03:00:00Z')
  const p1 = await register('a', communeA, 'dependent')
  const p2 = await register('a', communeA, 'dependent')
  await register('a', communeA, 'drug_user')
  const plan1 = await data(
    await as('a')(
      `/api/p/82/persons/${p1.id}/plans`,
      jsonBody('POST', {
        form: 'family',
        registeredOn: '2026-01-01',
        startOn: '2026-01-02',
        plannedEndOn: '2026-07-02',
        members: [{ name: 'Tổ', role: 'tv' }],
        stages: [],
      }),
    ),
  )
  // Started (recorded) in Q3 on a decision of January: completed in Q3, six months after the decision.
  await as('a')(`/api/p/82/plans/${plan1.id}/transitions`, jsonBody('POST', { to: 'active', version: 1, decision: decisionOn('2026-01-02') }))
  const ready = await finishStages((path, init) => as('a')(`/api/p/82${path}`, init), plan1.id, 2, '2026-01-05', '2026-06-30')
  await as('a')(
    `/api/p/82/persons/${p1.id}/reviews`,
    jsonBody('POST', { reviewedOn: '2026-07-10', attended: true, drugTest: 'negative', riskLevel: 'low', employed: true }),
  )
  await as('a')(`/api/p/82/persons/${p1.id}/support`, jsonBody('POST', { kind: 'preferential_loan', givenOn: '2026-07-12', amountVnd: 20_000_000 }))
  await as('a')(`/api/p/82/persons/${p1.id}/support`, jsonBody('POST', { kind: 'preferential_loan', givenOn: '2026-07-13', amountVnd: 15_000_000 }))
  await as('a')(`/api/p/82/plans/${plan1.id}/complete`, jsonBody('POST', completionBody(ready, '2026-07-14')))
  const plan2 = await data(
    await as('a')(
      `/api/p/82/persons/${p2.id}/plans`,
      jsonBody('POST', {
        form: 'community',
        registeredOn: '2026-07-01',
        startOn: '2026-07-02',
        plannedEndOn: '2027-01-02',
        members: [{ name: 'Tổ', role: 'tv' }],
        stages: [],
      }),
    ),
  )
  await as('a')(`/api/p/82/plans/${plan2.id}/transitions`, jsonBody('POST', { to: 'active', version: 1, decision: decisionOn('2026-07-02') }))
  await as('a')(
    `/api/p/82/persons/${p2.id}/reviews`,
    jsonBody('POST', { reviewedOn: '2026-07-11', attended: false, drugTest: 'positive', substance: 'methamphetamine', riskLevel: 'high', employed: false }),
  )
  await as('a')(
    `/api/p/82/plans/${plan2.id}/transitions`,
    jsonBody('POST', { to: 'terminated', version: 2, reason: 'drug_use', decision: decisionOn('2026-07-11') }),
  )
  // Q3 in B: one post-rehab person registered.
  await register('b', communeB, 'post_rehab')
  // Q4 (after): the early person starts a plan — must not count in Q3.
  now = new Date('2026-10-05T03:00:00Z')
  const plan3 = await data(
    await as('a')(
      `/api/p/82/persons/${early.id}/plans`,
      jsonBody('POST', {
        form: 'family',
        registeredOn: '2026-10-01',
        startOn: '2026-10-02',
        plannedEndOn: '2027-04-02',
        members: [{ name: 'Tổ', role: 'tv' }],
        stages: [],
      }),
    ),
  )
  await as('a')(`/api/p/82/plans/${plan3.id}/transitions`, jsonBody('POST', { to: 'active', version: 1, decision: decisionOn('2026-10-02') }))
})
afterAll(() => platform.cleanup())

describe('report periods', () => {
  it('turns quarters, halves and years into their days', () => {
    expect(parsePeriod('2026-Q3')).toEqual({ label: '2026-Q3', from: '2026-07-01', to: '2026-09-30' })
    expect(parsePeriod('2024-H1')).toEqual({ label: '2024-H1', from: '2024-01-01', to: '2024-06-30' })
    expect(parsePeriod('2026')).toEqual({ label: '2026', from: '2026-01-01', to: '2026-12-31' })
    expect(parsePeriod('2026-Q5')).toBeNull()
    expect(parsePeriod('1999')).toBeNull()
  })
})

describe('quarterly report', () => {
  it('counts what happened in the quarter, per commune and in total', async () => {
    const report = await data(await as('province')('/api/p/82/reports?period=2026-Q3'))
    const a = report.byCommune.find((c: { code: string }) => c.code === communeA)
    expect(a).toMatchObject({
      newRegistrations: 3,
      plansStarted: 1 + 1, // plan1 and plan2 (plan3 started in Q4)
      plansCompleted: 1,
      plansTerminated: 1,
      relapses: 0,
      underPostRehab: 1,
      reviewsDone: 2,
      employed: { known: 2, employed: 1, share: 50 },
    })
    expect(a.support.preferential_loan).toEqual({ count: 2, amountVnd: 35_000_000 })
    // Current snapshot: A has the early person (now in rehab), p1 post-rehab, p2 dependent, one drug user.
    expect(a.people).toEqual({ drug_user: 1, dependent: 2, post_rehab: 1, total: 4 })
    const b = report.byCommune.find((c: { code: string }) => c.code === communeB)
    expect(b).toMatchObject({ newRegistrations: 1, people: { drug_user: 0, dependent: 0, post_rehab: 1, total: 1 } })
    expect(report.total).toMatchObject({ newRegistrations: 4, plansStarted: 2, plansCompleted: 1, plansTerminated: 1, reviewsDone: 2 })
    expect(report.total.people.total).toBe(5)
  })

  it('keeps a commune officer to their own communes', async () => {
    const report = await data(await as('b')('/api/p/82/reports?period=2026-Q3'))
    expect(report.byCommune.map((c: { code: string }) => c.code)).toEqual([communeB])
    expect(report.total.newRegistrations).toBe(1)
    const res = await t.request(`/api/p/82/reports?period=2026-Q3&commune=${communeA}`, { headers: { cookie: cookies.b! } })
    expect(res.status).toBe(404)
  })

  it('names a bad period', async () => {
    const res = await t.request('/api/p/82/reports?period=2026-Q7', { headers: { cookie: cookies.province! } })
    expect(res.status).toBe(400)
    expect((await res.json()).error.details.issues[0].field).toBe('query.period')
  })

  it('downloads the same figures as XLSX with Vietnamese headers', async () => {
    const res = await as('province')('/api/p/82/reports/xlsx?period=2026-Q3')
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
    expect(res.headers.get('content-disposition')).toContain('bao-cao-82-2026-Q3.xlsx')
    const files = unzipSync(new Uint8Array(await res.arrayBuffer()))
    expect(Object.keys(files)).toEqual(expect.arrayContaining(['[Content_Types].xml', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml']))
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']!)
    expect(sheet).toContain('Đăng ký mới trong kỳ')
    expect(sheet).toContain('Vay vốn ưu đãi (đồng)')
    expect(sheet).toContain('<v>35000000</v>')
    expect(sheet).toContain('Tổng cộng — Đồng Tháp')
  })
})
