import { sqliteTable, text } from 'drizzle-orm/sqlite-core'

/** Key/value facts about this tenant database (its province, when it was seeded, from which source). */
export const tenantMeta = sqliteTable('tenant_meta', {
  key: text('key').primaryKey(),
  value: text('value').notNull(),
})
