import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/**
 * The audit trail, the same table in the control database (platform actions) and in every province
 * database (person-level reads and writes). Append-only and hash-chained: `hash` covers `prevHash` and
 * this entry's content, so an edited, deleted or reordered entry breaks the chain (db/audit/verify-audit.ts).
 * Never personal data: ids, actions and a salted hash of the client address only.
 */
export function auditLogTable() {
  return sqliteTable(
    'audit_log',
    {
      /** Position in the chain; assigned by the append, never reused. */
      seq: integer('seq').primaryKey(),
      at: integer('at', { mode: 'timestamp_ms' }).notNull(),
      actorId: text('actor_id'),
      actorRole: text('actor_role'),
      action: text('action').notNull(),
      entityType: text('entity_type').notNull(),
      entityId: text('entity_id'),
      /** Province the entry concerns (control trail); the tenant trail's province is its database. */
      provinceCode: text('province_code'),
      outcome: text('outcome', { enum: ['success', 'failure'] }).notNull(),
      requestId: text('request_id'),
      clientHash: text('client_hash'),
      /** Small JSON of non-personal facts (e.g. which fields changed, a new role). */
      details: text('details'),
      prevHash: text('prev_hash').notNull(),
      hash: text('hash').notNull(),
    },
    // The admin screens filter by these; without indexes a rare filter scans the whole trail.
    (t) => [
      index('audit_log_action_idx').on(t.action, t.seq),
      index('audit_log_actor_idx').on(t.actorId, t.seq),
      index('audit_log_entity_idx').on(t.entityType, t.entityId, t.seq),
      index('audit_log_province_idx').on(t.provinceCode, t.seq),
      index('audit_log_at_idx').on(t.at),
    ],
  )
}
