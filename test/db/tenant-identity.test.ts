// A province database is only ever created by onboarding, and a file that is not the province's is never
// migrated, back-filled or served (decision 0017). Real files in a temp DATA_DIR.
import { copyFileSync, existsSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openExistingTenantDb, openTenantDb, TenantDbMissingError } from '../../db/client.node.ts'
import { tenants } from '../../db/control/schema/index.ts'
import { migrateAllTenants, migrateTenantDb } from '../../db/provision/migrate.ts'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { checkTenantIdentity, EXPECTED_TENANT_MIGRATION, readTenantIdentity } from '../../db/tenant/identity.ts'
import { tenantMeta } from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'
import { createTestPlatform, type TestPlatform } from '../helpers/platform.ts'

let platform: TestPlatform
const opened: TenantDb[] = []
const fileOf = (code: string) => join(platform.dataDir, 'tenants', `binhan-p${code}.db`)
const removeFiles = (code: string) => {
  for (const suffix of ['', '-wal', '-shm']) rmSync(`${fileOf(code)}${suffix}`, { force: true })
}
async function registryRow(code: string) {
  const [row] = await platform.control.select().from(tenants).where(eq(tenants.provinceCode, code))
  if (!row) throw new Error(`no registry row for ${code}`)
  return row
}
function openFile(path: string): TenantDb {
  const db = openTenantDb({ url: `file:${path}` })
  opened.push(db)
  return db
}

beforeAll(async () => {
  platform = await createTestPlatform()
  for (const code of ['82', '01', '04', '08', '11', '12']) await onboardTenant(platform.onboardDeps, code)
})
afterAll(() => {
  for (const db of opened) db.$client.close()
  platform.cleanup()
})

describe('the identity marker', () => {
  it('is written at onboarding: the province code and the registry id, with the newest migration applied', async () => {
    const row = await registryRow('82')
    const identity = await readTenantIdentity(openFile(fileOf('82')))
    expect(row.databaseId).toMatch(/^[0-9a-f-]{36}$/)
    expect(identity).toEqual({ provinceCode: '82', databaseId: row.databaseId, migratedAt: EXPECTED_TENANT_MIGRATION.when })
  })

  it('passes for the province itself and names what is wrong with any other file', async () => {
    const row = await registryRow('82')
    const expected = { provinceCode: '82', databaseId: row.databaseId }
    expect(await checkTenantIdentity(openFile(fileOf('82')), expected)).toBeNull()
    // Another province's database in 82's place.
    expect(await checkTenantIdentity(openFile(fileOf('01')), expected)).toBe('identity_mismatch')
    // A copy of 82 carrying another id (e.g. from another deployment).
    const copy = join(platform.dataDir, 'copy-82.db')
    copyFileSync(fileOf('82'), copy)
    for (const suffix of ['-wal']) if (existsSync(`${fileOf('82')}${suffix}`)) copyFileSync(`${fileOf('82')}${suffix}`, `${copy}${suffix}`)
    const other = openFile(copy)
    await other.update(tenantMeta).set({ value: crypto.randomUUID() }).where(eq(tenantMeta.key, 'database_id'))
    expect(await checkTenantIdentity(other, expected)).toBe('identity_mismatch')
    // Without a registry id (a province from before ids), the code alone is compared.
    expect(await checkTenantIdentity(other, { provinceCode: '82', databaseId: null })).toBeNull()
    // An empty file, as libSQL creates for a missing path.
    expect(await checkTenantIdentity(openFile(join(platform.dataDir, 'empty.db')), expected)).toBe('not_a_province_database')
    // A migrated database that was never seeded as a province (what a restart used to leave behind).
    const migratedOnly = openFile(join(platform.dataDir, 'migrated-only.db'))
    await migrateTenantDb(migratedOnly)
    expect(await checkTenantIdentity(migratedOnly, expected)).toBe('not_a_province_database')
    // Bytes that are not a database.
    const garbage = join(platform.dataDir, 'garbage.db')
    writeFileSync(garbage, 'not a database '.repeat(500))
    expect(await checkTenantIdentity(openFile(garbage), expected)).toBe('database_corrupt')
  })

  it('refuses a database whose migrations stop before the code’s newest one', async () => {
    const copy = join(platform.dataDir, 'old-82.db')
    const source = openFile(fileOf('82'))
    await source.run(sql.raw(`vacuum into '${copy}'`))
    const old = openFile(copy)
    await old.run(sql`delete from __drizzle_migrations where created_at = (select max(created_at) from __drizzle_migrations)`)
    const row = await registryRow('82')
    expect(await checkTenantIdentity(old, { provinceCode: '82', databaseId: row.databaseId })).toBe('schema_outdated')
  })
})

describe('opening a registered province database', () => {
  it('refuses a missing file and leaves no file behind', async () => {
    const path = join(platform.dataDir, 'tenants', 'binhan-p99.db')
    expect(() => openExistingTenantDb({ url: `file:${path}` })).toThrow(TenantDbMissingError)
    expect(existsSync(path)).toBe(false)
  })
})

describe('migrating every province at start-up or with npm run db:migrate', () => {
  let report: Awaited<ReturnType<typeof migrateAllTenants>>

  beforeAll(async () => {
    // 04: deleted. 08: onboarded before database ids (no id anywhere). 11: holds 12's database.
    // 12 stays as onboarded. 01: an id in the file but none in the registry (a back-fill cut short).
    removeFiles('04')
    await platform.control.update(tenants).set({ databaseId: null }).where(eq(tenants.provinceCode, '08'))
    await openFile(fileOf('08')).delete(tenantMeta).where(eq(tenantMeta.key, 'database_id'))
    removeFiles('11')
    const twelve = openFile(fileOf('12'))
    await twelve.run(sql.raw(`vacuum into '${fileOf('11')}'`))
    await platform.control.update(tenants).set({ databaseId: null }).where(eq(tenants.provinceCode, '01'))
    report = await migrateAllTenants(platform.onboardDeps)
  })

  it('reports a deleted province and does not create an empty database in its place', () => {
    expect(report.failed).toContainEqual({ province: '04', error: expect.stringContaining('No database file at') })
    expect(existsSync(fileOf('04'))).toBe(false)
  })

  it('refuses to migrate or back-fill a file that carries another province', async () => {
    expect(report.failed).toContainEqual({ province: '11', error: "The database at province 11's location belongs to province 12" })
    expect((await registryRow('11')).databaseId).not.toBe((await registryRow('12')).databaseId)
    expect((await readTenantIdentity(openFile(fileOf('11')))).provinceCode).toBe('12')
  })

  it('gives a province from before database ids one id, the same in its file and in the registry', async () => {
    expect(report.identityRecorded).toEqual(['01', '08'])
    const row = await registryRow('08')
    expect(row.databaseId).toMatch(/^[0-9a-f-]{36}$/)
    expect((await readTenantIdentity(openFile(fileOf('08')))).databaseId).toBe(row.databaseId)
  })

  it('adopts the id already in the file when the registry lost it', async () => {
    const row = await registryRow('01')
    expect(row.databaseId).toBe((await readTenantIdentity(openFile(fileOf('01')))).databaseId)
  })

  it('migrates the healthy provinces and changes nothing on a second run', async () => {
    expect(report.migrated.map((m) => m.province)).toEqual(['01', '08', '12', '82'])
    const before = await platform.control.select().from(tenants).orderBy(tenants.provinceCode)
    const again = await migrateAllTenants(platform.onboardDeps)
    expect(again.identityRecorded).toEqual([])
    expect(again.failed.map((f) => f.province)).toEqual(['04', '11'])
    expect(await platform.control.select().from(tenants).orderBy(tenants.provinceCode)).toEqual(before)
  })
})
