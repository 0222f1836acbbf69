import { and, eq, inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { persons, rehabPlans } from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'
import { OPEN_PLAN_STATUSES } from '../../kernel/domain/plan-status.ts'
import { PULL_AHEAD, PULL_PAGE_BYTES, pullPage } from '../../worker/services/sync-pull.ts'
import { createTestApp, createTestPlatform, jsonBody, type TestApp, type TestPlatform } from '../helpers/platform.ts'
import { decisionOn } from '../helpers/plans.ts'
import { createTestUser, sessionCookieFor } from '../helpers/users.ts'

// Pull pages bounded by their bytes as well as their rows (decision 0050), on real libSQL: a commune whose plans
// carry full working groups and stages, so that the bytes, not the 500 rows, end a page. Synthetic people only.
let platform: TestPlatform
let t: TestApp
let db: TenantDb
let commune: string
let cookie: string
const PEOPLE = 60
const uuid = () => crypto.randomUUID()
const planIds: string[] = []
let serial = 0

/** Text of exactly `length` characters, most of them two or three bytes in UTF-8. */
const vietnamese = (label: string, length: number) => `${label} — Kế hoạch cai nghiện tự nguyện tại gia đình, thử nghiệm. `.repeat(20).slice(0, length)
/** A plan near the largest the API accepts: 20 members, the five stages with 30 activities each. */
const bigPlan = (personId: string) => ({
  personId,
  form: 'family',
  registeredOn: '2026-03-20',
  startOn: '2026-04-01',
  plannedEndOn: '2026-10-01',
  members: Array.from({ length: 20 }, (_, i) => ({ name: vietnamese(`Thành viên ${i}`, 100), role: vietnamese('Vai trò', 100) })),
  stages: ['intake_classification', 'detox_treatment', 'education_counselling', 'work_vocational', 'reintegration'].map((stage) => ({
    stage,
    activities: Array.from({ length: 30 }, (_, i) => vietnamese(`Hoạt động ${i}`, 90)),
  })),
})
const personData = () => ({
  fullName: 'Phan Văn Trang',
  birthDate: '1990-06-06',
  sex: 'male',
  citizenId: `0790900${String(++serial).padStart(5, '0')}`,
  communeCode: commune,
  category: 'dependent',
  addictionDeterminedOn: '2026-08-01',
  addictionDeterminedBy: 'Trung tâm Y tế (thử nghiệm)',
})
const change = (type: string, entityId: string, data: Record<string, unknown>) => ({ key: uuid(), type, entityId, data })

async function push(changes: ReturnType<typeof change>[]) {
  const res = await t.request('/api/p/82/sync/push', {
    ...jsonBody('POST', { deviceId: uuid(), changes }),
    headers: { ...jsonBody('POST', {}).headers, cookie },
  })
  const body = await res.json()
  expect(res.status, JSON.stringify(body).slice(0, 300)).toBe(200)
  expect(body.data.results.filter((r: { status: string }) => r.status !== 'applied')).toEqual([])
}

interface Page {
  cursor: string
  reset: boolean
  more: boolean
  persons: { id: string; version: number }[]
  plans: { id: string; status: string; version: number }[]
  deletes: unknown[]
  [collection: string]: unknown
}
/** One page as the device receives it, with the length of its JSON body in bytes. */
async function pull(cursor?: string, limit?: number): Promise<{ page: Page; bytes: number }> {
  const query = new URLSearchParams({ ...(cursor ? { cursor } : {}), ...(limit ? { limit: String(limit) } : {}) })
  const res = await t.request(`/api/p/82/sync/pull?${query}`, { headers: { cookie } })
  const text = await res.text()
  expect(res.status, text.slice(0, 300)).toBe(200)
  return { page: (JSON.parse(text) as { data: Page }).data, bytes: new TextEncoder().encode(text).length }
}
async function pullAll(cursor?: string, limit?: number) {
  const pages: { page: Page; bytes: number }[] = []
  let next = cursor
  do {
    pages.push(await pull(next, limit))
    next = pages.at(-1)!.page.cursor
  } while (pages.at(-1)!.page.more)
  return { pages, cursor: next!, plans: pages.flatMap((p) => p.page.plans), persons: pages.flatMap((p) => p.page.persons) }
}
/** A page's records and deletes: its arrays but the communes (the first page's scope). */
const recordArrays = (page: Page) => Object.entries(page).flatMap(([k, v]) => (Array.isArray(v) && k !== 'communes' ? [v as { id?: string }[]] : []))
const recordsOf = (page: Page) => recordArrays(page).reduce((n, v) => n + v.length, 0)
/** The bytes of a page's envelope: everything but its records and deletes. */
const envelopeOf = (page: Page) =>
  new TextEncoder().encode(
    JSON.stringify({ data: Object.fromEntries(Object.entries(page).map(([k, v]) => [k, Array.isArray(v) && k !== 'communes' ? [] : v])) }),
  ).length

beforeAll(async () => {
  platform = await createTestPlatform()
  await onboardTenant(platform.onboardDeps, '82')
  t = createTestApp(platform)
  db = (await t.deps.tenants.resolve('82'))!.db
  commune = (await db.query.communes.findMany({ orderBy: (c, { asc }) => asc(c.code), limit: 1 }))[0]!.code
  const officer = await createTestUser(platform.control, { username: 'bytes-commune', role: 'commune_officer', province: '82', communes: [commune] })
  cookie = await sessionCookieFor(platform.control, officer)
  // Two people and their plans a batch: the test app's request bodies are bounded to 64 KB.
  for (let i = 0; i < PEOPLE; i += 2) {
    const batch = [uuid(), uuid()].flatMap((personId) => {
      const planId = uuid()
      planIds.push(planId)
      return [change('person.create', personId, personData()), change('plan.create', planId, bigPlan(personId))]
    })
    await push(batch)
  }
}, 120_000)
afterAll(() => platform.cleanup())

describe('a pull page bounded by its bytes', () => {
  it('ends a full download page by bytes before rows, and the pages together are the whole scope, each record once', async () => {
    const walk = await pullAll()
    const planPages = walk.pages.filter((p) => p.page.plans.length > 0)
    expect(planPages.length).toBeGreaterThanOrEqual(3)
    for (const { page, bytes } of walk.pages) {
      expect(bytes - envelopeOf(page)).toBeLessThanOrEqual(PULL_PAGE_BYTES)
      expect(recordsOf(page)).toBeLessThan(500)
    }
    // Every page but the last was cut by bytes: the next plan would not have fitted.
    for (const { page, bytes } of planPages.slice(0, -1)) expect(bytes - envelopeOf(page)).toBeGreaterThan(PULL_PAGE_BYTES - 30_000)
    // Compared with the full set the database holds for this commune.
    const open = await db
      .select({ id: rehabPlans.id })
      .from(rehabPlans)
      .where(and(eq(rehabPlans.communeCode, commune), inArray(rehabPlans.status, [...OPEN_PLAN_STATUSES])))
    const people = await db.select({ id: persons.id }).from(persons).where(eq(persons.communeCode, commune))
    expect(open.length).toBe(PEOPLE)
    expect(walk.plans.map((p) => p.id).sort()).toEqual(open.map((p) => p.id).sort())
    expect(walk.persons.map((p) => p.id).sort()).toEqual(people.map((p) => p.id).sort())
    // The same records as a walk with a small row limit, which rows end.
    const small = await pullAll(undefined, 7)
    expect(small.pages.length).toBeGreaterThan(walk.pages.length)
    expect(small.plans.map((p) => p.id).sort()).toEqual(walk.plans.map((p) => p.id).sort())
    expect(small.persons.map((p) => p.id).sort()).toEqual(walk.persons.map((p) => p.id).sort())
  })

  it('bounds an incremental page by bytes too, sending every changed record once in the order of its changes', async () => {
    const { cursor } = await pullAll()
    // Every plan starts: 60 changed plans of about 25 kB each.
    for (let i = 0; i < planIds.length; i += 10)
      await push(planIds.slice(i, i + 10).map((id) => change('plan.transition', id, { to: 'active', version: 1, decision: decisionOn('2026-04-01') })))
    const changes = await pullAll(cursor)
    expect(changes.pages.length).toBeGreaterThanOrEqual(3)
    expect(changes.pages.every((p) => !p.page.reset)).toBe(true)
    for (const { page, bytes } of changes.pages) expect(bytes - envelopeOf(page)).toBeLessThanOrEqual(PULL_PAGE_BYTES)
    expect(changes.plans.map((p) => p.id).sort()).toEqual([...planIds].sort())
    expect(changes.plans.every((p) => p.status === 'active' && p.version === 2)).toBe(true)
    // Caught up: nothing more after the last cursor.
    const after = await pull(changes.cursor)
    expect(recordsOf(after.page)).toBe(0)
    expect(after.page.more).toBe(false)
  })

  it('sends a record larger than the bound as a page of its own, and resumes after it', async () => {
    // A bound of 1 byte: every record is larger, so each page holds exactly one; none is lost or repeated.
    const scope = { province: '82', communes: [commune] }
    const today = '2026-12-01'
    const seen: string[] = []
    let cursor: string | undefined
    let pages = 0
    for (let more = true; more; pages++) {
      const page = await pullPage(db, scope, cursor, 500, today, 1)
      const records = recordArrays(page as unknown as Page).flat()
      expect(records.length).toBeLessThanOrEqual(1)
      seen.push(...records.flatMap((r) => (r.id ? [r.id] : [])))
      cursor = page.cursor
      more = page.more
    }
    const whole = await pullAll(undefined, 1000)
    const expected = [...whole.persons, ...whole.plans].map((r) => r.id)
    expect(seen.length).toBe(new Set(seen).size)
    expect(seen.sort()).toEqual(expected.sort())
    expect(pages).toBeGreaterThanOrEqual(expected.length)
  })
  it('reads only a few rows of the phases after the current one, and a page that reaches them ends inside them', async () => {
    // Reviews of twelve people: a third phase with records, so a page after the people reaches two later phases.
    const reviewed = (await db.select({ id: persons.id }).from(persons).where(eq(persons.communeCode, commune))).slice(0, 12)
    for (let i = 0; i < reviewed.length; i += 6)
      await push(
        reviewed
          .slice(i, i + 6)
          .map(({ id }) => change('review.create', uuid(), { personId: id, reviewedOn: '2026-11-20', attended: true, drugTest: 'negative', riskLevel: 'low' })),
      )
    const scope = { province: '82', communes: [commune] }
    const today = '2026-12-01'
    const ahead = { next: 5, later: 2 }
    const walk = async (a: typeof PULL_AHEAD) => {
      const pages: Page[] = []
      let cursor: string | undefined
      do {
        pages.push((await pullPage(db, scope, cursor, 500, today, 10_000_000, a)) as unknown as Page)
        cursor = pages.at(-1)!.cursor
      } while (pages.at(-1)!.more)
      return pages
    }
    const few = await walk(ahead)
    const whole = await walk(PULL_AHEAD)
    const ids = (pages: Page[], key: string) => pages.flatMap((p) => (p[key] as { id: string }[]).map((r) => r.id))
    // The first page: every person (its current phase), then at most `next` plans, where it ends.
    expect(few[0]!.persons).toHaveLength(PEOPLE)
    expect(few[0]!.plans).toHaveLength(ahead.next)
    expect(few[0]!.reviews).toEqual([])
    expect(few.length).toBeGreaterThan(whole.length)
    for (const key of ['persons', 'plans', 'reviews']) {
      const got = ids(few, key)
      expect(got.length, key).toBe(new Set(got).size)
      expect(got.sort(), key).toEqual(ids(whole, key).sort())
    }
    expect(ids(whole, 'reviews')).toHaveLength(12)
  })
})
