import { anchorProvinceTrail, readAuditHead } from '../../db/audit/anchor.ts'
import type { ControlDb } from '../../db/types.ts'
import type { Logger } from '../logger.ts'
import type { TenantResolver } from '../tenancy/tenant-resolver.ts'

/**
 * After the daily check: each healthy province trail's head goes into the control trail (db/audit/anchor.ts),
 * then the control trail's own head goes to the log, which lives outside every database. A trail that no
 * longer extends its anchor (cut off, wiped, re-hashed) is logged as an error and left unanchored, so
 * `npm run audit:verify` keeps failing on it until an operator looks.
 */
export async function anchorAuditTrails(
  deps: { control: ControlDb; tenants: TenantResolver; logger: Logger; now: Date },
  provinces: readonly string[],
): Promise<void> {
  for (const code of provinces) {
    try {
      const tenant = await deps.tenants.resolve(code)
      if (!tenant) continue
      const outcome = await anchorProvinceTrail(deps.control, tenant.db, code, { at: deps.now, actorRole: 'system' })
      if (outcome.status === 'anchored') deps.logger.info('audit_anchor', { trail: code, seq: outcome.head.seq, hash: outcome.head.hash })
      if (outcome.status === 'mismatch') {
        deps.logger.error('audit_anchor_mismatch', {
          trail: code,
          anchoredSeq: outcome.anchor.seq,
          headSeq: outcome.head.seq,
          firstBadSeq: outcome.firstBad.seq,
          reason: outcome.firstBad.reason,
        })
      }
    } catch (err) {
      deps.logger.error('audit_anchor_failed', { trail: code, error: describe(err) })
    }
  }
  try {
    const head = await readAuditHead(deps.control)
    deps.logger.info('audit_anchor', { trail: 'control', seq: head?.seq ?? 0, hash: head?.hash ?? null })
  } catch (err) {
    deps.logger.error('audit_anchor_failed', { trail: 'control', error: describe(err) })
  }
}

// Audit entries hold ids and codes only, so the messages met here carry no personal data; kept short all the same.
function describe(err: unknown): string {
  return (err instanceof Error ? err.message : String(err)).replace(/\s+/g, ' ').slice(0, 300)
}
