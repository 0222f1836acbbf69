import type { TenantDb } from '../../db/types.ts'
import { ATTACHMENT_CHUNK_BYTES } from '../../kernel/domain/attachment-file.ts'
import { abandonedAttachments, deleteAttachment } from '../repo/attachments.ts'
import type { BlobStore } from '../storage/blob-store.ts'

/**
 * How long an announced upload may stay incomplete (decision 0038). A phone offline longer still holds the
 * file: announcing it again starts the upload anew.
 */
export const ABANDONED_UPLOAD_DAYS = 30
const BATCH = 200

/** Deletes incomplete uploads past their time, their parts first; the row last, so a crash leaves it for the next run. */
export async function discardAbandonedUploads(db: TenantDb, store: BlobStore, now: Date): Promise<number> {
  const before = new Date(now.getTime() - ABANDONED_UPLOAD_DAYS * 86_400_000)
  const rows = await abandonedAttachments(db, before, BATCH)
  for (const row of rows) {
    const parts = Math.ceil(row.size / ATTACHMENT_CHUNK_BYTES)
    for (let i = 0; i < parts; i++) await store.delete(`${row.storageKey}.part${i}`)
    await store.delete(row.storageKey)
    await deleteAttachment(db, row.id)
  }
  return rows.length
}
