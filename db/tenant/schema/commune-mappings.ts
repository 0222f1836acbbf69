import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/** Old (pre-July-2025) communes → this province's current communes; several rows per old commune = a split. */
export const communeMappings = sqliteTable(
  'commune_mappings',
  {
    id: integer('id').primaryKey(),
    oldCode: text('old_code'),
    oldName: text('old_name').notNull(),
    oldDistrictName: text('old_district_name'),
    oldProvinceName: text('old_province_name'),
    newCode: text('new_code').notNull(),
    newName: text('new_name').notNull(),
    reconciliation: text('reconciliation', { enum: ['exact', 'padded', 'by_name'] }).notNull(),
  },
  (t) => [index('commune_mappings_old_code_idx').on(t.oldCode), index('commune_mappings_new_code_idx').on(t.newCode)],
)
