import { serve } from '@hono/node-server'
import { openTenantDb } from '../db/client.node.ts'
import { locateTenantDbForNode } from '../db/provision/locate.ts'
import { migrateAllTenants } from '../db/provision/migrate.ts'
import { createNodePlatform, prepareControlDb } from '../db/provision/node-platform.ts'
import { onboardTenant } from '../db/provision/onboard-tenant.ts'
import { createApp } from './app.ts'
import { createJsonLogger } from './logger.ts'
import { readNodeConfig } from './node-config.ts'
import { createStaticAssets } from './static-assets.node.ts'
import { createTenantResolver } from './tenancy/tenant-resolver.ts'

// Node entry: the embedded default (`npm start`) and self-hosting in a province's own data centre.
const config = readNodeConfig()
const logger = createJsonLogger(config.logLevel)
const platform = createNodePlatform(config)
const now = () => new Date()

const load = await prepareControlDb(platform.control, now())
if (load.loaded) logger.info('admin_units_loaded', { source: load.source })
for (const province of config.demoProvinces) {
  const result = await onboardTenant(platform.onboardDeps, province)
  if (result.stepsRun.length > 0) logger.info('province_onboarded', { province, steps: result.stepsRun.join(',') })
}
const migration = await migrateAllTenants(platform.onboardDeps)
for (const failure of migration.failed) logger.error('tenant_migration_failed', { province: failure.province, error: failure.error })

const tenants = createTenantResolver({
  control: platform.control,
  locate: locateTenantDbForNode({ dataDir: config.dataDir, tursoGroupAuthToken: config.turso.groupAuthToken }),
  open: openTenantDb,
  nowMs: () => Date.now(),
  ttlMs: config.tenantCacheTtlMs,
})
const app = createApp(
  {
    config: { environment: config.environment, maxBodyBytes: config.maxBodyBytes },
    control: platform.control,
    tenants,
    clock: { now },
    logger,
  },
  { assets: createStaticAssets() },
)

serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  console.log(`Bình An is listening on http://localhost:${info.port} (data in ${config.dataDir})`)
})
