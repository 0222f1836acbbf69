import { count, eq } from 'drizzle-orm'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { provinces, tenants } from '../../db/control/schema/index.ts'
import { communes } from '../../db/tenant/schema/index.ts'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { createTestPlatform, type TestPlatform } from '../helpers/platform.ts'

let platform: TestPlatform
afterAll(() => platform.cleanup())
beforeAll(async () => {
  platform = await createTestPlatform()
})

it('onboards all 34 provinces: 3,321 communes in total, 102 in province 82, each in its own database', async () => {
  const codes = (await platform.control.select({ code: provinces.code }).from(provinces)).map((row) => row.code)
  expect(codes).toHaveLength(34)
  const perProvince = new Map<string, number>()
  for (const code of codes) {
    await onboardTenant(platform.onboardDeps, code)
    const [row] = await platform.control.select().from(tenants).where(eq(tenants.provinceCode, code))
    const db = platform.onboardDeps.openTenant(platform.onboardDeps.locate(row!))
    const [counted] = await db.select({ n: count() }).from(communes)
    db.$client.close()
    perProvince.set(code, counted!.n)
    expect(row!.communeCount).toBe(counted!.n)
    expect(row!.status).toBe('active')
  }
  const total = [...perProvince.values()].reduce((a, b) => a + b, 0)
  expect(total).toBe(3321)
  expect(perProvince.get('82')).toBe(102)
  expect(perProvince.get('79')).toBe(168)
  expect(perProvince.get('01')).toBe(126)
}, 120_000)
