// Audit trails anchored outside themselves (decision 0017). A hash chain shows an edited or removed entry,
// not that its newest entries were cut off or the whole trail re-hashed: what is left is still a valid chain.
// The daily job therefore writes each province trail's head (seq, hash) into the control database's own trail
// as an `audit.anchor` entry, and logs the control trail's head; audit:verify checks every trail against its
// latest anchor. Runs in Node and in the Worker.
import { and, desc, eq, inArray } from 'drizzle-orm'
import { auditLog as controlAuditLog } from '../control/schema/index.ts'
import type { ControlDb } from '../types.ts'
import { appendAudit, type AuditDb } from './append-audit.ts'
import { GENESIS_HASH } from './audit-chain.ts'
import { auditLogTable } from './audit-log-table.ts'
import { verifyAuditChain, type AuditBreak } from './verify-audit.ts'

const auditLog = auditLogTable()

export interface TrailHead {
  seq: number
  hash: string
}

export interface Anchor extends TrailHead {
  /** When it was recorded, and whether it was a reset after a restore (`audit.anchor_reset`). */
  at: Date
  isReset: boolean
}

export const ANCHOR_ACTIONS = ['audit.anchor', 'audit.anchor_reset'] as const

/** An empty trail's head: nothing before the genesis hash. */
const EMPTY_HEAD: TrailHead = { seq: 0, hash: GENESIS_HASH }

/** The newest entry of a trail, or null for an empty one. */
export async function readAuditHead(db: AuditDb): Promise<TrailHead | null> {
  const [row] = await db.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1)
  return row ?? null
}

/** The province trail's latest anchor in the control trail, or null before the first daily run. */
export async function latestAnchor(control: ControlDb, provinceCode: string): Promise<Anchor | null> {
  const [row] = await control
    .select({ at: controlAuditLog.at, action: controlAuditLog.action, details: controlAuditLog.details })
    .from(controlAuditLog)
    .where(and(eq(controlAuditLog.entityType, 'audit_trail'), eq(controlAuditLog.entityId, provinceCode), inArray(controlAuditLog.action, [...ANCHOR_ACTIONS])))
    .orderBy(desc(controlAuditLog.seq))
    .limit(1)
  if (!row) return null
  const head = parseHead(row.details)
  if (!head) throw new Error(`The latest audit anchor of province ${provinceCode} is unreadable`)
  return { ...head, at: row.at, isReset: row.action === 'audit.anchor_reset' }
}

export type AnchorOutcome =
  | { status: 'anchored'; head: TrailHead }
  | { status: 'unchanged'; head: TrailHead }
  | { status: 'empty' }
  /** The trail no longer extends its last anchor: cut off, wiped, re-hashed or edited. Nothing is recorded. */
  | { status: 'mismatch'; anchor: Anchor; head: TrailHead; firstBad: { seq: number; reason: AuditBreak } }

export interface AnchorContext {
  at: Date
  /** 'system' for the daily job, 'operator' for the command line. */
  actorRole: 'system' | 'operator'
}

/**
 * Records the trail's head if it extends the last anchor (only the entries since it are read, each hash
 * recomputed; the first anchor verifies the whole trail). `afterRestore` records the head whatever it is, as
 * an `audit.anchor_reset` that names the anchor it replaces: the operator's statement, itself in the control
 * trail, that entries after the restored backup are lost.
 */
export async function anchorProvinceTrail(
  control: ControlDb,
  db: AuditDb,
  provinceCode: string,
  ctx: AnchorContext,
  options: { afterRestore?: boolean } = {},
): Promise<AnchorOutcome> {
  const head = (await readAuditHead(db)) ?? EMPTY_HEAD
  const anchor = await latestAnchor(control, provinceCode)
  if (options.afterRestore) {
    const verified = await verifyAuditChain(db)
    if (!verified.ok)
      throw new Error(
        `The restored audit trail of province ${provinceCode} is broken at seq ${verified.firstBad.seq} (${verified.firstBad.reason}); nothing anchored`,
      )
  } else {
    if (head.seq === 0 && !anchor) return { status: 'empty' }
    if (anchor && head.seq === anchor.seq && head.hash === anchor.hash) return { status: 'unchanged', head }
    const verified = await verifyAuditChain(db, anchor ? { after: anchor } : {})
    if (!verified.ok) {
      if (anchor) return { status: 'mismatch', anchor, head, firstBad: verified.firstBad }
      throw new Error(`The audit trail of province ${provinceCode} is broken at seq ${verified.firstBad.seq} (${verified.firstBad.reason}); nothing anchored`)
    }
  }
  await appendAudit(control, {
    at: ctx.at,
    actorId: null,
    actorRole: ctx.actorRole,
    action: options.afterRestore ? 'audit.anchor_reset' : 'audit.anchor',
    entityType: 'audit_trail',
    entityId: provinceCode,
    provinceCode,
    outcome: 'success',
    requestId: null,
    clientHash: null,
    details: { seq: head.seq, hash: head.hash, ...(options.afterRestore && anchor ? { previousSeq: anchor.seq, previousHash: anchor.hash } : {}) },
  })
  return { status: 'anchored', head }
}

function parseHead(details: string | null): TrailHead | null {
  if (details === null) return null
  try {
    const value: unknown = JSON.parse(details)
    if (typeof value !== 'object' || value === null || !('seq' in value) || !('hash' in value)) return null
    const { seq, hash } = value
    return typeof seq === 'number' && Number.isInteger(seq) && seq >= 0 && typeof hash === 'string' && /^[0-9a-f]{64}$/.test(hash) ? { seq, hash } : null
  } catch {
    return null
  }
}
