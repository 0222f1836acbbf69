// The central overview (issue #18; decision 0042) over three small, hand-counted provinces on real files:
// snapshots equal the hand totals, small counts never reach a central answer, a province whose file is broken keeps
// its last snapshot (flagged stale) while the others refresh, and no central answer carries anything about a person.
import { readFileSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { eq } from 'drizzle-orm'
import { strFromU8, unzipSync } from 'fflate'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog, centralSnapshots } from '../../db/control/schema/index.ts'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { personCreate } from '../../kernel/commands/person-create.ts'
import type { CentralSummary, CentralTrend, ProvinceOverview, ProvinceTrend } from '../../kernel/contract/central.ts'
import { refreshAllSnapshots, SNAPSHOT_CRON } from '../../worker/jobs/refresh-snapshots.ts'
import { runAsSystem } from '../helpers/commands.ts'
import { createMemoryLogger, createNodeTenantResolver, createTestApp, createTestPlatform, type TestApp, type TestPlatform } from '../helpers/platform.ts'
import { createTestUser, sessionCookieFor } from '../helpers/users.ts'

let platform: TestPlatform
let t: TestApp
let viewer = ''
let admin = ''
let officer82 = ''
let provinceAdmin82 = ''
const COMMUNES: Record<string, string[]> = {}
/** What identifies the fixtures' people: none of it may appear in a central answer. */
const personal: string[] = []
let seq = 0
const FIRST = new Date('2026-11-25T01:00:00Z')
const SECOND = new Date('2026-11-25T07:00:00Z')
let now = FIRST

async function people(province: string, commune: string, category: 'dependent' | 'drug_user', n: number) {
  const db = (await t.deps.tenants.resolve(province))!.db
  for (let i = 0; i < n; i++) {
    const id = crypto.randomUUID()
    const fullName = `Trịnh Văn Kiểm ${String.fromCharCode(65 + (seq % 26))}${seq}`
    const citizenId = `079083${String(++seq).padStart(6, '0')}`
    const birthDate = `1983-04-${String((seq % 27) + 1).padStart(2, '0')}`
    personal.push(id, fullName, citizenId, birthDate)
    await runAsSystem(db, province, commune, personCreate, id, {
      fullName,
      birthDate,
      sex: 'male',
      citizenId,
      communeCode: commune,
      category,
      ...(category === 'dependent' ? { addictionDeterminedOn: '2026-11-02', addictionDeterminedBy: 'Trung tâm Y tế (thử nghiệm)' } : {}),
    })
  }
}

// Hand counts (2026-Q4): 82 = A 6 dependent; B 4 dependent + 1 drug user. 01 = 7 dependent + 2 drug users. 79 = 5 dependent.
const HAND = {
  '82': { underManagement: 11, dependent: 10, drugUsers: 1, postRehab: 0, newRegistrations: 11 },
  '01': { underManagement: 9, dependent: 7, drugUsers: 2, postRehab: 0, newRegistrations: 9 },
  '79': { underManagement: 5, dependent: 5, drugUsers: 0, postRehab: 0, newRegistrations: 5 },
} as const
const NATIONAL = { underManagement: 25, dependent: 22, drugUsers: 3, postRehab: 0, newRegistrations: 25 }

beforeAll(async () => {
  platform = await createTestPlatform()
  for (const code of ['82', '01', '79']) await onboardTenant(platform.onboardDeps, code)
  t = createTestApp(platform, { clock: { now: () => now } })
  for (const code of ['82', '01', '79']) {
    const db = (await t.deps.tenants.resolve(code))!.db
    COMMUNES[code] = (await db.query.communes.findMany({ orderBy: (c, { asc }) => asc(c.code), limit: 2 })).map((c) => c.code)
  }
  await people('82', COMMUNES['82']![0]!, 'dependent', 6)
  await people('82', COMMUNES['82']![1]!, 'dependent', 4)
  await people('82', COMMUNES['82']![1]!, 'drug_user', 1)
  await people('01', COMMUNES['01']![0]!, 'dependent', 7)
  await people('01', COMMUNES['01']![0]!, 'drug_user', 2)
  await people('79', COMMUNES['79']![0]!, 'dependent', 5)
  viewer = await sessionCookieFor(platform.control, await createTestUser(platform.control, { username: 'central-viewer-18', role: 'central_viewer' }))
  admin = await sessionCookieFor(platform.control, await createTestUser(platform.control, { username: 'central-admin-18', role: 'central_admin' }))
  officer82 = await sessionCookieFor(
    platform.control,
    await createTestUser(platform.control, { username: 'province-officer-82', role: 'province_officer', province: '82' }),
  )
  provinceAdmin82 = await sessionCookieFor(
    platform.control,
    await createTestUser(platform.control, { username: 'province-admin-82', role: 'province_admin', province: '82' }),
  )
  const outcomes = await refreshAllSnapshots({ control: platform.control, tenants: t.deps.tenants, logger: t.logger, now: FIRST })
  expect(outcomes.map((o) => [o.province, o.ok])).toEqual([
    ['01', true],
    ['79', true],
    ['82', true],
  ])
}, 120_000)
afterAll(() => platform.cleanup())

const get = async (path: string, cookie = viewer) => {
  const res = await t.request(path, { headers: { cookie } })
  if (!res.ok) throw new Error(`${res.status} ${await res.text()}`)
  return res
}
const summary = async (period = '2026-Q4'): Promise<CentralSummary> => (await (await get(`/api/central/summary?period=${period}`)).json()).data

describe('central snapshots', () => {
  it('hold the hand-counted figures of every province and commune, and nothing else', async () => {
    const rows = await platform.control.select().from(centralSnapshots).where(eq(centralSnapshots.period, '2026-Q4'))
    expect(rows.map((r) => r.provinceCode).sort()).toEqual(['01', '79', '82'])
    for (const row of rows) {
      const total = JSON.parse(row.total)
      const hand = HAND[row.provinceCode as keyof typeof HAND]
      for (const [key, value] of Object.entries(hand)) expect(total.counts[key], `${row.provinceCode} ${key}`).toBe(value)
      expect(total.minors).toBe('0')
    }
    const communes82 = JSON.parse(rows.find((r) => r.provinceCode === '82')!.communes)
    expect(communes82[COMMUNES['82']![0]!].counts).toMatchObject({ dependent: 6, drugUsers: 0, underManagement: 6 })
    expect(communes82[COMMUNES['82']![1]!].counts).toMatchObject({ dependent: 4, drugUsers: 1, underManagement: 5 })
    // Eight quarters for the trend; the people above were registered in 2026-Q4, so the quarters before count none.
    const periods = (await platform.control.select({ p: centralSnapshots.period }).from(centralSnapshots).where(eq(centralSnapshots.provinceCode, '82'))).map(
      (r) => r.p,
    )
    expect(periods.sort()).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'])
  })

  it('answers the summary with 34 provinces, the national total, and every count from 1 to 4 withheld', async () => {
    const s = await summary()
    expect(s.provinces).toHaveLength(34)
    expect(s.k).toBe(5)
    expect(s.total.provincesIncluded).toBe(3)
    for (const [code, hand] of Object.entries(HAND)) {
      const row = s.provinces.find((p) => p.code === code)!
      expect(row.snapshot).toMatchObject({ computedAt: FIRST.toISOString(), stale: false, lastError: null })
      for (const [key, value] of Object.entries(hand)) {
        const cell = row.cells[key as keyof typeof row.cells]
        if (value >= 1 && value < 5) expect(cell, `${code} ${key}`).toEqual({ value: null, suppressed: true })
        else if (!cell.suppressed) expect(cell.value, `${code} ${key}`).toBe(value)
      }
    }
    for (const [key, value] of Object.entries(NATIONAL)) {
      const cell = s.total.cells[key as keyof typeof s.total.cells]
      if (value >= 1 && value < 5) expect(cell).toEqual({ value: null, suppressed: true })
      else if (!cell.suppressed) expect(cell.value, key).toBe(value)
    }
    // The drug users' row (1 + 2 = 3) is withheld, and so are the dependents that would give it back from the totals.
    const r82 = s.provinces.find((p) => p.code === '82')!
    expect(r82.cells.underManagement.value !== null && r82.cells.dependent.value !== null).toBe(false)
    // Not onboarded: no snapshot, no figures, not marked as withheld.
    const other = s.provinces.find((p) => !(p.code in HAND))!
    expect(other.snapshot).toBeNull()
    expect(other.cells.underManagement).toEqual({ value: null })
    // No yearly plan entered in the fixture province: no targets. Its communes, none recognised drug-free yet (a count
    // of communes, not of people: never withheld).
    expect(r82.achievement).toBeNull()
    expect(r82.drugFree).toEqual({ communes: 102, drugFree: 0, kept: 0, new: 0, lost: 0, share: 0 })
  })

  it('gives one province its quarters, with the same cells withheld as the summary', async () => {
    const trend: CentralTrend = (await (await get('/api/central/provinces/82/trend')).json()).data
    expect(trend.quarters.map((q) => q.period)).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'])
    const q4 = trend.quarters.at(-1)!
    const s = await summary()
    expect(q4.cells).toEqual(s.provinces.find((p) => p.code === '82')!.cells)
    expect(q4.yearToDate?.newRegistrations).toEqual({ value: 11 })
    expect(trend.quarters[0]!.cells.underManagement).toEqual({ value: 0 })
    expect((await t.request('/api/central/provinces/99/trend', { headers: { cookie: viewer } })).status).toBe(404)
  })

  it('keeps a broken province’s last snapshot, flagged stale, while the others refresh', async () => {
    const before = (await summary()).provinces.find((p) => p.code === '79')!
    const file = join(platform.dataDir, 'tenants', 'binhan-p79.db')
    for (const suffix of ['-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true })
    writeFileSync(file, Buffer.alloc(64 * 1024, 0x5a))
    // A fresh process's resolver: it opens the broken file itself.
    const tenants = createNodeTenantResolver(platform, 0)
    now = SECOND
    const outcomes = await refreshAllSnapshots({ control: platform.control, tenants, logger: createMemoryLogger(), now: SECOND, options: { backoffMs: 10 } })
    expect(outcomes.map((o) => [o.province, o.ok])).toEqual([
      ['01', true],
      ['79', false],
      ['82', true],
    ])
    const s = await summary()
    const r79 = s.provinces.find((p) => p.code === '79')!
    expect(r79.snapshot).toMatchObject({ computedAt: FIRST.toISOString(), ageSeconds: 6 * 3600, stale: true, lastError: 'database_corrupt' })
    expect(r79.cells).toEqual(before.cells)
    expect(s.provinces.find((p) => p.code === '82')!.snapshot).toMatchObject({ computedAt: SECOND.toISOString(), stale: false })
    // A central admin's refresh of the broken province now (in a process that opens the file anew): 503 with the reason, audited in the control trail.
    const fresh = createTestApp(platform, { clock: { now: () => now }, tenants })
    const res = await fresh.request('/api/admin/provinces/79/refresh', { method: 'POST', headers: { cookie: admin } })
    expect(res.status).toBe(503)
    expect((await res.json()).error.details).toEqual({ reason: 'database_corrupt' })
    const ok = await fresh.request('/api/admin/provinces/82/refresh', { method: 'POST', headers: { cookie: admin } })
    expect(ok.status).toBe(200)
    const entries = await platform.control.select().from(auditLog).where(eq(auditLog.action, 'province.snapshot_refresh'))
    expect(entries.map((e) => [e.entityId, e.outcome])).toEqual([
      ['79', 'failure'],
      ['82', 'success'],
    ])
  }, 120_000)

  it('never sends anything about a person: every central route, JSON and XLSX', async () => {
    const routes = t.app.routes.filter(
      (r) => r.method !== 'ALL' && (r.path.startsWith('/api/central') || r.path.endsWith('/refresh') || r.path.startsWith('/api/p/:province/overview')),
    )
    const paths: Record<string, string> = {
      'GET /api/central/summary': '/api/central/summary?period=2026-Q4',
      'GET /api/central/summary/xlsx': '/api/central/summary/xlsx?period=2026-Q4',
      'GET /api/central/provinces/:province/trend': '/api/central/provinces/82/trend',
      'POST /api/admin/provinces/:province/refresh': '/api/admin/provinces/01/refresh',
      // The province's own overview: aggregates of its communes, asked by its own admin (central roles get 403).
      'GET /api/p/:province/overview': '/api/p/82/overview?period=2026-Q4',
      'GET /api/p/:province/overview/xlsx': '/api/p/82/overview/xlsx?period=2026-Q4',
      'GET /api/p/:province/overview/trend': `/api/p/82/overview/trend?commune=${COMMUNES['82']![1]!}`,
    }
    expect([...new Set(routes.map((r) => `${r.method} ${r.path}`))].sort()).toEqual(Object.keys(paths).sort())
    const FORBIDDEN_KEYS = /^(id|personId|person_id|fullName|full_name|citizenId|citizen_id|birthDate|birth_date|dateOfBirth|phone|address)$/i
    for (const [key, path] of Object.entries(paths)) {
      const cookie = path.startsWith('/api/p/') ? provinceAdmin82 : admin
      const res = await t.request(path, { method: key.split(' ')[0]!, headers: { cookie } })
      expect(res.status, key).toBe(200)
      const bytes = new Uint8Array(await res.arrayBuffer())
      const text = key.endsWith('xlsx')
        ? Object.values(unzipSync(bytes))
            .map((b) => strFromU8(b))
            .join('\n')
        : new TextDecoder().decode(bytes)
      if (key.endsWith('xlsx')) expect(text).toContain(path.startsWith('/api/p/') ? 'Toàn tỉnh' : 'Toàn quốc')
      else {
        const keys: string[] = []
        JSON.parse(text, (k, v) => {
          keys.push(k)
          return v
        })
        expect(
          keys.filter((k) => FORBIDDEN_KEYS.test(k)),
          key,
        ).toEqual([])
      }
      expect(
        personal.filter((p) => text.includes(p)),
        key,
      ).toEqual([])
    }
  }, 60_000)

  it('exports the table in the ministry layout: Vietnamese headers, a row per province, the national row last, withheld as *', async () => {
    const res = await get('/api/central/summary/xlsx?period=2026-Q4')
    expect(res.headers.get('content-disposition')).toContain('tong-hop-2026-Q4.xlsx')
    const sheet = strFromU8(unzipSync(new Uint8Array(await res.arrayBuffer()))['xl/worksheets/sheet1.xml']!)
    expect(sheet).toContain('Tỉnh, thành phố')
    expect(sheet).toContain('Tổng số người đang quản lý cuối kỳ')
    expect(sheet.match(/<row /g)).toHaveLength(1 + 34 + 1)
    expect(sheet).toContain('<t xml:space="preserve">*</t>')
  })

  it('runs on Workers on the schedule wrangler.toml declares', () => {
    const crons = /crons = (\[[^\]]*\])/.exec(readFileSync('wrangler.toml', 'utf8'))![1]!
    expect(JSON.parse(crons)).toContain(SNAPSHOT_CRON)
  })

  it('refuses a period that is not a quarter, naming the field', async () => {
    const res = await t.request('/api/central/summary?period=2026-H1', { headers: { cookie: viewer } })
    expect(res.status).toBe(400)
    expect(JSON.stringify(await res.json())).toContain('query.period')
  })

  it('gives a province’s own staff its communes from its snapshot, nothing withheld, and nobody else', async () => {
    const [a, b] = COMMUNES['82']!
    const res = await get('/api/p/82/overview?period=2026-Q4', officer82)
    const o: ProvinceOverview = (await res.json()).data
    expect(o).toMatchObject({ province: '82', period: '2026-Q4', snapshot: { stale: false } })
    expect(o.communes).toHaveLength(102)
    // The hand counts, the 1 and the 4 included: the province's own staff see these people in their reports anyway.
    expect(o.communes.find((c) => c.code === a)!.cells).toMatchObject({ dependent: { value: 6 }, drugUsers: { value: 0 }, underManagement: { value: 6 } })
    expect(o.communes.find((c) => c.code === b)!.cells).toMatchObject({ dependent: { value: 4 }, drugUsers: { value: 1 }, underManagement: { value: 5 } })
    expect(o.communes.find((c) => c.code === b)!.cells.newRegistrations).toEqual({ value: 5 })
    expect(JSON.stringify(o)).not.toContain('suppressed')
    for (const [key, value] of Object.entries(HAND['82'])) expect(o.total.cells[key as keyof typeof o.total.cells], key).toEqual({ value })
    expect(o.total.drugFree).toEqual({ communes: 102, drugFree: 0, kept: 0, new: 0, lost: 0, share: 0 })
    // While the same figure, once it leaves the province, stays withheld (1 drug user in 82).
    expect((await summary()).provinces.find((p) => p.code === '82')!.cells.drugUsers).toEqual({ value: null, suppressed: true })

    const trend: ProvinceTrend = (await (await get(`/api/p/82/overview/trend?commune=${b}`, officer82)).json()).data
    expect(trend).toMatchObject({ province: '82', commune: b })
    expect(trend.quarters.map((q) => q.period)).toEqual(['2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2026-Q1', '2026-Q2', '2026-Q3', '2026-Q4'])
    expect(trend.quarters.at(-1)!.cells.drugUsers).toEqual({ value: 1 })
    expect(trend.quarters.at(-1)!.yearToDate?.newRegistrations).toEqual({ value: 5 })
    expect(trend.quarters[0]!.cells.underManagement).toEqual({ value: 0 })
    const whole: ProvinceTrend = (await (await get('/api/p/82/overview/trend', officer82)).json()).data
    expect(whole.commune).toBeNull()
    expect(whole.quarters.at(-1)!.cells.underManagement).toEqual({ value: 11 })

    const xlsx = await get('/api/p/82/overview/xlsx?period=2026-Q4', provinceAdmin82)
    expect(xlsx.headers.get('content-disposition')).toContain('tong-hop-tinh-82-2026-Q4.xlsx')
    const sheet = strFromU8(unzipSync(new Uint8Array(await xlsx.arrayBuffer()))['xl/worksheets/sheet1.xml']!)
    expect(sheet).toContain('Xã, phường, đặc khu')
    expect(sheet).toContain('Toàn tỉnh')
    expect(sheet.match(/<row /g)).toHaveLength(1 + 102 + 1)
    expect(sheet).not.toContain('<t xml:space="preserve">*</t>')

    // Another province's overview looks like it does not exist to 82's officer; a commune of 01 is not one of 82's.
    expect((await t.request('/api/p/01/overview?period=2026-Q4', { headers: { cookie: officer82 } })).status).toBe(404)
    const foreign = await t.request(`/api/p/82/overview/trend?commune=${COMMUNES['01']![0]!}`, { headers: { cookie: officer82 } })
    expect(foreign.status).toBe(404)
    // Central roles, commune officers and reviewers: 403.
    const communeOfficer = await sessionCookieFor(
      platform.control,
      await createTestUser(platform.control, { username: 'commune-officer-82', role: 'commune_officer', province: '82', communes: [a!] }),
    )
    const reviewer = await sessionCookieFor(
      platform.control,
      await createTestUser(platform.control, { username: 'reviewer-82', role: 'province_reviewer', province: '82' }),
    )
    for (const cookie of [viewer, admin, communeOfficer, reviewer]) {
      for (const path of ['/api/p/82/overview?period=2026-Q4', '/api/p/82/overview/xlsx', `/api/p/82/overview/trend?commune=${a}`]) {
        expect((await t.request(path, { headers: { cookie } })).status, path).toBe(403)
      }
    }
    const bad = await t.request('/api/p/82/overview/trend?commune=12', { headers: { cookie: officer82 } })
    expect(bad.status).toBe(400)
    expect(JSON.stringify(await bad.json())).toContain('query.commune')
  })

  it('sets the province’s year to date against its yearly target, and says so when a quarter of the year is missing', async () => {
    // Snapshots as a refresh stores them, written straight into the control database for a year nothing else uses.
    const [c1, c2] = COMMUNES['01']!
    const figures = (started: number, registered: number) => ({
      counts: { ...Object.fromEntries(Object.keys(HAND['01']).map((k) => [k, 0])), rehabStarted: started, newRegistrations: registered },
      minors: '0',
    })
    const at = new Date('2024-07-01T00:00:00Z')
    const row = (period: string, started: [number, number]) => ({
      provinceCode: '01',
      period,
      total: JSON.stringify(figures(started[0] + started[1], 0)),
      communes: JSON.stringify({ [c1!]: figures(started[0], 0), [c2!]: figures(started[1], 0) }),
      targets: JSON.stringify({ rehabStarted: 8 }),
      drugFree: JSON.stringify({ communes: 10, drugFree: 4, kept: 3, new: 1, lost: 0 }),
      computedAt: at,
    })
    await platform.control.insert(centralSnapshots).values([row('2024-Q1', [2, 1]), row('2024-Q2', [3, 0]), row('2024-Q4', [1, 1])])
    const officer01 = await sessionCookieFor(
      platform.control,
      await createTestUser(platform.control, { username: 'province-officer-01', role: 'province_officer', province: '01' }),
    )
    const q2: ProvinceOverview = (await (await get('/api/p/01/overview?period=2024-Q2', officer01)).json()).data
    expect(q2.total.cells.rehabStarted).toEqual({ value: 3 })
    expect(q2.total.achievement?.rehabStarted).toEqual({ target: 8, yearToDate: { value: 6 }, percent: 75 })
    expect(q2.total.drugFree).toEqual({ communes: 10, drugFree: 4, kept: 3, new: 1, lost: 0, share: 0.4 })
    // Targets and drug-free communes are the province's: a commune row has neither.
    const first = q2.communes.find((c) => c.code === c1)!
    expect(first.cells.rehabStarted).toEqual({ value: 3 })
    expect([first.achievement, first.drugFree]).toEqual([null, null])
    // Q3 has no snapshot: Q4's year to date is unknown, so is its achievement; Q3 itself has no figures at all.
    const q4: ProvinceOverview = (await (await get('/api/p/01/overview?period=2024-Q4', officer01)).json()).data
    expect(q4.total.achievement?.rehabStarted).toEqual({ target: 8, yearToDate: { value: null }, percent: null })
    const q3: ProvinceOverview = (await (await get('/api/p/01/overview?period=2024-Q3', officer01)).json()).data
    expect(q3.snapshot).toBeNull()
    expect(q3.total.cells.rehabStarted).toEqual({ value: null })
  })
})
