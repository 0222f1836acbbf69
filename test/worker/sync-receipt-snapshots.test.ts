// A replayed key of a community or drug-free self-assessment change answers exactly what the change answered,
// even after its record changed: the receipt holds the record's rows, read in the change's own batch (decision
// 0049, addendum of 2026-12-04), so no step after the batch completes it. Synthetic records only.
import { inArray } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { syncReceipts } from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'
import { vietnamToday } from '../../kernel/calendar.ts'
import { DEFAULT_CRITERIA } from '../../kernel/domain/certification/criteria.ts'
import { createTestApp, createTestPlatform, jsonBody, type TestApp, type TestPlatform } from '../helpers/platform.ts'
import { createTestUser, sessionCookieFor } from '../helpers/users.ts'

let platform: TestPlatform
let t: TestApp
let db: TenantDb
let commune: string
const cookies = {} as Record<'officer' | 'admin', string>
const DEVICE = '55555555-5555-4555-8555-555555555555'
const uuid = () => crypto.randomUUID()

interface Change {
  key: string
  type: string
  entityId: string
  data: Record<string, unknown>
}
interface Result {
  key: string
  status: string
  record?: Record<string, unknown> & { id: string; version: number }
}
const change = (type: string, entityId: string, data: Record<string, unknown>): Change => ({ key: uuid(), type, entityId, data })

async function push(changes: Change[]): Promise<Result[]> {
  const res = await t.request('/api/p/82/sync/push', jsonBody('POST', { deviceId: DEVICE, changes }, { cookie: cookies.officer }))
  const body = await res.json()
  expect(res.status, JSON.stringify(body)).toBe(200)
  return body.data.results
}

/** Pushes the changes one push each, as a phone sending them over time, each expected applied. */
async function applied(changes: Change[]): Promise<Result[]> {
  const results: Result[] = []
  for (const c of changes) {
    const [result] = await push([c])
    expect(result, JSON.stringify(result)).toMatchObject({ status: 'applied', record: { id: c.entityId } })
    results.push(result!)
  }
  return results
}

/** Every key's receipt holds its record's rows, so a replay needs nothing written after the change's batch. */
async function expectRowsHeld(changes: Change[]) {
  const rows = await db
    .select({ result: syncReceipts.result })
    .from(syncReceipts)
    .where(
      inArray(
        syncReceipts.key,
        changes.map((c) => c.key),
      ),
    )
  expect(rows).toHaveLength(changes.length)
  for (const row of rows) expect((JSON.parse(row.result) as { snapshot?: unknown }).snapshot ?? null).not.toBeNull()
}

beforeAll(async () => {
  platform = await createTestPlatform()
  await onboardTenant(platform.onboardDeps, '82')
  t = createTestApp(platform)
  db = (await t.deps.tenants.resolve('82'))!.db
  const [first] = await db.query.communes.findMany({ orderBy: (c, { asc }) => asc(c.code), limit: 1 })
  commune = first!.code
  const user = (username: string, role: 'commune_officer' | 'province_admin', communes: string[]) =>
    createTestUser(platform.control, { username, role, province: '82', communes }).then((id) => sessionCookieFor(platform.control, id))
  cookies.officer = await user('snapshot-officer', 'commune_officer', [commune])
  cookies.admin = await user('snapshot-admin', 'province_admin', [])
})
afterAll(() => platform.cleanup())

describe('a replayed community or self-assessment change', () => {
  it('answers an activity’s create and correction as first answered, after a later correction', async () => {
    const id = uuid()
    const changes = [
      change('activity.create', id, {
        communeCode: commune,
        kind: 'awareness_session',
        heldOn: '2026-11-10',
        organiser: 'youth_union',
        count: 1,
        participants: 60,
      }),
      change('activity.update', id, { version: 1, participants: 75 }),
    ]
    const first = await applied(changes)
    await applied([change('activity.update', id, { version: 2, topic: 'Luật 2021 (thử)' })])
    await expectRowsHeld(changes)
    const replay = await push(changes)
    expect(replay).toEqual(first)
    expect(replay.map((r) => r.record!.version)).toEqual([1, 2])
  })

  it('answers a model’s create, edit, members and session as first answered, after the model changed', async () => {
    const modelId = uuid()
    const personId = uuid()
    const memberId = uuid()
    await applied([
      change('person.create', personId, {
        fullName: 'Lò Văn Mẫu',
        birthDate: '1991-02-03',
        sex: 'male',
        citizenId: '079091000555',
        communeCode: commune,
        category: 'post_rehab',
      }),
    ])
    const changes = [
      change('model.create', modelId, {
        communeCode: commune,
        kind: 'b93_club',
        name: 'CLB B93 (thử)',
        decision: { number: '21/QĐ-UBND', date: '2026-01-15', signer: 'Chủ tịch UBND (thử)', signerRole: 'commune_chair', body: 'UBND xã (thử)' },
        helpers: [{ name: 'Cán bộ A (thử)', organisation: 'Công an xã', role: 'chủ nhiệm' }],
      }),
      change('model.update', modelId, { version: 1, name: 'CLB B93 xã (thử)' }),
      change('model.member_add', memberId, { modelId, personId, joinedOn: '2026-02-01' }),
      change('model.member_remove', memberId, { version: 1, leftOn: '2026-09-30' }),
      change('model_session.create', uuid(), { modelId, heldOn: '2026-10-05', attendance: 7, topic: 'Sinh hoạt tháng 10 (thử)' }),
    ]
    const first = await applied(changes)
    await applied([change('model.update', modelId, { version: 2, helpers: [] })])
    await expectRowsHeld(changes)
    const replay = await push(changes)
    expect(replay).toEqual(first)
    expect(replay[0]!.record).toMatchObject({ version: 1, name: 'CLB B93 (thử)', helpers: [{ name: 'Cán bộ A (thử)' }] })
    expect(replay[3]!.record).toMatchObject({ version: 2, leftOn: '2026-09-30' })
  })

  it('answers a self-assessment’s start, save and submission as first answered', async () => {
    const year = Number(vietnamToday(new Date()).slice(0, 4))
    const criteria = { basedOnVersion: 0, content: DEFAULT_CRITERIA }
    const confirmed = await t.request('/api/p/82/certification/criteria', jsonBody('PUT', criteria, { cookie: cookies.admin }))
    expect(confirmed.status).toBeLessThan(300)
    const id = uuid()
    const changes = [
      change('assessment.create', id, { communeCode: commune, year }),
      change('assessment.update', id, { version: 1, answers: { 'DF.6': { value: true, note: 'Có biên bản (thử)' } } }),
      change('assessment.submit', id, { version: 2 }),
    ]
    const first = await applied(changes)
    await expectRowsHeld(changes)
    const replay = await push(changes)
    expect(replay).toEqual(first)
    expect(replay.map((r) => [r.record!.version, r.record!.status])).toEqual([
      [1, 'draft'],
      [2, 'draft'],
      [3, 'submitted'],
    ])
  })
})
