import type { Context } from 'hono'
import { appendAudit, hashClientAddress, type AuditInput } from '../db/audit/append-audit.ts'
import type { AppEnv } from './env.ts'

/** Who, when and from where, for audit entries written while serving this request. No personal data. */
export interface AuditContext {
  at: Date
  actorId: string | null
  actorRole: string | null
  requestId: string | null
  clientHash: string | null
}

export function clientHashOf(c: Context<AppEnv>): string | null {
  const address = c.var.deps.clientAddress(c)
  return address ? hashClientAddress(address, c.var.deps.config.auditSalt) : null
}

export function auditContextOf(c: Context<AppEnv>): AuditContext {
  const user = c.var.session?.user
  return {
    at: c.var.deps.clock.now(),
    actorId: user?.id ?? null,
    actorRole: user?.role ?? null,
    requestId: c.var.requestId,
    clientHash: clientHashOf(c),
  }
}

/**
 * An entry in the control trail (onboarding, sign-out) written outside a transaction; the province-trail sibling
 * is `auditRead` (worker/reads.ts). `ctx` when the request's context was taken before the work it records.
 */
export async function auditControl(c: Context<AppEnv>, entry: Omit<AuditInput, keyof AuditContext>, ctx = auditContextOf(c)): Promise<void> {
  await appendAudit(c.var.deps.control, { ...ctx, ...entry })
}
