// Onboarding on Node that fails for real (the data directory cannot take the province's file): the answer is a
// 500 with a request id, the registry keeps why for the Provinces screen, and the audit entry carries the reason.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { and, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { auditLog, tenants } from '../../db/control/schema/index.ts'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { createTestApp, createTestPlatform, jsonBody, type TestPlatform } from '../helpers/platform.ts'
import { createTestUser, sessionCookieFor } from '../helpers/users.ts'

let platform: TestPlatform
let central = ''
const tenantsDir = () => join(platform.dataDir, 'tenants')

beforeAll(async () => {
  platform = await createTestPlatform()
  central = await sessionCookieFor(platform.control, await createTestUser(platform.control, { username: 'onboard-central', role: 'central_admin' }))
  // A plain file where the provinces' directory should be: creating the database fails (EEXIST on mkdir), as root too.
  rmSync(tenantsDir(), { recursive: true, force: true })
  writeFileSync(tenantsDir(), 'not a directory')
})
afterAll(() => platform.cleanup())

describe('a failed onboarding on Node', () => {
  it('answers 500, records the reason in the registry and audits it', async () => {
    const t = createTestApp(platform, { onboardProvince: (code) => onboardTenant(platform.onboardDeps, code) })
    const res = await t.request('/api/admin/provinces', jsonBody('POST', { province: '04' }, { cookie: central }))
    expect(res.status).toBe(500)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('internal')
    const [row] = await platform.control.select().from(tenants).where(eq(tenants.provinceCode, '04'))
    expect(row).toMatchObject({ status: 'provisioning', onboardingError: expect.stringMatching(/EEXIST|ENOTDIR/), onboardingErrorAt: expect.any(Date) })
    const [entry] = await platform.control
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'province.onboard'), eq(auditLog.entityId, '04')))
    expect(entry?.outcome).toBe('failure')
    expect(JSON.parse(entry!.details!).reason).toBe(row!.onboardingError)

    // Fixed, the same click resumes and clears the reason.
    rmSync(tenantsDir())
    mkdirSync(tenantsDir())
    const retry = await t.request('/api/admin/provinces', jsonBody('POST', { province: '04' }, { cookie: central }))
    expect(retry.status).toBe(201)
    const [done] = await platform.control.select().from(tenants).where(eq(tenants.provinceCode, '04'))
    expect(done).toMatchObject({ status: 'active', onboardingError: null, onboardingErrorAt: null })
  })
})
