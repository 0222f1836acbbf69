import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/**
 * Reference data: pre-July-2025 commune → today's commune. One old commune split between
 * several new ones has one row per candidate; choosing among them is a person's job.
 */
export const communeMappings = sqliteTable(
  'commune_mappings',
  {
    id: integer('id').primaryKey(),
    provinceCode: text('province_code').notNull(),
    oldCode: text('old_code'),
    oldName: text('old_name').notNull(),
    oldDistrictName: text('old_district_name'),
    oldProvinceName: text('old_province_name'),
    newCode: text('new_code').notNull(),
    newName: text('new_name').notNull(),
    /** How the new code was established: 'exact', 'padded' (leading zeros restored) or 'by_name'. */
    reconciliation: text('reconciliation', { enum: ['exact', 'padded', 'by_name'] }).notNull(),
  },
  (t) => [index('commune_mappings_province_idx').on(t.provinceCode)],
)
