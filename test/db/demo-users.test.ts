import { asc, eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { userCommunes, users } from '../../db/control/schema/index.ts'
import { DEMO_USERS, ensureDemoUsers } from '../../worker/provision/demo-users.ts'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { verifyPassword } from '../../worker/auth/password.ts'
import { DEFAULT_DEMO_PASSWORD, readNodeConfig } from '../../worker/node-config.ts'
import { createTestPlatform, type TestPlatform } from '../helpers/platform.ts'

let platform: TestPlatform
beforeAll(async () => {
  platform = await createTestPlatform()
  for (const code of ['82', '01']) await onboardTenant(platform.onboardDeps, code)
})
afterAll(() => platform.cleanup())

describe('demo accounts', () => {
  it('exist for every role in 82 and 01, sharing the demo password', async () => {
    const ensured = await ensureDemoUsers(platform.control, DEFAULT_DEMO_PASSWORD, new Date())
    expect(ensured).toEqual(DEMO_USERS.map((u) => u.username))
    const rows = await platform.control.select().from(users).orderBy(asc(users.username))
    expect(rows.map((r) => [r.username, r.role, r.provinceCode, r.status])).toEqual([
      ['demo-admin-01', 'province_admin', '01', 'active'],
      ['demo-admin-82', 'province_admin', '82', 'active'],
      ['demo-central-admin', 'central_admin', null, 'active'],
      ['demo-central-viewer', 'central_viewer', null, 'active'],
      ['demo-commune-01', 'commune_officer', '01', 'active'],
      ['demo-commune-82', 'commune_officer', '82', 'active'],
      ['demo-officer-82', 'province_officer', '82', 'active'],
      ['demo-reviewer-82', 'province_reviewer', '82', 'active'],
    ])
    for (const row of rows) expect(await verifyPassword(row.passwordHash!, DEFAULT_DEMO_PASSWORD)).toBe(true)
    const scope = await platform.control.select().from(userCommunes)
    expect(scope).toHaveLength(2)
    const hanoi = rows.find((r) => r.username === 'demo-commune-01')!
    expect(scope.find((s) => s.userId === hanoi.id)?.communeCode).toBe('00127')
  })

  it('are not duplicated on the next start, and follow a changed DEMO_PASSWORD', async () => {
    await ensureDemoUsers(platform.control, 'another-demo-password-77', new Date())
    const rows = await platform.control.select().from(users)
    expect(rows).toHaveLength(8)
    const [admin] = await platform.control.select().from(users).where(eq(users.username, 'demo-admin-82'))
    expect(await verifyPassword(admin!.passwordHash!, 'another-demo-password-77')).toBe(true)
  })

  it('refuse a demo password the password rules reject', async () => {
    await expect(ensureDemoUsers(platform.control, 'password1234', new Date())).rejects.toThrow(/DEMO_PASSWORD/)
  })

  it('are never configured in production', () => {
    expect(
      readNodeConfig({
        NODE_ENV: 'production',
        AUDIT_SALT: 'a-production-secret-salt',
        PUBLIC_ORIGIN: 'https://binhan.example.gov.vn',
        DEMO_PASSWORD: 'x-y-z-long-enough',
      }).demoPassword,
    ).toBeUndefined()
    expect(readNodeConfig({ NODE_ENV: 'development' }).demoPassword).toBe(DEFAULT_DEMO_PASSWORD)
    expect(() => readNodeConfig({ NODE_ENV: 'production' })).toThrow(/AUDIT_SALT/)
  })
})
