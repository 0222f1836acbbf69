import { asc, eq } from 'drizzle-orm'
import { tenants } from '../../db/control/schema/index.ts'
import type { ControlDb } from '../../db/types.ts'
import type { Logger } from '../logger.ts'
import { TenantDbUnavailableError, type TenantResolver } from '../tenancy/tenant-resolver.ts'
import { pruneLoginThrottle } from '../auth/login-throttle.ts'
import { endExpiredManagement } from './end-management.ts'
import { endExpiredPostRehab } from './end-post-rehab.ts'
import { pruneSyncLogs } from './prune-sync-logs.ts'
import { deliverUndelivered, reportAnswers } from '../services/cross-province.ts'
import type { BlobStore } from '../storage/blob-store.ts'
import { discardAbandonedUploads } from './discard-abandoned-uploads.ts'

/**
 * The daily work on every active province (Cron Trigger on Workers; at start and every 6 hours on Node): ended
 * post-rehab management and users' management periods, offline-sync bookkeeping past its retention, and the copies of moves
 * to another province that could not be written when they were recorded (decision 0029), the answers to moves from
 * another province whose write back failed (decision 0039), and evidence uploads never completed (decision 0038).
 * A province that fails is logged and
 * the others go on. Counts only in the log, never a person. Then the control database's stale sign-in counters.
 */
export async function runHousekeeping(deps: {
  control: ControlDb
  tenants: TenantResolver
  logger: Logger
  now: Date
  blobs?: BlobStore | undefined
}): Promise<void> {
  await pruneStaleThrottle(deps)
  const rows = await deps.control.select({ code: tenants.provinceCode }).from(tenants).where(eq(tenants.status, 'active')).orderBy(asc(tenants.provinceCode))
  for (const { code } of rows) {
    try {
      const tenant = await deps.tenants.resolve(code)
      if (!tenant) continue
      const ended = await endExpiredPostRehab(tenant.db, deps.now)
      if (ended > 0) deps.logger.info('post_rehab_ended', { province: code, count: ended })
      const audit = { at: deps.now, actorId: null, actorRole: null, requestId: null, clientHash: null }
      const crossDeps = { control: deps.control, tenants: deps.tenants, log: deps.logger, audit }
      const delivered = await deliverUndelivered(crossDeps, { code, db: tenant.db })
      if (delivered > 0) deps.logger.info('handovers_delivered', { province: code, count: delivered })
      // Answers to moves from other provinces whose write back failed after they were given (decision 0039).
      const reported = await reportAnswers(crossDeps, { code, db: tenant.db })
      if (reported > 0) deps.logger.info('handover_answers_reported', { province: code, count: reported })
      const managementEnded = await endExpiredManagement(tenant.db, deps.now)
      if (managementEnded > 0) deps.logger.info('management_ended', { province: code, count: managementEnded })
      const pruned = await pruneSyncLogs(tenant.db, deps.now)
      if (pruned.changeLog + pruned.receipts > 0)
        deps.logger.info('sync_logs_pruned', { province: code, changeLog: pruned.changeLog, receipts: pruned.receipts })
      const discarded = deps.blobs ? await discardAbandonedUploads(tenant.db, deps.blobs, deps.now) : 0
      if (discarded > 0) deps.logger.info('abandoned_uploads_discarded', { province: code, count: discarded })
    } catch (err) {
      // A database that cannot be served is already logged (tenant_database_unavailable); its work waits for it.
      if (err instanceof TenantDbUnavailableError) deps.logger.warn('housekeeping_skipped', { province: code, reason: err.problem })
      else deps.logger.error('housekeeping_failed', { province: code, errorName: err instanceof Error ? err.name : 'unknown' })
    }
  }
}

async function pruneStaleThrottle(deps: { control: ControlDb; logger: Logger; now: Date }): Promise<void> {
  try {
    const pruned = await pruneLoginThrottle(deps.control, deps.now)
    if (pruned > 0) deps.logger.info('login_throttle_pruned', { count: pruned })
  } catch (err) {
    deps.logger.error('housekeeping_failed', { job: 'login_throttle', errorName: err instanceof Error ? err.name : 'unknown' })
  }
}
