import { gunzipSync } from 'node:zlib'
import { count, eq, inArray, max } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { auditLog, changeLog, persons, rehabPlans, syncReceipts } from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'
import { pruneSyncLogs } from '../../worker/jobs/prune-sync-logs.ts'
import { pushChanges } from '../../worker/commands/sync-push.ts'
import { createTestApp, createTestPlatform, jsonBody, type TestApp, type TestPlatform } from '../helpers/platform.ts'
import { decisionOn, REQUIRED } from '../helpers/plans.ts'
import { createTestUser, sessionCookieFor } from '../helpers/users.ts'
import { deviceScenario } from './sync-devices.ts'

// Synthetic people only: invented names, valid-format but fictitious citizen IDs.
let platform: TestPlatform
let t: TestApp
let db: TenantDb
let own: string
let other: string
const ids: Record<string, string> = {}
const cookies: Record<string, string> = {}
let seq = 0
const cccd = (sex: 'male' | 'female', year: number) =>
  `079${(year >= 2000 ? 2 : 0) + (sex === 'female' ? 1 : 0)}${String(year % 100).padStart(2, '0')}${String(++seq).padStart(6, '0')}`
const uuid = () => crypto.randomUUID()
const DEVICE = uuid()

const as =
  (who: string) =>
  (path: string, init: RequestInit = {}) =>
    t.request(path, { ...init, headers: { ...(init.headers as Record<string, string>), cookie: cookies[who]! } })

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
  error?: { code: string; message: string; details?: { issues?: { field: string; message: string }[] } }
  retryable?: true
}

async function push(changes: Change[], who = 'commune', deviceId = DEVICE): Promise<Result[]> {
  const res = await as(who)('/api/p/82/sync/push', jsonBody('POST', { deviceId, changes }))
  const body = await res.json()
  expect(res.status, JSON.stringify(body)).toBe(200)
  return body.data.results
}

interface Page {
  cursor: string
  reset: boolean
  more: boolean
  communes?: { code: string; name: string }[]
  persons: { id: string; communeCode: string; version: number; notes?: string | null }[]
  plans: { id: string; status: string }[]
  reviews: { id: string }[]
  postRehab: { id: string; status: string; planId: string | null }[]
  followUps: { id: string }[]
  support: { id: string }[]
  deletes: { entity: string; id: string }[]
}

async function pull(who = 'commune', cursor?: string, limit?: number): Promise<Page> {
  const query = new URLSearchParams({ ...(cursor ? { cursor } : {}), ...(limit ? { limit: String(limit) } : {}) })
  const res = await as(who)(`/api/p/82/sync/pull?${query}`)
  const body = await res.json()
  expect(res.status, JSON.stringify(body)).toBe(200)
  return body.data
}

/** Every page until `more` is false, merged; the last cursor. */
async function pullAll(who = 'commune', cursor?: string, limit?: number) {
  const pages: Page[] = []
  let next = cursor
  do {
    pages.push(await pull(who, next, limit))
    next = pages.at(-1)!.cursor
  } while (pages.at(-1)!.more)
  return {
    pages,
    cursor: next!,
    persons: pages.flatMap((p) => p.persons),
    plans: pages.flatMap((p) => p.plans),
    reviews: pages.flatMap((p) => p.reviews),
    postRehab: pages.flatMap((p) => p.postRehab),
    support: pages.flatMap((p) => p.support),
    deletes: pages.flatMap((p) => p.deletes),
  }
}

const personData = (overrides: Record<string, unknown> = {}) => ({
  fullName: 'Phan Văn Đồng Bộ',
  birthDate: '1990-06-06',
  sex: 'male',
  citizenId: cccd('male', 1990),
  communeCode: own,
  category: 'dependent',
  addictionDeterminedOn: '2026-08-01',
  addictionDeterminedBy: 'Trung tâm Y tế (thử nghiệm)',
  ...overrides,
})
const planData = (personId: string) => ({
  personId,
  form: 'family',
  registeredOn: '2026-03-20',
  startOn: '2026-04-01',
  plannedEndOn: '2026-10-01',
  members: [{ name: 'Tổ công tác (thử nghiệm)', role: 'công an xã' }],
  stages: [{ stage: 'detox_treatment', activities: ['Khám sức khỏe'] }],
})
const DECISION = decisionOn('2026-04-01')
const reviewData = (personId: string) => ({ personId, reviewedOn: '2026-11-20', attended: true, drugTest: 'negative', riskLevel: 'low' })
const CERTIFICATE = decisionOn('2026-11-20', 'GXN-09/2026 (thử)')
/** A completion; this province opens post-rehab after voluntary rehab (set in beforeAll), with the chair's decision. */
const completionData = (version: number, overrides: Record<string, unknown> = {}) => ({
  version,
  decision: CERTIFICATE,
  supportModel: 'five_plus_one',
  supporterName: 'Tình nguyện viên (thử)',
  openDecision: decisionOn('2026-11-20', '05/QĐ-UBND (thử)'),
  ...overrides,
})
const supportData = (personId: string, overrides: Record<string, unknown> = {}) => ({
  personId,
  kind: 'preferential_loan',
  givenOn: '2026-11-21',
  amountVnd: 20_000_000,
  note: 'Vay vốn chăn nuôi (thử)',
  ...overrides,
})
const change = (type: string, entityId: string, data: Record<string, unknown>): Change => ({ key: uuid(), type, entityId, data })
/** The start, with the chair's decision (plan version 1 → 2). */
const activation = (planId: string) => change('plan.transition', planId, { to: 'active', version: 1, decision: DECISION })
/** The three stages completion needs, done (plan version 2 → 5). */
const stagesDone = (planId: string) =>
  REQUIRED.map((stage, i) => change('plan.stage_update', planId, { version: 2 + i, stage, actualStartOn: '2026-04-01', actualEndOn: '2026-05-01', done: true }))

async function personRow(id: string) {
  return (await db.select().from(persons).where(eq(persons.id, id)))[0]
}
async function latestSeq() {
  return (await db.select({ seq: max(changeLog.seq) }).from(changeLog))[0]?.seq ?? 0
}
async function auditCount() {
  return (await db.select({ n: count() }).from(auditLog))[0]!.n
}

beforeAll(async () => {
  platform = await createTestPlatform()
  for (const code of ['82', '01']) await onboardTenant(platform.onboardDeps, code)
  t = createTestApp(platform)
  db = (await t.deps.tenants.resolve('82'))!.db
  const list = await db.query.communes.findMany({ orderBy: (c, { asc }) => asc(c.code), limit: 4 })
  own = list[0]!.code
  other = list[1]!.code
  const users = {
    commune: await createTestUser(platform.control, { username: 's-commune', role: 'commune_officer', province: '82', communes: [own] }),
    other: await createTestUser(platform.control, { username: 's-commune-other', role: 'commune_officer', province: '82', communes: [other] }),
    both: await createTestUser(platform.control, { username: 's-commune-both', role: 'commune_officer', province: '82', communes: [own, other] }),
    devices: await createTestUser(platform.control, { username: 's-commune-devices', role: 'commune_officer', province: '82', communes: [list[2]!.code] }),
    reorder: await createTestUser(platform.control, { username: 's-commune-reorder', role: 'commune_officer', province: '82', communes: [list[3]!.code] }),
    officer: await createTestUser(platform.control, { username: 's-officer', role: 'province_officer', province: '82' }),
    admin: await createTestUser(platform.control, { username: 's-admin', role: 'province_admin', province: '82' }),
    central: await createTestUser(platform.control, { username: 's-central', role: 'central_admin' }),
  }
  Object.assign(ids, users, { devicesCommune: list[2]!.code, reorderCommune: list[3]!.code })
  for (const [who, id] of Object.entries(users)) cookies[who] = await sessionCookieFor(platform.control, id)
  // The phones here follow post-rehab management after voluntary completion: this province opens it.
  expect((await as('admin')('/api/p/82/settings', jsonBody('PUT', { caseRules: { postRehabAfterVoluntary: true } }))).status).toBe(200)
})
afterAll(() => platform.cleanup())

describe('pushing queued changes', () => {
  it('applies them in order through the ordinary services and answers each with the stored record', async () => {
    const personId = uuid()
    const planId = uuid()
    const reviewId = uuid()
    const results = await push([
      change('person.create', personId, personData({ fullName: 'Trịnh Thị Ngoại Tuyến', sex: 'female', citizenId: cccd('female', 1990) })),
      change('plan.create', planId, planData(personId)),
      activation(planId),
      change('review.create', reviewId, reviewData(personId)),
      change('person.update', personId, { version: 2, notes: 'Đã gặp tại nhà' }),
    ])
    expect(results.map((r) => r.status)).toEqual(['applied', 'applied', 'applied', 'applied', 'applied'])
    // A dependent person with no plan yet must register (decision 0028); the plan makes them in rehab.
    expect(results[0]!.record).toMatchObject({ id: personId, fullName: 'Trịnh Thị Ngoại Tuyến', version: 1, status: 'awaiting_registration' })
    expect(results[0]!.record!.nameKey).toBeUndefined()
    expect(results[1]!.record).toMatchObject({ id: planId, status: 'draft', allowedTransitions: ['active', 'terminated'] })
    expect(results[2]!.record).toMatchObject({ id: planId, status: 'active', version: 2 })
    expect(results[3]!.record).toMatchObject({ id: reviewId, personId, planId, drugTest: 'negative' })
    // The transition to active made the person in_rehab (version 2); the update was based on that.
    expect(results[4]!.record).toMatchObject({ id: personId, version: 3, status: 'in_rehab', notes: 'Đã gặp tại nhà' })
    expect(await personRow(personId)).toMatchObject({ version: 3, notes: 'Đã gặp tại nhà' })
    const actions = (await db.select({ action: auditLog.action, details: auditLog.details }).from(auditLog).orderBy(auditLog.seq)).slice(-6)
    expect(actions.map((a) => a.action)).toEqual(['person.create', 'plan.create', 'plan.transition', 'review.create', 'person.update', 'sync.push'])
    expect(JSON.parse(actions[5]!.details!)).toEqual({ changes: 5, replayed: 0, applied: 5 })
  })

  it('answers a replayed batch with the stored results and changes nothing', async () => {
    const personId = uuid()
    const batch = [
      change('person.create', personId, personData()),
      change('person.update', personId, { version: 1, phone: '0912345678' }),
      change('person.update', personId, { version: 1, notes: 'based on an old version' }),
      change('review.create', uuid(), reviewData(personId)),
    ]
    const first = await push(batch)
    expect(first.map((r) => r.status)).toEqual(['applied', 'applied', 'conflict', 'applied'])
    const [seqBefore, auditBefore, row] = [await latestSeq(), await auditCount(), await personRow(personId)]
    const replay = await push(batch)
    expect(replay).toEqual(first)
    expect(await latestSeq()).toBe(seqBefore)
    expect(await personRow(personId)).toEqual(row)
    expect(await auditCount()).toBe(auditBefore + 1) // the sync.push entry alone
    const [entry] = await db.select().from(auditLog).orderBy(auditLog.seq).limit(1).offset(auditBefore)
    expect(entry).toMatchObject({ action: 'sync.push', entityType: 'device', entityId: DEVICE })
    expect(JSON.parse(entry!.details!)).toEqual({ changes: 4, replayed: 4, applied: 3, conflict: 1 })
  })

  it('applies a batch delivered twice at the same time exactly once', async () => {
    const personId = uuid()
    const batch = [
      change('person.create', personId, personData()),
      change('person.update', personId, { version: 1, notes: 'một lần' }),
      change('review.create', uuid(), reviewData(personId)),
    ]
    const [a, b] = await Promise.all([push(batch), push(batch)])
    expect(a).toEqual(b)
    expect(a.map((r) => r.status)).toEqual(['applied', 'applied', 'applied'])
    expect(await personRow(personId)).toMatchObject({ version: 2, notes: 'một lần' })
    expect(
      (
        await db
          .select({ n: count() })
          .from(syncReceipts)
          .where(
            inArray(
              syncReceipts.key,
              batch.map((c) => c.key),
            ),
          )
      )[0]!.n,
    ).toBe(3)
  })

  it('reports a stale person.update as a conflict carrying the current record, and leaves the record untouched', async () => {
    const personId = uuid()
    await push([change('person.create', personId, personData()), change('person.update', personId, { version: 1, notes: 'first device' })])
    const before = await personRow(personId)
    const [result] = await push([change('person.update', personId, { version: 1, notes: 'second device, offline since version 1' })])
    expect(result!.status).toBe('conflict')
    expect(result!.record).toMatchObject({ id: personId, version: 2, notes: 'first device' })
    expect(result!.error!.code).toBe('conflict')
    expect(await personRow(personId)).toEqual(before)
  })

  it('reports a stale plan.transition as a conflict carrying the current plan', async () => {
    const personId = uuid()
    const planId = uuid()
    await push([change('person.create', personId, personData()), change('plan.create', planId, planData(personId)), activation(planId)])
    const [result] = await push([change('plan.transition', planId, { to: 'terminated', reason: 'other', version: 1, decision: DECISION })])
    expect(result).toMatchObject({ status: 'conflict', record: { id: planId, status: 'active', version: 2 } })
    expect((await db.select().from(rehabPlans).where(eq(rehabPlans.id, planId)))[0]!.status).toBe('active')
  })

  it('records a follow-up of post-rehab management, found in the next pull with its record', async () => {
    const personId = uuid()
    const planId = uuid()
    await push([change('person.create', personId, personData()), change('plan.create', planId, planData(personId)), activation(planId), ...stagesDone(planId)])
    const { cursor } = await pullAll('commune')
    const done = await as('commune')(`/api/p/82/plans/${planId}/complete`, jsonBody('POST', completionData(5, { supportModel: 'b93_club' })))
    const postRehabId = (await done.json()).data.postRehab.id as string
    const followUpId = uuid()
    const [result] = await push([change('follow_up.create', followUpId, { postRehabId, contactedOn: '2026-11-22', method: 'visit', notes: 'Ổn định' })])
    expect(result).toMatchObject({
      status: 'applied',
      record: { id: followUpId, postRehabId, personId, method: 'visit', createdAt: '2026-11-24T03:00:00.000Z' },
    })
    const next = await pullAll('commune', cursor)
    expect(next.pages.flatMap((p) => p.followUps)).toEqual([result!.record])
    expect(next.pages.flatMap((p) => p.postRehab).map((r) => r.id)).toEqual([postRehabId])
    expect(next.plans).toMatchObject([{ id: planId, status: 'completed' }])
    const full = await pullAll('commune')
    expect(full.pages.flatMap((p) => p.postRehab).map((r) => r.id)).toContain(postRehabId)
    expect(full.pages.flatMap((p) => p.followUps).map((r) => r.id)).toContain(followUpId)
    // Completed, no longer open, but kept while its post-rehab management is active (the certificate).
    expect(full.plans.filter((p) => p.id === planId)).toMatchObject([{ status: 'completed' }])
  })

  it('names the failing field of an invalid change and still applies the others', async () => {
    const personId = uuid()
    const results = await push([
      change('person.create', uuid(), personData({ birthDate: '2026-02-30' })),
      change('person.create', uuid(), personData({ communeCode: '99999' })),
      change('person.create', personId, personData()),
      change('review.create', uuid(), { ...reviewData(personId), drugTest: 'positive' }),
      change('person.update', personId, { notes: 'no version' }),
      change('person.create', uuid(), { ...personData(), id: uuid() }),
    ])
    expect(results.map((r) => r.status)).toEqual(['invalid', 'invalid', 'applied', 'invalid', 'invalid', 'invalid'])
    const fields = results.map((r) => r.error?.details?.issues?.[0]?.field)
    expect(fields).toEqual(['json.birthDate', 'json.communeCode', undefined, 'json.substance', 'json.version', 'json.id'])
    expect(results[0]!.error).toMatchObject({ code: 'validation_failed', message: expect.stringContaining('calendar') })
  })

  it('answers a rule of the domain as invalid with its code (a citizen ID registered twice)', async () => {
    const data = personData()
    await push([change('person.create', uuid(), data)])
    const [dup] = await push([change('person.create', uuid(), { ...data, fullName: 'Người Khác' })])
    expect(dup).toMatchObject({ status: 'invalid', error: { code: 'conflict', details: { issues: [{ field: 'json.citizenId' }] } } })
  })

  it("answers not_found for another commune's records and writes nothing", async () => {
    const theirs = uuid()
    expect((await push([change('person.create', theirs, personData({ communeCode: other }))], 'other'))[0]!.status).toBe('applied')
    const [seqBefore, auditBefore, row] = [await latestSeq(), await auditCount(), await personRow(theirs)]
    const results = await push([
      change('person.create', uuid(), personData({ communeCode: other })),
      change('person.update', theirs, { version: 1, notes: 'not mine' }),
      change('review.create', uuid(), reviewData(theirs)),
      change('plan.create', uuid(), planData(theirs)),
      change('person.create', theirs, personData()), // their person's id, sent as a create in my commune
    ])
    expect(results.map((r) => r.status)).toEqual(['not_found', 'not_found', 'not_found', 'not_found', 'not_found'])
    expect(results.every((r) => r.record === undefined && r.error?.code === 'not_found')).toBe(true)
    expect(await personRow(theirs)).toEqual(row)
    expect(await latestSeq()).toBe(seqBefore)
    expect(await auditCount()).toBe(auditBefore + 1)
  })

  it('answers forbidden, change by change, for a role that may not write', async () => {
    const results = await pushChanges(
      {
        db,
        province: '82',
        actor: { userId: ids.officer!, role: 'province_officer', province: '82', communes: [] },
        audit: { at: new Date('2026-11-24T03:00:00Z'), actorId: ids.officer!, actorRole: 'province_officer', requestId: null, clientHash: null },
        deviceId: DEVICE,
        onError: (err) => {
          throw err
        },
      },
      [{ ...change('person.create', uuid(), personData()), type: 'person.create' }],
    )
    expect(results[0]).toMatchObject({ status: 'forbidden', error: { code: 'forbidden' } })
    // Through the API a province officer cannot push at all.
    expect(
      (await as('officer')('/api/p/82/sync/push', jsonBody('POST', { deviceId: DEVICE, changes: [change('person.create', uuid(), personData())] }))).status,
    ).toBe(403)
  })

  it('stores rejections so a replay answers the same; the change sent again under a new key is a new change', async () => {
    const personId = uuid()
    await push([change('person.create', personId, personData()), change('person.update', personId, { version: 1, notes: 'A' })])
    const stale = change('person.update', personId, { version: 1, notes: 'B' })
    const [conflict] = await push([stale])
    await push([change('person.update', personId, { version: 2, notes: 'C' })])
    expect(await push([stale])).toEqual([conflict]) // still the answer given then (version 2), not today's record
    const [resolved] = await push([{ ...stale, key: uuid(), data: { version: 3, notes: 'B' } }])
    expect(resolved).toMatchObject({ status: 'applied', record: { version: 4, notes: 'B' } })
  })

  it('does not answer a key to another user, nor for another change', async () => {
    const mine = change('person.create', uuid(), personData())
    await push([mine])
    const [stolen] = await push([{ ...mine, data: personData({ communeCode: other }) }], 'other')
    expect(stolen).toMatchObject({ status: 'invalid', error: { details: { issues: [{ field: 'key' }] } } })
    expect(stolen!.record).toBeUndefined()
    const [reused] = await push([{ ...mine, type: 'person.update', data: { version: 1 } }])
    expect(reused!.status).toBe('invalid')
  })

  it('refuses a malformed batch as a whole with 400', async () => {
    const send = (body: unknown) => as('commune')('/api/p/82/sync/push', jsonBody('POST', body))
    const field = async (res: Response) => (await res.json()).error.details.issues[0].field
    expect(await field(await send({ deviceId: 'phone', changes: [change('person.create', uuid(), {})] }))).toBe('json.deviceId')
    expect(await field(await send({ deviceId: DEVICE, changes: [] }))).toBe('json.changes')
    expect(await field(await send({ deviceId: DEVICE, changes: Array.from({ length: 101 }, () => change('person.create', uuid(), {})) }))).toBe('json.changes')
    expect(await field(await send({ deviceId: DEVICE, changes: [{ ...change('person.delete', uuid(), {}) }] }))).toBe('json.changes.0.type')
    expect(await field(await send({ deviceId: DEVICE, changes: [{ ...change('person.create', uuid(), {}), key: 'k1' }] }))).toBe('json.changes.0.key')
  })
})

describe('changes that arrive out of order', () => {
  /** A person's whole story, each change depending on the one before. */
  function story() {
    const personId = uuid()
    const planId = uuid()
    const postRehabId = uuid()
    return [
      change(
        'person.create',
        personId,
        personData({ category: 'dependent', addictionDeterminedOn: '2026-09-01', addictionDeterminedBy: 'Trung tâm Y tế (thử nghiệm)' }),
      ),
      change('person.update', personId, { version: 1, notes: 'Đã gặp gia đình' }),
      change('plan.create', planId, planData(personId)),
      activation(planId),
      change('review.create', uuid(), reviewData(personId)),
      ...stagesDone(planId),
      change('plan.complete', planId, completionData(5, { postRehabId })),
      change('follow_up.create', uuid(), { postRehabId, contactedOn: '2026-11-22', method: 'phone' }),
      change('post_rehab.relapse', postRehabId, { version: 1, relapseOn: '2026-11-23' }),
    ]
  }

  it('answers what depends on a change not received yet as retryable, stores none of it, and applies all of it sent again in order', async () => {
    const changes = story()
    const [seqBefore, auditBefore] = [await latestSeq(), await auditCount()]
    const reversed = await push([...changes].reverse())
    expect(reversed.map((r) => [r.status, r.retryable])).toEqual([...Array(10).fill(['not_found', true]), ['applied', undefined]])
    expect(reversed.slice(0, 10).every((r) => r.record === undefined && r.error?.code === 'not_found')).toBe(true)
    const stored = await db
      .select({ key: syncReceipts.key })
      .from(syncReceipts)
      .where(
        inArray(
          syncReceipts.key,
          changes.map((c) => c.key),
        ),
      )
    expect(stored.map((r) => r.key)).toEqual([changes[0]!.key])
    expect(await auditCount()).toBe(auditBefore + 2) // person.create and the push
    expect(await latestSeq()).toBeGreaterThan(seqBefore)

    const inOrder = await push(changes)
    expect(inOrder.map((r) => r.status)).toEqual(Array(11).fill('applied'))
    expect(inOrder[0]).toEqual(reversed[10]) // the create, answered from its receipt
    const personId = changes[0]!.entityId
    // After a relapse the person awaits determination (decision 0028); the category stays until a result.
    expect(await personRow(personId)).toMatchObject({ notes: 'Đã gặp gia đình', category: 'post_rehab', status: 'awaiting_determination', version: 5 })
    const again = await push([...changes].reverse())
    expect(again).toEqual([...inOrder].reverse())
    const actions = (await db.select({ action: auditLog.action }).from(auditLog).orderBy(auditLog.seq)).slice(-14).map((a) => a.action)
    expect(actions).toEqual([
      'person.create',
      'sync.push',
      'person.update',
      'plan.create',
      'plan.transition',
      'review.create',
      'plan.stage_update',
      'plan.stage_update',
      'plan.stage_update',
      'plan.complete',
      'follow_up.create',
      'post_rehab.relapse',
      'sync.push',
      'sync.push',
    ])
  })

  it('answers a change based on a version the record has not reached yet as retryable, with the current record, and applies it once that version exists', async () => {
    const [create, , plan, activate, , s1, s2, s3, complete] = story()
    expect((await push([create!, plan!])).map((r) => r.status)).toEqual(['applied', 'applied'])
    const [early] = await push([complete!])
    expect(early).toMatchObject({ status: 'conflict', retryable: true, record: { id: plan!.entityId, status: 'draft', version: 1 } })
    expect((await db.select({ n: count() }).from(syncReceipts).where(eq(syncReceipts.key, complete!.key)))[0]!.n).toBe(0)
    expect((await push([activate!, s1!, s2!, s3!, complete!])).map((r) => r.status)).toEqual(Array(5).fill('applied'))
    expect((await db.select().from(rehabPlans).where(eq(rehabPlans.id, plan!.entityId)))[0]).toMatchObject({ status: 'completed', version: 6 })
  })

  it('still answers a record of another commune not_found, stored: only a record that does not exist at all may yet arrive', async () => {
    const theirs = uuid()
    await push([change('person.create', theirs, personData({ communeCode: other }))], 'other')
    const notMine = change('person.update', theirs, { version: 1, notes: 'không phải của tôi' })
    const [refused] = await push([notMine])
    expect(refused).toEqual({ key: notMine.key, status: 'not_found', error: { code: 'not_found', message: 'Not found' } })
    expect((await db.select({ n: count() }).from(syncReceipts).where(eq(syncReceipts.key, notMine.key)))[0]!.n).toBe(1)
  })
})

describe('completion, relapse and support pushed from a phone', () => {
  /** A person of the caller's commune with an active plan ready to complete (version 5), as a phone would have queued them. */
  async function activePerson(who = 'commune', commune = own) {
    const personId = uuid()
    const planId = uuid()
    const results = await push(
      [
        change('person.create', personId, personData({ communeCode: commune })),
        change('plan.create', planId, planData(personId)),
        activation(planId),
        ...stagesDone(planId),
      ],
      who,
    )
    expect(results.map((r) => r.status)).toEqual(Array(6).fill('applied'))
    return { personId, planId }
  }
  const data = async (res: Response) => (await res.json()).data

  it('completes a plan with the post-rehab id the phone made, records support and a relapse, and the pulls bring each record once', async () => {
    const { personId, planId } = await activePerson()
    const { cursor } = await pullAll('commune')
    const postRehabId = uuid()
    const supportId = uuid()
    const [completed, support] = await push([
      change('plan.complete', planId, completionData(5, { postRehabId })),
      change('support.create', supportId, supportData(personId)),
    ])
    // The plan as GET /plans/:id answers it, the support record as GET /persons/:id/support lists it.
    expect(completed).toMatchObject({
      status: 'applied',
      record: { id: planId, status: 'completed', version: 6, completionNumber: 'GXN-09/2026 (thử)', allowedTransitions: [] },
    })
    expect(completed!.record).toEqual(await data(await as('commune')(`/api/p/82/plans/${planId}`)))
    expect(support).toMatchObject({ status: 'applied', record: { id: supportId, personId, kind: 'preferential_loan', amountVnd: 20_000_000 } })
    expect([support!.record]).toEqual(await data(await as('commune')(`/api/p/82/persons/${personId}/support`)))
    expect(await personRow(personId)).toMatchObject({ status: 'post_rehab', category: 'post_rehab', version: 3 })

    const next = await pullAll('commune', cursor)
    expect(next.postRehab).toMatchObject([
      { id: postRehabId, personId, planId, status: 'active', startOn: '2026-11-20', endOn: '2027-11-20', supportModel: 'five_plus_one', version: 1 },
    ])
    expect(next.plans).toEqual([completed!.record])
    expect(next.support).toEqual([support!.record])
    expect(next.persons).toMatchObject([{ id: personId, status: 'post_rehab', version: 3 }])
    // A full download keeps the completed plan of an active post-rehab record, and the last 12 months of support.
    const full = await pullAll('commune')
    expect(full.plans.filter((p) => p.id === planId)).toEqual([completed!.record])
    expect(full.postRehab.filter((r) => r.id === postRehabId)).toHaveLength(1)
    expect(full.support.filter((r) => r.id === supportId)).toEqual([support!.record])

    const [relapse] = await push([change('post_rehab.relapse', postRehabId, { version: 1, relapseOn: '2026-11-23', note: 'Xét nghiệm dương tính (thử)' })])
    const [online] = await data(await as('commune')(`/api/p/82/persons/${personId}/post-rehab`))
    expect(relapse).toMatchObject({ status: 'applied', record: { id: postRehabId, status: 'relapsed', relapseOn: '2026-11-23', version: 2 } })
    expect({ ...relapse!.record, followUps: [] }).toEqual(online)
    expect(await personRow(personId)).toMatchObject({ status: 'awaiting_determination', category: 'post_rehab', version: 4 })
    const after = await pullAll('commune', next.cursor)
    expect(after.postRehab).toEqual([relapse!.record])
    expect(after.persons).toMatchObject([{ id: personId, status: 'awaiting_determination', version: 4 }])
    const actions = (
      await db
        .select({ action: auditLog.action })
        .from(auditLog)
        .where(inArray(auditLog.entityId, [planId, postRehabId, supportId]))
        .orderBy(auditLog.seq)
    ).map((a) => a.action)
    expect(actions).toEqual(expect.arrayContaining(['plan.complete', 'support.create', 'post_rehab.relapse']))
  })

  it('answers replayed completions, relapses and support from their receipts and changes nothing', async () => {
    const { personId, planId } = await activePerson()
    const postRehabId = uuid()
    const batch = [
      change('plan.complete', planId, completionData(5, { postRehabId })),
      change('support.create', uuid(), supportData(personId, { kind: 'vocational_training', amountVnd: null })),
      change('post_rehab.relapse', postRehabId, { version: 1, relapseOn: '2026-11-22' }),
    ]
    const first = await push(batch)
    expect(first.map((r) => r.status)).toEqual(['applied', 'applied', 'applied'])
    const [seqBefore, auditBefore, row] = [await latestSeq(), await auditCount(), await personRow(personId)]
    expect(await push(batch)).toEqual(first)
    const [a, b] = await Promise.all([push(batch), push(batch)])
    expect([a, b]).toEqual([first, first])
    expect(await latestSeq()).toBe(seqBefore)
    expect(await personRow(personId)).toEqual(row)
    expect(await auditCount()).toBe(auditBefore + 3) // the sync.push entries alone
    // The support sent again under a new key (its answer lost, a new key made) finds its record.
    const [again] = await push([{ ...batch[1]!, key: uuid() }])
    expect(again).toEqual({ ...first[1], key: again!.key })
  })

  it('reports a stale completion and a stale relapse as conflicts carrying the current record', async () => {
    const { planId } = await activePerson()
    const [stalePlan] = await push([change('plan.complete', planId, completionData(1))])
    expect(stalePlan).toMatchObject({ status: 'conflict', record: { id: planId, status: 'active', version: 5 }, error: { code: 'conflict' } })
    expect((await db.select().from(rehabPlans).where(eq(rehabPlans.id, planId)))[0]).toMatchObject({ status: 'active', version: 5 })
    const postRehabId = uuid()
    await push([
      change('plan.complete', planId, completionData(5, { postRehabId })),
      change('post_rehab.relapse', postRehabId, { version: 1, relapseOn: '2026-11-21' }),
    ])
    const [staleRelapse] = await push([change('post_rehab.relapse', postRehabId, { version: 1, relapseOn: '2026-11-22' })])
    expect(staleRelapse).toMatchObject({ status: 'conflict', record: { id: postRehabId, status: 'relapsed', relapseOn: '2026-11-21', version: 2 } })
    expect(typeof staleRelapse!.record!.createdAt).toBe('string')
  })

  it("answers not_found for another commune's plans, post-rehab records and people, and writes nothing", async () => {
    const theirs = await activePerson('other', other)
    const [completeTheirs] = await push([change('plan.complete', theirs.planId, completionData(5))])
    expect(completeTheirs!.status).toBe('not_found')
    const postRehabId = uuid()
    expect((await push([change('plan.complete', theirs.planId, completionData(5, { postRehabId }))], 'other'))[0]!.status).toBe('applied')
    const [seqBefore, auditBefore, row] = [await latestSeq(), await auditCount(), await personRow(theirs.personId)]
    const results = await push([
      change('post_rehab.relapse', postRehabId, { version: 1, relapseOn: '2026-11-22' }),
      change('support.create', uuid(), supportData(theirs.personId)),
      change('post_rehab.relapse', uuid(), { version: 1, relapseOn: '2026-11-22' }),
    ])
    expect(results.map((r) => [r.status, r.record])).toEqual([
      ['not_found', undefined],
      ['not_found', undefined],
      ['not_found', undefined],
    ])
    expect(await personRow(theirs.personId)).toEqual(row)
    expect(await latestSeq()).toBe(seqBefore)
    expect(await auditCount()).toBe(auditBefore + 1)
    // Their support record's id, sent as mine: it does not exist for me.
    const supportId = uuid()
    await push([change('support.create', supportId, supportData(theirs.personId))], 'other')
    const mine = await activePerson()
    expect((await push([change('support.create', supportId, supportData(mine.personId))]))[0]!.status).toBe('not_found')
  })

  it('names the failing field of an invalid completion, relapse or support, and applies the others', async () => {
    const { personId, planId } = await activePerson()
    const taken = await activePerson()
    const takenId = uuid()
    await push([change('plan.complete', taken.planId, completionData(5, { postRehabId: takenId }))])
    const results = await push([
      change('plan.complete', planId, completionData(5, { decision: { ...CERTIFICATE, number: '  ' } })),
      change('plan.complete', uuid(), completionData(5, { decision: { ...CERTIFICATE, date: '2026-11-31' } })),
      change('plan.complete', taken.planId, completionData(6)),
      change('post_rehab.relapse', takenId, { version: 1, relapseOn: '2026-12-01' }),
      change('support.create', uuid(), supportData(personId, { amountVnd: null })),
      change('support.create', uuid(), { ...supportData(personId), personId: undefined }),
      change('support.create', uuid(), supportData(personId, { kind: 'job_placement', amountVnd: null })),
    ])
    expect(results.map((r) => r.status)).toEqual(['invalid', 'invalid', 'invalid', 'invalid', 'invalid', 'invalid', 'applied'])
    expect(results.map((r) => r.error?.details?.issues?.[0]?.field)).toEqual([
      'json.decision.number',
      'json.decision.date',
      undefined,
      'json.relapseOn',
      'json.amountVnd',
      'json.personId',
      undefined,
    ])
    expect(results[2]!.error).toMatchObject({ code: 'conflict', message: expect.stringContaining('cannot be completed') })
    // A post-rehab id already in use is refused by name, and nothing of the completion is applied.
    const [idTaken] = await push([change('plan.complete', planId, completionData(5, { postRehabId: takenId }))])
    expect(idTaken).toMatchObject({ status: 'invalid', error: { code: 'conflict', details: { issues: [{ field: 'json.postRehabId' }] } } })
    expect((await db.select().from(rehabPlans).where(eq(rehabPlans.id, planId)))[0]).toMatchObject({ status: 'active', version: 5 })
  })
})

describe('pulling the caller’s scope', () => {
  it('downloads only the caller’s communes, with those communes, as the ordinary routes present records', async () => {
    const page = await pull('commune')
    expect(page.reset).toBe(true)
    expect(page.communes).toEqual([{ code: own, name: expect.any(String) }])
    expect(page.persons.length).toBeGreaterThan(0)
    expect(page.persons.every((p) => p.communeCode === own)).toBe(true)
    const one = page.persons[0]!
    const online = (await (await as('commune')(`/api/p/82/persons/${one.id}`)).json()).data
    expect(one).toEqual(online)
    const both = await pullAll('both')
    expect(new Set(both.persons.map((p) => p.communeCode))).toEqual(new Set([own, other]))
    expect(both.pages[0]!.communes!.map((c) => c.code).sort()).toEqual([own, other].sort())
  })

  it('answers exactly what changed after a cursor, and nothing more', async () => {
    const { cursor } = await pullAll('commune')
    expect((await pull('commune', cursor)).persons).toEqual([])
    const created = uuid()
    const existing = (await pull('commune')).persons.find((p) => p.communeCode === own)!
    const reviewId = uuid()
    await push([
      change('person.create', created, personData()),
      change('person.update', existing.id, { version: existing.version, notes: 'changed after the cursor' }),
      change('review.create', reviewId, reviewData(existing.id)),
    ])
    await push([change('person.create', uuid(), personData({ communeCode: other }))], 'other')
    const next = await pull('commune', cursor)
    expect(next).toMatchObject({ reset: false, more: false, deletes: [], plans: [], postRehab: [], followUps: [] })
    expect(next.communes).toBeUndefined()
    expect(next.persons.map((p) => p.id).sort()).toEqual([created, existing.id].sort())
    expect(next.persons.find((p) => p.id === existing.id)!.notes).toBe('changed after the cursor')
    expect(next.reviews.map((r) => r.id)).toEqual([reviewId])
    const after = await pull('commune', next.cursor)
    expect([after.persons, after.reviews, after.deletes]).toEqual([[], [], []])
  })

  it('sends a person moved to another commune as a delete to the old commune and an upsert to the new one', async () => {
    const personId = uuid()
    await push([change('person.create', personId, personData())])
    const cursors = { commune: (await pullAll('commune')).cursor, other: (await pullAll('other')).cursor, both: (await pullAll('both')).cursor }
    const [moved] = await push([change('person.update', personId, { version: 1, communeCode: other })], 'both')
    expect(moved).toMatchObject({ status: 'applied', record: { communeCode: other } })
    const old = await pullAll('commune', cursors.commune)
    expect(old.deletes).toEqual([{ entity: 'person', id: personId }])
    expect(old.persons).toEqual([])
    const now = await pullAll('other', cursors.other)
    expect(now.persons.map((p) => p.id)).toEqual([personId])
    expect(now.deletes).toEqual([])
    // An officer holding both communes: the same person, changed, and nothing to delete.
    const both = await pullAll('both', cursors.both)
    expect(both.persons.map((p) => p.id)).toEqual([personId])
    expect(both.deletes).toEqual([])
    // Moved back: the other commune drops it, the first gets it again.
    await push([change('person.update', personId, { version: 2, communeCode: own })], 'both')
    expect((await pullAll('other', now.cursor)).deletes).toEqual([{ entity: 'person', id: personId }])
    expect((await pullAll('commune', old.cursor)).persons.map((p) => p.id)).toEqual([personId])
  })

  it('starts again (reset) for a cursor of another scope or shape, and refuses garbage with 400', async () => {
    const { cursor } = await pullAll('commune')
    const theirs = await pull('other', cursor)
    expect(theirs.reset).toBe(true)
    expect(theirs.persons.every((p) => p.communeCode === other)).toBe(true)
    const b64 = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url')
    expect((await pull('commune', b64({ v: 2, s: 1 }))).reset).toBe(true)
    expect((await pull('commune', b64([1, 2]))).reset).toBe(true)
    const future = JSON.parse(Buffer.from(cursor, 'base64url').toString())
    expect((await pull('commune', b64({ ...future, s: future.s + 1_000_000 }))).reset).toBe(true)
    const garbage = await as('commune')('/api/p/82/sync/pull?cursor=bm90LWpzb24')
    expect(garbage.status).toBe(400)
    expect((await garbage.json()).error.details.issues[0].field).toBe('query.cursor')
  })

  it('pages a full download by size and ends with the same records as one page', async () => {
    // Reviews come person by person: several of one person straddle page boundaries.
    const personId = uuid()
    await push([
      change('person.create', personId, personData()),
      ...[1, 2, 3, 4, 5].map((d) => change('review.create', uuid(), { ...reviewData(personId), reviewedOn: `2026-11-0${d}` })),
    ])
    const whole = await pullAll('both', undefined, 1000)
    const paged = await pullAll('both', undefined, 3)
    expect(paged.pages.length).toBeGreaterThan(3)
    expect(paged.pages.every((p) => p.persons.length + p.plans.length + p.reviews.length + p.postRehab.length + p.followUps.length <= 3)).toBe(true)
    expect(paged.pages.map((p) => p.reset)).toEqual([true, ...paged.pages.slice(1).map(() => false)])
    const ids = (r: { persons: { id: string }[]; plans: { id: string }[]; reviews: { id: string }[] }) =>
      [...r.persons, ...r.plans, ...r.reviews].map((x) => x.id).sort()
    expect(ids(paged)).toEqual(ids(whole))
  })

  it('follows a full download with the changes made while it was paged', async () => {
    const first = await pull('commune', undefined, 2)
    expect(first.more).toBe(true)
    const late = uuid()
    await push([change('person.create', late, personData())])
    const rest = await pullAll('commune', first.cursor, 1000)
    // Its page of the download may or may not have reached it; the changes that follow do.
    expect(rest.persons.map((p) => p.id)).toContain(late)
  })

  it('keeps open plans and the last 12 months of reviews in a full download', async () => {
    const personId = uuid()
    const planId = uuid()
    const oldReview = uuid()
    await push([
      change('person.create', personId, personData()),
      change('plan.create', planId, planData(personId)),
      change('review.create', oldReview, { ...reviewData(personId), reviewedOn: '2025-10-01' }),
    ])
    const full = await pullAll('commune')
    expect(full.plans.map((p) => p.id)).toContain(planId)
    const ofActivePostRehab = new Set(full.postRehab.filter((r) => r.status === 'active').map((r) => r.planId))
    expect(full.plans.every((p) => ['draft', 'active', 'suspended'].includes(p.status) || (p.status === 'completed' && ofActivePostRehab.has(p.id)))).toBe(true)
    expect(full.reviews.map((r) => r.id)).not.toContain(oldReview)
    await push([change('plan.transition', planId, { to: 'terminated', reason: 'other', version: 1, decision: DECISION })])
    const changed = await pull('commune', full.cursor)
    expect(changed.plans).toMatchObject([{ id: planId, status: 'terminated' }])
    expect((await pullAll('commune')).plans.map((p) => p.id)).not.toContain(planId)
  })

  it('gzips the answer for a client that accepts gzip', async () => {
    const zipped = await as('commune')('/api/p/82/sync/pull', { headers: { 'accept-encoding': 'gzip, deflate, br' } })
    expect(zipped.status).toBe(200)
    expect(zipped.headers.get('content-encoding')).toBe('gzip')
    expect(zipped.headers.get('cache-control')).toBe('no-store')
    const bytes = Buffer.from(await zipped.arrayBuffer())
    const page = JSON.parse(gunzipSync(bytes).toString('utf8')).data as Page
    expect(page.reset).toBe(true)
    expect(bytes.length).toBeLessThan(JSON.stringify({ data: page }).length / 3)
    const plain = await as('commune')('/api/p/82/sync/pull')
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect((await plain.json()).data.reset).toBe(true)
  })

  it('records a sync.pull audit entry with counts only', async () => {
    await pull('commune')
    const [entry] = await db
      .select()
      .from(auditLog)
      .orderBy(auditLog.seq)
      .limit(1)
      .offset((await auditCount()) - 1)
    expect(entry).toMatchObject({ action: 'sync.pull', actorId: ids.commune, outcome: 'success' })
    expect(Object.keys(JSON.parse(entry!.details!)).sort()).toEqual([
      'deletes',
      'followUps',
      'modelMembers',
      'more',
      'persons',
      'plans',
      'postRehab',
      'reset',
      'reviews',
      'support',
    ])
  })

  it('is refused to central roles, province admins and province officers (decision 0041), and hides other provinces', async () => {
    expect((await as('central')('/api/p/82/sync/pull')).status).toBe(403)
    expect((await as('officer')('/api/p/82/sync/pull')).status).toBe(403)
    expect((await as('admin')('/api/p/82/sync/pull')).status).toBe(403)
    expect((await as('commune')('/api/p/01/sync/pull')).status).toBe(404)
    expect((await as('central')('/api/p/82/sync/push', jsonBody('POST', { deviceId: DEVICE, changes: [] }))).status).toBe(403)
  })
})

describe('two devices of one officer, over an unreliable network', () => {
  it('ends with exactly the intended records, every change answered once, and both devices equal to the server', async () => {
    await deviceScenario({
      runs: 25,
      commune: ids.devicesCommune!,
      db,
      push: (body) => as('devices')('/api/p/82/sync/push', jsonBody('POST', body)),
      pull: (cursor) => as('devices')(`/api/p/82/sync/pull${cursor ? `?cursor=${cursor}` : ''}`),
      citizenId: cccd,
    })
  }, 240_000)

  it('ends the same when batches arrive reordered: reversed, or later changes before earlier ones', async () => {
    await deviceScenario(
      {
        runs: 25,
        commune: ids.reorderCommune!,
        db,
        push: (body) => as('reorder')('/api/p/82/sync/push', jsonBody('POST', body)),
        pull: (cursor) => as('reorder')(`/api/p/82/sync/pull${cursor ? `?cursor=${cursor}` : ''}`),
        citizenId: cccd,
      },
      { reorder: true },
    )
  }, 240_000)
})

describe('keeping the bookkeeping bounded', () => {
  it('prunes old change-log entries and receipts; an old cursor then resets, and a replayed create still lands once', async () => {
    const first = change('person.create', uuid(), personData({ fullName: 'Kha Văn Lưu Trữ', citizenId: cccd('male', 1990) }))
    const [applied] = await push([first])
    expect(applied!.status).toBe('applied')
    const { cursor } = await pullAll('commune')
    // A change the device has not pulled yet, then everything so far becomes long ago; one change is recent.
    expect(
      (await push([change('person.create', uuid(), personData({ fullName: 'Kha Thị Chưa Kéo', sex: 'female', citizenId: cccd('female', 1990) }))]))[0]!.status,
    ).toBe('applied')
    const now = new Date()
    await db.update(changeLog).set({ at: new Date(now.getTime() - 100 * 86_400_000) })
    await db
      .update(syncReceipts)
      .set({ at: new Date(now.getTime() - 200 * 86_400_000) })
      .where(eq(syncReceipts.key, first.key))
    const [updated] = await push([change('person.update', first.entityId, { version: 1, notes: 'gần đây' })])
    expect(updated!.status).toBe('applied')
    const newest = await latestSeq()

    const pruned = await pruneSyncLogs(db, now)
    expect(pruned.receipts).toBeGreaterThanOrEqual(1)
    expect(pruned.changeLog).toBeGreaterThan(0)
    const left = await db.select({ seq: changeLog.seq }).from(changeLog)
    expect(left.map((r) => r.seq)).toContain(newest)

    // The device's next change was pruned: it gets a full download instead of a gap.
    const again = await pull('commune', cursor)
    expect(again.reset).toBe(true)
    // The create's receipt is gone; its replay meets the service's own guard (same officer, same commune).
    const people = async () => (await db.select({ n: count() }).from(persons).where(eq(persons.id, first.entityId)))[0]!.n
    const [replayed] = await push([first])
    expect(replayed!.status).toBe('applied')
    expect(replayed!.record!.id).toBe(first.entityId)
    expect(await people()).toBe(1)
    expect((await personRow(first.entityId))!.notes).toBe('gần đây')
  })
})
