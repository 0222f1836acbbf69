import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { auditLog, persons, postRehabRecords } from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'
import { endExpiredPostRehab } from '../../worker/jobs/end-post-rehab.ts'
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
import { completionBody, decisionOn, finishStages, setCaseRules } from '../helpers/plans.ts'
import { createTestUser, sessionCookieFor } from '../helpers/users.ts'

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

/** A person whose plan was completed on `completionDate`: 12 months of post-rehab management from then. */
async function completed(completionDate: string) {
  const person = await data(
    await req(
      '/api/p/82/persons',
      jsonBody('POST', {
        fullName: 'Lò Văn Mãn Hạn',
        birthDate: '1990-08-08',
        sex: 'male',
        citizenId: `0790900${String(++seq).padStart(5, '0')}`,
        communeCode: commune,
        category: 'dependent',
        addictionDeterminedOn: '2024-06-01',
        addictionDeterminedBy: 'Trung tâm Y tế (thử nghiệm)',
      }),
    ),
  )
  const plan = await data(
    await req(
      `/api/p/82/persons/${person.id}/plans`,
      jsonBody('POST', {
        form: 'family',
        registeredOn: '2024-07-01',
        startOn: '2024-07-10',
        plannedEndOn: '2025-01-10',
        members: [{ name: 'Tổ công tác', role: 'thành viên' }],
        stages: [],
      }),
    ),
  )
  await data(await req(`/api/p/82/plans/${plan.id}/transitions`, jsonBody('POST', { to: 'active', version: 1, decision: decisionOn('2024-07-10') })))
  const version = await finishStages((path, init) => req(`/api/p/82${path}`, init), plan.id, 2, '2024-07-15', '2024-10-15')
  await data(await req(`/api/p/82/plans/${plan.id}/complete`, jsonBody('POST', completionBody(version, completionDate))))
  return person.id as string
}

beforeAll(async () => {
  platform = await createTestPlatform()
  await onboardTenant(platform.onboardDeps, '82')
  t = createTestApp(platform)
  db = (await t.deps.tenants.resolve('82'))!.db
  commune = (await db.query.communes.findFirst({ orderBy: (c, { asc }) => asc(c.code) }))!.code
  cookie = await sessionCookieFor(
    platform.control,
    await createTestUser(platform.control, { username: 'end-officer', role: 'commune_officer', province: '82', communes: [commune] }),
  )
  // Post-rehab management after a voluntary completion: this province opens it.
  await setCaseRules(t, platform.control, { postRehabAfterVoluntary: true })
})
afterAll(() => platform.cleanup())

describe('the end of post-rehab management', () => {
  it('ends records whose 12 months have passed and closes their people, once; others stay under management', async () => {
    const expired = await completed('2025-01-12') // management until 2026-01-12
    const running = await completed('2026-11-01')
    const statusOf = async (id: string) => (await db.select({ status: persons.status }).from(persons).where(eq(persons.id, id)))[0]!.status
    expect(await statusOf(expired)).toBe('post_rehab')

    expect(await endExpiredPostRehab(db, new Date('2026-11-24T03:00:00Z'))).toBe(1)
    expect(await statusOf(expired)).toBe('closed')
    expect(await statusOf(running)).toBe('post_rehab')
    const records = await db.select({ personId: postRehabRecords.personId, status: postRehabRecords.status }).from(postRehabRecords)
    expect(records.find((r) => r.personId === expired)!.status).toBe('ended')
    expect(records.find((r) => r.personId === running)!.status).toBe('active')
    const entries = await db.select().from(auditLog).where(eq(auditLog.action, 'post_rehab.end'))
    expect(entries.map((e) => e.details)).toEqual(['{"count":1}'])

    // Idempotent: a second run finds nothing; the ended record takes no more follow-ups.
    expect(await endExpiredPostRehab(db, new Date('2026-11-24T03:00:00Z'))).toBe(0)
    const [record] = await db.select({ id: postRehabRecords.id }).from(postRehabRecords).where(eq(postRehabRecords.personId, expired))
    const followUp = await req(`/api/p/82/post-rehab/${record!.id}/follow-ups`, jsonBody('POST', { contactedOn: '2026-11-20', method: 'visit' }))
    expect(followUp.status).toBe(409)
  })

  it('runs over every active province and logs without personal data', async () => {
    const running = await completed('2025-11-01') // ends 2026-11-01, before the run below
    const logger = createMemoryLogger()
    await runHousekeeping({ control: platform.control, tenants: createNodeTenantResolver(platform), logger, now: new Date('2026-11-24T03:00:00Z') })
    expect((await db.select({ status: persons.status }).from(persons).where(eq(persons.id, running)))[0]!.status).toBe('closed')
    expect(logger.lines).toContainEqual({ level: 'info', event: 'post_rehab_ended', fields: { province: '82', count: 1 } })
    expect(JSON.stringify(logger.lines)).not.toContain('Mãn Hạn')
  })
})
