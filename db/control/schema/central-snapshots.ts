import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/**
 * A province's figures for one quarter as its last snapshot computed them (issue #18; docs/decisions/0042): counts
 * per commune and for the province, minors as bands, targets and drug-free communes when their modules fill them.
 * Aggregates only: never a person row, a name or a person's id. Suppression is applied when they are read for a
 * central screen, over every province together (worker/services/central-summary.ts).
 */
export const centralSnapshots = sqliteTable(
  'central_snapshots',
  {
    provinceCode: text('province_code').notNull(),
    /** "2026-Q3". */
    period: text('period').notNull(),
    /** JSON SnapshotFigures (worker/services/central-snapshot.ts): the province's total. */
    total: text('total').notNull(),
    /** JSON { [communeCode]: SnapshotFigures }: read only for the province's own view. */
    communes: text('communes').notNull(),
    /** JSON CentralTargets or null (hook: snapshotTargets). */
    targets: text('targets'),
    /** JSON DrugFreeCommunes or null (hook: snapshotDrugFreeCommunes). */
    drugFree: text('drug_free'),
    computedAt: integer('computed_at', { mode: 'timestamp_ms' }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.provinceCode, t.period] })],
)

/** Each province's last refresh: a failed one keeps the previous snapshot, shown with its age and flagged stale. */
export const centralRefreshes = sqliteTable('central_refreshes', {
  provinceCode: text('province_code').primaryKey(),
  lastAttemptAt: integer('last_attempt_at', { mode: 'timestamp_ms' }).notNull(),
  lastSuccessAt: integer('last_success_at', { mode: 'timestamp_ms' }),
  /** A code (tenant database problem, 'timeout', an error's name), never a message that could carry data. */
  lastError: text('last_error'),
  /** Failed refreshes in a row since the last success. */
  failures: integer('failures').notNull().default(0),
})
