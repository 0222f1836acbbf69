import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openExistingTenantDb } from '../../db/client.node.ts'
import { locateTenantDbForNode } from '../../db/provision/locate.ts'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { resumeTenant, suspendTenant } from '../../db/provision/tenant-status.ts'
import type { DbLocation } from '../../db/types.ts'
import { createTenantResolver } from '../../worker/tenancy/tenant-resolver.ts'
import { createMemoryLogger, createTestPlatform, type TestPlatform } from '../helpers/platform.ts'

let platform: TestPlatform
beforeAll(async () => {
  platform = await createTestPlatform()
  await onboardTenant(platform.onboardDeps, '82')
})
afterAll(() => platform.cleanup())

function resolverWithClock(ttlMs: number) {
  let now = 1_000
  const opened: DbLocation[] = []
  const resolver = createTenantResolver({
    control: platform.control,
    locate: locateTenantDbForNode({ dataDir: platform.dataDir }),
    open: (location) => {
      opened.push(location)
      return openExistingTenantDb(location)
    },
    logger: createMemoryLogger(),
    nowMs: () => now,
    ttlMs,
  })
  return { resolver, opened, advance: (ms: number) => (now += ms) }
}

describe('tenant resolver', () => {
  it('resolves a province to its name, status and database', async () => {
    const { resolver } = resolverWithClock(1000)
    const tenant = await resolver.resolve('82')
    expect(tenant).toMatchObject({ code: '82', name: 'Đồng Tháp', status: 'active' })
    expect(await resolver.resolve('99')).toBeUndefined()
  })

  it('serves from cache within the TTL and rereads the registry after it', async () => {
    const { resolver, advance } = resolverWithClock(1000)
    expect((await resolver.resolve('82'))?.status).toBe('active')
    await suspendTenant(platform.control, '82', new Date())
    try {
      advance(999)
      expect((await resolver.resolve('82'))?.status).toBe('active')
      advance(2)
      expect((await resolver.resolve('82'))?.status).toBe('suspended')
    } finally {
      await resumeTenant(platform.control, '82', new Date())
    }
  })

  it('rereads at once after invalidate', async () => {
    const { resolver } = resolverWithClock(60_000)
    await resolver.resolve('82')
    await suspendTenant(platform.control, '82', new Date())
    try {
      resolver.invalidate('82')
      expect((await resolver.resolve('82'))?.status).toBe('suspended')
    } finally {
      await resumeTenant(platform.control, '82', new Date())
    }
  })

  it('opens one database client per location, even when the registry row is refreshed', async () => {
    const { resolver, opened, advance } = resolverWithClock(10)
    const first = await resolver.resolve('82')
    advance(100)
    const second = await resolver.resolve('82')
    expect(opened).toHaveLength(1)
    expect(second?.db).toBe(first?.db)
  })
})
