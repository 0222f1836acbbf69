// Province settings (GET/PUT /api/p/:province/settings): the review policy, stored in tenant_meta, used by the
// caseload, the reports and the offline pull.
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { auditLog, tenantMeta } from '../../db/tenant/schema/index.ts'
import { DEFAULT_CASE_RULES } from '../../kernel/domain/case-rules.ts'
import { parseReviewPolicy } from '../../worker/repo/settings.ts'
import { createTestApp, createTestPlatform, jsonBody, type TestApp, type TestPlatform } from '../helpers/platform.ts'
import { decisionOn } from '../helpers/plans.ts'
import { createTestUser, sessionCookieFor } from '../helpers/users.ts'

let platform: TestPlatform
let t: TestApp
const now = new Date('2026-11-24T03:00:00Z') // 2026-11-24 in Vietnam
const cookies: Record<string, string> = {}
let commune = ''
const as =
  (who: string) =>
  (path: string, init: RequestInit = {}) =>
    t.request(path, { ...init, headers: { ...(init.headers as Record<string, string>), cookie: cookies[who]! } })
const put = (who: string, body: unknown, province = '82') => as(who)(`/api/p/${province}/settings`, jsonBody('PUT', body))

beforeAll(async () => {
  platform = await createTestPlatform()
  for (const code of ['82', '01']) await onboardTenant(platform.onboardDeps, code)
  t = createTestApp(platform, { clock: { now: () => now } })
  const db = (await t.deps.tenants.resolve('82'))!.db
  commune = (await db.query.communes.findFirst({ orderBy: (c, { asc }) => asc(c.code) }))!.code
  cookies.admin = await sessionCookieFor(
    platform.control,
    await createTestUser(platform.control, { username: 'set-admin', role: 'province_admin', province: '82' }),
  )
  cookies.admin01 = await sessionCookieFor(
    platform.control,
    await createTestUser(platform.control, { username: 'set-admin01', role: 'province_admin', province: '01' }),
  )
  cookies.province = await sessionCookieFor(
    platform.control,
    await createTestUser(platform.control, { username: 'set-prov', role: 'province_officer', province: '82' }),
  )
  cookies.commune = await sessionCookieFor(
    platform.control,
    await createTestUser(platform.control, { username: 'set-com', role: 'commune_officer', province: '82', communes: [commune] }),
  )
})
afterAll(() => platform.cleanup())

describe('province settings', () => {
  it('answers the default review policy when the province never set one, to every province role', async () => {
    for (const who of ['admin', 'province', 'commune']) {
      const res = await as(who)('/api/p/82/settings')
      expect(res.status).toBe(200)
      expect((await res.json()).data).toEqual({
        reviewPolicy: { intervalMonths: 1, graceDays: 7 },
        isDefault: true,
        caseRules: DEFAULT_CASE_RULES,
        caseRulesDefault: true,
      })
    }
  })

  it('changes what the caseload, the reports and the offline pull call due and overdue', async () => {
    // A plan started 2026-10-10 with no review: monthly, due 2026-11-10, overdue after 2026-11-17 → overdue today.
    const req = as('commune')
    const person = (
      await (
        await req(
          '/api/p/82/persons',
          jsonBody('POST', {
            fullName: 'Phạm Văn Lịch',
            birthDate: '1990-01-01',
            sex: 'male',
            citizenId: '079090012345',
            communeCode: commune,
            category: 'dependent',
            addictionDeterminedOn: '2026-01-01',
            addictionDeterminedBy: 'Trung tâm Y tế (thử nghiệm)',
          }),
        )
      ).json()
    ).data
    const plan = (
      await (
        await req(
          `/api/p/82/persons/${person.id}/plans`,
          jsonBody('POST', {
            form: 'family',
            registeredOn: '2026-10-10',
            startOn: '2026-10-10',
            plannedEndOn: '2027-04-10',
            members: [{ name: 'Tổ công tác', role: 'thành viên' }],
            stages: [],
          }),
        )
      ).json()
    ).data
    expect(
      (await req(`/api/p/82/plans/${plan.id}/transitions`, jsonBody('POST', { to: 'active', version: 1, decision: decisionOn('2026-10-10') }))).status,
    ).toBe(200)

    const state = async () => {
      const body = await (await req('/api/p/82/caseload')).json()
      const row = body.data.find((r: { planId: string }) => r.planId === plan.id)
      const report = (await (await req(`/api/p/82/reports?period=2026-Q4&commune=${commune}`)).json()).data
      return { ...row.nextReview, overdue: body.summary.overdue, reported: report.total.reviewsOverdueToday }
    }
    expect(await state()).toEqual({ dueOn: '2026-11-10', state: 'overdue', overdue: 1, reported: 1 })

    // Every two months: due 2026-12-10, upcoming.
    const res = await put('admin', { reviewPolicy: { intervalMonths: 2, graceDays: 7 } })
    expect(res.status).toBe(200)
    expect((await res.json()).data).toMatchObject({ reviewPolicy: { intervalMonths: 2, graceDays: 7 }, isDefault: false })
    expect(await state()).toEqual({ dueOn: '2026-12-10', state: 'upcoming', overdue: 0, reported: 0 })

    // Monthly with 20 days' grace: overdue only after 2026-11-30, so due today.
    expect((await put('admin', { reviewPolicy: { intervalMonths: 1, graceDays: 20 } })).status).toBe(200)
    expect(await state()).toEqual({ dueOn: '2026-11-10', state: 'due', overdue: 0, reported: 0 })
    expect((await (await as('province')('/api/p/82/settings')).json()).data).toMatchObject({
      reviewPolicy: { intervalMonths: 1, graceDays: 20 },
      isDefault: false,
    })

    // The offline client computes the caseload itself: every pull page carries the policy.
    const pull = (await (await req('/api/p/82/sync/pull?limit=2')).json()).data
    expect(pull.settings).toEqual({ reviewPolicy: { intervalMonths: 1, graceDays: 20 }, caseRules: DEFAULT_CASE_RULES })
    const next = (await (await req(`/api/p/82/sync/pull?limit=2&cursor=${encodeURIComponent(pull.cursor)}`)).json()).data
    expect(next.settings).toEqual({ reviewPolicy: { intervalMonths: 1, graceDays: 20 }, caseRules: DEFAULT_CASE_RULES })
  })

  it('audits a change with the old and new values, and stores it in tenant_meta', async () => {
    expect((await put('admin', { reviewPolicy: { intervalMonths: 3, graceDays: 0 } })).status).toBe(200)
    const db = (await t.deps.tenants.resolve('82'))!.db
    const entries = await db.select().from(auditLog).where(eq(auditLog.action, 'province.settings'))
    const last = entries.at(-1)!
    expect(last).toMatchObject({ entityType: 'province_settings', entityId: 'review_policy', outcome: 'success', actorRole: 'province_admin' })
    expect(JSON.parse(last.details!)).toMatchObject({ intervalMonths: 3, graceDays: 0, previousIntervalMonths: 1, previousGraceDays: 20 })
    const [row] = await db.select().from(tenantMeta).where(eq(tenantMeta.key, 'review_policy'))
    expect(JSON.parse(row!.value)).toEqual({ intervalMonths: 3, graceDays: 0 })
    // The other province is untouched.
    expect((await (await as('admin01')('/api/p/01/settings')).json()).data.isDefault).toBe(true)
  })

  it.each([
    ['reviewPolicy.intervalMonths', { intervalMonths: 0, graceDays: 7 }],
    ['reviewPolicy.intervalMonths', { intervalMonths: 7, graceDays: 7 }],
    ['reviewPolicy.intervalMonths', { intervalMonths: 1.5, graceDays: 7 }],
    ['reviewPolicy.intervalMonths', { intervalMonths: '2', graceDays: 7 }],
    ['reviewPolicy.graceDays', { intervalMonths: 1, graceDays: -1 }],
    ['reviewPolicy.graceDays', { intervalMonths: 1, graceDays: 31 }],
    ['reviewPolicy.graceDays', { intervalMonths: 1 }],
  ])('refuses a bad %s with a 400 naming it', async (field, reviewPolicy) => {
    const res = await put('admin', { reviewPolicy })
    expect(res.status).toBe(400)
    const body = await res.json()
    expect(body.error.code).toBe('validation_failed')
    expect(body.error.details.issues.map((i: { field: string }) => i.field)).toEqual([`json.${field}`])
  })

  it('refuses a missing reviewPolicy with a 400 naming it', async () => {
    const res = await put('admin', {})
    expect(res.status).toBe(400)
    expect((await res.json()).error.details.issues[0].field).toBe('json.reviewPolicy')
  })

  it('lets only the province admin change them, and only in their province', async () => {
    const body = { reviewPolicy: { intervalMonths: 2, graceDays: 5 } }
    expect((await put('province', body)).status).toBe(403)
    expect((await put('commune', body)).status).toBe(403)
    expect((await put('admin', body, '01')).status).toBe(404)
    expect((await as('admin')('/api/p/01/settings')).status).toBe(404)
    expect((await (await as('admin')('/api/p/82/settings')).json()).data.reviewPolicy).toEqual({ intervalMonths: 3, graceDays: 0 })
  })

  it('reads a stored value it cannot use as the default', () => {
    expect(parseReviewPolicy(undefined)).toEqual({ reviewPolicy: { intervalMonths: 1, graceDays: 7 }, isDefault: true })
    expect(parseReviewPolicy('not json')).toEqual({ reviewPolicy: { intervalMonths: 1, graceDays: 7 }, isDefault: true })
    expect(parseReviewPolicy('{"intervalMonths":12,"graceDays":7}').isDefault).toBe(true)
    expect(parseReviewPolicy('{"intervalMonths":2,"graceDays":3}')).toEqual({ reviewPolicy: { intervalMonths: 2, graceDays: 3 }, isDefault: false })
  })
  it('sets case rules field by field, keeps the rest, audits each change, and refuses one below the law', async () => {
    const res = await put('admin', { caseRules: { minRehabMonths: 9, postRehabAfterVoluntary: true, extraHolidays: ['2026-12-24'] } })
    expect(res.status).toBe(200)
    const data = (await res.json()).data
    expect(data.caseRules).toEqual({ ...DEFAULT_CASE_RULES, minRehabMonths: 9, postRehabAfterVoluntary: true, extraHolidays: ['2026-12-24'] })
    expect(data.caseRulesDefault).toBe(false)
    // The review policy set earlier is untouched by a change of the case rules.
    expect(data.reviewPolicy).toEqual({ intervalMonths: 3, graceDays: 0 })
    const db = (await t.deps.tenants.resolve('82'))!.db
    const last = (await db.select().from(auditLog).where(eq(auditLog.action, 'province.settings'))).at(-1)!
    expect(last.entityId).toBe('case_rules')
    expect(JSON.parse(last.details!)).toEqual({
      minRehabMonths: 9,
      previousMinRehabMonths: 6,
      postRehabAfterVoluntary: true,
      previousPostRehabAfterVoluntary: false,
      extraHolidays: '2026-12-24',
      previousExtraHolidays: '',
    })
    // A second change keeps what the first set.
    expect((await (await put('admin', { caseRules: { handoverAcceptHours: 12 } })).json()).data.caseRules.minRehabMonths).toBe(9)
    const pull = (await (await as('commune')('/api/p/82/sync/pull?limit=1')).json()).data
    expect(pull.settings.caseRules).toMatchObject({ minRehabMonths: 9, handoverAcceptHours: 12 })

    for (const [field, caseRules] of [
      ['minRehabMonths', { minRehabMonths: 5 }],
      ['minRehabMonths', { minRehabMonths: 13 }],
      ['postRehabAfterVoluntary', { postRehabAfterVoluntary: 'yes' }],
      ['extraHolidays[0]', { extraHolidays: ['2026-13-01'] }],
      ['terminationReasons[0]', { terminationReasons: ['relapse'] }],
      ['terminationReasons', { terminationReasons: [] }],
    ] as const) {
      const bad = await put('admin', { caseRules })
      expect(bad.status).toBe(400)
      const fields = (await bad.json()).error.details.issues.map((i: { field: string }) => i.field)
      expect(fields).toEqual([`json.caseRules.${field.replace('[0]', '.0')}`])
    }
    expect((await put('province', { caseRules: { minRehabMonths: 7 } })).status).toBe(403)
    // The termination reasons officers may choose: a subset of the law's list.
    const fewer = await put('admin', { caseRules: { terminationReasons: ['death', 'drug_use', 'other'] } })
    expect((await fewer.json()).data.caseRules.terminationReasons).toEqual(['death', 'drug_use', 'other'])
  })
})
