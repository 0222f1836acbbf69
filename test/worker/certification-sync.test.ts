// The commune's drug-free dossiers on the phone (decision 0044): the sync pull brings a commune officer their
// communes' assessments and nobody else's, with the criteria and figures to judge them by on a pull's last page;
// a dossier started offline is one dossier however often the phone sends it; a queued submission is decided by
// the server at sync, and a refusal comes back to the phone with its code.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import type { TenantDb } from '../../db/types.ts'
import { vietnamToday } from '../../kernel/calendar.ts'
import { DEFAULT_CRITERIA } from '../../kernel/domain/certification/criteria.ts'
import { createTestApp, createTestPlatform, jsonBody, type TestApp, type TestPlatform } from '../helpers/platform.ts'
import { createTestUser, sessionCookieFor } from '../helpers/users.ts'

let platform: TestPlatform
let t: TestApp
let db: TenantDb
let a: string
let b: string
const cookies = {} as Record<'mine' | 'theirs' | 'admin', string>
const year = Number(vietnamToday(new Date()).slice(0, 4))
const device = '44444444-4444-4444-8444-444444444444'

const as =
  (w: keyof typeof cookies) =>
  (path: string, init: RequestInit = {}) =>
    t.request(`/api/p/82${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), cookie: cookies[w] } })
async function ok<T>(res: Promise<Response>): Promise<T> {
  const r = await res
  const body = await r.json()
  expect(r.status, JSON.stringify(body)).toBeLessThan(300)
  return body.data as T
}
interface Result {
  key: string
  status: string
  record?: { id: string; version: number; status: string; communeCode: string }
  error?: { code: string }
}
const push = (w: keyof typeof cookies, changes: unknown[]) =>
  ok<{ results: Result[] }>(as(w)('/sync/push', jsonBody('POST', { deviceId: device, changes }))).then((r) => r.results)

interface Page {
  cursor: string
  more: boolean
  assessments?: { id: string; communeCode: string; status: string; version: number }[]
  certification?: { sets: { setVersion: number }[]; year: number; figures: Record<string, { managedPeople: number; population: unknown }> }
  deletes: { entity: string; id: string }[]
}
async function pullAll(w: keyof typeof cookies, from?: string) {
  const pages: Page[] = []
  let cursor = from
  for (let i = 0; i < 100; i++) {
    const page = await ok<Page>(as(w)(`/sync/pull?limit=50${cursor ? `&cursor=${cursor}` : ''}`))
    pages.push(page)
    cursor = page.cursor
    if (!page.more) break
  }
  return { pages, cursor: cursor!, assessments: pages.flatMap((p) => p.assessments ?? []) }
}

beforeAll(async () => {
  platform = await createTestPlatform()
  await onboardTenant(platform.onboardDeps, '82')
  t = createTestApp(platform)
  db = (await t.deps.tenants.resolve('82'))!.db
  const list = await db.query.communes.findMany({ orderBy: (c, { asc }) => asc(c.code), limit: 2 })
  ;[a, b] = [list[0]!.code, list[1]!.code]
  const make = async (w: keyof typeof cookies, role: 'commune_officer' | 'province_admin', communes: string[]) => {
    const id = await createTestUser(platform.control, { username: `cert-sync-${w}`, role, province: '82', communes })
    cookies[w] = await sessionCookieFor(platform.control, id)
  }
  await make('mine', 'commune_officer', [a])
  await make('theirs', 'commune_officer', [b])
  await make('admin', 'province_admin', [])
})
afterAll(() => platform.cleanup())

describe('drug-free dossiers on the phone', () => {
  const mineId = crypto.randomUUID()
  const startKey = crypto.randomUUID()
  it('starts a dossier offline once, however often the phone sends it', async () => {
    const start = { key: startKey, type: 'assessment.create', entityId: mineId, data: { communeCode: a, year } }
    const [first] = await push('mine', [start])
    expect(first).toMatchObject({ status: 'applied', record: { id: mineId, version: 1, status: 'draft', communeCode: a } })
    // The answer was lost: the same key again is answered from the receipt.
    const [again] = await push('mine', [start])
    expect(again).toMatchObject({ status: 'applied', record: { id: mineId, version: 1 } })
    // Sent again under a new key (the officer's "send again"): the dossier the phone made, not a second one.
    const [renewed] = await push('mine', [{ ...start, key: crypto.randomUUID() }])
    expect(renewed).toMatchObject({ status: 'applied', record: { id: mineId, version: 1 } })
    const listed = await ok<{ id: string }[]>(as('mine')(`/communes/${a}/assessments`))
    expect(listed.map((x) => x.id)).toEqual([mineId])
    // Another officer cannot take the id over.
    const [taken] = await push('theirs', [{ key: crypto.randomUUID(), type: 'assessment.create', entityId: mineId, data: { communeCode: b, year } }])
    expect(taken!.status).not.toBe('applied')
  })

  it('pulls a commune officer only their communes’ dossiers, with the criteria and figures on the last page', async () => {
    const theirsId = crypto.randomUUID()
    const [made] = await push('theirs', [{ key: crypto.randomUUID(), type: 'assessment.create', entityId: theirsId, data: { communeCode: b, year } }])
    expect(made!.status).toBe('applied')
    const mine = await pullAll('mine')
    expect(mine.assessments.map((x) => x.id)).toEqual([mineId])
    const last = mine.pages.at(-1)!
    expect(last.certification).toMatchObject({ sets: [], year })
    expect(Object.keys(last.certification!.figures)).toEqual([a])
    expect(mine.pages.slice(0, -1).every((p) => p.certification === undefined)).toBe(true)
    const theirs = await pullAll('theirs')
    expect(theirs.assessments.map((x) => x.id)).toEqual([theirsId])
  })

  it('queues a submission that the server refuses with criteria_unconfirmed, then applies once the province confirms', async () => {
    const before = await pullAll('mine')
    const submit = { key: crypto.randomUUID(), type: 'assessment.submit', entityId: mineId, data: { version: 1 } }
    const [refused] = await push('mine', [submit])
    expect(refused).toMatchObject({ status: 'invalid', error: { code: 'criteria_unconfirmed' } })
    await ok(as('admin')('/certification/criteria', jsonBody('PUT', { basedOnVersion: 0, content: DEFAULT_CRITERIA })))
    const [applied] = await push('mine', [{ ...submit, key: crypto.randomUUID() }])
    expect(applied).toMatchObject({ status: 'applied', record: { id: mineId, status: 'submitted', version: 2 } })
    // The next pull brings the submitted dossier and the confirmed set.
    const next = await pullAll('mine', before.cursor)
    expect(next.assessments).toEqual([expect.objectContaining({ id: mineId, status: 'submitted', version: 2 })])
    expect(next.pages.at(-1)!.certification!.sets.map((s) => s.setVersion)).toEqual([1])
  })
})
