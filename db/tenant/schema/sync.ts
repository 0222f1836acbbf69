import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { syncChangeTypes, syncResultStatuses } from '../../../kernel/sync.ts'

export { syncChangeTypes, syncResultStatuses }
export type { SyncChangeType, SyncResultStatus } from '../../../kernel/sync.ts'

/**
 * One answered offline change (POST /sync/push), by its client idempotency key: a replay of the key answers
 * `result` again without touching anything. An applied change's receipt commits in the same transaction as the
 * change itself; rejections are stored too (so a replay answers the same). Transient errors are not stored.
 */
export const syncReceipts = sqliteTable(
  'sync_receipts',
  {
    key: text('key').primaryKey(),
    userId: text('user_id').notNull(),
    deviceId: text('device_id').notNull(),
    type: text('type', { enum: syncChangeTypes }).notNull(),
    entityId: text('entity_id').notNull(),
    status: text('status', { enum: syncResultStatuses }).notNull(),
    /** JSON: the result as answered ({ key, status, record?, error? }). */
    result: text('result').notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('sync_receipts_user_at_idx').on(t.userId, t.at)],
)

// Append only: a full download pages through these in order (worker/services/sync-pull.ts), and a cursor names its
// phase by position.
export const changeLogEntities = [
  'person',
  'plan',
  'review',
  'post_rehab',
  'follow_up',
  'support',
  // decision 0033
  'activity',
  'model',
  'model_member',
  'model_session',
  // decision 0028
  'management_period',
  'determination',
  'referral',
  'methadone',
  // decision 0029
  'handover',
  'monitoring',
  // decision 0044: the commune's drug-free self-assessments (migration 0021's triggers)
  'assessment',
] as const
export type ChangeLogEntity = (typeof changeLogEntities)[number]

/**
 * Every insert, update and delete of the records offline devices hold, in commit order, written by SQLite
 * triggers (tenant migrations 0007_sync, 0008_sync_support, 0010_legal_records), never by application code: a write path that
 * forgets it cannot exist. A record moved to another commune logs a `delete` under the old commune, then an `upsert` under the new one,
 * so the old commune's officers drop it. GET /sync/pull reads it from a cursor's `seq`.
 */
export const changeLog = sqliteTable(
  'change_log',
  {
    seq: integer('seq').primaryKey({ autoIncrement: true }),
    entity: text('entity', { enum: changeLogEntities }).notNull(),
    entityId: text('entity_id').notNull(),
    communeCode: text('commune_code').notNull(),
    op: text('op', { enum: ['upsert', 'delete'] }).notNull(),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [index('change_log_commune_seq_idx').on(t.communeCode, t.seq)],
)
