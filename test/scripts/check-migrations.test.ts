import { readFileSync } from 'node:fs'
import { describe, expect, it } from 'vitest'
import { readMigrations, tenantMigrationsFolder } from '../../db/provision/migration-files.ts'
import { isContractSql } from '../../db/provision/migrator.ts'
import { checkMigrationSql } from '../../scripts/check-migrations.ts'
import { renderBundle } from '../../scripts/bundle-migrations.ts'

// The expand-only rule of decision 0031 on migration SQL, and the bundle the Worker's onboarding migrates from.
describe('the migration rule', () => {
  it('lets additive migrations and drizzle-kit table rebuilds through', () => {
    expect(checkMigrationSql('0010_x', ['CREATE TABLE `a` (`id` integer)', 'ALTER TABLE `b` ADD `c` text', 'DROP INDEX `old_idx`'], false)).toEqual([])
    const rebuild = [
      'CREATE TABLE `__new_b` (`id` integer)',
      'INSERT INTO `__new_b`("id") SELECT "id" FROM `b`',
      'DROP TABLE `b`',
      'ALTER TABLE `__new_b` RENAME TO `b`',
    ]
    expect(checkMigrationSql('0011_y', rebuild, false)).toEqual([])
  })

  it('refuses drops and renames outside a contract step, and accepts them in one', () => {
    const destructive = ['DROP TABLE `legacy`', 'ALTER TABLE `b` DROP COLUMN `c`', 'ALTER TABLE `b` RENAME COLUMN `d` TO `e`', 'ALTER TABLE `f` RENAME TO `g`']
    expect(checkMigrationSql('0012_z', destructive, false)).toEqual([
      '0012_z: drops table legacy',
      '0012_z: drops column c',
      '0012_z: renames column d',
      '0012_z: renames table f',
    ])
    expect(checkMigrationSql('0012_z', destructive, true)).toEqual([])
  })

  it('marks a contract step by its first line only', () => {
    expect(isContractSql('-- contract\nDROP TABLE `legacy`')).toBe(true)
    expect(isContractSql('  -- Contract\n')).toBe(true)
    expect(isContractSql('CREATE TABLE `a` (`id` integer);\n-- contract')).toBe(false)
  })

  it('keeps the bundled tenant migrations equal to the SQL files (else: node scripts/bundle-migrations.ts)', () => {
    expect(readFileSync(`${tenantMigrationsFolder}/bundle.ts`, 'utf8')).toBe(renderBundle())
    expect(readMigrations(tenantMigrationsFolder).every((m) => m.hash.length === 64)).toBe(true)
  })
})
