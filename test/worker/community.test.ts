// The activity log and community models through the API (decision 0033): versions kept on edit, the commune
// scope (another commune's records do not exist: 404), keyset paging, the figures' endpoints and the sync pull.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import type { TenantDb } from '../../db/types.ts'
import { createTestApp, createTestPlatform, jsonBody, type TestApp, type TestPlatform } from '../helpers/platform.ts'
import { createTestUser, sessionCookieFor } from '../helpers/users.ts'

let platform: TestPlatform
let t: TestApp
let db: TenantDb
let mine: string
let theirs: string
const cookies: Record<'officer' | 'other' | 'province' | 'admin', string> = { officer: '', other: '', province: '', admin: '' }
let seq = 0
const uuid = () => crypto.randomUUID()

const as =
  (who: keyof typeof cookies) =>
  (path: string, init: RequestInit = {}) =>
    t.request(`/api/p/82${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), cookie: cookies[who] } })
async function ok<T = Record<string, unknown>>(res: Promise<Response> | Response): Promise<T> {
  const r = await res
  const body = await r.json()
  expect(r.status, JSON.stringify(body)).toBeLessThan(300)
  return body.data
}

const activity = (commune: string, over: Record<string, unknown> = {}) => ({
  communeCode: commune,
  kind: 'awareness_session',
  heldOn: '2026-11-10',
  organiser: 'youth_union',
  count: 1,
  participants: 60,
  ...over,
})
const model = (commune: string, over: Record<string, unknown> = {}) => ({
  communeCode: commune,
  kind: 'b93_club',
  name: 'CLB B93 (thử)',
  decision: { number: '21/QĐ-UBND', date: '2026-01-15', signer: 'Chủ tịch UBND (thử)', signerRole: 'commune_chair', body: 'UBND xã (thử)' },
  helpers: [
    { name: 'Cán bộ A (thử)', organisation: 'Công an xã', role: 'chủ nhiệm' },
    { name: 'Tình nguyện viên B (thử)', organisation: 'Đoàn Thanh niên', role: 'thành viên' },
  ],
  ...over,
})
async function person(commune: string, who: keyof typeof cookies = 'officer'): Promise<string> {
  const id = uuid()
  await ok(
    as(who)(
      '/persons',
      jsonBody('POST', {
        id,
        fullName: 'Lò Văn Thử',
        birthDate: '1991-02-03',
        sex: 'male',
        citizenId: `079091${String(++seq).padStart(6, '0')}`,
        communeCode: commune,
        category: 'post_rehab',
      }),
    ),
  )
  return id
}

beforeAll(async () => {
  platform = await createTestPlatform()
  await onboardTenant(platform.onboardDeps, '82')
  t = createTestApp(platform)
  db = (await t.deps.tenants.resolve('82'))!.db
  const list = await db.query.communes.findMany({ orderBy: (c, { asc }) => asc(c.code), limit: 2 })
  ;[mine, theirs] = [list[0]!.code, list[1]!.code]
  const user = (username: string, role: 'commune_officer' | 'province_officer' | 'province_admin', communes: string[] = []) =>
    createTestUser(platform.control, { username, role, province: '82', communes }).then((id) => sessionCookieFor(platform.control, id))
  cookies.officer = await user('community-officer', 'commune_officer', [mine])
  cookies.other = await user('community-other', 'commune_officer', [theirs])
  cookies.province = await user('community-province', 'province_officer')
  cookies.admin = await user('community-admin', 'province_admin')
})
afterAll(() => platform.cleanup())

describe('the activity log', () => {
  it('keeps every earlier version of a corrected line', async () => {
    const id = uuid()
    await ok(as('officer')('/activities', jsonBody('POST', { id, ...activity(mine) })))
    await ok(as('officer')(`/activities/${id}`, jsonBody('PATCH', { version: 1, participants: 75 })))
    await ok(as('officer')(`/activities/${id}`, jsonBody('PATCH', { version: 2, organiser: 'womens_union', topic: 'Luật 2021 (thử)' })))
    const stale = await as('officer')(`/activities/${id}`, jsonBody('PATCH', { version: 2, participants: 1 }))
    expect(stale.status).toBe(409)
    expect((await stale.json()).error.details.current).toMatchObject({ version: 3, participants: 75 })
    const read = await ok<{ version: number; participants: number; versions: { version: number; record: Record<string, unknown> }[] }>(
      as('officer')(`/activities/${id}`),
    )
    expect(read).toMatchObject({ version: 3, participants: 75, organiser: 'womens_union' })
    expect(read.versions.map((v) => [v.version, v.record.participants, v.record.organiser])).toEqual([
      [1, 60, 'youth_union'],
      [2, 75, 'youth_union'],
    ])
  })

  it('hides another commune’s lines and refuses writes there with 404', async () => {
    const id = uuid()
    await ok(as('other')('/activities', jsonBody('POST', { id, ...activity(theirs) })))
    expect((await as('officer')(`/activities/${id}`)).status).toBe(404)
    expect((await as('officer')(`/activities/${id}`, jsonBody('PATCH', { version: 1, count: 2 }))).status).toBe(404)
    expect((await as('officer')('/activities', jsonBody('POST', activity(theirs)))).status).toBe(404)
    expect((await as('officer')(`/activities?commune=${theirs}`)).status).toBe(404)
    const listed = await ok<{ communeCode: string }[]>(as('officer')('/activities?limit=200'))
    expect(listed.every((a) => a.communeCode === mine)).toBe(true)
    // Province roles read the whole province, write nothing.
    expect((await ok<{ id: string }>(as('province')(`/activities/${id}`))).id).toBe(id)
    expect((await as('province')('/activities', jsonBody('POST', activity(theirs)))).status).toBe(403)
  })

  it('pages newest first with a keyset cursor', async () => {
    const commune = theirs
    for (const heldOn of ['2026-06-01', '2026-06-02', '2026-06-03'])
      await ok(as('other')('/activities', jsonBody('POST', activity(commune, { heldOn, kind: 'broadcast', participants: null, count: 2 }))))
    const first = await (await as('other')('/activities?kind=broadcast&limit=2')).json()
    expect(first.data.map((a: { heldOn: string }) => a.heldOn)).toEqual(['2026-06-03', '2026-06-02'])
    const second = await (await as('other')(`/activities?kind=broadcast&limit=2&cursor=${first.next}`)).json()
    expect(second.data.map((a: { heldOn: string }) => a.heldOn)).toEqual(['2026-06-01'])
    expect(second.next).toBeNull()
    const bad = await as('other')('/activities?cursor=bm90LWpzb24')
    expect(bad.status).toBe(400)
    expect((await bad.json()).error.details.issues[0].field).toBe('query.cursor')
  })

  it('totals a period per kind for the caller’s communes', async () => {
    await ok(
      as('officer')(
        '/activities',
        jsonBody('POST', activity(mine, { kind: 'public_tips', participants: null, count: 32, casesOpened: 4, heldOn: '2026-02-10' })),
      ),
    )
    await ok(
      as('officer')(
        '/activities',
        jsonBody('POST', activity(mine, { kind: 'public_tips', participants: null, count: 3, casesOpened: 0, heldOn: '2026-03-31' })),
      ),
    )
    await ok(
      as('officer')(
        '/activities',
        jsonBody('POST', activity(mine, { kind: 'public_tips', participants: null, count: 9, casesOpened: 9, heldOn: '2026-04-01' })),
      ),
    )
    await ok(
      as('other')(
        '/activities',
        jsonBody('POST', activity(theirs, { kind: 'public_tips', participants: null, count: 50, casesOpened: 1, heldOn: '2026-02-10' })),
      ),
    )
    const data = await ok<{ totals: { kind: string; count: number; casesOpened: number }[] }>(as('officer')('/activities/totals?from=2026-01-01&to=2026-03-31'))
    expect(data.totals.find((x) => x.kind === 'public_tips')).toMatchObject({ count: 35, casesOpened: 4 })
    const province = await ok<{ totals: { kind: string; count: number }[] }>(as('province')('/activities/totals?from=2026-01-01&to=2026-03-31'))
    expect(province.totals.find((x) => x.kind === 'public_tips')).toMatchObject({ count: 85 })
    const reversed = await as('officer')('/activities/totals?from=2026-03-31&to=2026-01-01')
    expect((await reversed.json()).error.details.issues[0].field).toBe('query.to')
  })
})

describe('community models', () => {
  it('records members in scope and sessions, and counts them', async () => {
    const modelId = uuid()
    await ok(as('officer')('/models', jsonBody('POST', { id: modelId, ...model(mine) })))
    const p1 = await person(mine)
    const p2 = await person(mine)
    const stranger = await person(theirs, 'other')
    const m1 = uuid()
    await ok(as('officer')(`/models/${modelId}/members`, jsonBody('POST', { id: m1, personId: p1, joinedOn: '2026-02-01' })))
    await ok(as('officer')(`/models/${modelId}/members`, jsonBody('POST', { personId: p2, joinedOn: '2026-02-01' })))
    // A person outside the caller's scope does not exist for them; the same person twice at once is refused.
    expect((await as('officer')(`/models/${modelId}/members`, jsonBody('POST', { personId: stranger, joinedOn: '2026-02-01' }))).status).toBe(404)
    expect((await as('officer')(`/models/${modelId}/members`, jsonBody('POST', { personId: p1, joinedOn: '2026-03-01' }))).status).toBe(409)
    // The same through a sync push: not_found, nothing stored.
    const pushed = await ok<{ results: { status: string }[] }>(
      as('officer')(
        '/sync/push',
        jsonBody('POST', {
          deviceId: '22222222-2222-4222-8222-222222222222',
          changes: [
            { key: uuid(), type: 'model.member_add', entityId: uuid(), data: { modelId, personId: stranger, joinedOn: '2026-02-01' } },
            { key: uuid(), type: 'activity.create', entityId: uuid(), data: activity(theirs) },
          ],
        }),
      ),
    )
    expect(pushed.results.map((r) => r.status)).toEqual(['not_found', 'not_found'])
    await ok(as('officer')(`/model-members/${m1}/leave`, jsonBody('POST', { version: 1, leftOn: '2026-09-30' })))
    for (const [heldOn, attendance] of [
      ['2026-10-05', 7],
      ['2026-11-05', 8],
    ] as const)
      await ok(as('officer')(`/models/${modelId}/sessions`, jsonBody('POST', { heldOn, attendance })))

    const page = await ok<{ members: { personId: string; fullName: string; leftOn: string | null }[]; sessions: { attendance: number }[]; helpers: unknown[] }>(
      as('officer')(`/models/${modelId}`),
    )
    expect(page.helpers).toHaveLength(2)
    expect(page.members.map((m) => [m.personId, m.leftOn])).toEqual(
      expect.arrayContaining([
        [p1, '2026-09-30'],
        [p2, null],
      ]),
    )
    expect(page.sessions.map((s) => s.attendance)).toEqual([8, 7])

    const figures = await ok<{
      figures: { kind: string | null; models: number; helpers: number; sessions: number; averageAttendance: number; peopleSupported: number }[]
    }>(as('officer')(`/models/figures?from=2026-10-01&to=2026-12-31&commune=${mine}`))
    expect(figures.figures.find((f) => f.kind === 'b93_club')).toMatchObject({ models: 1, helpers: 2, sessions: 2, averageAttendance: 7.5, peopleSupported: 1 })
  })

  it('hides another commune’s models: read, session and member writes are 404', async () => {
    const modelId = uuid()
    await ok(as('other')('/models', jsonBody('POST', { id: modelId, ...model(theirs, { kind: 'counselling_point', name: 'Điểm tư vấn (thử)' }) })))
    expect((await as('officer')(`/models/${modelId}`)).status).toBe(404)
    expect((await as('officer')(`/models/${modelId}/sessions`, jsonBody('POST', { heldOn: '2026-11-01', attendance: 3 }))).status).toBe(404)
    expect((await as('officer')(`/models/${modelId}`, jsonBody('PATCH', { version: 1, name: 'x' }))).status).toBe(404)
    // The counselling point's own figures: clients new and returning.
    await ok(
      as('other')(
        `/models/${modelId}/sessions`,
        jsonBody('POST', { heldOn: '2026-11-01', attendance: 52, clientsNew: 2, clientsReturning: 50, counselled: 52 }),
      ),
    )
    const listed = await ok<{ id: string }[]>(as('province')('/models?kind=counselling_point'))
    expect(listed.map((m) => m.id)).toContain(modelId)
    expect((await ok<{ id: string }[]>(as('officer')('/models'))).map((m) => m.id)).not.toContain(modelId)
    // A province admin reads the province's models but records nothing.
    expect((await as('admin')(`/models/${modelId}`)).status).toBe(200)
    expect((await as('admin')(`/models/${modelId}/sessions`, jsonBody('POST', { heldOn: '2026-11-02', attendance: 3 }))).status).toBe(403)
  })

  it('reaches the commune officer’s phone through the sync pull, and only their communes’', async () => {
    const modelId = uuid()
    await ok(as('officer')('/models', jsonBody('POST', { id: modelId, ...model(mine, { name: 'CLB B93 kéo về (thử)' }) })))
    const sessionId = uuid()
    await ok(as('officer')(`/models/${modelId}/sessions`, jsonBody('POST', { id: sessionId, heldOn: '2026-11-20', attendance: 6 })))
    const collected: Record<string, { id: string; communeCode: string }[]> = { activities: [], models: [], modelMembers: [], modelSessions: [] }
    let cursor: string | undefined
    for (let i = 0; i < 50; i++) {
      const page = await ok<Record<string, unknown> & { cursor: string; more: boolean }>(
        as('officer')(`/sync/pull?limit=200${cursor ? `&cursor=${cursor}` : ''}`),
      )
      for (const name of Object.keys(collected)) collected[name]!.push(...((page[name] as { id: string; communeCode: string }[]) ?? []))
      cursor = page.cursor
      if (!page.more) break
    }
    expect(collected.models!.map((m) => m.id)).toContain(modelId)
    expect(collected.modelSessions!.map((s) => s.id)).toContain(sessionId)
    expect(collected.activities!.length).toBeGreaterThan(0)
    for (const name of Object.keys(collected))
      expect(
        collected[name]!.every((r) => r.communeCode === mine),
        name,
      ).toBe(true)
    // Incremental: a session recorded after the download arrives with the next pull.
    const later = uuid()
    await ok(as('officer')(`/models/${modelId}/sessions`, jsonBody('POST', { id: later, heldOn: '2026-11-21', attendance: 9 })))
    const next = await ok<{ modelSessions: { id: string }[] }>(as('officer')(`/sync/pull?cursor=${cursor}`))
    expect(next.modelSessions.map((s) => s.id)).toEqual([later])
  })
})
