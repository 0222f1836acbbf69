// Walks an audit chain from the first entry and reports the first one that does not fit.
import { asc, getTableColumns, gt, sql } from 'drizzle-orm'
import type { AuditDb } from './append-audit.ts'
import { canonicalAuditContent, computeAuditHash, GENESIS_HASH } from './audit-chain.ts'
import { auditLogTable } from './audit-log-table.ts'

const auditLog = auditLogTable()

export type AuditBreak = 'hash_mismatch' | 'prev_hash_mismatch' | 'seq_gap' | 'checkpoint_mismatch'

export type AuditVerification =
  | { ok: true; entries: number; lastHash: string }
  | { ok: false; entries: number; firstBad: { seq: number; reason: AuditBreak } }

export interface VerifyOptions {
  /**
   * A (seq, hash) recorded earlier from a successful run. The chain alone cannot tell that its newest
   * entries were deleted (what is left is still a valid chain); a checkpoint can, up to where it was taken.
   */
  checkpoint?: { seq: number; hash: string } | undefined
  pageSize?: number | undefined
}

/**
 * `entries` counts the entries that verified (on failure: those before the first bad one). Reads in
 * pages by seq, so memory stays flat however long the trail is.
 */
export async function verifyAuditChain(
  db: AuditDb,
  options: VerifyOptions = {},
): Promise<AuditVerification> {
  const pageSize = options.pageSize ?? 1000
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError('pageSize must be a positive integer')
  const checkpoint = options.checkpoint
  let entries = 0
  let prevSeq = 0
  let prevHash = GENESIS_HASH
  const broken = (seq: number, reason: AuditBreak): AuditVerification => ({ ok: false, entries, firstBad: { seq, reason } })
  for (;;) {
    // `at` raw as stored: read through drizzle's Date a tampered fractional value would round back to the original.
    const page = await db
      .select({ ...getTableColumns(auditLog), at: sql<unknown>`${auditLog.at}` })
      .from(auditLog)
      .where(gt(auditLog.seq, prevSeq))
      .orderBy(asc(auditLog.seq))
      .limit(pageSize)
    for (const row of page) {
      if (row.seq !== prevSeq + 1) return broken(row.seq, 'seq_gap')
      if (row.prevHash !== prevHash) return broken(row.seq, 'prev_hash_mismatch')
      const at = typeof row.at === 'number' ? row.at : Number.NaN
      if (computeAuditHash(row.prevHash, canonicalAuditContent({ ...row, at })) !== row.hash) return broken(row.seq, 'hash_mismatch')
      if (checkpoint && row.seq === checkpoint.seq && row.hash !== checkpoint.hash) return broken(row.seq, 'checkpoint_mismatch')
      entries += 1
      prevSeq = row.seq
      prevHash = row.hash
    }
    if (page.length < pageSize) break
  }
  if (checkpoint && prevSeq < checkpoint.seq) return broken(checkpoint.seq, 'checkpoint_mismatch')
  return { ok: true, entries, lastHash: prevHash }
}
