import { strFromU8, unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { parsePeriod, previousYearOf } from '../../kernel/domain/report-period.ts'
import { thickReport } from '../../kernel/domain/report-wire.ts'
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
  it('turns quarters, halves, nine months and years into their days, and finds the same period a year earlier', () => {
    expect(parsePeriod('2026-Q3')).toEqual({ label: '2026-Q3', kind: 'quarter', from: '2026-07-01', to: '2026-09-30' })
    expect(parsePeriod('2024-H1')).toEqual({ label: '2024-H1', kind: 'half', from: '2024-01-01', to: '2024-06-30' })
    expect(parsePeriod('2026-9M')).toEqual({ label: '2026-9M', kind: 'nine_months', from: '2026-01-01', to: '2026-09-30' })
    expect(parsePeriod('2026')).toEqual({ label: '2026', kind: 'year', from: '2026-01-01', to: '2026-12-31' })
    expect(parsePeriod('2026-Q5')).toBeNull()
    expect(parsePeriod('1999')).toBeNull()
    expect(previousYearOf(parsePeriod('2024-Q1')!)).toEqual({ label: '2023-Q1', kind: 'quarter', from: '2023-01-01', to: '2023-03-31' })
    expect(previousYearOf(parsePeriod('2000')!)).toMatchObject({ label: '1999', from: '1999-01-01', to: '1999-12-31' })
  })
})

const now0 = { value: 0, previousYear: 0 }
const v = (value: number) => ({ value, previousYear: 0 })

describe('quarterly report', () => {
  it('counts what happened in the quarter, per commune and in total', async () => {
    const report = thickReport(await data(await as('province')('/api/p/82/reports?period=2026-Q3')))
    expect(report.period).toEqual({ label: '2026-Q3', kind: 'quarter', from: '2026-07-01', to: '2026-09-30' })
    expect(report.previousPeriod).toMatchObject({ label: '2025-Q3', from: '2025-07-01' })
    const a = report.byCommune.find((c: { code: string }) => c.code === communeA)!
    expect(a.cases).toMatchObject({
      newRegistrations: v(3),
      // plan2 (decided 2 July); plan1's start decision is dated January: it counts in Q1, whenever it was recorded.
      communityRehab: { started: v(1), completed: v(1), terminated: v(1), inRehabAtEnd: now0 },
      postRehab: { managed: { people: v(1), times: v(1) }, atEnd: v(1), relapses: { people: now0, times: now0 } },
      reviews: v(2),
      employment: { known: v(2), employed: v(1), share: { value: 50, previousYear: null } },
    })
    expect(a.cases.support.preferential_loan).toEqual({ times: v(2), people: v(1), amountVnd: v(35_000_000) })
    // At the quarter's end (30 September), not today: the early person had not yet started the plan of October.
    expect(a.cases.underManagement).toEqual({ drug_user: v(1), dependent: v(2), post_rehab: v(1), total: v(4) })
    expect(a.cases.byStatus).toMatchObject({ awaiting_registration: v(2), post_rehab: v(1), under_management: v(1), in_rehab: now0 })
    const b = report.byCommune.find((c: { code: string }) => c.code === communeB)!
    expect(b.cases).toMatchObject({ newRegistrations: v(1), underManagement: { drug_user: now0, dependent: now0, post_rehab: v(1), total: v(1) } })
    expect(report.total.cases).toMatchObject({
      newRegistrations: v(4),
      communityRehab: { started: v(1), completed: v(1), terminated: v(1) },
      reviews: v(2),
      underManagement: { total: v(5) },
    })
    // Q4 so far: the early person is in rehab (started 2 October).
    const q4 = await data(await as('province')('/api/p/82/reports?period=2026-Q4'))
    expect(q4.total.cases.communityRehab).toMatchObject({ started: v(1), inRehabAtEnd: v(1) })
    expect(q4.total.cases.newRegistrations).toEqual(now0)
    const q1 = await data(await as('province')('/api/p/82/reports?period=2026-Q1'))
    expect(q1.total.cases.communityRehab.started).toEqual(v(1))
  })

  it('keeps a commune officer to their own communes', async () => {
    const report = await data(await as('b')('/api/p/82/reports?period=2026-Q3'))
    expect(report.byCommune.map((c: { code: string }) => c.code)).toEqual([communeB])
    expect(report.total.cases.newRegistrations).toEqual({ value: 1, previousYear: 0 })
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
    const summary = strFromU8(files['xl/worksheets/sheet1.xml']!)
    expect(summary).toContain('Đăng ký mới trong kỳ')
    expect(summary).toContain('Cùng kỳ năm trước (Quý III/2025)')
    expect(summary).toContain('Kỳ báo cáo (Quý III/2026)')
    expect(summary).toContain('Vay vốn ưu đãi (đồng)')
    expect(summary).toContain('<v>35000000</v>')
    const perCommune = strFromU8(files['xl/worksheets/sheet2.xml']!)
    expect(perCommune).toContain('Tổng cộng — Đồng Tháp')
    expect(perCommune).toContain('Tái nghiện (lượt) — cùng kỳ năm trước')
  })
})
