import type { Logger } from '../logger.ts'
import { seedEmptyDemoProvinces } from './seed-demo.ts'
import { ensureDemoUsers } from './demo-users.ts'
import { migrateAllTenants, type MigrateAllReport } from '../../db/provision/migrate.ts'
import { prepareControlDb, type NodePlatform } from './node-platform.ts'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'

/**
 * What every Node start does before serving (npm start, npm run dev:edge): control database migrated and
 * holding the administrative units, demo provinces onboarded (first start only: later runs find nothing
 * to do), every province database migrated, demo accounts present and a modest set of synthetic people in
 * each demo province that has none (development only). Start-up never fails because of one province: a
 * province that cannot be onboarded, migrated or seeded is logged and the others serve (decision 0017).
 */
export async function bootstrapNode(
  platform: NodePlatform,
  config: { demoProvinces: readonly string[]; demoPassword: string | undefined },
  logger: Logger,
): Promise<MigrateAllReport> {
  const { demoProvinces, demoPassword } = config
  const load = await prepareControlDb(platform.control, platform.onboardDeps.now())
  if (load.loaded) logger.info('admin_units_loaded', { source: load.source })
  for (const province of demoProvinces) {
    try {
      const result = await onboardTenant(platform.onboardDeps, province)
      if (result.stepsRun.length > 0) logger.info('province_onboarded', { province, steps: result.stepsRun.join(',') })
    } catch (err) {
      logger.error('province_onboarding_failed', { province, error: err instanceof Error ? err.message : String(err) })
    }
  }
  const migration = await migrateAllTenants(platform.onboardDeps)
  for (const failure of migration.failed) logger.error('tenant_migration_failed', { province: failure.province, error: failure.error })
  if (migration.refused) {
    const behind = migration.refused.behind.map((b) => b.province).join(',')
    logger.error('tenant_contract_refused', { migration: migration.refused.contract, behind })
  }
  for (const province of migration.identityRecorded) logger.info('tenant_identity_recorded', { province })
  // Development only: demoPassword is undefined when NODE_ENV=production (worker/node-config.ts).
  if (demoPassword !== undefined) {
    const demo = await ensureDemoUsers(platform.control, demoPassword, platform.onboardDeps.now())
    if (demo.length > 0) {
      console.log(`Demo accounts (development only): ${demo.join(', ')}`)
      console.log(`Demo password: ${demoPassword}  (set DEMO_PASSWORD to change it)`)
    }
    // Synthetic people (db/seed/synthetic.ts) so that every screen has something to show.
    const people = await seedEmptyDemoProvinces(platform, demoProvinces, platform.onboardDeps.now())
    for (const { province, persons } of people.seeded) logger.info('demo_people_seeded', { province, persons })
    for (const { province, error } of people.failed) logger.error('demo_people_seed_failed', { province, error })
  }
  return migration
}
