import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { handoverStatuses } from '../../../kernel/domain/handover.ts'
import { monitoringContexts, monitoringStatuses } from '../../../kernel/domain/monitoring.ts'

/**
 * Hand-overs of people who move (Law 120/2025, decision 0029). `commune_code` is the receiving commune. A move to
 * another province is stored in both provinces' databases under the same id: here with the person, there (written
 * by the server from an allow-list of fields) with `person_id` null; `subject` holds only the allowed fields.
 */
export const handovers = sqliteTable(
  'handovers',
  {
    id: text('id').primaryKey(),
    personId: text('person_id'),
    communeCode: text('commune_code').notNull(),
    toProvinceCode: text('to_province_code').notNull(),
    fromCommuneCode: text('from_commune_code').notNull(),
    fromProvinceCode: text('from_province_code').notNull(),
    movedOn: text('moved_on').notNull(),
    notifiedAt: integer('notified_at', { mode: 'timestamp_ms' }).notNull(),
    note: text('note'),
    /** JSON: the LegalDecision the move refers to, or null. */
    decision: text('decision'),
    /** JSON: HandoverSubject (name, birth date, citizen ID, category, status). */
    subject: text('subject').notNull(),
    status: text('status', { enum: handoverStatuses }).notNull(),
    respondedAt: integer('responded_at', { mode: 'timestamp_ms' }),
    respondedBy: text('responded_by'),
    declineReason: text('decline_reason'),
    /** A move to another province: when the receiving province's copy was written (null: not yet, retried). */
    deliveredAt: integer('delivered_at', { mode: 'timestamp_ms' }),
    version: integer('version').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    createdBy: text('created_by'),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    updatedBy: text('updated_by'),
  },
  (t) => [
    index('handovers_person_idx').on(t.personId),
    index('handovers_commune_status_idx').on(t.communeCode, t.status),
    index('handovers_from_commune_status_idx').on(t.fromCommuneCode, t.status),
  ],
)

/** Electronic monitoring ordered by the commune police chief (Law 120/2025), with its order and the ending one. */
export const monitoringRecords = sqliteTable(
  'monitoring_records',
  {
    id: text('id').primaryKey(),
    personId: text('person_id').notNull(),
    communeCode: text('commune_code').notNull(),
    context: text('context', { enum: monitoringContexts }).notNull(),
    startOn: text('start_on').notNull(),
    endOn: text('end_on'),
    status: text('status', { enum: monitoringStatuses }).notNull(),
    /** JSON LegalDecision: the order. */
    decision: text('decision').notNull(),
    endDecision: text('end_decision'),
    version: integer('version').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    createdBy: text('created_by'),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    updatedBy: text('updated_by'),
  },
  (t) => [index('monitoring_person_idx').on(t.personId, t.id)],
)
