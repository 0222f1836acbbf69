import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { createTestApp, createTestPlatform, jsonBody, type TestApp, type TestPlatform } from '../helpers/platform.ts'
import { decisionOn } from '../helpers/plans.ts'
import { createTestUser, sessionCookieFor } from '../helpers/users.ts'

let platform: TestPlatform
let t: TestApp
let now = new Date('2026-11-24T03:00:00Z')
const cookies: Record<string, string> = {}
const communes: string[] = []
let seq = 0
const cccd = () => `0790900${String(++seq).padStart(5, '0')}`
const as =
  (who: string) =>
  (path: string, init: RequestInit = {}) =>
    t.request(path, { ...init, headers: { ...(init.headers as Record<string, string>), cookie: cookies[who]! } })

async function personWithActivePlan(who: string, commune: string, name: string, startOn: string) {
  const req = as(who)
  const person = (
    await (
      await req(
        '/api/p/82/persons',
        jsonBody('POST', {
          fullName: name,
          birthDate: '1990-01-01',
          sex: 'male',
          citizenId: cccd(),
          communeCode: commune,
          category: 'dependent',
          addictionDeterminedOn: '2026-01-01',
          addictionDeterminedBy: 'Trung tâm Y tế (thử nghiệm)',
        }),
      )
    ).json()
  ).data
  const end = `${Number(startOn.slice(0, 4)) + 1}${startOn.slice(4)}`
  const plan = (
    await (
      await req(
        `/api/p/82/persons/${person.id}/plans`,
        jsonBody('POST', {
          form: 'family',
          registeredOn: startOn,
          startOn,
          plannedEndOn: end,
          members: [{ name: 'Tổ công tác', role: 'thành viên' }],
          stages: [],
        }),
      )
    ).json()
  ).data
  expect((await req(`/api/p/82/plans/${plan.id}/transitions`, jsonBody('POST', { to: 'active', version: 1, decision: decisionOn(startOn) }))).status).toBe(200)
  return { person, plan }
}

beforeAll(async () => {
  platform = await createTestPlatform()
  await onboardTenant(platform.onboardDeps, '82')
  t = createTestApp(platform, { clock: { now: () => now } })
  const db = (await t.deps.tenants.resolve('82'))!.db
  communes.push(...(await db.query.communes.findMany({ orderBy: (c, { asc }) => asc(c.code), limit: 2 })).map((c) => c.code))
  cookies.a = await sessionCookieFor(
    platform.control,
    await createTestUser(platform.control, { username: 'rev-a', role: 'commune_officer', province: '82', communes: [communes[0]!] }),
  )
  cookies.b = await sessionCookieFor(
    platform.control,
    await createTestUser(platform.control, { username: 'rev-b', role: 'commune_officer', province: '82', communes: [communes[1]!] }),
  )
  cookies.province = await sessionCookieFor(
    platform.control,
    await createTestUser(platform.control, { username: 'rev-p', role: 'province_officer', province: '82' }),
  )
})
afterAll(() => platform.cleanup())

describe('recording a review', () => {
  it('attaches it to the open plan and lists it newest first', async () => {
    const { person, plan } = await personWithActivePlan('a', communes[0]!, 'Trương Văn Lực', '2026-09-01')
    for (const day of ['2026-10-01', '2026-11-01']) {
      const res = await as('a')(
        `/api/p/82/persons/${person.id}/reviews`,
        jsonBody('POST', { reviewedOn: day, attended: true, drugTest: 'negative', riskLevel: 'low', employed: true, counsellingNotes: 'Ổn định' }),
      )
      expect(res.status).toBe(201)
      expect((await res.json()).data).toMatchObject({ planId: plan.id, reviewedOn: day, version: 1 })
    }
    const list = (await (await as('a')(`/api/p/82/persons/${person.id}/reviews`)).json()).data
    expect(list.map((r: { reviewedOn: string }) => r.reviewedOn)).toEqual(['2026-11-01', '2026-10-01'])
  })

  it.each([
    ['reviewedOn', { reviewedOn: '2026-12-01' }, 'future'],
    ['substance', { drugTest: 'positive' }, 'required with a positive test'],
    ['substance', { substance: 'heroin' }, 'only given with a positive test'],
    ['drugTest', { drugTest: 'maybe' }, 'must be one of'],
    ['riskLevel', { riskLevel: 'extreme' }, 'must be one of'],
    ['attended', { attended: 'yes' }, 'true or false'],
  ])('refuses a bad %s with a 400 naming it', async (field, overrides, words) => {
    const { person } = await personWithActivePlan('a', communes[0]!, 'Kiều Văn Sơn', '2026-09-01')
    const res = await as('a')(
      `/api/p/82/persons/${person.id}/reviews`,
      jsonBody('POST', { reviewedOn: '2026-11-02', attended: true, drugTest: 'negative', riskLevel: 'medium', ...overrides }),
    )
    expect(res.status).toBe(400)
    const issue = (await res.json()).error.details.issues.find((i: { field: string }) => i.field === `json.${field}`)
    expect(issue?.message).toContain(words)
  })

  it('requires presence, the test result and the risk level: nothing is assumed, all three named in one 400', async () => {
    const { person } = await personWithActivePlan('a', communes[0]!, 'Kiều Văn Chọn', '2026-09-01')
    const res = await as('a')(`/api/p/82/persons/${person.id}/reviews`, jsonBody('POST', { reviewedOn: '2026-11-02' }))
    expect(res.status).toBe(400)
    const fields = (await res.json()).error.details.issues.map((i: { field: string }) => i.field)
    expect(fields).toEqual(expect.arrayContaining(['json.attended', 'json.drugTest', 'json.riskLevel']))
    expect((await (await as('a')(`/api/p/82/persons/${person.id}/reviews`)).json()).data).toEqual([])
  })

  it('answers a replayed review (same client id) without recording it twice', async () => {
    const { person } = await personWithActivePlan('a', communes[0]!, 'Lâm Chí Thanh', '2026-09-01')
    const body = { id: crypto.randomUUID(), reviewedOn: '2026-11-03', attended: false, drugTest: 'refused', riskLevel: 'high' }
    expect((await as('a')(`/api/p/82/persons/${person.id}/reviews`, jsonBody('POST', body))).status).toBe(201)
    expect((await as('a')(`/api/p/82/persons/${person.id}/reviews`, jsonBody('POST', body))).status).toBe(201)
    expect((await (await as('a')(`/api/p/82/persons/${person.id}/reviews`)).json()).data).toHaveLength(1)
  })
})

describe('caseload', () => {
  it('puts overdue and due reviews first and keeps to the officer’s communes', async () => {
    now = new Date('2026-11-24T03:00:00Z')
    const overdue = await personWithActivePlan('a', communes[0]!, 'An Quá Hạn', '2026-09-01') // due 2026-10-01, overdue after 10-08
    const due = await personWithActivePlan('a', communes[0]!, 'Bình Đến Hạn', '2026-10-20') // due 2026-11-20, overdue after 11-27
    const upcoming = await personWithActivePlan('a', communes[0]!, 'Cường Chưa Đến', '2026-11-10') // due 2026-12-10
    await as('a')(
      `/api/p/82/persons/${overdue.person.id}/reviews`,
      jsonBody('POST', { reviewedOn: '2026-10-05', attended: true, drugTest: 'negative', riskLevel: 'low' }),
    )
    const other = await personWithActivePlan('b', communes[1]!, 'Dũng Xã Khác', '2026-09-01')
    const body = await (await as('a')('/api/p/82/caseload')).json()
    const mine = body.data.filter((r: { personId: string }) => [overdue, due, upcoming].some((x) => x.person.id === r.personId))
    expect(mine.map((r: { fullName: string; nextReview: { state: string } }) => [r.fullName, r.nextReview.state])).toEqual([
      ['An Quá Hạn', 'overdue'],
      ['Bình Đến Hạn', 'due'],
      ['Cường Chưa Đến', 'upcoming'],
    ])
    expect(mine[0].nextReview.dueOn).toBe('2026-11-05')
    // Due 5 Nov, 7 days' grace: overdue from 13 Nov, its 12th day on 24 Nov; the others are not overdue.
    expect(mine.map((r: { daysOverdue: number }) => r.daysOverdue)).toEqual([12, 0, 0])
    expect(body.data.some((r: { personId: string }) => r.personId === other.person.id)).toBe(false)
    expect(
      body.data.every(
        (r: { nextReview: { state: string } }, i: number, all: { nextReview: { state: string } }[]) =>
          i === 0 || ['overdue', 'due', 'upcoming'].indexOf(all[i - 1]!.nextReview.state) <= ['overdue', 'due', 'upcoming'].indexOf(r.nextReview.state),
      ),
    ).toBe(true)
    const province = await (await as('province')('/api/p/82/caseload')).json()
    expect(province.data.some((r: { personId: string }) => r.personId === other.person.id)).toBe(true)
    expect(province.summary.total).toBeGreaterThanOrEqual(body.summary.total + 1)
  })

  it("pages through the whole caseload in urgency order, each page with the whole caseload's counts (#19.3)", async () => {
    now = new Date('2026-11-24T03:00:00Z')
    for (const [i, start] of ['2026-08-01', '2026-08-15', '2026-09-20', '2026-10-18', '2026-10-25', '2026-11-01', '2026-11-15'].entries()) {
      await personWithActivePlan('a', communes[0]!, `Trang Hàng ${String.fromCharCode(65 + i)}`, start)
    }
    const whole = await (await as('a')('/api/p/82/caseload?limit=500')).json()
    expect(whole.next).toBeNull()
    const walked: { planId: string }[] = []
    let cursor: string | null = null
    let pages = 0
    do {
      const res = await as('a')(`/api/p/82/caseload?limit=2${cursor ? `&cursor=${cursor}` : ''}`)
      expect(res.status).toBe(200)
      const page = await res.json()
      expect(page.data.length).toBeLessThanOrEqual(2)
      expect(page.summary).toEqual(whole.summary)
      walked.push(...page.data)
      cursor = page.next
      pages++
    } while (cursor && pages < 50)
    expect(walked.map((r) => r.planId)).toEqual(whole.data.map((r: { planId: string }) => r.planId))
    const states = whole.data.map((r: { nextReview: { state: string } }) => r.nextReview.state)
    expect(whole.summary).toEqual({
      total: whole.data.length,
      overdue: states.filter((s: string) => s === 'overdue').length,
      due: states.filter((s: string) => s === 'due').length,
    })
    const order = ['overdue', 'due', 'upcoming']
    expect(states.every((s: string, i: number) => i === 0 || order.indexOf(states[i - 1]) <= order.indexOf(s))).toBe(true)
    const dues = whole.data.map((r: { nextReview: { dueOn: string } }) => r.nextReview.dueOn)
    expect([...dues].sort()).toEqual(dues)
  })

  it('refuses a cursor it did not make and a limit out of range, naming the field', async () => {
    const bad = await as('a')('/api/p/82/caseload?cursor=bm90LWEtY3Vyc29y')
    expect(bad.status).toBe(400)
    expect(JSON.stringify(await bad.json())).toContain('query.cursor')
    const limit = await as('a')('/api/p/82/caseload?limit=0')
    expect(limit.status).toBe(400)
    expect(JSON.stringify(await limit.json())).toContain('query.limit')
  })
})
