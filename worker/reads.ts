// Person-level reads: the record in the caller's scope (404 outside it, as the runner answers for writes) and
// the read's audit entry (ids only), so no route writes either by hand.
import type { Context } from 'hono'
import { inArray, sql, type SQL } from 'drizzle-orm'
import { appendReadAudit, appendReadAuditIf, primeAuditTail, type AuditDetails, type AuditInput } from '../db/audit/append-audit.ts'
import { persons } from '../db/tenant/schema/index.ts'
import { together } from '../db/pipelined-client.ts'
import type { TargetCollection } from '../kernel/commands/command.ts'
import { auditContextOf } from './audit-context.ts'
import type { AppEnv } from './env.ts'
import { AppError } from './errors.ts'
import { actorOf } from './middleware/auth.ts'
import { authorize, communeScope, decide } from './policy.ts'
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
  await appendReadAudit(c.var.tenant.db, readEntry(c, action, entity, details))
}

/** A read's entry, not yet appended. */
export function readEntry(c: Context<AppEnv>, action: string, entity: { type: string; id: string | null }, details?: AuditDetails): AuditInput {
  return { ...auditContextOf(c), action, entityType: entity.type, entityId: entity.id, outcome: 'success', ...(details ? { details } : {}) }
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
 * A read issued together with its audit entry before anyone has seen what it found: on a remote database one round
 * trip, the entry inserted only where `onlyIf` holds (the record is one the caller may read, as SQL). `allowed` then
 * decides from what was read, as the policy does; the caller answers 404 for a read it refuses, and nothing read
 * leaves. Should `allowed` accept a read the condition refused, the entry is written then: no answered read lacks
 * its entry. On an embedded file (round trips cost nothing): read, decide, then append.
 */
export async function readWithEntryIf<T>(
  c: Context<AppEnv>,
  action: string,
  entity: { type: string; id: string },
  onlyIf: SQL,
  read: () => Promise<T>,
  allowed: (result: T) => boolean,
  details?: AuditDetails,
): Promise<T> {
  const db = c.var.tenant.db
  const input = readEntry(c, action, entity, details)
  if (db.$client.protocol === 'file') {
    const result = await read()
    if (allowed(result)) await appendReadAudit(db, input)
    return result
  }
  const [result, entry] = await Promise.all([read(), appendReadAuditIf(db, input, onlyIf)])
  if (allowed(result) && !entry) await appendReadAudit(db, input)
  return result
}

/** SQL that holds when the person exists within `scope` (null: anywhere in the province). */
export function personIn(personId: string, scope: readonly string[] | null): SQL {
  return sql`exists (select 1 from ${persons} where ${persons.id} = ${personId}${scope ? sql` and ${inArray(persons.communeCode, [...scope])}` : sql``})`
}

/** One person and a read about them (the timeline), with the read's entry: one round trip on a remote database. */
export async function readPerson<T>(c: Context<AppEnv>, action: string, personId: string, read: () => Promise<T>): Promise<{ person: PersonRow; result: T }> {
  const actor = actorOf(c)
  const scope = { province: c.var.tenant.code }
  const [row, result] = await readWithEntryIf(
    c,
    action,
    { type: 'person', id: personId },
    personIn(personId, communeScope(actor)),
    () => Promise.all([findTarget(c.var.tenant.db, 'persons', personId), read()]),
    ([found]) => found !== undefined && decide(actor, 'person:read', { ...scope, commune: found.communeCode }) === 'allow',
  )
  if (!row) throw new AppError('not_found', 404, 'Not found')
  authorize(actor, 'person:read', { ...scope, commune: row.communeCode })
  return { person: row as PersonRow, result }
}
