// Queries of the evidence files' metadata (decision 0038); the bytes are in the blob store.
import { and, asc, eq, lt } from 'drizzle-orm'
import { attachments } from '../../db/tenant/schema/index.ts'
import type { TenantDb, TenantTx } from '../../db/types.ts'

type Db = TenantDb | TenantTx
export type AttachmentRow = typeof attachments.$inferSelect

export async function findAttachment(db: Db, id: string): Promise<AttachmentRow | undefined> {
  const [row] = await db.select().from(attachments).where(eq(attachments.id, id))
  return row
}

export async function insertAttachment(db: Db, row: AttachmentRow): Promise<void> {
  await db.insert(attachments).values(row)
}

export async function listAttachments(db: Db, ownerKind: string, ownerId: string): Promise<AttachmentRow[]> {
  return db
    .select()
    .from(attachments)
    .where(and(eq(attachments.ownerKind, ownerKind), eq(attachments.ownerId, ownerId)))
    .orderBy(asc(attachments.uploadedAt), asc(attachments.id))
}

/** The ids of an owner's files that arrived whole and passed their checks (what an assessment's answers may name). */
export async function completeAttachmentIds(db: Db, ownerKind: string, ownerId: string): Promise<string[]> {
  const rows = await db
    .select({ id: attachments.id })
    .from(attachments)
    .where(and(eq(attachments.ownerKind, ownerKind), eq(attachments.ownerId, ownerId), eq(attachments.state, 'complete')))
  return rows.map((r) => r.id)
}

/**
 * Moves `received` on from `from` to `to` only if no other request moved it meanwhile (two tabs retrying the
 * same part): false when it had moved.
 */
export async function advanceReceived(db: Db, id: string, from: number, to: number, contentType: string | null): Promise<boolean> {
  const changed = await db
    .update(attachments)
    .set({ received: to, ...(contentType ? { contentType } : {}) })
    .where(and(eq(attachments.id, id), eq(attachments.received, from), eq(attachments.state, 'pending')))
    .returning({ id: attachments.id })
  return changed.length === 1
}

/** Back to 0 from `from` (a file that failed its checksum), unless another request moved it meanwhile: false then. */
export async function resetReceived(db: Db, id: string, from: number): Promise<boolean> {
  const changed = await db
    .update(attachments)
    .set({ received: 0, contentType: null })
    .where(and(eq(attachments.id, id), eq(attachments.received, from), eq(attachments.state, 'pending')))
    .returning({ id: attachments.id })
  return changed.length === 1
}

/**
 * The last part counted and the file marked complete in one statement, answering no rows: it is held in the
 * batch with its audit entry, whose guard stands for the conditional update a part's `advanceReceived` makes.
 */
export async function completeAttachment(db: Db, id: string, size: number, contentType: string | null, at: Date): Promise<void> {
  await db
    .update(attachments)
    .set({ received: size, ...(contentType ? { contentType } : {}), state: 'complete', completedAt: at })
    .where(and(eq(attachments.id, id), eq(attachments.state, 'pending')))
}

export async function deleteAttachment(db: Db, id: string): Promise<void> {
  await db.delete(attachments).where(eq(attachments.id, id))
}

/** Uploads announced before `before` and never completed (housekeeping). */
export async function abandonedAttachments(db: Db, before: Date, limit: number): Promise<AttachmentRow[]> {
  return db
    .select()
    .from(attachments)
    .where(and(eq(attachments.state, 'pending'), lt(attachments.uploadedAt, before)))
    .limit(limit)
}
