import { and, lt, max, sql } from 'drizzle-orm'
import { changeLog, syncReceipts } from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'

/**
 * How long offline-sync bookkeeping is kept. A device whose cursor is older than the change log gets a full
 * download instead of the changes (GET /sync/pull resets it; its unsent changes stay in its outbox). A change
 * replayed after its receipt is gone meets the services' own guards instead of the stored answer: a create finds
 * its record by the client id, a stale update or plan move is a conflict — shown to the officer, never applied
 * twice and never silently lost.
 */
export const SYNC_RETENTION = { changeLogDays: 90, receiptDays: 180 } as const

const DAY_MS = 86_400_000

/** Deletes change-log entries and receipts past their retention; the newest change-log entry always stays. */
export async function pruneSyncLogs(db: TenantDb, now: Date): Promise<{ changeLog: number; receipts: number }> {
  const logCutoff = new Date(now.getTime() - SYNC_RETENTION.changeLogDays * DAY_MS)
  const receiptCutoff = new Date(now.getTime() - SYNC_RETENTION.receiptDays * DAY_MS)
  // The newest entry marks how far the log reached: without it every cursor would look like one from the future.
  const newest = db.select({ seq: max(changeLog.seq) }).from(changeLog)
  const log = await db.delete(changeLog).where(and(lt(changeLog.at, logCutoff), sql`${changeLog.seq} < (${newest})`))
  const receipts = await db.delete(syncReceipts).where(lt(syncReceipts.at, receiptCutoff))
  return { changeLog: log.rowsAffected, receipts: receipts.rowsAffected }
}
