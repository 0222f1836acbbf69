// The province's yearly plan and its targets through the API (decision 0036): achievement counted from records
// made through the API (a court-ordered referral, plans started and completed, job and loan support, awareness
// sessions, a B93 club), never typed; who may write and read; validation naming the field; a stale version 409;
// every write audited. The test clock is 2026-11-24. Synthetic people and documents only.
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog } from '../../db/tenant/schema/index.ts'
import { addMonths } from '../../kernel/calendar.ts'
import { thickReport } from '../../kernel/domain/report-wire.ts'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import type { TenantDb } from '../../db/types.ts'
import { completionBody, finishStages, setCaseRules } from '../helpers/plans.ts'
import { createTestApp, createTestPlatform, jsonBody, type TestApp, type TestPlatform } from '../helpers/platform.ts'
import { createTestUser, sessionCookieFor } from '../helpers/users.ts'

let platform: TestPlatform
let t: TestApp
let db: TenantDb
let mine: string
let theirs: string
const cookies: Record<'officer' | 'admin' | 'province' | 'central', string> = { officer: '', admin: '', province: '', central: '' }
let seq = 0

const as =
  (who: keyof typeof cookies) =>
  (path: string, init: RequestInit = {}) =>
    t.request(`/api/p/82${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), cookie: cookies[who] } })
async function post(path: string, body: unknown) {
  const res = await as('officer')(path, jsonBody('POST', body))
  const json = await res.json()
  expect(res.status, JSON.stringify(json)).toBeLessThan(300)
  return json.data
}
const decision = (date: string, signerRole = 'commune_chair') => ({
  number: `${++seq}/QĐ (thử)`,
  date,
  signer: 'Người ký (thử)',
  signerRole,
  body: 'Cơ quan (thử)',
})

async function dependent(commune: string): Promise<string> {
  const person = await post('/persons', {
    fullName: 'Đinh Văn Thử',
    birthDate: '1989-03-03',
    sex: 'male',
    citizenId: `0790890${String(++seq).padStart(5, '0')}`,
    communeCode: commune,
    category: 'dependent',
    addictionDeterminedOn: '2025-12-10',
    addictionDeterminedBy: 'TTYT (thử)',
  })
  return person.id
}
const planOf = (startOn: string) => ({
  form: 'family',
  registeredOn: startOn,
  startOn,
  plannedEndOn: addMonths(startOn, 8),
  members: [{ name: 'Tổ (thử)', role: 'công an xã' }],
  stages: [],
})
/** A plan started on `startOn` (active); completed on `completedOn` when given: answers the post-rehab record it opened. */
async function rehab(personId: string, startOn: string, completedOn?: string): Promise<string | undefined> {
  const plan = await post(`/persons/${personId}/plans`, planOf(startOn))
  await post(`/plans/${plan.id}/transitions`, { to: 'active', version: 1, decision: decision(startOn) })
  if (!completedOn) return undefined
  const call = (path: string, init: RequestInit) => as('officer')(path, init)
  const version = await finishStages(call, plan.id, 2, startOn, completedOn)
  const done = await post(`/plans/${plan.id}/complete`, completionBody(version, completedOn))
  return done.postRehab.id
}

const plan = (targets: unknown[], more: Record<string, unknown> = {}) => ({
  number: '75/KH-UBND',
  issuedOn: '2026-03-15',
  signer: 'KT. Chủ tịch — Phó Chủ tịch (thử)',
  title: 'Kế hoạch cai nghiện và quản lý sau cai nghiện năm 2026 (thử)',
  targets,
  ...more,
})
const put = (who: keyof typeof cookies, year: number, body: unknown) => as(who)(`/targets/${year}`, jsonBody('PUT', body))

interface Cell {
  indicator: string
  target: number | null
  achieved: number | null
  percent: number | null
  expectedByNow: number | null
}
interface Place {
  communeCode: string | null
  cells: Cell[]
}
const cellOf = (places: Place[], commune: string | null, indicator: string) =>
  places.find((p) => p.communeCode === commune)!.cells.find((c) => c.indicator === indicator)!

beforeAll(async () => {
  platform = await createTestPlatform()
  await onboardTenant(platform.onboardDeps, '82')
  t = createTestApp(platform)
  db = (await t.deps.tenants.resolve('82'))!.db
  const list = await db.query.communes.findMany({ orderBy: (c, { asc }) => asc(c.code), limit: 2 })
  ;[mine, theirs] = [list[0]!.code, list[1]!.code]
  await setCaseRules(t, platform.control, { postRehabAfterVoluntary: true })
  const user = async (username: string, role: 'commune_officer' | 'province_officer' | 'province_admin' | 'central_viewer', communes: string[] = []) =>
    sessionCookieFor(platform.control, await createTestUser(platform.control, { username, role, province: role === 'central_viewer' ? null : '82', communes }))
  cookies.officer = await user('targets-officer', 'commune_officer', [mine!])
  cookies.admin = await user('targets-admin', 'province_admin')
  cookies.province = await user('targets-province', 'province_officer')
  cookies.central = await user('targets-central', 'central_viewer')
})
afterAll(() => platform.cleanup())

describe('the yearly plan and its achievement', () => {
  it('counts achievement from the records, per commune and for the province, never from what was typed', async () => {
    // Two people complete rehab in 2026 in my commune (one starts in 2025: completed, not started, this year).
    const a = await dependent(mine!)
    const aPostRehab = await rehab(a, '2026-02-10', '2026-08-20')
    const b = await dependent(mine!)
    await rehab(b, '2025-11-10', '2026-06-01')
    // Jobs and loans to the post-rehab person: two job records for one person are one person; loans are person-times.
    await post(`/persons/${a}/support`, { kind: 'job_placement', givenOn: '2026-09-01', postRehabId: aPostRehab })
    await post(`/persons/${a}/support`, { kind: 'job_placement', givenOn: '2026-10-01', postRehabId: aPostRehab })
    await post(`/persons/${a}/support`, { kind: 'preferential_loan', givenOn: '2026-09-15', amountVnd: 30_000_000, postRehabId: aPostRehab })
    await post(`/persons/${a}/support`, { kind: 'preferential_loan', givenOn: '2026-10-15', amountVnd: 20_000_000, postRehabId: aPostRehab })
    // One compulsory referral with its court decision this year; one still before the court (not counted).
    const c = await dependent(mine!)
    const referral = await post(`/persons/${c}/referrals`, { ground: 'not_registered_or_abandoned', dossierOn: '2026-10-01', submittedOn: '2026-10-02' })
    await post(`/referrals/${referral.id}/admission`, {
      version: 1,
      decision: decision('2026-10-20', 'court'),
      facility: 'CSCN (thử)',
      admittedOn: '2026-10-22',
    })
    const d = await dependent(mine!)
    await post(`/persons/${d}/referrals`, { ground: 'not_registered_or_abandoned', dossierOn: '2026-11-01' })
    // Awareness sessions (2 + 1 this year, one last year) and a B93 club.
    const session = (heldOn: string, count: number, participants: number) =>
      post('/activities', { communeCode: mine, kind: 'awareness_session', heldOn, organiser: 'youth_union', count, participants })
    await session('2026-04-10', 2, 120)
    await session('2026-09-10', 1, 45)
    await session('2025-12-20', 5, 300)
    await post('/models', {
      communeCode: mine,
      kind: 'b93_club',
      name: 'CLB B93 (thử)',
      decision: decision('2026-01-15'),
      helpers: [{ name: 'Cán bộ (thử)', organisation: 'Công an xã', role: 'chủ nhiệm' }],
    })

    const saved = await put(
      'admin',
      2026,
      plan([
        { indicator: 'compulsory_referrals', value: 2 },
        { indicator: 'compulsory_referrals', communeCode: mine, value: 1 },
        { indicator: 'community_rehab_started', communeCode: mine, value: 4 },
        { indicator: 'community_rehab_completed', value: 2 },
        { indicator: 'jobs_given', value: 1 },
        { indicator: 'loans_given', value: 4 },
        { indicator: 'awareness_sessions', communeCode: mine, value: 2 },
        { indicator: 'awareness_participants', value: 100 },
        { indicator: 'b93_clubs', communeCode: mine, value: 1 },
        { indicator: 'drug_free_communes', value: 3 },
        // A typed "achieved" is no field of a target: ignored, never stored.
        { indicator: 'support_groups_5_1', value: 2, achieved: 99 },
      ]),
    )
    expect(saved.status).toBe(200)
    const { data } = await saved.json()
    expect(data.plan).toMatchObject({ year: 2026, number: '75/KH-UBND', version: 1 })
    // 328 of 365 days through 24 Nov.
    expect(data.progress).toEqual({ year: 2026, asOf: '2026-11-24', elapsedShare: 0.899 })
    const places = data.places as Place[]
    expect(places[0]!.communeCode).toBeNull()
    expect(cellOf(places, null, 'compulsory_referrals')).toEqual({ indicator: 'compulsory_referrals', target: 2, achieved: 1, percent: 50, expectedByNow: 2 })
    expect(cellOf(places, mine!, 'compulsory_referrals')).toMatchObject({ target: 1, achieved: 1, percent: 100 })
    // The report of any part of the year sets its referrals against the year's target, the province's and each commune's.
    const report = thickReport((await (await as('admin')('/reports?period=2026-Q4')).json()).data)
    expect(report.total.cases.compulsoryReferrals.target).toBe(2)
    expect(report.byCommune.find((c: { code: string }) => c.code === mine)!.cases.compulsoryReferrals.target).toBe(1)
    expect(cellOf(places, mine!, 'community_rehab_started')).toMatchObject({ target: 4, achieved: 1, percent: 25, expectedByNow: 4 })
    expect(cellOf(places, null, 'community_rehab_completed')).toMatchObject({ target: 2, achieved: 2, percent: 100 })
    expect(cellOf(places, null, 'jobs_given')).toMatchObject({ target: 1, achieved: 1, percent: 100 })
    expect(cellOf(places, null, 'loans_given')).toMatchObject({ target: 4, achieved: 2, percent: 50 })
    expect(cellOf(places, mine!, 'awareness_sessions')).toMatchObject({ target: 2, achieved: 3, percent: 150 })
    expect(cellOf(places, null, 'awareness_participants')).toMatchObject({ target: 100, achieved: 165, percent: 165 })
    expect(cellOf(places, mine!, 'b93_clubs')).toMatchObject({ target: 1, achieved: 1, percent: 100 })
    expect(cellOf(places, null, 'support_groups_5_1')).toMatchObject({ target: 2, achieved: 0, percent: 0 })
    // Communes newly recognised drug-free this year: none in this province yet.
    expect(cellOf(places, null, 'drug_free_communes')).toMatchObject({ target: 3, achieved: 0, percent: 0 })
    // Another commune: nothing recorded, no target.
    expect(cellOf(places, theirs!, 'compulsory_referrals')).toMatchObject({ target: null, achieved: 0, percent: null })

    // A later year counts nothing yet; last year counts last year's session.
    const before = (await (await as('province')('/targets/2025')).json()).data
    expect(before.plan).toBeNull()
    expect(cellOf(before.places, mine!, 'awareness_sessions')).toMatchObject({ target: null, achieved: 5 })
    expect(before.progress).toEqual({ year: 2025, asOf: '2025-12-31', elapsedShare: 1 })
    const next = (await (await as('province')('/targets/2027')).json()).data
    expect(next.progress).toEqual({ year: 2027, asOf: null, elapsedShare: 0 })
    expect(cellOf(next.places, null, 'awareness_sessions')).toMatchObject({ achieved: 0 })
  })

  it('shows a commune officer the province and their own communes only', async () => {
    const res = await as('officer')('/targets/2026')
    expect(res.status).toBe(200)
    const places = (await res.json()).data.places as Place[]
    expect(places.map((p) => p.communeCode)).toEqual([null, mine])
    expect(cellOf(places, null, 'compulsory_referrals')).toMatchObject({ target: 2 })
    expect(JSON.stringify(places)).not.toContain(theirs!)
  })

  it('lets only a province admin write; central roles see nothing of it', async () => {
    const officer = await put('officer', 2026, plan([], { version: 1 }))
    expect(officer.status).toBe(403)
    expect((await put('province', 2026, plan([], { version: 1 }))).status).toBe(403)
    const central = await as('central')('/targets/2026')
    expect(central.status).toBe(403)
    expect(JSON.stringify(await central.json())).not.toContain('75/KH-UBND')
    expect((await as('central')('/targets/2026', jsonBody('PUT', plan([])))).status).toBe(403)
    // Nothing changed: still version 1.
    expect((await (await as('admin')('/targets/2026')).json()).data.plan.version).toBe(1)
  })

  it('is no change a phone can send: a sync push of one is refused as an unknown type', async () => {
    const res = await as('officer')(
      '/sync/push',
      jsonBody('POST', {
        deviceId: '33333333-3333-4333-8333-333333333333',
        changes: [{ key: crypto.randomUUID(), type: 'target_plan.put', entityId: crypto.randomUUID(), data: plan([], { version: 1 }) }],
      }),
    )
    const body = await res.json()
    expect(res.status, JSON.stringify(body)).toBe(400)
    expect(body.error.details.issues[0].field).toBe('json.changes.0.type')
    expect((await (await as('admin')('/targets/2026')).json()).data.plan.version).toBe(1)
  })

  it('answers 400 naming the field, and writes nothing', async () => {
    const cases: [unknown, string][] = [
      [plan([{ indicator: 'jobs_given', value: -1 }]), 'json.targets.0.value'],
      [plan([{ indicator: 'jobs_given', value: 1.5 }]), 'json.targets.0.value'],
      [plan([{ indicator: 'no_such_thing', value: 1 }]), 'json.targets.0.indicator'],
      [plan([{ indicator: 'jobs_given', communeCode: '99999', value: 1 }]), 'json.targets.0.communeCode'],
      [plan([{ indicator: 'jobs_given', communeCode: 'abc', value: 1 }]), 'json.targets.0.communeCode'],
      [plan([{ indicator: 'drug_free_communes', communeCode: mine, value: 1 }]), 'json.targets.0.communeCode'],
      [
        plan([
          { indicator: 'jobs_given', communeCode: mine, value: 1 },
          { indicator: 'jobs_given', communeCode: mine, value: 2 },
        ]),
        'json.targets.1',
      ],
      [plan([], { number: '' }), 'json.number'],
      [plan([], { issuedOn: '2026-12-01' }), 'json.issuedOn'],
      [plan([], { issuedOn: '2026-02-30' }), 'json.issuedOn'],
    ]
    for (const [body, field] of cases) {
      const res = await put('admin', 2028, body)
      const json = await res.json()
      expect(res.status, field).toBe(400)
      expect(json.error.details.issues.map((i: { field: string }) => i.field)).toContain(field)
    }
    expect((await as('admin')('/targets/1999')).status).toBe(400)
    expect((await (await as('admin')('/targets/2028')).json()).data.plan).toBeNull()
  })

  it('answers 409 with the current plan when the version is stale, and keeps each replaced version', async () => {
    const first = await put('admin', 2029, plan([{ indicator: 'jobs_given', value: 10 }]))
    expect(first.status).toBe(200)
    // Creating again, as if the year had no plan: 409.
    const again = await put('admin', 2029, plan([]))
    expect(again.status).toBe(409)
    const second = await put('admin', 2029, plan([{ indicator: 'jobs_given', value: 12 }], { version: 1, number: '80/KH-UBND' }))
    expect(second.status).toBe(200)
    expect((await second.json()).data.plan).toMatchObject({ version: 2, number: '80/KH-UBND' })
    const stale = await put('admin', 2029, plan([{ indicator: 'jobs_given', value: 1 }], { version: 1 }))
    expect(stale.status).toBe(409)
    const body = await stale.json()
    expect(body.error.code).toBe('conflict')
    expect(body.error.details.current).toMatchObject({ version: 2, number: '80/KH-UBND', targets: [{ indicator: 'jobs_given', communeCode: null, value: 12 }] })
    const now = (await (await as('admin')('/targets/2029')).json()).data
    expect(cellOf(now.places, null, 'jobs_given').target).toBe(12)
    const versions = await db.$client.execute({ sql: 'select version, record from target_plan_versions where year = 2029', args: [] })
    expect(versions.rows.map((r) => r.version)).toEqual([1])
    expect(JSON.parse(String(versions.rows[0]!.record))).toMatchObject({ number: '75/KH-UBND', targets: [{ value: 10 }] })
    // Every write audited, none of the refused ones.
    const audited = await db.select().from(auditLog).where(eq(auditLog.entityId, '2029'))
    expect(audited.map((a) => [a.action, a.entityType, a.outcome])).toEqual([
      ['target_plan.put', 'target_plan', 'success'],
      ['target_plan.put', 'target_plan', 'success'],
    ])
  })
})
