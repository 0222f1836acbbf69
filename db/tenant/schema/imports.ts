import { index, integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { importFormats, importRowOutcomes } from '../../../kernel/vocabulary.ts'

export { importFormats, importRowOutcomes } from '../../../kernel/vocabulary.ts'

/**
 * One committed legacy-list import: who, when, which file (SHA-256 of its bytes: the same file imported again
 * is recognised), and what came of its rows. Dry runs are not recorded here (they change nothing); both are
 * in the audit trail.
 */
export const imports = sqliteTable(
  'imports',
  {
    id: text('id').primaryKey(),
    fileHash: text('file_hash').notNull(),
    fileName: text('file_name'),
    format: text('format', { enum: importFormats }).notNull(),
    /** Null: the whole province (province officer); otherwise the commune officer's communes, comma-separated. */
    scope: text('scope'),
    rowsTotal: integer('rows_total').notNull(),
    imported: integer('imported').notNull(),
    rejected: integer('rejected').notNull(),
    /** JSON object: reason code → number of rows. */
    rejectedByReason: text('rejected_by_reason').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    createdBy: text('created_by'),
  },
  // The history pages newest first on (createdAt, id), the whole province's or one officer's.
  (t) => [
    index('imports_file_hash_idx').on(t.fileHash),
    index('imports_created_idx').on(t.createdAt, t.id),
    index('imports_creator_created_idx').on(t.createdBy, t.createdAt, t.id),
  ],
)

/**
 * Every data row of a committed import: the person it created, or why it was not imported (reason codes and
 * column names only — the rejected row's content is not kept; the officer has the file).
 */
export const importRows = sqliteTable(
  'import_rows',
  {
    importId: text('import_id')
      .notNull()
      .references(() => imports.id),
    rowNumber: integer('row_number').notNull(),
    outcome: text('outcome', { enum: importRowOutcomes }).notNull(),
    personId: text('person_id'),
    /** JSON array of { column, reason } for a rejected row. */
    problems: text('problems'),
  },
  (t) => [
    primaryKey({ columns: [t.importId, t.rowNumber] }),
    index('import_rows_person_idx').on(t.personId),
    // Only the rejected (or imported) rows of an import, in file order.
    index('import_rows_outcome_idx').on(t.importId, t.outcome, t.rowNumber),
  ],
)

/**
 * One import per user at a time (decision 0019): a row while an upload of theirs is read, checked or
 * committed. Taken by one upsert that succeeds only where there is no row or it has expired, so it holds
 * across concurrent requests, Worker isolates and Node processes; the expiry frees the lock of a process that
 * died mid-import.
 */
export const importLocks = sqliteTable('import_locks', {
  userId: text('user_id').primaryKey(),
  /** Who holds it: only that request releases it. */
  token: text('token').notNull(),
  expiresAt: integer('expires_at', { mode: 'timestamp_ms' }).notNull(),
})
