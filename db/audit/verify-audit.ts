// Walks an audit chain from the first entry and reports the first one that does not fit.
import { asc, eq, getTableColumns, gt, sql } from 'drizzle-orm'
import type { AuditDb } from './append-audit.ts'
import { canonicalAuditContent, computeAuditHash, GENESIS_HASH } from './audit-chain.ts'
import { auditLogTable } from './audit-log-table.ts'

const auditLog = auditLogTable()

export type AuditBreak = 'hash_mismatch' | 'prev_hash_mismatch' | 'seq_gap' | 'checkpoint_mismatch' | 'anchor_mismatch'

export type AuditVerification = { ok: true; entries: number; lastHash: string } | { ok: false; entries: number; firstBad: { seq: number; reason: AuditBreak } }

export interface VerifyOptions {
  /**
   * A (seq, hash) recorded earlier from a successful run. The chain alone cannot tell that its newest
   * entries were deleted (what is left is still a valid chain); a checkpoint can, up to where it was taken.
   */
  checkpoint?: { seq: number; hash: string } | undefined
  /** The trail's head as recorded outside it (db/audit/anchor.ts); checked like a checkpoint, reported as anchor_mismatch. */
  anchor?: { seq: number; hash: string } | undefined
  /**
   * Verify only what follows this entry, after confirming the entry still has this hash: the daily anchoring
   * checks that the new head extends the last anchor without re-reading the whole trail. `entries` then
   * counts from `after.seq`.
   */
  after?: { seq: number; hash: string } | undefined
  pageSize?: number | undefined
}

/**
 * `entries` counts the entries that verified (on failure: those before the first bad one). Reads in
 * pages by seq, so memory stays flat however long the trail is.
 */
export async function verifyAuditChain(db: AuditDb, options: VerifyOptions = {}): Promise<AuditVerification> {
  const pageSize = options.pageSize ?? 1000
  if (!Number.isInteger(pageSize) || pageSize < 1) throw new RangeError('pageSize must be a positive integer')
  const marks = [
    ...(options.checkpoint ? [{ ...options.checkpoint, reason: 'checkpoint_mismatch' as const }] : []),
    ...(options.anchor ? [{ ...options.anchor, reason: 'anchor_mismatch' as const }] : []),
  ]
  let entries = 0
  let prevSeq = 0
  let prevHash = GENESIS_HASH
  const broken = (seq: number, reason: AuditBreak): AuditVerification => ({ ok: false, entries, firstBad: { seq, reason } })
  if (options.after && options.after.seq > 0) {
    const [row] = await db.select({ hash: auditLog.hash }).from(auditLog).where(eq(auditLog.seq, options.after.seq))
    if (row?.hash !== options.after.hash) return broken(options.after.seq, 'anchor_mismatch')
    entries = prevSeq = options.after.seq
    prevHash = options.after.hash
  }
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
      for (const mark of marks) if (row.seq === mark.seq && row.hash !== mark.hash) return broken(row.seq, mark.reason)
      entries += 1
      prevSeq = row.seq
      prevHash = row.hash
    }
    if (page.length < pageSize) break
  }
  // Marks past the end: the newest entries were cut off (or the whole trail wiped).
  const missed = marks.filter((mark) => mark.seq > prevSeq).sort((a, b) => a.seq - b.seq)[0]
  if (missed) return broken(missed.seq, missed.reason)
  return { ok: true, entries, lastHash: prevHash }
}
