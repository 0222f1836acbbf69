import { spawnSync } from 'node:child_process'
import { rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tenants } from '../../db/control/schema/index.ts'
import { latestTenantSchemaVersion, migrateAllTenants } from '../../db/provision/migrate.ts'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { createTestPlatform, type TestPlatform } from '../helpers/platform.ts'

let platform: TestPlatform

beforeAll(async () => {
  platform = await createTestPlatform()
  for (const code of ['01', '82', '86']) await onboardTenant(platform.onboardDeps, code)
  // 86 looks like a database from before its schema version was recorded: the migrator must record it.
  await platform.control.update(tenants).set({ schemaVersion: null }).where(eq(tenants.provinceCode, '86'))
  // 01's file is corrupted (and its WAL gone, or SQLite would read the pages from there): migrating it must
  // fail without stopping the others.
  const file = join(platform.dataDir, 'tenants', 'binhan-p01.db')
  for (const log of [`${file}-wal`, `${file}-shm`]) rmSync(log, { force: true })
  writeFileSync(file, 'this is not a libSQL database file, just text '.repeat(200))
})
afterAll(() => platform.cleanup())

async function registry() {
  return platform.control.select().from(tenants).orderBy(tenants.provinceCode)
}

describe('migrating every province database', () => {
  it('upgrades the healthy ones, records their schema version and reports the broken one', async () => {
    const report = await migrateAllTenants(platform.onboardDeps)
    const version = latestTenantSchemaVersion()
    expect(report.migrated).toEqual([
      { province: '82', schemaVersion: version, applied: [] },
      { province: '86', schemaVersion: version, applied: [] },
    ])
    expect(report.failed).toHaveLength(1)
    expect(report.failed[0]!.province).toBe('01')
    expect(report.failed[0]!.error).toBe('SQLITE_NOTADB: file is not a database')
    const rows = await registry()
    expect(rows.find((r) => r.provinceCode === '86')!.schemaVersion).toBe(version)
  })

  it('is a no-op when rerun: nothing is rewritten', async () => {
    const before = await registry()
    const db = platform.onboardDeps.openTenant(platform.onboardDeps.locate(before.find((r) => r.provinceCode === '82')!))
    const migrationsBefore = await db.all(sql`select id, hash, created_at from __drizzle_migrations`)
    const report = await migrateAllTenants(platform.onboardDeps)
    expect(report.migrated.map((m) => m.province)).toEqual(['82', '86'])
    expect(await registry()).toEqual(before)
    expect(await db.all(sql`select id, hash, created_at from __drizzle_migrations`)).toEqual(migrationsBefore)
    db.$client.close()
  })

  it('npm run db:migrate reports the failed province and exits non-zero', () => {
    const run = spawnSync(process.execPath, ['scripts/db-migrate.ts'], {
      env: { ...process.env, DATA_DIR: platform.dataDir, NODE_ENV: 'test' },
      encoding: 'utf8',
    })
    expect(run.status).toBe(1)
    expect(run.stdout).toContain(`82: ${latestTenantSchemaVersion()}`)
    expect(run.stdout).toContain(`86: ${latestTenantSchemaVersion()}`)
    expect(run.stdout).toContain('2 province database(s) up to date, 1 failed')
    expect(run.stderr).toMatch(/^01: FAILED: SQLITE_NOTADB: file is not a database$/m)
  })
})
