import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { auditLog, managementPeriods, persons } from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'
import { endExpiredManagement } from '../../worker/jobs/end-management.ts'
import { runHousekeeping } from '../../worker/jobs/housekeeping.ts'
import {
  createMemoryLogger,
  createNodeTenantResolver,
  createTestApp,
  createTestPlatform,
  jsonBody,
  type TestApp,
  type TestPlatform,
} from '../helpers/platform.ts'
import { createTestUser, sessionCookieFor } from '../helpers/users.ts'

// The daily end of an illegal drug user's management period, on the province's libSQL file, with the clock given.
// Synthetic people only.
let platform: TestPlatform
let t: TestApp
let db: TenantDb
let commune: string
let cookie: string
let seq = 0
const req = (path: string, init: RequestInit = {}) => t.request(path, { ...init, headers: { ...(init.headers as Record<string, string>), cookie } })
const data = async (res: Response) => {
  const body = await res.json()
  if (!res.ok) throw new Error(`${res.status} ${JSON.stringify(body)}`)
  return body.data
}
const decision = (date: string) => ({ number: `${++seq}/QĐ-UBND (thử)`, date, signer: 'Chủ tịch (thử)', signerRole: 'commune_chair', body: 'UBND xã (thử)' })

/** A drug user under management from `startOn`; their id and the period's. */
async function managed(startOn: string) {
  const person = await data(
    await req(
      '/api/p/82/persons',
      jsonBody('POST', {
        fullName: 'Vi Văn Hết Hạn',
        birthDate: '1995-03-03',
        sex: 'male',
        citizenId: `0790950${String(++seq).padStart(5, '0')}`,
        communeCode: commune,
        category: 'drug_user',
      }),
    ),
  )
  const period = await data(
    await req(
      `/api/p/82/persons/${person.id}/management-periods`,
      jsonBody('POST', { startOn, measures: 'Quản lý tại xã (thử)', decision: decision(startOn) }),
    ),
  )
  return { personId: person.id as string, periodId: period.id as string, endOn: period.endOn as string }
}
const statusOf = async (id: string) => (await db.select({ status: persons.status }).from(persons).where(eq(persons.id, id)))[0]!.status
const periodOf = async (id: string) => (await db.select().from(managementPeriods).where(eq(managementPeriods.id, id)))[0]!

beforeAll(async () => {
  platform = await createTestPlatform()
  await onboardTenant(platform.onboardDeps, '82')
  t = createTestApp(platform)
  db = (await t.deps.tenants.resolve('82'))!.db
  commune = (await db.query.communes.findFirst({ orderBy: (c, { asc }) => asc(c.code) }))!.code
  cookie = await sessionCookieFor(
    platform.control,
    await createTestUser(platform.control, { username: 'mgmt-officer', role: 'commune_officer', province: '82', communes: [commune] }),
  )
})
afterAll(() => platform.cleanup())

describe('the end of a management period', () => {
  it('ends periods past their last day, audits each as the system, derives the status again, once', async () => {
    const expired = await managed('2025-10-01') // 12 months: until 2026-10-01
    const pending = await managed('2025-09-15')
    // A determination requested meanwhile: when the period ends, the person still awaits its result.
    await data(
      await req(
        `/api/p/82/persons/${pending.personId}/determinations`,
        jsonBody('POST', { trigger: 'caught_again_while_managed', dossierOn: '2026-09-01', facility: 'TTYT (thử)' }),
      ),
    )
    const running = await managed('2026-11-01')
    expect(expired.endOn).toBe('2026-10-01')
    expect(await statusOf(expired.personId)).toBe('under_management')

    // The last day itself is still under management.
    expect(await endExpiredManagement(db, new Date('2026-10-01T16:00:00Z'))).toBe(1) // 23:00 on 1 Oct in Vietnam: only the September one
    expect(await statusOf(pending.personId)).toBe('awaiting_determination')
    expect(await statusOf(expired.personId)).toBe('under_management')

    expect(await endExpiredManagement(db, new Date('2026-10-02T03:00:00Z'))).toBe(1)
    expect(await periodOf(expired.periodId)).toMatchObject({ status: 'ended', endReason: 'period_elapsed', endedOn: '2026-10-02', updatedBy: null, version: 2 })
    expect(await statusOf(expired.personId)).toBe('closed')
    expect((await periodOf(running.periodId)).status).toBe('active')
    expect(await statusOf(running.personId)).toBe('under_management')

    const entries = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'management.end'), eq(auditLog.entityId, expired.periodId)))
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ actorId: null, entityType: 'management_period', outcome: 'success' })
    expect(JSON.parse(entries[0]!.details!)).toEqual({ reason: 'period_elapsed', person: expired.personId })

    // Idempotent; an ended period is not ended again by hand either.
    expect(await endExpiredManagement(db, new Date('2026-10-02T03:00:00Z'))).toBe(0)
    const again = await req(
      `/api/p/82/management-periods/${expired.periodId}/end`,
      jsonBody('POST', { version: 2, endedOn: '2026-11-01', reason: 'prison', decision: decision('2026-11-01') }),
    )
    expect(again.status).toBe(409)
  })

  it('ends early on the law’s grounds with date and decision, and a period needs its decision', async () => {
    const user = await managed('2026-06-01')
    const missing = await req(
      `/api/p/82/persons/${user.personId}/management-periods`,
      jsonBody('POST', { startOn: '2026-06-01', measures: 'x', decision: { ...decision('2026-06-01'), number: '' } }),
    )
    expect(missing.status).toBe(400)
    expect((await missing.json()).error.details.issues).toContainEqual({ field: 'json.decision.number', message: 'is required' })
    const ended = await data(
      await req(
        `/api/p/82/management-periods/${user.periodId}/end`,
        jsonBody('POST', { version: 1, endedOn: '2026-11-20', reason: 'died', decision: decision('2026-11-20') }),
      ),
    )
    expect(ended).toMatchObject({
      status: 'ended',
      endReason: 'died',
      endedOn: '2026-11-20',
      endDecision: { signerRole: 'commune_chair' },
      decision: { date: '2026-06-01' },
    })
    expect(await statusOf(user.personId)).toBe('closed')
  })

  it('runs in the daily housekeeping over every active province, logging counts only', async () => {
    const old = await managed('2025-08-01')
    const logger = createMemoryLogger()
    await runHousekeeping({ control: platform.control, tenants: createNodeTenantResolver(platform), logger, now: new Date('2026-11-24T03:00:00Z') })
    expect((await periodOf(old.periodId)).status).toBe('ended')
    expect(logger.lines).toContainEqual({ level: 'info', event: 'management_ended', fields: { province: '82', count: 1 } })
    expect(JSON.stringify(logger.lines)).not.toContain('Hết Hạn')
  })
})
