import cluster from 'node:cluster'
import { join } from 'node:path'
import { serve } from '@hono/node-server'
import { useWriteGate } from '../db/audit/append-audit.ts'
import { embeddedFileOf, fileIdentityOf, openExistingTenantDb } from '../db/client.node.ts'
import { bootstrapNode } from './provision/bootstrap.ts'
import { locateTenantDbForNode } from '../db/provision/locate.ts'
import { createNodePlatform } from './provision/node-platform.ts'
import { onboardTenant } from '../db/provision/onboard-tenant.ts'
import { createApp } from './app.ts'
import { createDetachedWork } from './background.ts'
import { watchTenantDatabases } from './jobs/check-tenant-databases.ts'
import { runDailyChecks } from './jobs/daily-checks.ts'
import { createAlertWebhook } from './jobs/tenant-alert.ts'
import { createWorkerParser } from './import/import-parser.node.ts'
import { runHousekeeping } from './jobs/housekeeping.ts'
import { refreshAllSnapshots, SNAPSHOT_INTERVAL_MS } from './jobs/refresh-snapshots.ts'
import { nodeClientAddress } from './client-address.node.ts'
import { startWorkers, withWorkerPid, type Closable } from './cluster.node.ts'
import { withJsonCompression } from './json-compression.node.ts'
import { createJsonLogger } from './logger.ts'
import { createNodeMail } from './mail/node-mail.ts'
import { readNodeConfig } from './node-config.ts'
import { createStaticAssets } from './static-assets.node.ts'
import { createFileBlobStore } from './storage/blob-store.node.ts'
import { nodeDeepCheck } from './tenancy/deep-check.node.ts'
import { createTenantResolver } from './tenancy/tenant-resolver.ts'
import { createGateKeeper, createWorkerGate } from './write-gate.node.ts'

// Node entry: the embedded default (`npm start`) and self-hosting in a province's own data centre.
// Whatever this process creates is for its own user only (databases, their -wal/-shm files, directories).
process.umask(0o077)
const config = readNodeConfig()
// Before anything is opened: production without mail (or without a public origin for its links) stops here.
const mail = createNodeMail(config)
const logger = createJsonLogger(config.logLevel)
const platform = createNodePlatform(config)
// Decision 0024: only the primary prepares the databases (migrations, onboarding, demo data); it forks the
// serving workers (WEB_CONCURRENCY > 1) once that has finished, so no worker serves an unmigrated file.
if (cluster.isPrimary) await bootstrapNode(platform, config, logger)
const isPool = cluster.isPrimary && config.workers > 1
// Write transactions take turns per file across the processes (worker/write-gate.node.ts).
if (isPool) useWriteGate(createGateKeeper(embeddedFileOf))
if (cluster.isWorker) useWriteGate(createWorkerGate(embeddedFileOf))

const tenants = createTenantResolver({
  control: platform.control,
  locate: locateTenantDbForNode({ dataDir: config.dataDir, tursoGroupAuthToken: config.turso.groupAuthToken }),
  open: openExistingTenantDb,
  fileIdentity: fileIdentityOf,
  deepCheck: nodeDeepCheck(),
  logger,
  alert: config.alertWebhookUrl ? createAlertWebhook({ url: config.alertWebhookUrl, environment: config.environment, logger }) : undefined,
  nowMs: () => Date.now(),
  ttlMs: config.tenantCacheTtlMs,
})
// Evidence files beside the databases, as private as they are (decision 0038).
const blobs = createFileBlobStore(join(config.dataDir, 'attachments'))
const app = createApp(
  {
    config: {
      environment: config.environment,
      maxBodyBytes: config.maxBodyBytes,
      publicOrigin: config.publicOrigin,
      trustedOrigins: config.trustedOrigins,
      auditSalt: config.auditSalt,
      central: config.central,
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
    blobs,
  },
  { assets: createStaticAssets() },
)

const announce = (port: number) => {
  console.log(`Bình An is listening on http://localhost:${port} (data in ${config.dataDir})${isPool ? `, ${config.workers} worker processes` : ''}`)
  if (mail.outbox) console.log(`E-mail goes to the development outbox: ${config.dataDir}/outbox, listed at http://localhost:${port}/dev/outbox`)
}
// Work a request leaves to finish after its answer (an outage's alert), as Workers' waitUntil: detached, bounded, logged.
const detached = createDetachedWork(logger)
const appFetch = (request: Request, env?: unknown) => app.fetch(request, env, detached.context)
// JSON compressed on Node only: on Workers the edge does it (decision 0024).
const fetch = withJsonCompression(cluster.isWorker && config.environment !== 'production' ? withWorkerPid(appFetch) : appFetch)
const server: Closable = isPool
  ? await startWorkers(config.workers, logger).then((pool) => {
      announce(pool.port)
      return pool
    })
  : serve({ fetch, port: config.port, hostname: config.host }, (info) => {
      if (cluster.isPrimary) announce(info.port)
    })

// Daily housekeeping the Worker does by Cron Trigger (worker/jobs/housekeeping.ts).
const housekeeping = () =>
  void runHousekeeping({ control: platform.control, tenants, logger, now: new Date(), blobs }).catch((err: unknown) =>
    logger.error('housekeeping_failed', { errorName: err instanceof Error ? err.name : 'unknown' }),
  )
// One process runs the jobs: the primary (decision 0024).
if (cluster.isPrimary) {
  housekeeping()
  setInterval(housekeeping, 6 * 3_600_000).unref()
}

// The central overview's snapshots (decision 0042), by the primary only: at start, then every 6 hours.
const snapshots = () =>
  void refreshAllSnapshots({ control: platform.control, tenants, logger, now: new Date() }).catch((err: unknown) =>
    logger.error('central_snapshots_failed', { errorName: err instanceof Error ? err.name : 'unknown' }),
  )
if (cluster.isPrimary) {
  snapshots()
  setInterval(snapshots, SNAPSHOT_INTERVAL_MS).unref()
}

// The daily check (integrity_check in a child process, one province at a time) and the audit anchors
// (decision 0017): at start, so a restored or damaged province is looked at at once, then every 24 hours.
const dailyChecks = () =>
  void runDailyChecks({ control: platform.control, tenants, logger, now: new Date() }).catch((err: unknown) =>
    logger.error('daily_checks_failed', { errorName: err instanceof Error ? err.name : 'unknown' }),
  )
// The primary only, as the other jobs: every worker running it too checked each file once per process at start.
if (cluster.isPrimary) {
  dailyChecks()
  setInterval(dailyChecks, 24 * 3_600_000).unref()
}
// Between daily checks, a province that stops answering is found within 10 minutes (decision 0040).
if (cluster.isPrimary) {
  setInterval(
    () =>
      void watchTenantDatabases({ control: platform.control, tenants, logger }).catch((err: unknown) =>
        logger.error('tenant_db_watch_failed', { errorName: err instanceof Error ? err.name : 'unknown' }),
      ),
    10 * 60_000,
  ).unref()
}

// Let in-flight requests finish and libSQL close its files cleanly on Ctrl-C or a service stop.
// With workers, the primary's close() passes SIGTERM on and returns once every worker has exited.
let closing = false
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    // Ctrl-C signals every process of the group, then the primary's SIGTERM follows: stop once.
    if (closing) return
    closing = true
    mail.close()
    server.close(() => void detached.settled().then(() => process.exit(0)))
    setTimeout(() => process.exit(0), isPool ? 12_000 : 5_000).unref()
  })
}
