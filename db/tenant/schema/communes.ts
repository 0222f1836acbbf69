import { sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { communeKinds } from '../../../kernel/vocabulary.ts'

/** This province's commune-level units, copied from the control database at onboarding. */
export const communes = sqliteTable('communes', {
  code: text('code').primaryKey(),
  name: text('name').notNull(),
  kind: text('kind', { enum: communeKinds }).notNull(),
})
