import { serve } from '@hono/node-server'
import { openTenantDb } from '../db/client.node.ts'
import { bootstrapNode } from '../db/provision/bootstrap.ts'
import { locateTenantDbForNode } from '../db/provision/locate.ts'
import { createNodePlatform } from '../db/provision/node-platform.ts'
import { onboardTenant } from '../db/provision/onboard-tenant.ts'
import { createApp } from './app.ts'
import { createWorkerParser } from './import/import-parser.node.ts'
import { runHousekeeping } from './jobs/housekeeping.ts'
import { nodeClientAddress } from './client-address.node.ts'
import { createJsonLogger } from './logger.ts'
import { readNodeConfig } from './node-config.ts'
import { createStaticAssets } from './static-assets.node.ts'
import { createTenantResolver } from './tenancy/tenant-resolver.ts'

// Node entry: the embedded default (`npm start`) and self-hosting in a province's own data centre.
const config = readNodeConfig()
const logger = createJsonLogger(config.logLevel)
const platform = createNodePlatform(config)
await bootstrapNode(platform, config, logger)

const tenants = createTenantResolver({
  control: platform.control,
  locate: locateTenantDbForNode({ dataDir: config.dataDir, tursoGroupAuthToken: config.turso.groupAuthToken }),
  open: openTenantDb,
  nowMs: () => Date.now(),
  ttlMs: config.tenantCacheTtlMs,
})
const app = createApp(
  {
    config: { environment: config.environment, maxBodyBytes: config.maxBodyBytes, trustedOrigins: config.trustedOrigins, auditSalt: config.auditSalt },
    control: platform.control,
    tenants,
    clock: { now: () => new Date() },
    logger,
    clientAddress: nodeClientAddress(config.trustProxy),
    parseImport: createWorkerParser(),
    onboardProvince: (code) => onboardTenant(platform.onboardDeps, code),
  },
  { assets: createStaticAssets() },
)

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  console.log(`Bình An is listening on http://localhost:${info.port} (data in ${config.dataDir})`)
})

// Daily housekeeping the Worker does by Cron Trigger (worker/jobs/housekeeping.ts).
const housekeeping = () =>
  void runHousekeeping({ control: platform.control, tenants, logger, now: new Date() }).catch((err: unknown) =>
    logger.error('housekeeping_failed', { errorName: err instanceof Error ? err.name : 'unknown' }),
  )
housekeeping()
setInterval(housekeeping, 6 * 3_600_000).unref()

// Let in-flight requests finish and libSQL close its files cleanly on Ctrl-C or a service stop.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    server.close(() => process.exit(0))
    setTimeout(() => process.exit(0), 5_000).unref()
  })
}
