import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { tenantMeta } from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'
import { openSeedWriter, rowsPerInsert } from '../../worker/provision/seed-writer.ts'
import { createTestPlatform, type TestPlatform } from '../helpers/platform.ts'

let platform: TestPlatform
let db: TenantDb

beforeAll(async () => {
  platform = await createTestPlatform()
  await onboardTenant(platform.onboardDeps, '82')
  const [row] = await platform.control.query.tenants.findMany({ where: (t, { eq }) => eq(t.provinceCode, '82') })
  db = platform.onboardDeps.openTenant(platform.onboardDeps.locate(row!))
})
afterAll(() => {
  db?.$client.close()
  platform?.cleanup()
})

describe('rowsPerInsert', () => {
  it('covers every row with a few sizes, the same whatever the count', () => {
    expect(rowsPerInsert(500, 256)).toEqual([256, 128, 64, 32, 16, 4])
    expect(rowsPerInsert(0, 256)).toEqual([])
    expect(rowsPerInsert(1_000, 256)).toEqual([256, 256, 256, 128, 64, 32, 8])
    const sizes = new Set<number>()
    for (let n = 0; n <= 3_000; n++) {
      const parts = rowsPerInsert(n, 256)
      expect(parts.reduce((a, b) => a + b, 0)).toBe(n)
      for (const size of parts) sizes.add(size)
    }
    // So a run prepares at most nine statements a table, however many people it writes.
    expect([...sizes].sort((a, b) => a - b)).toEqual([1, 2, 4, 8, 16, 32, 64, 128, 256])
  })
})

describe('the seed writer on an embedded file', () => {
  const insert = (key: string) => ({ sql: 'insert into tenant_meta (key, value) values (?, ?)', params: [key, 'x'] })
  const has = async (key: string) => (await db.select().from(tenantMeta).where(eq(tenantMeta.key, key))).length > 0

  it('writes a batch in one transaction: all of it, or none of it when a statement fails', async () => {
    const writer = openSeedWriter(db)
    try {
      await expect(writer.write([insert('seed_writer_a'), insert('seed_writer_a')])).rejects.toThrow(/UNIQUE/)
      expect(await has('seed_writer_a')).toBe(false)
      await writer.write([insert('seed_writer_a'), insert('seed_writer_b')])
      await writer.write([insert('seed_writer_c')])
    } finally {
      writer.close()
    }
    // Seen by the app's own connection, after the writer closed.
    for (const key of ['seed_writer_a', 'seed_writer_b', 'seed_writer_c']) expect(await has(key)).toBe(true)
  })
})
