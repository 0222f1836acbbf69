// GET /api/p/:province/work: the due list as the kernel computes it, over the caller's scope only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { tenantMeta } from '../../db/tenant/schema/index.ts'
import { managementPeriodCreate } from '../../kernel/commands/management-period-create.ts'
import { personCreate } from '../../kernel/commands/person-create.ts'
import { planComplete } from '../../kernel/commands/plan-complete.ts'
import { planCreate } from '../../kernel/commands/plan-create.ts'
import { planStageUpdate } from '../../kernel/commands/plan-stage-update.ts'
import { planTransition } from '../../kernel/commands/plan-transition.ts'
import type { DueWork } from '../../kernel/contract/cases.ts'
import type { TenantDb } from '../../db/types.ts'
import { runAsSystem } from '../helpers/commands.ts'
import { completionBody, decisionOn, REQUIRED } from '../helpers/plans.ts'
import { createTestApp, createTestPlatform, type TestApp, type TestPlatform } from '../helpers/platform.ts'
import { createTestUser, sessionCookieFor } from '../helpers/users.ts'

let platform: TestPlatform
let t: TestApp
let db: TenantDb
const communes: string[] = []
const cookies: Record<string, string> = {}
const ids: Record<string, string> = {}
let seq = 0

async function person(commune: string, name: string, category: 'dependent' | 'drug_user'): Promise<string> {
  const id = crypto.randomUUID()
  await runAsSystem(db, '82', commune, personCreate, id, {
    fullName: name,
    birthDate: '1990-05-01',
    sex: 'male',
    citizenId: `0790900${String(++seq).padStart(5, '0')}`,
    communeCode: commune,
    category,
    ...(category === 'dependent' ? { addictionDeterminedOn: '2026-01-05', addictionDeterminedBy: 'Trung tâm Y tế (thử nghiệm)' } : {}),
  })
  return id
}

async function activePlan(commune: string, personId: string, startOn: string): Promise<string> {
  const planId = crypto.randomUUID()
  await runAsSystem(db, '82', commune, planCreate, planId, {
    personId,
    form: 'family',
    registeredOn: startOn,
    startOn,
    plannedEndOn: `${Number(startOn.slice(0, 4)) + 1}${startOn.slice(4)}`,
    members: [{ name: 'Tổ công tác', role: 'thành viên' }],
    stages: [],
  })
  await runAsSystem(db, '82', commune, planTransition, planId, { to: 'active', version: 1, decision: decisionOn(startOn) })
  return planId
}

const get = (who: string, query = '') => t.request(`/api/p/82/work${query}`, { headers: { cookie: cookies[who]! } })

beforeAll(async () => {
  platform = await createTestPlatform()
  await onboardTenant(platform.onboardDeps, '82')
  await onboardTenant(platform.onboardDeps, '01')
  t = createTestApp(platform, { clock: { now: () => new Date('2026-12-03T03:00:00Z') } })
  db = (await t.deps.tenants.resolve('82'))!.db
  communes.push(...(await db.query.communes.findMany({ orderBy: (c, { asc }) => asc(c.code), limit: 2 })).map((c) => c.code))
  const [a, b] = communes as [string, string]
  // Commune A: a review overdue since 9 Oct, a management period ending 20 Dec, a post-rehab contact overdue.
  ids.overdue = await person(a, 'Trần Văn Quá', 'dependent')
  ids.overduePlan = await activePlan(a, ids.overdue, '2026-09-01')
  ids.user = await person(a, 'Lê Văn Dùng', 'drug_user')
  ids.period = crypto.randomUUID()
  await runAsSystem(db, '82', a, managementPeriodCreate, ids.period, { personId: ids.user, startOn: '2025-12-20', measures: 'Gặp định kỳ' })
  ids.after = await person(a, 'Phạm Văn Sau', 'dependent')
  const afterPlan = await activePlan(a, ids.after, '2026-03-01')
  // The law's stages 1–3 done, and the province places voluntary completers under post-rehab management.
  let version = 2
  for (const stage of REQUIRED) {
    await runAsSystem(db, '82', a, planStageUpdate, afterPlan, { version, stage, actualStartOn: '2026-03-01', actualEndOn: '2026-08-01', done: true })
    version += 1
  }
  await db.insert(tenantMeta).values({ key: 'case_rules', value: JSON.stringify({ postRehabAfterVoluntary: true }) })
  const done = await runAsSystem(db, '82', a, planComplete, afterPlan, completionBody(version, '2026-10-01'))
  ids.postRehab = done.decision.inserts.find((i) => i.collection === 'postRehab')!.record.id
  // Commune B: a review due since 1 Dec (not yet overdue).
  ids.due = await person(b, 'Ngô Thị Hạn', 'dependent')
  ids.duePlan = await activePlan(b, ids.due, '2026-11-01')

  const user = async (username: string, role: Parameters<typeof createTestUser>[1]['role'], extra: Record<string, unknown> = {}) =>
    sessionCookieFor(platform.control, await createTestUser(platform.control, { username, role, ...extra }))
  cookies.a = await user('work-a', 'commune_officer', { province: '82', communes: [a] })
  cookies.province = await user('work-p', 'province_officer', { province: '82' })
  cookies.other = await user('work-01', 'province_officer', { province: '01' })
  cookies.central = await user('work-c', 'central_viewer')
})
afterAll(() => platform.cleanup())

describe('GET /work', () => {
  it("lists a commune officer's due and overdue work of their own commune only, most overdue first, with days overdue", async () => {
    const res = await get('a')
    expect(res.status).toBe(200)
    const body = (await res.json()) as DueWork
    expect(body.data.map((i) => [i.kind, i.personId, i.refId, i.dueOn, i.state, i.daysOverdue])).toEqual([
      ['review', ids.overdue, ids.overduePlan, '2026-10-01', 'overdue', 56],
      ['post_rehab_contact', ids.after, ids.postRehab, '2026-11-01', 'overdue', 25],
      ['management_ending', ids.user, ids.period, '2026-12-20', 'due', 0],
    ])
    expect(body.data.some((i) => i.personId === ids.due)).toBe(false)
    expect(body.summary.total).toEqual({ due: 1, overdue: 2 })
    expect(Object.keys(body.summary.byCommune)).toEqual([communes[0]])
    expect(body.total).toBe(3)
    expect(body.next).toBeNull()
  })

  it('answers 404 for a commune outside the officer’s scope', async () => {
    expect((await get('a', `?commune=${communes[1]}`)).status).toBe(404)
  })

  it('shows a province officer every commune, with counts per commune, and pages the list', async () => {
    const body = (await (await get('province', '?limit=2')).json()) as DueWork
    expect(body.summary.byCommune).toEqual({ [communes[0]!]: { due: 1, overdue: 2 }, [communes[1]!]: { due: 1, overdue: 0 } })
    expect(body.data).toHaveLength(2)
    expect(body.total).toBe(4)
    expect(body.next).toBe(2)
    const rest = (await (await get('province', '?limit=2&offset=2')).json()) as DueWork
    expect(rest.data.map((i) => i.refId)).toEqual([ids.duePlan, ids.period])
    expect(rest.next).toBeNull()
    const reviews = (await (await get('province', `?kind=review&commune=${communes[1]}`)).json()) as DueWork
    expect(reviews.data.map((i) => [i.refId, i.state])).toEqual([[ids.duePlan, 'due']])
  })

  it('refuses central roles (403), another province (404) and bad queries (400 naming the field)', async () => {
    expect((await get('central')).status).toBe(403)
    expect((await get('other')).status).toBe(404)
    const bad = await get('province', '?limit=500&kind=visit&upcoming=maybe')
    expect(bad.status).toBe(400)
    const fields = ((await bad.json()) as { error: { details: { issues: { field: string }[] } } }).error.details.issues.map((i) => i.field)
    expect(fields).toEqual(expect.arrayContaining(['query.limit', 'query.kind', 'query.upcoming']))
  })

  it('writes one read entry to the audit trail, with the count and no personal data', async () => {
    await get('a')
    const entries = await db.query.auditLog.findMany({ where: (l, { eq }) => eq(l.action, 'person.work') })
    expect(entries.length).toBeGreaterThan(0)
    expect(JSON.stringify(entries.at(-1))).not.toContain('Trần')
  })
})
