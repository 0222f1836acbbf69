// GET …/reports/trend (decision 0035): the report chart's quarters, each the same two figures as that quarter's
// own report, within the asker's scope, validated and audited.
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog } from '../../db/tenant/schema/index.ts'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { createTestApp, createTestPlatform, jsonBody, type TestApp, type TestPlatform } from '../helpers/platform.ts'
import { createTestUser, sessionCookieFor } from '../helpers/users.ts'

let platform: TestPlatform
let t: TestApp
let now = new Date('2026-02-10T03:00:00Z')
let communeA: string
let communeB: string
const cookies: Record<string, string> = {}
let seq = 0
const get = async (who: string, path: string) => t.request(path, { headers: { cookie: cookies[who]! } })
const data = async (res: Response) => {
  if (!res.ok) throw new Error(`${res.status} ${await res.text()}`)
  return (await res.json()).data
}

async function register(commune: string) {
  const res = await t.request(
    '/api/p/82/persons',
    jsonBody(
      'POST',
      {
        fullName: 'Người Thử Nghiệm',
        birthDate: '1991-01-01',
        sex: 'male',
        citizenId: `0790910${String(++seq).padStart(5, '0')}`,
        communeCode: commune,
        category: 'drug_user',
      },
      { cookie: cookies[commune === communeA ? 'a' : 'b']! },
    ),
  )
  await data(res)
}

beforeAll(async () => {
  platform = await createTestPlatform()
  await onboardTenant(platform.onboardDeps, '82')
  t = createTestApp(platform, { clock: { now: () => now } })
  const db = (await t.deps.tenants.resolve('82'))!.db
  ;[communeA, communeB] = (await db.query.communes.findMany({ orderBy: (c, { asc }) => asc(c.code), limit: 2 })).map((c) => c.code) as [string, string]
  cookies.province = await sessionCookieFor(
    platform.control,
    await createTestUser(platform.control, { username: 'trend-p', role: 'province_officer', province: '82' }),
  )
  cookies.a = await sessionCookieFor(
    platform.control,
    await createTestUser(platform.control, { username: 'trend-a', role: 'commune_officer', province: '82', communes: [communeA] }),
  )
  cookies.b = await sessionCookieFor(
    platform.control,
    await createTestUser(platform.control, { username: 'trend-b', role: 'commune_officer', province: '82', communes: [communeB] }),
  )
  // Q1: two people in A; Q2: one in B; Q3: one more in A.
  await register(communeA)
  await register(communeA)
  now = new Date('2026-05-10T03:00:00Z')
  await register(communeB)
  now = new Date('2026-08-10T03:00:00Z')
  await register(communeA)
})

afterAll(() => platform.cleanup())

describe('report trend', () => {
  it('answers the eight quarters ending with the period, each as its own report counts it', async () => {
    const trend = await data(await get('province', '/api/p/82/reports/trend?period=2026-9M'))
    expect(trend.quarters.map((q: { label: string }) => q.label)).toEqual([
      '2024-Q4',
      '2025-Q1',
      '2025-Q2',
      '2025-Q3',
      '2025-Q4',
      '2026-Q1',
      '2026-Q2',
      '2026-Q3',
    ])
    expect(trend.quarters.slice(-3).map((q: { underManagement: number }) => q.underManagement)).toEqual([2, 3, 4])
    for (const q of trend.quarters.slice(-4)) {
      const report = await data(await get('province', `/api/p/82/reports?period=${q.label}`))
      expect(q, q.label).toEqual({
        label: q.label,
        underManagement: report.total.cases.underManagement.total.value,
        rehabStarted: report.total.cases.communityRehab.started.value,
      })
    }
  })

  it('counts only the asker’s communes; another commune is not found for them', async () => {
    const trend = await data(await get('b', '/api/p/82/reports/trend?period=2026-Q3'))
    expect(trend.quarters.slice(-3).map((q: { underManagement: number }) => q.underManagement)).toEqual([0, 1, 1])
    expect((await get('b', `/api/p/82/reports/trend?period=2026-Q3&commune=${communeA}`)).status).toBe(404)
    const one = await data(await get('province', `/api/p/82/reports/trend?period=2026-Q3&commune=${communeA}`))
    expect(one.quarters.slice(-3).map((q: { underManagement: number }) => q.underManagement)).toEqual([2, 2, 3])
  })

  it('names a bad period', async () => {
    const res = await get('province', '/api/p/82/reports/trend?period=2026-Q5')
    expect(res.status).toBe(400)
    expect((await res.json()).error.details.issues[0].field).toBe('query.period')
  })

  it('is audited as a report read', async () => {
    await data(await get('province', '/api/p/82/reports/trend?period=2026-H1'))
    const db = (await t.deps.tenants.resolve('82'))!.db
    const rows = await db
      .select({ entityType: auditLog.entityType })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'report.read'), eq(auditLog.entityId, 'trend:2026-H1')))
    expect(rows).toEqual([{ entityType: 'report' }])
  })
})
