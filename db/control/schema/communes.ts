import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core'

/** Reference data: commune-level units (xã, phường, đặc khu) after 1 July 2025. */
export const communes = sqliteTable(
  'communes',
  {
    code: text('code').primaryKey(),
    provinceCode: text('province_code').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: ['xa', 'phuong', 'dac_khu'] }).notNull(),
  },
  (t) => [index('communes_province_idx').on(t.provinceCode)],
)
