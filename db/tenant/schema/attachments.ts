import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'

// Evidence files (decision 0038): a generic table keyed by what owns the file (owner kind + owner id), so that
// any record can carry attachments. The bytes live in the blob store under storage_key, never in the database.

export const attachmentStates = ['pending', 'complete'] as const

export const attachments = sqliteTable(
  'attachments',
  {
    /** Client-made (the phone names the upload before it has a connection): retries address the same row. */
    id: text('id').primaryKey(),
    ownerKind: text('owner_kind').notNull(),
    ownerId: text('owner_id').notNull(),
    communeCode: text('commune_code').notNull(),
    criterionCode: text('criterion_code'),
    /** As the uploader's device named it; shown and offered on download, never used as a path. */
    fileName: text('file_name').notNull(),
    /** From the file's first bytes (PDF, JPEG, PNG), never from its name or the client's word. */
    contentType: text('content_type'),
    size: integer('size').notNull(),
    sha256: text('sha256').notNull(),
    /** Bytes stored so far, in parts; an interrupted upload resumes from here. */
    received: integer('received').notNull(),
    state: text('state', { enum: attachmentStates }).notNull(),
    storageKey: text('storage_key').notNull(),
    uploadedBy: text('uploaded_by'),
    uploadedAt: integer('uploaded_at', { mode: 'timestamp_ms' }).notNull(),
    completedAt: integer('completed_at', { mode: 'timestamp_ms' }),
  },
  (t) => [index('attachments_owner_idx').on(t.ownerKind, t.ownerId, t.uploadedAt)],
)
