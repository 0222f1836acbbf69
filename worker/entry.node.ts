import { serve } from '@hono/node-server'
import { fileIdentityOf, openExistingTenantDb } from '../db/client.node.ts'
import { bootstrapNode } from './provision/bootstrap.ts'
import { locateTenantDbForNode } from '../db/provision/locate.ts'
import { createNodePlatform } from './provision/node-platform.ts'
import { onboardTenant } from '../db/provision/onboard-tenant.ts'
import { createApp } from './app.ts'
import { runDailyChecks } from './jobs/daily-checks.ts'
import { createWorkerParser } from './import/import-parser.node.ts'
import { runHousekeeping } from './jobs/housekeeping.ts'
import { nodeClientAddress } from './client-address.node.ts'
import { createJsonLogger } from './logger.ts'
import { createNodeMail } from './mail/node-mail.ts'
import { readNodeConfig } from './node-config.ts'
import { createStaticAssets } from './static-assets.node.ts'
import { nodeDeepCheck } from './tenancy/deep-check.node.ts'
import { createTenantResolver } from './tenancy/tenant-resolver.ts'

// Node entry: the embedded default (`npm start`) and self-hosting in a province's own data centre.
// Whatever this process creates is for its own user only (databases, their -wal/-shm files, directories).
process.umask(0o077)
const config = readNodeConfig()
// Before anything is opened: production without mail (or without a public origin for its links) stops here.
const mail = createNodeMail(config)
const logger = createJsonLogger(config.logLevel)
const platform = createNodePlatform(config)
await bootstrapNode(platform, config, logger)

const tenants = createTenantResolver({
  control: platform.control,
  locate: locateTenantDbForNode({ dataDir: config.dataDir, tursoGroupAuthToken: config.turso.groupAuthToken }),
  open: openExistingTenantDb,
  fileIdentity: fileIdentityOf,
  deepCheck: nodeDeepCheck(),
  logger,
  nowMs: () => Date.now(),
  ttlMs: config.tenantCacheTtlMs,
})
const app = createApp(
  {
    config: {
      environment: config.environment,
      maxBodyBytes: config.maxBodyBytes,
      publicOrigin: config.publicOrigin,
      trustedOrigins: config.trustedOrigins,
      auditSalt: config.auditSalt,
    },
    control: platform.control,
    tenants,
    clock: { now: () => new Date() },
    logger,
    clientAddress: nodeClientAddress(config.trustProxyHops),
    mail: mail.transport,
    devOutbox: mail.outbox,
    parseImport: createWorkerParser(),
    onboardProvince: (code) => onboardTenant(platform.onboardDeps, code),
  },
  { assets: createStaticAssets() },
)

const server = serve({ fetch: app.fetch, port: config.port, hostname: config.host }, (info) => {
  console.log(`Bình An is listening on http://localhost:${info.port} (data in ${config.dataDir})`)
  if (mail.outbox) console.log(`E-mail goes to the development outbox: ${config.dataDir}/outbox, listed at http://localhost:${info.port}/dev/outbox`)
})

// Daily housekeeping the Worker does by Cron Trigger (worker/jobs/housekeeping.ts).
const housekeeping = () =>
  void runHousekeeping({ control: platform.control, tenants, logger, now: new Date() }).catch((err: unknown) =>
    logger.error('housekeeping_failed', { errorName: err instanceof Error ? err.name : 'unknown' }),
  )
housekeeping()
setInterval(housekeeping, 6 * 3_600_000).unref()

// The daily check (integrity_check in a child process, one province at a time) and the audit anchors
// (decision 0017): at start, so a restored or damaged province is looked at at once, then every 24 hours.
const dailyChecks = () =>
  void runDailyChecks({ control: platform.control, tenants, logger, now: new Date() }).catch((err: unknown) =>
    logger.error('daily_checks_failed', { errorName: err instanceof Error ? err.name : 'unknown' }),
  )
dailyChecks()
setInterval(dailyChecks, 24 * 3_600_000).unref()

// Let in-flight requests finish and libSQL close its files cleanly on Ctrl-C or a service stop.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    mail.close()
    server.close(() => process.exit(0))
    setTimeout(() => process.exit(0), 5_000).unref()
  })
}
