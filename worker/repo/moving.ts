// Hand-overs and electronic monitoring (Law 120/2025, decision 0029): their rows, as the API shows them, and the
// queries the commands and the routes need.
import { and, desc, eq, gte, inArray, isNull, ne, or, sql, type SQL } from 'drizzle-orm'
import { handovers, monitoringRecords, persons } from '../../db/tenant/schema/index.ts'
import { communes as controlCommunes } from '../../db/control/schema/index.ts'
import type { ControlDb, TenantDb, TenantTx } from '../../db/types.ts'
import { together } from '../../db/pipelined-client.ts'
import type { HandoverFacts, MonitoringFacts } from '../../kernel/commands/command.ts'
import type { HandoverSubject } from '../../kernel/domain/handover.ts'
import { parseStoredDecision } from '../../kernel/domain/legal-decision-input.ts'
import type { HandoverRecord, MonitoringRecord } from '../../kernel/records.ts'

export type HandoverRow = typeof handovers.$inferSelect
export type MonitoringRow = typeof monitoringRecords.$inferSelect

const isoOrNull = (d: Date | null) => (d ? d.toISOString() : null)

function parseSubject(value: string): HandoverSubject {
  try {
    const s = JSON.parse(value) as Record<string, unknown>
    const text = (key: string) => (typeof s[key] === 'string' ? (s[key] as string) : '')
    const subject: HandoverSubject = {
      fullName: text('fullName'),
      birthDate: text('birthDate'),
      citizenId: text('citizenId'),
      category: text('category'),
      status: text('status'),
    }
    // Copies made before decision 0039 lack these two.
    if (s.sex === 'male' || s.sex === 'female') subject.sex = s.sex
    if (typeof s.registeredOn === 'string') subject.registeredOn = s.registeredOn
    return subject
  } catch {
    return { fullName: '', birthDate: '', citizenId: '', category: '', status: '' }
  }
}

export function presentHandover(row: HandoverRow): HandoverRecord {
  const { deliveredAt: _deliveredAt, notifiedAt, respondedAt, createdAt, updatedAt, decision, subject, ...rest } = row
  return {
    ...rest,
    notifiedAt: notifiedAt.toISOString(),
    respondedAt: isoOrNull(respondedAt),
    decision: parseStoredDecision(decision),
    subject: parseSubject(subject),
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  }
}

export function handoverRow(record: HandoverRecord): HandoverRow {
  return {
    ...record,
    notifiedAt: new Date(record.notifiedAt),
    respondedAt: record.respondedAt ? new Date(record.respondedAt) : null,
    decision: record.decision ? JSON.stringify(record.decision) : null,
    subject: JSON.stringify(record.subject),
    deliveredAt: null,
    createdAt: new Date(record.createdAt),
    updatedAt: new Date(record.updatedAt),
  }
}

export function presentMonitoring(row: MonitoringRow): MonitoringRecord {
  const { decision, endDecision, createdAt, updatedAt, ...rest } = row
  return {
    ...rest,
    // An order is required on insert; a stored one unreadable by hand-editing shows as an empty order, never a crash.
    decision: parseStoredDecision(decision) ?? { number: '', date: '', signer: '', signerRole: 'other', body: '' },
    endDecision: parseStoredDecision(endDecision),
    createdAt: createdAt.toISOString(),
    updatedAt: updatedAt.toISOString(),
  }
}

export function monitoringRow(record: MonitoringRecord): MonitoringRow {
  return {
    ...record,
    decision: JSON.stringify(record.decision),
    endDecision: record.endDecision ? JSON.stringify(record.endDecision) : null,
    createdAt: new Date(record.createdAt),
    updatedAt: new Date(record.updatedAt),
  }
}

export async function findHandover(db: TenantDb | TenantTx, id: string): Promise<HandoverRow | undefined> {
  const [row] = await db.select().from(handovers).where(eq(handovers.id, id))
  return row
}
export async function findMonitoring(db: TenantDb | TenantTx, id: string): Promise<MonitoringRow | undefined> {
  const [row] = await db.select().from(monitoringRecords).where(eq(monitoringRecords.id, id))
  return row
}

/** A person's pending hand-overs and active monitoring: what the moving rules look at. */
export async function loadMoving(tx: TenantTx, personId: string | SQL): Promise<{ pendingHandovers: HandoverFacts[]; activeMonitoring: MonitoringFacts[] }> {
  const [pending, active] = await together(
    tx,
    () =>
      tx
        .select()
        .from(handovers)
        .where(and(eq(handovers.personId, personId), eq(handovers.status, 'pending'))),
    () =>
      tx
        .select()
        .from(monitoringRecords)
        .where(and(eq(monitoringRecords.personId, personId), eq(monitoringRecords.status, 'active'))),
  )
  return { pendingHandovers: pending.map(presentHandover), activeMonitoring: active }
}

/** Hand-overs from or to these communes (null: the whole province), newest first; pending ones only if asked. */
export async function listHandovers(db: TenantDb, communes: readonly string[] | null, opts: { pendingOnly: boolean; limit: number }): Promise<HandoverRow[]> {
  const scope = communes === null ? undefined : or(inArray(handovers.communeCode, [...communes]), inArray(handovers.fromCommuneCode, [...communes]))
  const pending = opts.pendingOnly ? eq(handovers.status, 'pending') : undefined
  return db.select().from(handovers).where(and(scope, pending)).orderBy(desc(handovers.notifiedAt), desc(handovers.id)).limit(opts.limit)
}

export async function listPersonHandovers(db: TenantDb, personId: string): Promise<HandoverRow[]> {
  return db.select().from(handovers).where(eq(handovers.personId, personId)).orderBy(desc(handovers.notifiedAt))
}

export async function listMonitoring(db: TenantDb, personId: string): Promise<MonitoringRow[]> {
  return db.select().from(monitoringRecords).where(eq(monitoringRecords.personId, personId)).orderBy(desc(monitoringRecords.startOn))
}

/** A person of this province by citizen ID (unique in the province): a hand-over from another province may name one. */
export async function findPersonIdByCitizen(db: TenantDb | TenantTx, citizenId: string): Promise<{ id: string; communeCode: string } | null> {
  const [row] = await db.select({ id: persons.id, communeCode: persons.communeCode }).from(persons).where(eq(persons.citizenId, citizenId))
  return row ?? null
}

/**
 * Hand-overs received from other provinces and answered here lately (decision 0039): the daily job reports each
 * answer back again, since the write into the sending province follows the answer's commit and may have failed.
 * The sending side's update is conditional (only a copy still pending changes), so repeating it is harmless.
 */
export async function recentlyAnswered(db: TenantDb, province: string, since: Date): Promise<HandoverRow[]> {
  return db
    .select()
    .from(handovers)
    .where(and(ne(handovers.fromProvinceCode, province), ne(handovers.status, 'pending'), gte(handovers.respondedAt, since)))
    .limit(500)
}

/** Moves to another province whose receiving copy is not written yet (delivered after the sending transaction). */
export async function undeliveredHandovers(db: TenantDb, province: string): Promise<HandoverRow[]> {
  return db
    .select()
    .from(handovers)
    .where(and(eq(handovers.fromProvinceCode, province), ne(handovers.toProvinceCode, province), isNull(handovers.deliveredAt)))
    .limit(100)
}

export async function markDelivered(db: TenantDb, id: string, at: Date): Promise<void> {
  await db.update(handovers).set({ deliveredAt: at }).where(eq(handovers.id, id))
}

/** The receiving province's copy of a move, written once (a repeated delivery writes nothing): whether it was new. */
export async function insertReceivedCopy(tx: TenantTx, copy: HandoverRow): Promise<boolean> {
  const inserted = await tx.insert(handovers).values(copy).onConflictDoNothing().returning({ id: handovers.id })
  return inserted.length > 0
}

/** The receiving province's answer on the sending province's copy, if that copy still waits: whether it did. */
export async function recordReceiverAnswer(tx: TenantTx, row: Pick<HandoverRow, 'id' | 'status' | 'respondedAt'>, at: Date): Promise<boolean> {
  const updated = await tx
    .update(handovers)
    .set({ status: row.status, respondedAt: row.respondedAt, updatedAt: at, version: sql`${handovers.version} + 1` })
    .where(and(eq(handovers.id, row.id), eq(handovers.status, 'pending'), isNull(handovers.respondedAt)))
    .returning({ id: handovers.id })
  return updated.length > 0
}

/** A commune of another province, as the control database lists it (a move's destination). */
export async function controlCommuneExists(control: ControlDb, province: string, commune: string): Promise<boolean> {
  const [row] = await control
    .select({ code: controlCommunes.code })
    .from(controlCommunes)
    .where(and(eq(controlCommunes.code, commune), eq(controlCommunes.provinceCode, province)))
  return row !== undefined
}
