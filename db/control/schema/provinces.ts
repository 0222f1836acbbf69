import { sqliteTable, text } from 'drizzle-orm/sqlite-core'

/** Reference data: the 34 provincial units after Resolution 202/2025/QH15. */
export const provinces = sqliteTable('provinces', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  /** 'province' (tỉnh) or 'city' (thành phố trực thuộc trung ương). */
  kind: text('kind', { enum: ['province', 'city'] }).notNull(),
})
