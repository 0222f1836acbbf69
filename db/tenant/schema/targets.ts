import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { targetIndicators } from '../../../kernel/domain/target-indicators.ts'

// The province's yearly plan and its targets (decision 0036). Only targets are stored: achievement is counted
// from the case and community records whenever it is read.

export const targetPlans = sqliteTable('target_plans', {
  year: integer('year').primaryKey(),
  /** As printed: "75/KH-UBND". */
  number: text('number').notNull(),
  issuedOn: text('issued_on').notNull(),
  signer: text('signer').notNull(),
  title: text('title').notNull(),
  version: integer('version').notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  createdBy: text('created_by'),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  updatedBy: text('updated_by'),
})

/** A plan's targets, replaced whole with each version of the plan. A null commune: the province's own target. */
export const targetValues = sqliteTable(
  'target_values',
  {
    year: integer('year')
      .notNull()
      .references(() => targetPlans.year),
    indicator: text('indicator', { enum: targetIndicators }).notNull(),
    communeCode: text('commune_code'),
    value: integer('value').notNull(),
  },
  (t) => [uniqueIndex('target_values_place_idx').on(t.year, t.indicator, t.communeCode), index('target_values_commune_idx').on(t.communeCode, t.year)],
)

/** Each version of a plan as it was before it was replaced (plan and targets, JSON): a past figure's target can be traced. */
export const targetPlanVersions = sqliteTable(
  'target_plan_versions',
  {
    year: integer('year').notNull(),
    version: integer('version').notNull(),
    record: text('record').notNull(),
    replacedAt: integer('replaced_at', { mode: 'timestamp_ms' }).notNull(),
    replacedBy: text('replaced_by'),
  },
  (t) => [primaryKey({ columns: [t.year, t.version] })],
)
