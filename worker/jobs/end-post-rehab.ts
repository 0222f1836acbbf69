import { and, eq, inArray, lt, sql } from 'drizzle-orm'
import { chunk } from '../../db/batch.ts'
import { appendAudit, writeTransaction } from '../../db/audit/append-audit.ts'
import { postRehabRecords } from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'
import { addDays, vietnamToday } from '../../kernel/calendar.ts'
import { recomputeStatuses } from '../repo/person-status.ts'

/**
 * Post-rehab management lasts its 12 months (Law 2021 art. 40; DOMAIN.md §5), then ends: every active record
 * whose last day has passed becomes `ended`, and its person's status is derived again from their records
 * (kernel/domain/person-status.ts: `closed` when nothing else is open; the category stays post_rehab for the reports). One transaction and one audit entry per province
 * per run; idempotent, so running it daily (Cron Trigger on Workers, a timer on Node) or twice changes nothing more.
 */
export async function endExpiredPostRehab(db: TenantDb, now: Date): Promise<number> {
  const today = vietnamToday(now)
  return writeTransaction(db, async (tx) => {
    const expired = await tx
      .select({ id: postRehabRecords.id, personId: postRehabRecords.personId, endOn: postRehabRecords.endOn })
      .from(postRehabRecords)
      .where(and(eq(postRehabRecords.status, 'active'), lt(postRehabRecords.endOn, today)))
    if (expired.length === 0) return 0
    for (const group of chunk(expired, 500)) {
      await tx
        .update(postRehabRecords)
        .set({ status: 'ended', version: sql`${postRehabRecords.version} + 1`, updatedAt: now, updatedBy: null })
        .where(
          inArray(
            postRehabRecords.id,
            group.map((r) => r.id),
          ),
        )
    }
    await recomputeStatuses(
      tx,
      expired.map((r) => r.personId),
      now,
      // Effective the day after the management's last day, however late the job ran (decision 0034).
      new Map(expired.map((r) => [r.personId, addDays(r.endOn, 1)])),
    )
    await appendAudit(tx, {
      at: now,
      actorId: null,
      actorRole: null,
      requestId: null,
      clientHash: null,
      action: 'post_rehab.end',
      entityType: 'post_rehab',
      entityId: null,
      outcome: 'success',
      details: { count: expired.length },
    })
    return expired.length
  })
}
