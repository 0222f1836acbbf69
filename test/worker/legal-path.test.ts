import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { persons } from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'
import { deriveStatus } from '../../kernel/domain/person-status.ts'
import { loadCase } from '../../worker/repo/case-records.ts'
import { createTestApp, createTestPlatform, jsonBody, type TestApp, type TestPlatform } from '../helpers/platform.ts'
import { completionBody, finishStages, setCaseRules } from '../helpers/plans.ts'
import { createTestUser, sessionCookieFor } from '../helpers/users.ts'

// The law's path after a relapse during post-rehab (DOMAIN.md §5, §10), through the API and through a sync
// push: determination first, then the referral, the court, the return and a new post-rehab period; at every
// step the stored status is the one the stored records imply. Synthetic people only.
let platform: TestPlatform
let t: TestApp
let db: TenantDb
let commune: string
let cookie: string
let seq = 0
const call = (path: string, init: RequestInit = {}) =>
  t.request(`/api/p/82${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), cookie } })
async function ok(path: string, body: unknown) {
  const res = await call(path, jsonBody('POST', body))
  const json = await res.json()
  expect(res.status, JSON.stringify(json)).toBeLessThan(300)
  return json.data
}
const decision = (date: string, signerRole = 'commune_chair') => ({
  number: `${++seq}/QĐ (thử)`,
  date,
  signer: 'Người ký (thử)',
  signerRole,
  body: 'Cơ quan (thử)',
})

/** The stored status, checked against what the stored records imply. */
async function status(personId: string) {
  const [row] = await db.select().from(persons).where(eq(persons.id, personId))
  const { facts } = await loadCase(db as never, personId, row!.category)
  expect(row!.status).toBe(deriveStatus(facts!))
  return row!.status
}
async function postRehabPerson() {
  const person = await ok('/persons', {
    fullName: 'Hoàng Văn Tái (thử)',
    birthDate: '1988-04-04',
    sex: 'male',
    citizenId: `0790880${String(++seq).padStart(5, '0')}`,
    communeCode: commune,
    category: 'dependent',
    addictionDeterminedOn: '2025-01-10',
    addictionDeterminedBy: 'TTYT (thử)',
  })
  const plan = await ok(`/persons/${person.id}/plans`, {
    form: 'family',
    registeredOn: '2025-02-01',
    startOn: '2025-02-10',
    plannedEndOn: '2025-09-10',
    members: [{ name: 'Tổ (thử)', role: 'công an xã' }],
    stages: [],
  })
  await ok(`/plans/${plan.id}/transitions`, { to: 'active', version: 1, decision: decision('2025-02-10') })
  const version = await finishStages(call, plan.id, 2, '2025-02-10', '2025-07-10')
  const done = await ok(`/plans/${plan.id}/complete`, completionBody(version, '2026-08-20'))
  return { personId: person.id as string, postRehabId: done.postRehab.id as string }
}
const planBody = {
  form: 'community',
  registeredOn: '2026-11-10',
  startOn: '2026-11-12',
  plannedEndOn: '2027-05-12',
  members: [{ name: 'Tổ (thử)', role: 'công an xã' }],
  stages: [],
}

beforeAll(async () => {
  platform = await createTestPlatform()
  await onboardTenant(platform.onboardDeps, '82')
  t = createTestApp(platform)
  db = (await t.deps.tenants.resolve('82'))!.db
  commune = (await db.query.communes.findFirst({ orderBy: (c, { asc }) => asc(c.code) }))!.code
  // The people followed here completed voluntary rehab in a province that places them under post-rehab management.
  await setCaseRules(t, platform.control, { postRehabAfterVoluntary: true })
  cookie = await sessionCookieFor(
    platform.control,
    await createTestUser(platform.control, { username: 'legal-officer', role: 'commune_officer', province: '82', communes: [commune] }),
  )
})
afterAll(() => platform.cleanup())

describe('a relapse during post-rehab', () => {
  it('goes to determination, then referral, court, return and post-rehab again', async () => {
    const { personId, postRehabId } = await postRehabPerson()
    expect(await status(personId)).toBe('post_rehab')
    await ok(`/post-rehab/${postRehabId}/relapse`, { version: 1, relapseOn: '2026-11-05' })
    expect(await status(personId)).toBe('awaiting_determination')

    // No voluntary plan until a determination concludes dependence.
    const refused = await call(`/persons/${personId}/plans`, jsonBody('POST', planBody))
    expect(refused.status).toBe(409)
    expect((await refused.json()).error.code).toBe('determination_required')
    // The same through a sync push.
    const push = await call(
      '/sync/push',
      jsonBody('POST', {
        deviceId: '22222222-2222-4222-8222-222222222222',
        changes: [{ key: crypto.randomUUID(), type: 'plan.create', entityId: crypto.randomUUID(), data: { personId, ...planBody } }],
      }),
    )
    expect((await push.json()).data.results[0]).toMatchObject({ status: 'invalid', error: { code: 'determination_required' } })

    const determination = await ok(`/persons/${personId}/determinations`, { trigger: 'post_rehab_use', dossierOn: '2026-11-06', facility: 'TTYT (thử)' })
    expect(await status(personId)).toBe('awaiting_determination')
    // Friday 13 Nov 2026 → 5 working days: Friday 20 Nov.
    const concluded = await ok(`/determinations/${determination.id}/result`, {
      version: 1,
      resultOn: '2026-11-13',
      result: 'dependent',
      decision: decision('2026-11-13', 'health_facility'),
    })
    expect(concluded).toMatchObject({ result: 'dependent', registrationDueOn: '2026-11-20', decision: { signerRole: 'health_facility' } })
    expect(await status(personId)).toBe('awaiting_registration')

    const referral = await ok(`/persons/${personId}/referrals`, { ground: 'relapse_post_rehab', dossierOn: '2026-11-21', submittedOn: '2026-11-22' })
    expect(await status(personId)).toBe('compulsory_rehab')
    const notCourt = await call(
      `/referrals/${referral.id}/admission`,
      jsonBody('POST', { version: 1, decision: decision('2026-11-22'), facility: 'CSCN (thử)', admittedOn: '2026-11-23' }),
    )
    expect(notCourt.status).toBe(400)
    expect((await notCourt.json()).error.details.issues[0].field).toBe('json.decision.signerRole')
    await ok(`/referrals/${referral.id}/admission`, { version: 1, decision: decision('2026-11-22', 'court'), facility: 'CSCN (thử)', admittedOn: '2026-11-23' })
    expect(await status(personId)).toBe('compulsory_rehab')
    const returned = await ok(`/referrals/${referral.id}/return`, {
      version: 2,
      returnedOn: '2026-11-24',
      decision: decision('2026-11-24'),
      supportModel: 'five_plus_one',
      supporterName: 'Tổ 5+1 (thử)',
    })
    expect(returned).toMatchObject({ status: 'returned', returnDecision: { signerRole: 'commune_chair' }, courtDecision: { signerRole: 'court' } })
    expect(await status(personId)).toBe('post_rehab')
    const records = await (await call(`/persons/${personId}/post-rehab`)).json()
    expect(records.data.find((r: { id: string }) => r.id === returned.postRehabId)).toMatchObject({
      startOn: '2026-11-24',
      endOn: '2027-11-24',
      status: 'active',
    })

    const legal = (await (await call(`/persons/${personId}/legal-records`)).json()).data
    expect(legal.determinations).toHaveLength(1)
    expect(legal.referrals).toHaveLength(1)
    // The timeline shows each step with its decision and who recorded it.
    const events = (await (await call(`/persons/${personId}/timeline`)).json()).data.events
    expect(events.find((e: { kind: string }) => e.kind === 'determination')).toMatchObject({
      on: '2026-11-13',
      refId: determination.id,
      summary: { result: 'dependent', registrationDueOn: '2026-11-20', decisionSignerRole: 'health_facility' },
      byName: 'Test legal-officer',
    })
    expect(events.find((e: { kind: string }) => e.kind === 'referral')).toMatchObject({
      on: '2026-11-24',
      refId: referral.id,
      summary: { status: 'returned', ground: 'relapse_post_rehab', decisionSignerRole: 'commune_chair' },
    })
  })

  it('a determination of dependence answered by methadone; leaving it is shown on the record', async () => {
    const { personId, postRehabId } = await postRehabPerson()
    await ok(`/post-rehab/${postRehabId}/relapse`, { version: 1, relapseOn: '2026-11-05' })
    const d = await ok(`/persons/${personId}/determinations`, { trigger: 'post_rehab_use', dossierOn: '2026-11-06', facility: 'TTYT (thử)' })
    await ok(`/determinations/${d.id}/result`, { version: 1, resultOn: '2026-11-10', result: 'dependent', decision: decision('2026-11-10', 'health_facility') })
    const m = await ok(`/persons/${personId}/methadone`, { facility: 'Cơ sở methadone (thử)', startOn: '2026-11-12' })
    expect(await status(personId)).toBe('substitution_treatment')
    // Methadone is parallel: a voluntary plan may start beside it, and the status is the plan's.
    await ok(`/persons/${personId}/plans`, planBody)
    expect(await status(personId)).toBe('in_rehab')
    await ok(`/methadone/${m.id}/end`, { version: 1, endOn: '2026-11-20', reason: 'expelled' })
    expect(await status(personId)).toBe('in_rehab')
    const legal = (await (await call(`/persons/${personId}/legal-records`)).json()).data
    expect(legal.methadone[0]).toMatchObject({ status: 'ended', endReason: 'expelled', endOn: '2026-11-20' })
  })

  it('a result of no dependence closes the determination; a second pending one is refused', async () => {
    const { personId, postRehabId } = await postRehabPerson()
    await ok(`/post-rehab/${postRehabId}/relapse`, { version: 1, relapseOn: '2026-11-05' })
    const d = await ok(`/persons/${personId}/determinations`, { trigger: 'post_rehab_use', dossierOn: '2026-11-06', facility: 'TTYT (thử)' })
    const twice = await call(
      `/persons/${personId}/determinations`,
      jsonBody('POST', { trigger: 'post_rehab_use', dossierOn: '2026-11-06', facility: 'TTYT (thử)' }),
    )
    expect(twice.status).toBe(409)
    const noNumber = await call(
      `/determinations/${d.id}/result`,
      jsonBody('POST', { version: 1, resultOn: '2026-11-10', result: 'not_dependent', decision: { ...decision('2026-11-10'), number: '' } }),
    )
    expect((await noNumber.json()).error.details.issues).toContainEqual({ field: 'json.decision.number', message: 'is required' })
    await ok(`/determinations/${d.id}/result`, {
      version: 1,
      resultOn: '2026-11-10',
      result: 'not_dependent',
      decision: decision('2026-11-10', 'health_facility'),
    })
    expect(await status(personId)).toBe('closed')
  })

  it('a referral the court refuses ends refused with its decision, through the API and a sync push alike', async () => {
    const { personId, postRehabId } = await postRehabPerson()
    await ok(`/post-rehab/${postRehabId}/relapse`, { version: 1, relapseOn: '2026-11-05' })
    const d = await ok(`/persons/${personId}/determinations`, { trigger: 'post_rehab_use', dossierOn: '2026-11-06', facility: 'TTYT (thử)' })
    await ok(`/determinations/${d.id}/result`, { version: 1, resultOn: '2026-11-13', result: 'dependent', decision: decision('2026-11-13', 'health_facility') })
    const first = await ok(`/persons/${personId}/referrals`, { ground: 'relapse_post_rehab', dossierOn: '2026-11-16' })
    expect(await status(personId)).toBe('compulsory_rehab')
    // The court's decision only; no decision number: 400 naming it; nothing written.
    const notCourt = await call(`/referrals/${first.id}/refusal`, jsonBody('POST', { version: 1, decision: decision('2026-11-20') }))
    expect(notCourt.status).toBe(400)
    expect((await notCourt.json()).error.details.issues[0].field).toBe('json.decision.signerRole')
    const noNumber = await call(
      `/referrals/${first.id}/refusal`,
      jsonBody('POST', { version: 1, decision: { ...decision('2026-11-20', 'court'), number: '' } }),
    )
    expect((await noNumber.json()).error.details.issues).toContainEqual({ field: 'json.decision.number', message: 'is required' })
    const refusal = decision('2026-11-20', 'court')
    const refused = await ok(`/referrals/${first.id}/refusal`, { version: 1, decision: refusal })
    expect(refused).toMatchObject({ status: 'refused', courtDecision: refusal, version: 2 })
    // The dependence it answered is owed again (its registration deadline has passed: a ground to refer again).
    expect(await status(personId)).toBe('awaiting_registration')
    const again = await call(
      `/referrals/${first.id}/admission`,
      jsonBody('POST', { version: 2, decision: refusal, facility: 'CSCN (thử)', admittedOn: '2026-11-21' }),
    )
    expect(again.status).toBe(409)
    const events = (await (await call(`/persons/${personId}/timeline`)).json()).data.events
    expect(events.find((e: { refId: string }) => e.refId === first.id)).toMatchObject({
      kind: 'referral',
      on: '2026-11-20',
      summary: { status: 'refused', decisionNumber: refusal.number, decisionSignerRole: 'court' },
    })

    // A second referral, refused through a sync push (the phone's path), the same command.
    const second = await ok(`/persons/${personId}/referrals`, { ground: 'not_registered_or_abandoned', dossierOn: '2026-11-21' })
    const push = (data: Record<string, unknown>) =>
      call(
        '/sync/push',
        jsonBody('POST', {
          deviceId: '22222222-2222-4222-8222-222222222222',
          changes: [{ key: crypto.randomUUID(), type: 'referral.refuse', entityId: second.id, data }],
        }),
      )
    const wrong = (await (await push({ version: 1, decision: decision('2026-11-22') })).json()).data.results[0]
    expect(wrong).toMatchObject({ status: 'invalid', error: { code: 'validation_failed' } })
    const applied = (await (await push({ version: 1, decision: decision('2026-11-22', 'court') })).json()).data.results[0]
    expect(applied).toMatchObject({ status: 'applied', record: { status: 'refused', id: second.id } })
    expect(await status(personId)).toBe('awaiting_registration')
  })
})
