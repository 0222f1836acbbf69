// Person-level reads: the record in the caller's scope (404 outside it, as the runner answers for writes) and
// the read's audit entry (ids only), so no route writes either by hand.
import type { Context } from 'hono'
import { inArray, sql } from 'drizzle-orm'
import { appendReadAudit, appendReadAuditIf, primeAuditTail, type AuditDetails } from '../db/audit/append-audit.ts'
import { persons } from '../db/tenant/schema/index.ts'
import { together } from '../db/pipelined-client.ts'
import type { TargetCollection } from '../kernel/commands/command.ts'
import { auditContextOf } from './audit-context.ts'
import type { AppEnv } from './env.ts'
import { AppError } from './errors.ts'
import { actorOf } from './middleware/auth.ts'
import { authorize, communeScope } from './policy.ts'
import { findTarget } from './repo/case-records.ts'
import type { PersonRow } from './repo/persons.ts'
import type { PlanRow } from './repo/plans.ts'

type Readable = { persons: PersonRow; plans: PlanRow }

/** A person or plan the caller may read, or 404 (another commune's records do not exist for them). */
export async function readable<C extends keyof Readable>(c: Context<AppEnv>, collection: C, id: string): Promise<Readable[C]>
export async function readable(c: Context<AppEnv>, collection: TargetCollection, id: string) {
  const [row] = await Promise.all([findTarget(c.var.tenant.db, collection, id), primeAuditTail(c.var.tenant.db)])
  if (!row) throw new AppError('not_found', 404, 'Not found')
  authorize(actorOf(c), 'person:read', { province: c.var.tenant.code, commune: row.communeCode })
  return row
}

/**
 * A read's own queries, issued together with what its audit entry needs first (the trail's tail, on a remote
 * database): one round trip on the Hrana path (decision 0046).
 */
export async function withAuditTail<T>(c: Context<AppEnv>, read: Promise<T>): Promise<T> {
  const [result] = await Promise.all([read, primeAuditTail(c.var.tenant.db)])
  return result
}

/** The audit entry of a person-level read in the province's trail, committed before the answer (decision 0050). */
export async function auditRead(c: Context<AppEnv>, action: string, entity: { type: string; id: string | null }, details?: AuditDetails): Promise<void> {
  await appendReadAudit(c.var.tenant.db, {
    ...auditContextOf(c),
    action,
    entityType: entity.type,
    entityId: entity.id,
    outcome: 'success',
    ...(details ? { details } : {}),
  })
}

/**
 * A read's answer issued together with its audit entry: on a remote database one round trip, where the entry
 * first and the read after it made two (decision 0046). The entry is still committed before the answer goes; on an
 * embedded file the two run one after the other, as before.
 */
export async function auditedRead<T>(
  c: Context<AppEnv>,
  action: string,
  entity: { type: string; id: string | null },
  read: () => Promise<T>,
  details?: AuditDetails,
): Promise<T> {
  const [, result] = await together(c.var.tenant.db, () => auditRead(c, action, entity, details), read)
  return result
}

/**
 * One person and a read about them with its audit entry (the timeline). On a remote database all three go in one
 * round trip, before the policy has seen the person: the entry is inserted only where the person is in the caller's
 * communes (the policy's scope, as SQL), and the policy then decides the answer as `readable` does — 404 outside the
 * scope, and nothing read leaves. Should the policy allow a read the condition refused, the entry is written then:
 * no answered read lacks its entry. On an embedded file (round trips cost nothing): read, authorize, then append.
 */
export async function readPerson<T>(c: Context<AppEnv>, action: string, personId: string, read: () => Promise<T>): Promise<{ person: PersonRow; result: T }> {
  const db = c.var.tenant.db
  const entity = { type: 'person', id: personId }
  if (db.$client.protocol === 'file') {
    const person = await readable(c, 'persons', personId)
    return { person, result: await auditedRead(c, action, entity, read) }
  }
  const scope = communeScope(actorOf(c))
  const visible = sql`exists (select 1 from ${persons} where ${persons.id} = ${personId}${scope ? sql` and ${inArray(persons.communeCode, [...scope])}` : sql``})`
  const [row, result, entry] = await Promise.all([
    findTarget(db, 'persons', personId),
    read(),
    appendReadAuditIf(db, { ...auditContextOf(c), action, entityType: entity.type, entityId: entity.id, outcome: 'success' }, visible),
  ])
  if (!row) throw new AppError('not_found', 404, 'Not found')
  authorize(actorOf(c), 'person:read', { province: c.var.tenant.code, commune: row.communeCode })
  if (!entry) await auditRead(c, action, entity)
  return { person: row as PersonRow, result }
}
