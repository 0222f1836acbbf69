import { integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/** One row per load of the administrative-units source, with the cleaning report. */
export const adminUnitsLoads = sqliteTable('admin_units_loads', {
  source: text('source').primaryKey(),
  loadedAt: integer('loaded_at', { mode: 'timestamp_ms' }).notNull(),
  report: text('report', { mode: 'json' }).notNull(),
})
