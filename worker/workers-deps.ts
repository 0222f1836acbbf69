import { openControlDb, openTenantDb } from '../db/client.web.ts'
import { workersClientAddress } from './client-address.ts'
import type { AppDeps } from './env.ts'
import { createAlertWebhook } from './jobs/tenant-alert.ts'
import { createJsonLogger } from './logger.ts'
import { createHttpMailTransport } from './mail/http-transport.ts'
import { onboardingConfigured } from './provision/onboarding-config.ts'
import { startOnboarding } from './provision/start-onboarding.ts'
import { createR2BlobStore } from './storage/blob-store.r2.ts'
import { createTenantResolver } from './tenancy/tenant-resolver.ts'
import { locateTenantDbForWorkers, readWorkerConfig, type WorkerEnv } from './workers-config.ts'

/**
 * The app's deps on Workers, from the bindings: databases over HTTP (Turso, or the local endpoint), R2, the
 * onboarding Workflow. Apart from worker/index.ts (which exports the Workflow class from cloudflare:workers) so
 * that `npm run bench:round-trips` builds the very same app in Node.
 */
export function workersDeps(env: WorkerEnv): AppDeps {
  const config = readWorkerConfig(env)
  const logger = createJsonLogger(config.logLevel)
  const control = openControlDb(config.controlDb)
  const tenants = createTenantResolver({
    control,
    locate: locateTenantDbForWorkers(config),
    open: openTenantDb,
    logger,
    alert: config.alertWebhookUrl ? createAlertWebhook({ url: config.alertWebhookUrl, environment: config.app.environment, logger }) : undefined,
    nowMs: () => Date.now(),
    ttlMs: config.tenantCacheTtlMs,
  })
  // Onboarding starts a Workflow run (decision 0031); schema migrations of existing provinces run from Node (0005).
  const workflow = env.ONBOARDING
  const clock = { now: () => new Date() }
  return {
    config: config.app,
    control,
    tenants,
    clock,
    logger,
    clientAddress: workersClientAddress,
    // No dev outbox on Workers (no file system): without MAIL_API_URL, outside production, invites answer 503.
    mail: config.mail ? createHttpMailTransport(config.mail) : undefined,
    startOnboarding:
      workflow && onboardingConfigured(env) ? (province, ctx) => startOnboarding({ control, workflow, now: clock.now }, province, ctx) : undefined,
    // Evidence files in R2 (wrangler.toml [[r2_buckets]], decision 0038); without the binding, their routes answer 503.
    blobs: env.EVIDENCE ? createR2BlobStore(env.EVIDENCE) : undefined,
  }
}
