// A move to another province (Law 120/2025, decision 0029). Each province is its own database, and the central
// level never sees a person, so the server itself writes the receiving province's copy of the hand-over, in the
// same request, once the sending transaction has committed, from an allow-list of fields: the subject (name,
// birth date, citizen ID, category, status), the communes, the dates and the decision reference. Nothing else of
// the person leaves the sending province (no address, phone, note, plan or test). A delivery that fails is
// retried with the next move the sending province records (each delivery sends every undelivered one). The answer
// (accepted or declined, and when) is written back to the sending province's copy the same way.
import { appendAudit, writeTransaction } from '../../db/audit/append-audit.ts'
import type { ControlDb, TenantDb } from '../../db/types.ts'
import type { Decision } from '../../kernel/commands/command.ts'
import { HANDOVER_SUBJECT_FIELDS } from '../../kernel/domain/handover.ts'
import type { AuditContext } from '../audit-context.ts'
import type { Logger } from '../logger.ts'
import type { OtherProvinces } from '../commands/run.ts'
import {
  controlCommuneExists,
  findHandover,
  insertReceivedCopy,
  markDelivered,
  presentHandover,
  recentlyAnswered,
  recordReceiverAnswer,
  undeliveredHandovers,
  type HandoverRow,
} from '../repo/moving.ts'
import type { TenantResolver } from '../tenancy/tenant-resolver.ts'

export interface CrossProvinceDeps {
  control: ControlDb
  tenants: TenantResolver
  log: Logger
  audit: AuditContext
}

/** The fields of a hand-over that may be written into another province's database, and nothing else. */
export function receivingCopy(row: HandoverRow, at: Date): HandoverRow {
  const sent = presentHandover(row)
  const subject = Object.fromEntries(HANDOVER_SUBJECT_FIELDS.map((key) => [key, sent.subject[key]]))
  return {
    id: row.id,
    personId: null,
    communeCode: row.communeCode,
    toProvinceCode: row.toProvinceCode,
    fromCommuneCode: row.fromCommuneCode,
    fromProvinceCode: row.fromProvinceCode,
    movedOn: row.movedOn,
    notifiedAt: at,
    // The sending officer's free-text note may hold anything: it stays in the sending province.
    note: null,
    decision: sent.decision ? JSON.stringify(sent.decision) : null,
    subject: JSON.stringify(subject),
    status: 'pending',
    respondedAt: null,
    respondedBy: null,
    declineReason: null,
    deliveredAt: at,
    version: 1,
    createdAt: at,
    // A user of the sending province: not one the receiving province's trail can name.
    createdBy: null,
    updatedAt: at,
    updatedBy: null,
  }
}

const opener = (deps: CrossProvinceDeps) => async (province: string) => {
  const tenant = await deps.tenants.resolve(province)
  return tenant && tenant.status === 'active' ? tenant : undefined
}

/** How far back the daily job reports answers again (an answer older than this was reported, or its province is gone). */
const REPORT_AGAIN_DAYS = 30

/**
 * The daily job's retry of the answers (decision 0039): every hand-over received from another province and answered
 * here in the last 30 days is reported back again. The sending side changes only a copy still pending, so an
 * answer reported before writes nothing (and no second audit entry); one whose write failed after the answer's
 * commit is written now. How many were written.
 */
export async function reportAnswers(deps: CrossProvinceDeps, home: { code: string; db: TenantDb }): Promise<number> {
  const open = opener(deps)
  const since = new Date(deps.audit.at.getTime() - REPORT_AGAIN_DAYS * 86_400_000)
  let reported = 0
  for (const row of await recentlyAnswered(home.db, home.code, since)) if (await reportBack(deps, row, open)) reported++
  return reported
}

/** The daily job's retry: every move of `home` to another province whose copy is not written yet. */
export function deliverUndelivered(deps: CrossProvinceDeps, home: { code: string; db: TenantDb }): Promise<number> {
  return deliverPending(deps, home, opener(deps))
}

export function otherProvinces(deps: CrossProvinceDeps, home: { code: string; db: TenantDb }): OtherProvinces {
  const open = opener(deps)
  return {
    async communeExists(province, commune) {
      return (await controlCommuneExists(deps.control, province, commune)) && (await open(province)) !== undefined
    },
    async afterCommit(decision: Decision) {
      try {
        if (decision.inserts.some((insert) => insert.collection === 'handovers' && insert.record.toProvinceCode !== home.code))
          await deliverPending(deps, home, open)
        for (const update of decision.updates) {
          if (update.collection !== 'handovers' || !update.set.status || update.set.status === 'pending') continue
          const row = await findHandover(home.db, update.id)
          if (row && row.fromProvinceCode !== home.code) await reportBack(deps, row, open)
        }
      } catch (err) {
        // The change itself is committed; the copy is retried (or the answer seen in the receiving province).
        deps.log.error('handover_delivery_failed', { errorName: err instanceof Error ? err.name : 'unknown' })
      }
    },
  }
}

type Open = (province: string) => Promise<{ db: TenantDb } | undefined>

/** Writes every undelivered move of `home` into its receiving province, each in a transaction there with its audit entry. */
export async function deliverPending(deps: CrossProvinceDeps, home: { code: string; db: TenantDb }, open: Open): Promise<number> {
  let delivered = 0
  for (const row of await undeliveredHandovers(home.db, home.code)) {
    const receiving = await open(row.toProvinceCode)
    if (!receiving) continue
    const at = deps.audit.at
    await writeTransaction(receiving.db, async (tx) => {
      if (await insertReceivedCopy(tx, receivingCopy(row, at)))
        await appendAudit(tx, {
          ...deps.audit,
          action: 'handover.receive',
          entityType: 'handover',
          entityId: row.id,
          outcome: 'success',
          details: { fromProvince: row.fromProvinceCode, from: row.fromCommuneCode, to: row.communeCode },
        })
    })
    await markDelivered(home.db, row.id, at)
    delivered++
  }
  return delivered
}

/** The receiving province's answer, written back to the sending province's copy (status and when only): whether it was new there. */
async function reportBack(deps: CrossProvinceDeps, row: HandoverRow, open: Open): Promise<boolean> {
  const sending = await open(row.fromProvinceCode)
  if (!sending) return false
  let written = false
  await writeTransaction(sending.db, async (tx) => {
    if (!(await recordReceiverAnswer(tx, row, deps.audit.at))) return
    written = true
    await appendAudit(tx, {
      ...deps.audit,
      action: row.status === 'accepted' ? 'handover.accepted_by_receiver' : 'handover.declined_by_receiver',
      entityType: 'handover',
      entityId: row.id,
      outcome: 'success',
      details: { toProvince: row.toProvinceCode, to: row.communeCode },
    })
  })
  return written
}
