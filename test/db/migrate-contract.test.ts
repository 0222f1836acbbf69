import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tenants } from '../../db/control/schema/index.ts'
import { migrateAllTenants } from '../../db/provision/migrate.ts'
import { readMigrations, tenantMigrationsFolder } from '../../db/provision/migration-files.ts'
import type { Migration } from '../../db/provision/migrator.ts'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import type { TenantDb } from '../../db/types.ts'
import { createTestPlatform, type TestPlatform } from '../helpers/platform.ts'

// The expand → deploy → contract rule across real province files (decision 0031): a release's expand migrations
// go everywhere; its contract migration waits while any province is behind; a rerun resumes each database.
let platform: TestPlatform
const committed = readMigrations(tenantMigrationsFolder)
const last = committed.at(-1)!.when
const step = (n: number, tag: string, statement: string, contract = false): Migration => ({
  tag: `99${n}_${tag}`,
  when: last + n * 1000,
  hash: `test-${n}`,
  statements: [statement],
  contract,
})
const release = [
  ...committed,
  step(1, 'legacy_table', 'CREATE TABLE `rollout_legacy` (`id` integer PRIMARY KEY)'),
  step(2, 'notes_table', 'CREATE TABLE `rollout_notes` (`id` integer PRIMARY KEY, `body` text)'),
  step(3, 'drop_legacy', 'DROP TABLE `rollout_legacy`', true),
  step(4, 'notes_index', 'CREATE INDEX `rollout_notes_body` ON `rollout_notes` (`body`)'),
]

beforeAll(async () => {
  platform = await createTestPlatform()
  for (const code of ['01', '82', '86']) await onboardTenant(platform.onboardDeps, code)
  // 86 already has a table of that name (a hand-made fix, say): its second migration fails there, for real.
  await withDb('86', (db) => db.run(sql.raw('CREATE TABLE `rollout_notes` (`x` text)')))
})
afterAll(() => platform.cleanup())

async function withDb<T>(code: string, fn: (db: TenantDb) => Promise<T>): Promise<T> {
  const [row] = await platform.control.select().from(tenants).where(eq(tenants.provinceCode, code))
  const db = platform.onboardDeps.openTenant(platform.onboardDeps.locate(row!))
  try {
    return await fn(db)
  } finally {
    db.$client.close()
  }
}

const tables = (code: string) =>
  withDb(code, async (db) =>
    (await db.all<{ name: string }>(sql.raw("select name from sqlite_master where name like 'rollout_%' order by name"))).map((r) => r.name),
  )
const schemaVersions = async () =>
  Object.fromEntries((await platform.control.select().from(tenants).orderBy(tenants.provinceCode)).map((r) => [r.provinceCode, r.schemaVersion]))

describe('db:migrate with a contract step', () => {
  it('applies the expand steps where it can, and refuses the contract step while a province is behind', async () => {
    // The real clients, counted: how many databases are being migrated at the same moment.
    let running = 0
    let most = 0
    const counted: typeof platform.onboardDeps = {
      ...platform.onboardDeps,
      openTenant: (location) => {
        const db = platform.onboardDeps.openTenant(location)
        const migrate = db.$client.migrate.bind(db.$client)
        db.$client.migrate = async (stmts) => {
          most = Math.max(most, ++running)
          try {
            await new Promise((resolve) => setTimeout(resolve, 20))
            return await migrate(stmts)
          } finally {
            running--
          }
        }
        return db
      },
    }
    const report = await migrateAllTenants(counted, { migrations: release, concurrency: 2 })
    expect(most).toBe(2)
    expect(report.migrated).toEqual([
      { province: '01', schemaVersion: '992_notes_table', applied: ['991_legacy_table', '992_notes_table'] },
      { province: '82', schemaVersion: '992_notes_table', applied: ['991_legacy_table', '992_notes_table'] },
    ])
    expect(report.failed).toEqual([{ province: '86', error: expect.stringMatching(/^992_notes_table: .*table `?rollout_notes`? already exists/) }])
    expect(report.refused).toEqual({ contract: '993_drop_legacy', behind: [{ province: '86', at: '991_legacy_table' }] })
    // Nothing at or after the contract ran anywhere: the legacy table the old release reads is still there.
    expect(await tables('01')).toEqual(['rollout_legacy', 'rollout_notes'])
    expect(await tables('86')).toEqual(['rollout_legacy', 'rollout_notes'])
    expect((await schemaVersions())['01']).toBe('992_notes_table')
  })

  it('refuses again on a rerun while the province is not fixed, and changes nothing elsewhere', async () => {
    const report = await migrateAllTenants(platform.onboardDeps, { migrations: release })
    expect(report.migrated.map((m) => [m.province, m.applied])).toEqual([
      ['01', []],
      ['82', []],
    ])
    expect(report.refused?.behind.map((b) => b.province)).toEqual(['86'])
  })

  it('resumes the province once fixed, then runs the contract step and what follows everywhere', async () => {
    await withDb('86', (db) => db.run(sql.raw('DROP TABLE `rollout_notes`')))
    const report = await migrateAllTenants(platform.onboardDeps, { migrations: release })
    expect(report.failed).toEqual([])
    expect(report.refused).toBeNull()
    expect(report.migrated).toEqual([
      { province: '01', schemaVersion: '994_notes_index', applied: ['993_drop_legacy', '994_notes_index'] },
      { province: '82', schemaVersion: '994_notes_index', applied: ['993_drop_legacy', '994_notes_index'] },
      { province: '86', schemaVersion: '994_notes_index', applied: ['992_notes_table', '993_drop_legacy', '994_notes_index'] },
    ])
    for (const code of ['01', '82', '86']) expect(await tables(code)).toEqual(['rollout_notes', 'rollout_notes_body'])
    expect(await schemaVersions()).toMatchObject({ '01': '994_notes_index', '82': '994_notes_index', '86': '994_notes_index' })
  })
})
