// Law 120/2025 (decision 0029) through the API, on real libSQL files: a move within the province moves the
// person's open records when the receiving commune accepts; a move to another province writes only the allowed
// fields into the receiving province's database; electronic monitoring's order; a minor's legal representative.
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { auditLog, handovers, persons, rehabPlans } from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'
import { runHousekeeping } from '../../worker/jobs/housekeeping.ts'
import { createTestApp, createMemoryLogger, createTestPlatform, jsonBody, type TestApp, type TestPlatform } from '../helpers/platform.ts'
import { createTestUser, sessionCookieFor } from '../helpers/users.ts'
import { decisionOn } from '../helpers/plans.ts'

// Synthetic people only: invented names, valid-format but fictitious citizen IDs and phone numbers.
let platform: TestPlatform
let t: TestApp
let db82: TenantDb
let db01: TenantDb
let sendingCommune: string
let receivingCommune: string
let commune01: string
let sender: string
let receiver: string
let receiver01: string
let provinceOfficer01: string
let seq = 0
const cccd = () => `079090${String(++seq).padStart(6, '0')}`
const uuid = () => crypto.randomUUID()

const call = (province: string, cookie: string, path: string, init: RequestInit = {}) =>
  t.request(`/api/p/${province}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), cookie } })
async function ok<T = Record<string, unknown>>(res: Promise<Response>): Promise<T> {
  const r = await res
  const body = await r.json()
  expect(r.status, JSON.stringify(body)).toBeLessThan(300)
  return body.data
}
async function refused(res: Promise<Response>, status: number) {
  const r = await res
  const body = await r.json()
  expect(r.status, JSON.stringify(body)).toBe(status)
  return body.error
}

const PHONE = '0987654321'
const ADDRESS = 'Số 9 đường Thử Nghiệm'
const NOTE = 'Ghi chú riêng của xã gửi (thử)'

async function registerWithPlan(birthDate = '1990-05-01') {
  const id = uuid()
  await ok(
    call(
      '82',
      sender,
      '/persons',
      jsonBody('POST', {
        id,
        fullName: 'Lò Văn Chuyển',
        birthDate,
        sex: 'male',
        citizenId: cccd(),
        communeCode: sendingCommune,
        category: 'dependent',
        addictionDeterminedOn: '2026-09-01',
        addictionDeterminedBy: 'Trung tâm Y tế (thử nghiệm)',
        phone: PHONE,
        addressDetail: ADDRESS,
        notes: 'Ghi chú hồ sơ (thử)',
      }),
    ),
  )
  const plan = uuid()
  await ok(
    call(
      '82',
      sender,
      `/persons/${id}/plans`,
      jsonBody('POST', {
        id: plan,
        form: 'family',
        registeredOn: '2026-10-01',
        startOn: '2026-10-15',
        plannedEndOn: '2027-04-15',
        members: [{ name: 'Tổ công tác (thử)', role: 'công an xã' }],
        stages: [],
      }),
    ),
  )
  await ok(call('82', sender, `/plans/${plan}/transitions`, jsonBody('POST', { to: 'active', version: 1, decision: decisionOn('2026-10-15') })))
  return { id, plan }
}

const order = (date = '2026-11-18') => ({
  number: '05/QĐ-CAX (thử)',
  date,
  signer: 'Trưởng Công an xã (thử)',
  signerRole: 'commune_police_chief',
  body: 'Công an xã (thử)',
})

beforeAll(async () => {
  platform = await createTestPlatform()
  await onboardTenant(platform.onboardDeps, '82')
  await onboardTenant(platform.onboardDeps, '01')
  t = createTestApp(platform)
  db82 = (await t.deps.tenants.resolve('82'))!.db
  db01 = (await t.deps.tenants.resolve('01'))!.db
  const two = await db82.query.communes.findMany({ orderBy: (c, { asc }) => asc(c.code), limit: 2 })
  sendingCommune = two[0]!.code
  receivingCommune = two[1]!.code
  commune01 = (await db01.query.communes.findMany({ orderBy: (c, { asc }) => asc(c.code), limit: 1 }))[0]!.code
  const user = async (username: string, role: 'commune_officer' | 'province_officer', province: string, communes: string[]) =>
    sessionCookieFor(platform.control, await createTestUser(platform.control, { username, role, province, communes }))
  sender = await user('move-sender', 'commune_officer', '82', [sendingCommune])
  receiver = await user('move-receiver', 'commune_officer', '82', [receivingCommune])
  receiver01 = await user('move-receiver-01', 'commune_officer', '01', [commune01])
  provinceOfficer01 = await user('move-province-01', 'province_officer', '01', [])
})
afterAll(() => platform.cleanup())

describe('a move within the province', () => {
  it('the receiving commune sees who comes (the allowed fields only) and, once it accepts, the person and their open records', async () => {
    const { id, plan } = await registerWithPlan()
    await ok(call('82', sender, `/persons/${id}/monitoring`, jsonBody('POST', { context: 'community_rehab', startOn: '2026-11-19', decision: order() })))
    // Before: the receiving officer cannot read the person.
    await refused(call('82', receiver, `/persons/${id}/timeline`), 404)
    const handover = uuid()
    const made = await ok<Record<string, unknown>>(
      call('82', sender, `/persons/${id}/handovers`, jsonBody('POST', { id: handover, toCommuneCode: receivingCommune, movedOn: '2026-11-23', note: NOTE })),
    )
    expect(made).toMatchObject({ status: 'pending', communeCode: receivingCommune, fromCommuneCode: sendingCommune, notifiedAt: '2026-11-24T03:00:00.000Z' })
    // A second move while one is pending: refused.
    expect(
      (await refused(call('82', sender, `/persons/${id}/handovers`, jsonBody('POST', { toCommuneCode: receivingCommune, movedOn: '2026-11-23' })), 409)).code,
    ).toBe('conflict')

    const incoming = await call('82', receiver, '/handovers?pending=true')
    const list = await incoming.json()
    const seen = list.data.find((h: { id: string }) => h.id === handover)
    expect(seen.subject).toEqual({
      fullName: 'Lò Văn Chuyển',
      birthDate: '1990-05-01',
      citizenId: expect.any(String),
      category: 'dependent',
      status: 'in_rehab',
      sex: 'male',
      // The test clock's day, when the person was registered (decision 0039).
      registeredOn: '2026-11-24',
    })
    expect(seen.due).toEqual({ dueAt: '2026-11-25T03:00:00.000Z', overdue: false, hoursLeft: 24 })
    expect(JSON.stringify(seen)).not.toContain(PHONE)
    expect(JSON.stringify(seen)).not.toContain(ADDRESS)
    // The sender sees it too (and would see it overdue).
    expect((await (await call('82', sender, '/handovers')).json()).data.map((h: { id: string }) => h.id)).toContain(handover)
    // The sending officer cannot accept for the receiving commune.
    await refused(call('82', sender, `/handovers/${handover}/accept`, jsonBody('POST', { version: 1 })), 404)

    const accepted = await ok<Record<string, unknown>>(call('82', receiver, `/handovers/${handover}/accept`, jsonBody('POST', { version: 1 })))
    expect(accepted).toMatchObject({ status: 'accepted', respondedAt: '2026-11-24T03:00:00.000Z', version: 2 })
    const [person] = await db82.select().from(persons).where(eq(persons.id, id))
    expect(person!.communeCode).toBe(receivingCommune)
    const [openPlan] = await db82.select().from(rehabPlans).where(eq(rehabPlans.id, plan))
    expect(openPlan!.communeCode).toBe(receivingCommune)
    expect((await ok<{ communeCode: string }[]>(call('82', receiver, `/persons/${id}/monitoring`)))[0]!.communeCode).toBe(receivingCommune)
    const { events } = await ok<{ events: { kind: string; summary: Record<string, unknown> }[] }>(call('82', receiver, `/persons/${id}/timeline`))
    expect(events.find((e) => e.kind === 'handover')?.summary).toEqual({ status: 'accepted', from: sendingCommune, to: receivingCommune, toProvince: '82' })
    expect(events.find((e) => e.kind === 'monitoring')?.summary).toMatchObject({
      context: 'community_rehab',
      decisionNumber: order().number,
      decisionDate: order().date,
    })
    await refused(call('82', sender, `/persons/${id}/timeline`), 404)
    // Audited: the move and its acceptance.
    const entries = await db82.select().from(auditLog).where(eq(auditLog.entityId, handover))
    expect(entries.map((e) => e.action)).toEqual(['handover.create', 'handover.accept'])
    // Answered once only.
    await refused(call('82', receiver, `/handovers/${handover}/decline`, jsonBody('POST', { version: 2, reason: 'Muộn (thử)' })), 409)
  })

  it('is overdue for both communes once handoverAcceptHours have passed', async () => {
    const { id } = await registerWithPlan()
    const handover = uuid()
    await ok(call('82', sender, `/persons/${id}/handovers`, jsonBody('POST', { id: handover, toCommuneCode: receivingCommune, movedOn: '2026-11-23' })))
    const later = createTestApp(platform, { clock: { now: () => new Date('2026-11-25T03:00:00.001Z') } })
    for (const cookie of [sender, receiver]) {
      const res = await later.request('/api/p/82/handovers?pending=true', { headers: { cookie } })
      const body = await res.json()
      expect(body.data.find((h: { id: string }) => h.id === handover).due.overdue).toBe(true)
      expect(body.summary.overdue).toBeGreaterThanOrEqual(1)
    }
    // Declined: nothing moves.
    await ok(call('82', receiver, `/handovers/${handover}/decline`, jsonBody('POST', { version: 1, reason: 'Không cư trú tại xã (thử)' })))
    expect((await db82.select().from(persons).where(eq(persons.id, id)))[0]!.communeCode).toBe(sendingCommune)
  })

  it('refuses a move to an unknown commune, to the same commune, or dated before the law', async () => {
    const { id } = await registerWithPlan()
    const unknown = await refused(call('82', sender, `/persons/${id}/handovers`, jsonBody('POST', { toCommuneCode: '99999', movedOn: '2026-11-23' })), 400)
    expect(unknown.details.issues).toEqual([{ field: 'json.toCommuneCode', message: 'is not a commune of this province' }])
    const same = await refused(call('82', sender, `/persons/${id}/handovers`, jsonBody('POST', { toCommuneCode: sendingCommune, movedOn: '2026-11-23' })), 400)
    expect(same.details.issues[0].field).toBe('json.toCommuneCode')
    const early = await refused(
      call('82', sender, `/persons/${id}/handovers`, jsonBody('POST', { toCommuneCode: receivingCommune, movedOn: '2026-06-30' })),
      400,
    )
    expect(early.details.issues[0].field).toBe('json.movedOn')
  })
})

describe('a move to another province', () => {
  it('writes only the allowed fields into the receiving province, whose officers accept it; the answer returns', async () => {
    const { id } = await registerWithPlan()
    const handover = uuid()
    const decision = {
      number: '12/TB-CAX (thử)',
      date: '2026-11-22',
      signer: 'Trưởng Công an xã (thử)',
      signerRole: 'commune_police_chief',
      body: 'Công an xã (thử)',
    }
    await ok(
      call(
        '82',
        sender,
        `/persons/${id}/handovers`,
        jsonBody('POST', { id: handover, toProvinceCode: '01', toCommuneCode: commune01, movedOn: '2026-11-23', note: NOTE, decision }),
      ),
    )
    const [sent] = await db82.select().from(handovers).where(eq(handovers.id, handover))
    expect(sent!.deliveredAt).not.toBeNull()
    // The receiving province's row: exactly the allow-list.
    const [copy] = await db01.select().from(handovers).where(eq(handovers.id, handover))
    expect(copy).toBeDefined()
    expect(copy!.personId).toBeNull()
    expect(copy!.note).toBeNull()
    expect(copy!.createdBy).toBeNull()
    expect(Object.keys(JSON.parse(copy!.subject)).sort()).toEqual(['birthDate', 'category', 'citizenId', 'fullName', 'registeredOn', 'sex', 'status'])
    expect(JSON.parse(copy!.decision!)).toEqual(decision)
    const row = JSON.stringify(copy)
    for (const secret of [PHONE, ADDRESS, NOTE, 'Ghi chú hồ sơ', 'Tổ công tác', id]) expect(row).not.toContain(secret)
    // Nothing else of the person reached the receiving province.
    expect(await db01.select().from(persons).where(eq(persons.id, id))).toEqual([])
    expect(await db01.select().from(rehabPlans)).toEqual([])
    expect((await db01.select().from(auditLog).where(eq(auditLog.entityId, handover))).map((e) => e.action)).toEqual(['handover.receive'])

    // The province's officers and the receiving commune see it; the receiving commune accepts.
    for (const cookie of [provinceOfficer01, receiver01]) {
      const body = await (await call('01', cookie, '/handovers?pending=true')).json()
      expect(body.data.find((h: { id: string }) => h.id === handover)).toMatchObject({
        fromProvinceCode: '82',
        fromCommuneCode: sendingCommune,
        personId: null,
      })
    }
    await ok(call('01', receiver01, `/handovers/${handover}/accept`, jsonBody('POST', { version: 1 })))
    const [answered] = await db82.select().from(handovers).where(eq(handovers.id, handover))
    expect(answered).toMatchObject({ status: 'accepted', version: 2 })
    expect(answered!.respondedAt?.toISOString()).toBe('2026-11-24T03:00:00.000Z')
    const back = await db82.select().from(auditLog).where(eq(auditLog.entityId, handover))
    expect(back.map((e) => e.action)).toEqual(['handover.create', 'handover.accepted_by_receiver'])
    // The person's record stays in the sending province.
    expect((await db82.select().from(persons).where(eq(persons.id, id)))[0]!.communeCode).toBe(sendingCommune)

    // …and the receiving province now has them, from the fields that crossed only (decision 0039).
    const [made] = await db01.select().from(persons).where(eq(persons.id, handover))
    const [sentPerson] = await db82.select().from(persons).where(eq(persons.id, id))
    expect(made).toMatchObject({
      fullName: 'Lò Văn Chuyển',
      birthDate: '1990-05-01',
      sex: 'male',
      citizenId: sentPerson!.citizenId,
      communeCode: commune01,
      category: 'dependent',
      // Derived from what arrived: a dependent person with no record here owes a registration.
      status: 'awaiting_registration',
      source: 'handover',
      registeredOn: '2026-11-24',
      addressDetail: null,
      phone: null,
      notes: null,
      version: 1,
    })
    for (const secret of [PHONE, ADDRESS, NOTE, 'Ghi chú hồ sơ', id]) expect(JSON.stringify(made)).not.toContain(secret)
    const [linked] = await db01.select().from(handovers).where(eq(handovers.id, handover))
    expect(linked).toMatchObject({ status: 'accepted', personId: handover })
    const trail = await db01.select().from(auditLog).where(eq(auditLog.entityId, handover))
    expect(trail.map((e) => e.action)).toEqual(['handover.receive', 'handover.accept'])
    expect(JSON.parse(trail[1]!.details!)).toMatchObject({ registered: true, person: handover })
    // The receiving officer reads them as any person of their commune.
    expect(await ok(call('01', receiver01, `/persons/${handover}`))).toMatchObject({ source: 'handover', status: 'awaiting_registration' })

    // Accepting again (a retry) makes nothing more: one person, and a 409 naming the answer.
    await refused(call('01', receiver01, `/handovers/${handover}/accept`, jsonBody('POST', { version: 1 })), 409)
    await refused(call('01', receiver01, `/handovers/${handover}/accept`, jsonBody('POST', { version: 2 })), 409)
    expect(await db01.select({ id: persons.id }).from(persons).where(eq(persons.citizenId, sentPerson!.citizenId))).toEqual([{ id: handover }])
  })

  it('accepted through a sync push, the person is made once whatever the retries; one already registered here is linked', async () => {
    const push = (key: string, change: Record<string, unknown>) =>
      call('01', receiver01, '/sync/push', jsonBody('POST', { deviceId: '33333333-3333-4333-8333-333333333333', changes: [{ key, ...change }] }))
    const { id } = await registerWithPlan()
    const handover = uuid()
    await ok(
      call('82', sender, `/persons/${id}/handovers`, jsonBody('POST', { id: handover, toProvinceCode: '01', toCommuneCode: commune01, movedOn: '2026-11-23' })),
    )
    const key = uuid()
    const change = { type: 'handover.accept', entityId: handover, data: { version: 1 } }
    expect((await (await push(key, change)).json()).data.results[0].status).toBe('applied')
    // The phone lost the answer and sends the same change again: the stored answer, nothing written twice.
    expect((await (await push(key, change)).json()).data.results[0].status).toBe('applied')
    const [sentPerson] = await db82.select().from(persons).where(eq(persons.id, id))
    expect(await db01.select({ id: persons.id }).from(persons).where(eq(persons.citizenId, sentPerson!.citizenId))).toEqual([{ id: handover }])
    expect((await db01.select().from(auditLog).where(eq(auditLog.entityId, handover))).map((e) => e.action)).toEqual(['handover.receive', 'handover.accept'])

    // The person moves back to province 82 and on to 01 again: 01 already has them, so the new hand-over is linked.
    const back = uuid()
    await ok(
      call(
        '01',
        receiver01,
        `/persons/${handover}/handovers`,
        jsonBody('POST', { id: back, toProvinceCode: '82', toCommuneCode: sendingCommune, movedOn: '2026-11-24' }),
      ),
    )
    const [arrived] = await db82.select().from(handovers).where(eq(handovers.id, back))
    expect(JSON.parse(arrived!.subject)).toMatchObject({ registeredOn: '2026-11-24', sex: 'male' })
    // 82 has the citizen already (the original record): accepting links it, registers no one.
    await ok(call('82', sender, `/handovers/${back}/accept`, jsonBody('POST', { version: 1 })))
    expect((await db82.select().from(handovers).where(eq(handovers.id, back)))[0]).toMatchObject({ status: 'accepted', personId: id })
    expect(await db82.select({ id: persons.id }).from(persons).where(eq(persons.citizenId, sentPerson!.citizenId))).toEqual([{ id }])
  })

  it('an answer whose write back to the sending province failed is written by the daily job, once', async () => {
    const { id } = await registerWithPlan()
    const handover = uuid()
    await ok(
      call('82', sender, `/persons/${id}/handovers`, jsonBody('POST', { id: handover, toProvinceCode: '01', toCommuneCode: commune01, movedOn: '2026-11-23' })),
    )
    await ok(call('01', receiver01, `/handovers/${handover}/accept`, jsonBody('POST', { version: 1 })))
    // As if the sending database had been unreachable when the answer was given.
    await db82.update(handovers).set({ status: 'pending', respondedAt: null }).where(eq(handovers.id, handover))
    await db82.delete(auditLog).where(eq(auditLog.action, 'handover.accepted_by_receiver'))
    const run = () =>
      runHousekeeping({ control: platform.control, tenants: t.deps.tenants, logger: createMemoryLogger(), now: new Date('2026-11-24T05:00:00.000Z') })
    await run()
    expect((await db82.select().from(handovers).where(eq(handovers.id, handover)))[0]).toMatchObject({ status: 'accepted' })
    await run()
    const back = await db82.select().from(auditLog).where(eq(auditLog.entityId, handover))
    expect(back.map((e) => e.action)).toEqual(['handover.create', 'handover.accepted_by_receiver'])
  })

  it('a copy that could not be written then is written by the daily job', async () => {
    const { id } = await registerWithPlan()
    const handover = uuid()
    await ok(
      call('82', sender, `/persons/${id}/handovers`, jsonBody('POST', { id: handover, toProvinceCode: '01', toCommuneCode: commune01, movedOn: '2026-11-23' })),
    )
    // As if the receiving database had been unreachable: the copy is gone and the move is marked undelivered.
    await db01.delete(handovers).where(eq(handovers.id, handover))
    await db82.update(handovers).set({ deliveredAt: null }).where(eq(handovers.id, handover))
    const logger = createMemoryLogger()
    await runHousekeeping({ control: platform.control, tenants: t.deps.tenants, logger, now: new Date('2026-11-24T05:00:00.000Z') })
    const [copy] = await db01.select().from(handovers).where(eq(handovers.id, handover))
    expect(copy).toMatchObject({ personId: null, note: null, status: 'pending' })
    expect((await db82.select().from(handovers).where(eq(handovers.id, handover)))[0]!.deliveredAt).not.toBeNull()
    expect(logger.lines.some((line) => line.event === 'handovers_delivered')).toBe(true)
  })

  it('through a sync push alike', async () => {
    const { id } = await registerWithPlan()
    const handover = uuid()
    const res = await call(
      '82',
      sender,
      '/sync/push',
      jsonBody('POST', {
        deviceId: '22222222-2222-4222-8222-222222222222',
        changes: [
          {
            key: uuid(),
            type: 'handover.create',
            entityId: handover,
            data: { personId: id, toProvinceCode: '01', toCommuneCode: commune01, movedOn: '2026-11-23' },
          },
        ],
      }),
    )
    expect((await res.json()).data.results[0].status).toBe('applied')
    expect(await db01.select({ id: handovers.id }).from(handovers).where(eq(handovers.id, handover))).toEqual([{ id: handover }])
  })

  it('refuses a commune that is not of the named province, or a province not in Bình An', async () => {
    const { id } = await registerWithPlan()
    const wrong = await refused(
      call('82', sender, `/persons/${id}/handovers`, jsonBody('POST', { toProvinceCode: '01', toCommuneCode: receivingCommune, movedOn: '2026-11-23' })),
      400,
    )
    expect(wrong.details.issues[0].field).toBe('json.toCommuneCode')
    const notOnboarded = await refused(
      call('82', sender, `/persons/${id}/handovers`, jsonBody('POST', { toProvinceCode: '79', toCommuneCode: '26734', movedOn: '2026-11-23' })),
      400,
    )
    expect(notOnboarded.details.issues[0].field).toBe('json.toCommuneCode')
    expect(await db82.select().from(handovers).where(eq(handovers.personId, id))).toEqual([])
  })
})

describe('electronic monitoring', () => {
  it('is the commune police chief’s order, once the law is in force, in a context the person is in', async () => {
    const { id } = await registerWithPlan()
    const wrongSigner = await refused(
      call(
        '82',
        sender,
        `/persons/${id}/monitoring`,
        jsonBody('POST', { context: 'community_rehab', startOn: '2026-11-19', decision: { ...order(), signerRole: 'commune_chair' } }),
      ),
      400,
    )
    expect(wrongSigner.details.issues.map((i: { field: string }) => i.field)).toEqual(['json.decision.signerRole'])
    const early = await refused(
      call('82', sender, `/persons/${id}/monitoring`, jsonBody('POST', { context: 'community_rehab', startOn: '2026-11-19', decision: order('2026-06-30') })),
      409,
    )
    expect(early).toMatchObject({ code: 'law_not_in_force', details: { field: 'json.decision.date', inForceFrom: '2026-07-01' } })
    const noPostRehab = await refused(
      call('82', sender, `/persons/${id}/monitoring`, jsonBody('POST', { context: 'post_rehab', startOn: '2026-11-19', decision: order() })),
      409,
    )
    expect(noPostRehab.code).toBe('conflict')
    const made = await ok<{ id: string; status: string }>(
      call('82', sender, `/persons/${id}/monitoring`, jsonBody('POST', { context: 'community_rehab', startOn: '2026-11-19', decision: order() })),
    )
    expect(made.status).toBe('active')
    await refused(
      call('82', sender, `/persons/${id}/monitoring`, jsonBody('POST', { context: 'community_rehab', startOn: '2026-11-19', decision: order() })),
      409,
    )
    const ended = await ok<{ status: string; endOn: string; endDecision: unknown }>(
      call('82', sender, `/monitoring/${made.id}/end`, jsonBody('POST', { version: 1, endOn: '2026-11-23', decision: order('2026-11-23') })),
    )
    expect(ended).toMatchObject({ status: 'ended', endOn: '2026-11-23', endDecision: order('2026-11-23') })
  })
})

describe('a minor’s legal representative', () => {
  const minor = (extra: Record<string, unknown> = {}) => ({
    fullName: 'Quàng Thị Nhỏ',
    birthDate: '2010-05-01',
    sex: 'female',
    citizenId: `079310${String(++seq).padStart(6, '0')}`,
    communeCode: sendingCommune,
    category: 'drug_user',
    ...extra,
  })

  it('is required when the person is under 18 on the registration day, each field named, alike through sync', async () => {
    const error = await refused(call('82', sender, '/persons', jsonBody('POST', minor())), 400)
    const fields = ['json.legalRepresentative.name', 'json.legalRepresentative.relation', 'json.legalRepresentative.phone']
    expect(error.details.issues.map((i: { field: string }) => i.field)).toEqual(fields)
    const pushed = await call(
      '82',
      sender,
      '/sync/push',
      jsonBody('POST', {
        deviceId: '33333333-3333-4333-8333-333333333333',
        changes: [{ key: uuid(), type: 'person.create', entityId: uuid(), data: minor() }],
      }),
    )
    const result = (await pushed.json()).data.results[0]
    expect(result.status).toBe('invalid')
    expect(result.error.details.issues.map((i: { field: string }) => i.field)).toEqual(fields)
    const bad = await refused(call('82', sender, '/persons', jsonBody('POST', minor({ legalRepresentative: { name: '', relation: 'mẹ', phone: '12' } }))), 400)
    expect(bad.details.issues.map((i: { field: string }) => i.field).sort()).toEqual(['json.legalRepresentative.name', 'json.legalRepresentative.phone'])
  })

  it('is kept and shown with the person', async () => {
    const legalRepresentative = { name: 'Quàng Văn Bố (thử)', relation: 'cha', phone: '0911222333' }
    const made = await ok<{ id: string; legalRepresentative: unknown }>(call('82', sender, '/persons', jsonBody('POST', minor({ legalRepresentative }))))
    expect(made.legalRepresentative).toEqual(legalRepresentative)
    const timeline = await ok<{ person: { legalRepresentative: unknown } }>(call('82', sender, `/persons/${made.id}/timeline`))
    expect(timeline.person.legalRepresentative).toEqual(legalRepresentative)
    // Changed, yes; removed while under 18, no.
    const changed = { ...legalRepresentative, phone: '0911222444' }
    await ok(call('82', sender, `/persons/${made.id}`, jsonBody('PATCH', { version: 1, legalRepresentative: changed })))
    expect((await ok<{ person: { legalRepresentative: unknown } }>(call('82', sender, `/persons/${made.id}/timeline`))).person.legalRepresentative).toEqual(
      changed,
    )
    const removed = await refused(call('82', sender, `/persons/${made.id}`, jsonBody('PATCH', { version: 2, legalRepresentative: null })), 400)
    expect(removed.details.issues.map((i: { field: string }) => i.field)).toContain('json.legalRepresentative.name')
    // An adult needs none.
    const adult = await ok<{ legalRepresentative: unknown }>(
      call('82', sender, '/persons', jsonBody('POST', minor({ birthDate: '2008-11-24', citizenId: `079308${String(++seq).padStart(6, '0')}` }))),
    )
    expect(adult.legalRepresentative).toBeNull()
  })
})
