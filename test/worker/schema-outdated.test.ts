// A province whose database is older than the code needs is refused with 503 tenant_schema_outdated on every
// route, never served half-working; db:migrate brings it back (decision 0031). Real files, a really old schema.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { migrateAllTenants } from '../../db/provision/migrate.ts'
import { readMigrations, tenantMigrationsFolder } from '../../db/provision/migration-files.ts'
import { applyPending } from '../../db/provision/migrator.ts'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { EXPECTED_TENANT_MIGRATION } from '../../db/tenant/identity.ts'
import { createTestApp, createTestPlatform, type TestPlatform } from '../helpers/platform.ts'
import { createTestUser, sessionCookieFor } from '../helpers/users.ts'

let platform: TestPlatform
let central = ''
const committed = readMigrations(tenantMigrationsFolder)

beforeAll(async () => {
  platform = await createTestPlatform()
  await onboardTenant(platform.onboardDeps, '82')
  // 01 as a release behind would leave it: every migration but the newest.
  await onboardTenant({ ...platform.onboardDeps, migrateTenant: async (db) => (await applyPending(db, committed.slice(0, -1))).at(-1)! }, '01')
  central = await sessionCookieFor(platform.control, await createTestUser(platform.control, { username: 'schema-central', role: 'central_admin' }))
})
afterAll(() => platform.cleanup())

describe('a province database older than the code', () => {
  it('answers 503 tenant_schema_outdated naming the migration it needs, and serves the other province', async () => {
    const t = createTestApp(platform)
    for (const path of ['/api/p/01/communes', '/api/p/01/health', '/api/p/01/persons']) {
      const res = await t.request(path, { headers: { cookie: central } })
      expect(res.status).toBe(503)
      expect(await res.json()).toEqual({
        error: {
          code: 'tenant_schema_outdated',
          message: `The database of province 01 has an older schema than this release needs (${EXPECTED_TENANT_MIGRATION.tag}): run npm run db:migrate`,
          details: { reason: 'schema_outdated', needs: EXPECTED_TENANT_MIGRATION.tag },
        },
      })
    }
    expect((await t.request('/api/p/82/communes', { headers: { cookie: central } })).status).toBe(200)
  })

  it('is served again once db:migrate has applied what it lacks', async () => {
    const report = await migrateAllTenants(platform.onboardDeps)
    expect(report.migrated.find((m) => m.province === '01')).toEqual({
      province: '01',
      schemaVersion: committed.at(-1)!.tag,
      applied: [committed.at(-1)!.tag],
    })
    const t = createTestApp(platform)
    expect((await t.request('/api/p/01/communes', { headers: { cookie: central } })).status).toBe(200)
  })
})
