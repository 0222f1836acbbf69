// The audit chain's hashing: pure, and the same in Node and in the Worker (no node:crypto).
import { sha256 } from '@oslojs/crypto/sha2'
import { encodeHexLowerCase } from '@oslojs/encoding'

/** The `prevHash` of the first entry: there is nothing before it. */
export const GENESIS_HASH = '0'.repeat(64)

/** Everything an entry's hash covers: all columns but `hash` itself. */
export interface AuditContent {
  seq: number
  /** A Date from drizzle, or the raw stored number; either way hashed as epoch milliseconds. */
  at: Date | number
  actorId: string | null
  actorRole: string | null
  action: string
  entityType: string
  entityId: string | null
  provinceCode: string | null
  outcome: string
  requestId: string | null
  clientHash: string | null
  /** The stored JSON text, hashed as stored: re-serialising an object could reorder its keys. */
  details: string | null
  prevHash: string
}

// Bump only with a migration that re-chains or marks where the new format starts: old entries keep their tag.
const FORMAT = 'audit.v1'

/**
 * A JSON array in fixed field order, nulls explicit, time in ms. `seq` and `prevHash` are inside so an
 * entry moved to another position, or a neighbour deleted, no longer matches its own hash.
 */
export function canonicalAuditContent(entry: AuditContent): string {
  const at = entry.at instanceof Date ? entry.at.getTime() : entry.at
  return JSON.stringify([
    FORMAT,
    entry.seq,
    Number.isFinite(at) ? at : null,
    entry.actorId,
    entry.actorRole,
    entry.action,
    entry.entityType,
    entry.entityId,
    entry.provinceCode,
    entry.outcome,
    entry.requestId,
    entry.clientHash,
    entry.details,
    entry.prevHash,
  ])
}

/**
 * hash = lowercase hex of SHA-256(UTF-8(prevHash + "\n" + canonicalAuditContent(entry))).
 * prevHash is 64 hex characters, so the newline only makes the boundary readable; the content's own
 * copy of prevHash is what ties the hash to this position in the chain.
 */
export function computeAuditHash(prevHash: string, content: string): string {
  return encodeHexLowerCase(sha256(new TextEncoder().encode(`${prevHash}\n${content}`)))
}
