import { and, eq, lt, sql } from 'drizzle-orm'
import { chunk } from '../../db/batch.ts'
import { appendAudit, writeTransaction } from '../../db/audit/append-audit.ts'
import { managementPeriods } from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'
import { addDays, vietnamToday } from '../../kernel/calendar.ts'
import { recomputeStatuses } from '../repo/person-status.ts'

/**
 * An illegal drug user's management lasts its period (the province's userManagementMonths from the decision,
 * DOMAIN.md §3), then ends: every active period whose last day has passed becomes `ended` (reason
 * `period_elapsed`, ended the day after its last day), and its person's status is derived again. One transaction
 * per province per run, and one audit entry (as the system) per period ended, so each person's trail shows it;
 * idempotent, so running it daily or twice changes nothing more.
 */
export async function endExpiredManagement(db: TenantDb, now: Date): Promise<number> {
  const today = vietnamToday(now)
  return writeTransaction(db, async (tx) => {
    const expired = await tx
      .select({ id: managementPeriods.id, personId: managementPeriods.personId, endOn: managementPeriods.endOn })
      .from(managementPeriods)
      .where(and(eq(managementPeriods.status, 'active'), lt(managementPeriods.endOn, today)))
    if (expired.length === 0) return 0
    for (const period of expired) {
      await tx
        .update(managementPeriods)
        .set({
          status: 'ended',
          endReason: 'period_elapsed',
          endedOn: addDays(period.endOn, 1),
          version: sql`${managementPeriods.version} + 1`,
          updatedAt: now,
          updatedBy: null,
        })
        .where(eq(managementPeriods.id, period.id))
    }
    for (const group of chunk(expired, 500)) {
      await recomputeStatuses(
        tx,
        group.map((p) => p.personId),
        now,
        // The status changes on the day the period ended (the day after its last), not the day the job ran.
        new Map(group.map((p) => [p.personId, addDays(p.endOn, 1)])),
      )
      for (const period of group) {
        await appendAudit(tx, {
          at: now,
          actorId: null,
          actorRole: null,
          requestId: null,
          clientHash: null,
          action: 'management.end',
          entityType: 'management_period',
          entityId: period.id,
          outcome: 'success',
          details: { reason: 'period_elapsed', person: period.personId },
        })
      }
    }
    return expired.length
  })
}
