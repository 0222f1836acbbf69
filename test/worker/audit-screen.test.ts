// The audit screens' API: who (the actor's name), what, to whom (the person a record belongs to), grouped
// repeated reads with exact paging, and a person's "who saw this record" list for province admins.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import type { AuditLineView } from '../../worker/services/audit-view.ts'
import { createTestApp, createTestPlatform, jsonBody, type TestApp, type TestPlatform } from '../helpers/platform.ts'
import { createTestUser, sessionCookieFor } from '../helpers/users.ts'

let platform: TestPlatform
let t: TestApp
let now = new Date('2026-11-24T03:00:00.000Z')
const ids: Record<string, string> = {}
const cookies: Record<string, string> = {}
let commune: string
let counter = 0

const as =
  (who: string) =>
  (path: string, init: RequestInit = {}) =>
    t.request(path, { ...init, headers: { ...(init.headers as Record<string, string>), cookie: cookies[who]! } })
const lines = async (who: string, query: string): Promise<{ data: AuditLineView[]; next: number | null }> => {
  const res = await as(who)(`/api/p/82/audit?${query}`)
  expect(res.status, await res.clone().text()).toBe(200)
  return res.json()
}

/** A synthetic person (fictitious citizen ID) registered by the commune officer; answers its id. */
async function register(): Promise<string> {
  const body = {
    fullName: 'Nguyễn Văn Thử',
    birthDate: '1990-05-01',
    sex: 'male',
    citizenId: `0790900${String(++counter).padStart(5, '0')}`,
    communeCode: commune,
    category: 'dependent',
    addictionDeterminedOn: '2026-01-05',
    addictionDeterminedBy: 'Trung tâm Y tế (thử nghiệm)',
  }
  const res = await as('commune')('/api/p/82/persons', jsonBody('POST', body))
  expect(res.status).toBe(201)
  return (await res.json()).data.id
}

async function addPlan(personId: string): Promise<string> {
  const body = {
    form: 'family',
    registeredOn: '2026-10-01',
    startOn: '2026-10-15',
    plannedEndOn: '2027-04-15',
    members: [{ name: 'Cán bộ thử nghiệm', role: 'công an xã' }],
    stages: [{ stage: 'detox_treatment', activities: ['Khám sức khỏe'] }],
  }
  const res = await as('commune')(`/api/p/82/persons/${personId}/plans`, jsonBody('POST', body))
  expect(res.status).toBe(201)
  return (await res.json()).data.id
}

beforeAll(async () => {
  platform = await createTestPlatform()
  for (const code of ['82', '01']) await onboardTenant(platform.onboardDeps, code)
  t = createTestApp(platform, { clock: { now: () => now } })
  const db = (await t.deps.tenants.resolve('82'))!.db
  commune = (await db.query.communes.findFirst({ orderBy: (c, { asc }) => asc(c.code) }))!.code
  const users = {
    admin: { role: 'province_admin', province: '82' },
    admin01: { role: 'province_admin', province: '01' },
    commune: { role: 'commune_officer', province: '82', communes: [commune] },
    commune2: { role: 'commune_officer', province: '82', communes: [commune] },
    officer: { role: 'province_officer', province: '82' },
    central: { role: 'central_admin', province: null },
  } as const
  for (const [who, input] of Object.entries(users)) {
    ids[who] = await createTestUser(platform.control, { username: `audit-${who}`, ...input, communes: 'communes' in input ? [...input.communes] : [] })
    cookies[who] = await sessionCookieFor(platform.control, ids[who]!, now)
  }
})
afterAll(() => platform.cleanup())

describe('the province trail', () => {
  it('names the actor and links a plan to the person it belongs to', async () => {
    const personId = await register()
    const planId = await addPlan(personId)
    expect((await as('commune')(`/api/p/82/plans/${planId}`)).status).toBe(200)
    const { data } = await lines('admin', `trail=records&actorId=${ids.commune}&limit=3`)
    expect(data.map((line) => line.action)).toEqual(['plan.read', 'plan.create', 'person.create'])
    for (const line of data)
      expect(line).toMatchObject({ actorId: ids.commune, actorName: 'Test audit-commune', actorRole: 'commune_officer', personId, count: 1 })
    expect(data[0]).toMatchObject({ entityType: 'plan', entityId: planId })
    expect(data[2]).toMatchObject({ entityType: 'person', entityId: personId })
  })

  it('names the actor in the accounts trail too', async () => {
    const invite = await as('admin')(
      '/api/p/82/users',
      jsonBody('POST', { username: 'audit-invited', displayName: 'Test invited officer', email: 'audit-invited@example.invalid', role: 'province_officer' }),
    )
    expect(invite.status).toBe(201)
    const invitedId = (await invite.json()).data.user.id
    const { data } = await lines('admin', 'trail=users&action=user.invite')
    expect(data[0]).toMatchObject({ actorName: 'Test audit-admin', entityType: 'user', entityId: invitedId, personId: null })
  })

  it('filters by actor, by action with three parts, and by record', async () => {
    const personId = await register()
    await as('commune2')(`/api/p/82/persons/${personId}`)
    await as('commune')(`/api/p/82/persons/${personId}`)
    const byRecord = await lines('admin', `trail=records&entityType=person&entityId=${personId}`)
    expect(byRecord.data.map((l) => [l.action, l.actorName])).toEqual([
      ['person.read', 'Test audit-commune'],
      ['person.read', 'Test audit-commune2'],
      ['person.create', 'Test audit-commune'],
    ])
    const byActor = await lines('admin', `trail=records&entityType=person&entityId=${personId}&actorId=${ids.commune2}`)
    expect(byActor.data.map((l) => l.action)).toEqual(['person.read'])
    expect((await as('admin')('/api/p/82/audit?trail=records&action=import.rows.read')).status).toBe(200)
    const bad = await as('admin')('/api/p/82/audit?grouped=yes')
    expect(bad.status).toBe(400)
    expect((await bad.json()).error.details.issues[0].field).toBe('query.grouped')
  })

  it('groups repeated reads into one line with a count, ended by a write and by the day', async () => {
    const personId = await register()
    now = new Date('2026-11-25T02:00:00.000Z')
    for (let i = 0; i < 3; i++) await as('commune')(`/api/p/82/persons/${personId}`)
    await as('commune')(
      `/api/p/82/persons/${personId}/reviews`,
      jsonBody('POST', { reviewedOn: '2026-11-24', attended: true, drugTest: 'negative', riskLevel: 'low' }),
    )
    now = new Date('2026-11-25T02:30:00.000Z')
    for (let i = 0; i < 2; i++) await as('commune')(`/api/p/82/persons/${personId}`)
    now = new Date('2026-11-25T17:30:00.000Z') // 00:30 on the 26th in Vietnam: another day
    await as('commune')(`/api/p/82/persons/${personId}`)
    const query = `trail=records&actorId=${ids.commune}&entityId=${personId}`
    const raw = await lines('admin', query)
    expect(raw.data.filter((l) => l.action === 'person.read')).toHaveLength(6)

    const { data } = await lines('admin', `${query}&grouped=true`)
    const summary = data.map((l) => [l.action, l.count])
    // The review's entry names the review, not the person: outside this filter, it does not end the run.
    expect(summary).toEqual([
      ['person.read', 1],
      ['person.read', 5],
      ['person.create', 1],
    ])
    const pair = data[1]!
    expect([pair.firstAt, pair.at]).toEqual(['2026-11-25T02:00:00.000Z', '2026-11-25T02:30:00.000Z'])
    expect(pair.details).toBeNull()

    const all = await lines('admin', `trail=records&actorId=${ids.commune}&grouped=true&limit=100&from=2026-11-25T00:00:00Z`)
    expect(all.data.map((l) => [l.action, l.count])).toEqual([
      ['person.read', 1],
      ['person.read', 2],
      ['review.create', 1],
      ['person.read', 3],
    ])
    expect(all.data[2]!.personId).toBe(personId)
    now = new Date('2026-11-24T03:00:00.000Z')
  })

  it('pages grouped lines so that every entry is on exactly one page', async () => {
    now = new Date('2026-11-27T03:00:00.000Z')
    const personId = await register()
    // Two officers' reads interleaved with the pulls of one of them: groups per actor and action.
    for (let i = 0; i < 7; i++) {
      await as('commune')(`/api/p/82/persons/${personId}`)
      await as('commune2')(`/api/p/82/persons/${personId}`)
      await as('commune')('/api/p/82/sync/pull?limit=5')
    }
    const base = `trail=records&from=${now.toISOString()}&to=${new Date(now.getTime() + 1).toISOString()}`
    const total = (await lines('admin', `${base}&limit=100`)).data.length
    const covered: number[][] = []
    let counted = 0
    let before: number | null = null
    do {
      const page: { data: AuditLineView[]; next: number | null } = await lines('admin', `${base}&grouped=true&limit=2${before ? `&before=${before}` : ''}`)
      expect(page.data.length).toBeLessThanOrEqual(2)
      for (const line of page.data) {
        counted += line.count
        covered.push([line.firstSeq, line.seq])
      }
      before = page.next
    } while (before !== null)
    expect(counted).toBe(total)
    // Pages are contiguous, newest first: each page's lines are older than the previous page's.
    const newest = covered.map(([, seq]) => seq!)
    expect(new Set(newest).size).toBe(newest.length)
    const grouped = await lines('admin', `${base}&grouped=true&limit=100`)
    expect(grouped.data.map((l) => [l.action, l.actorName, l.count])).toEqual([
      ['sync.pull', 'Test audit-commune', 7],
      ['person.read', 'Test audit-commune2', 7],
      ['person.read', 'Test audit-commune', 7],
      ['person.create', 'Test audit-commune', 1],
    ])
    now = new Date('2026-11-24T03:00:00.000Z')
  })
})

describe("a person's access log", () => {
  it('lists every read of the person and their plans with the reader, newest first, and is itself audited', async () => {
    const personId = await register()
    const other = await register()
    const planId = await addPlan(personId)
    await as('officer')(`/api/p/82/persons/${personId}/timeline`)
    await as('commune2')(`/api/p/82/plans/${planId}`)
    await as('admin')(`/api/p/82/persons/${personId}`)
    await as('commune')(`/api/p/82/persons/${other}`)
    const res = await as('admin')(`/api/p/82/persons/${personId}/access-log`)
    expect(res.status).toBe(200)
    const { data, next } = (await res.json()) as { data: AuditLineView[]; next: number | null }
    expect(data.map((l) => [l.action, l.actorName, l.actorRole])).toEqual([
      ['person.read', 'Test audit-admin', 'province_admin'],
      ['plan.read', 'Test audit-commune2', 'commune_officer'],
      ['person.timeline', 'Test audit-officer', 'province_officer'],
    ])
    expect(next).toBeNull()
    expect(data.every((l) => l.personId === personId)).toBe(true)

    const trail = await lines('admin', `trail=records&action=person.access_log&entityId=${personId}`)
    expect(trail.data).toHaveLength(1)
    expect(trail.data[0]).toMatchObject({ actorId: ids.admin, details: { before: null, limit: 50 } })
    const again = (await (await as('admin')(`/api/p/82/persons/${personId}/access-log?limit=1`)).json()) as { data: AuditLineView[]; next: number | null }
    expect(again.data.map((l) => l.action)).toEqual(['person.access_log'])
    expect(again.next).not.toBeNull()
  })

  it('answers 403 to officers and central roles, 404 for another province or an unknown person, 400 for a bad id', async () => {
    const personId = await register()
    const path = `/api/p/82/persons/${personId}/access-log`
    for (const who of ['commune', 'officer', 'central']) expect((await as(who)(path)).status, who).toBe(403)
    expect((await as('admin01')(path)).status).toBe(404)
    expect((await as('admin')(`/api/p/82/persons/${crypto.randomUUID()}/access-log`)).status).toBe(404)
    const bad = await as('admin')('/api/p/82/persons/not-an-id/access-log')
    expect(bad.status).toBe(400)
    expect((await bad.json()).error.details.issues[0].field).toBe('param.personId')
  })
})
