import { index, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { communeKinds } from '../../../kernel/vocabulary.ts'

/** Reference data: commune-level units (xã, phường, đặc khu) after 1 July 2025. */
export const communes = sqliteTable(
  'communes',
  {
    code: text('code').primaryKey(),
    provinceCode: text('province_code').notNull(),
    name: text('name').notNull(),
    kind: text('kind', { enum: communeKinds }).notNull(),
  },
  (t) => [index('communes_province_idx').on(t.provinceCode)],
)
