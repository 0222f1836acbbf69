import { integer, primaryKey, sqliteTable, text } from 'drizzle-orm/sqlite-core'

// The report's kept aggregates (decision 0043), written only by the triggers of their migration: every figure
// of a report that is not a head-count is read from here, never from the records (worker/repo/report-figures.ts).

/**
 * Every period a report can ask for, 2000–2100: `YYYY`, `YYYY-H1|H2`, `YYYY-9M`, `YYYY-Q1…Q4` with their first
 * and last day. The triggers find the periods a record's day (or span of days) falls in from it.
 */
export const reportCalendar = sqliteTable(
  'report_calendar',
  {
    year: integer('year').notNull(),
    period: text('period').notNull(),
    fromOn: text('from_on').notNull(),
    toOn: text('to_on').notNull(),
  },
  (t) => [primaryKey({ columns: [t.year, t.period] })],
)

/**
 * A figure of a period for a commune: counts (`reviews`, `pr.contacts.times`…), amounts, and the distinct people
 * (`pr.contacts.people`…), which no sum of months could give. Each record adds itself to the (at most four)
 * periods its day is in — a back-dated record to the past ones — and a person counts once per period.
 */
export const reportPeriodFigures = sqliteTable(
  'report_period_figures',
  {
    period: text('period').notNull(),
    communeCode: text('commune_code').notNull(),
    figure: text('figure').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.period, t.communeCode, t.figure] })],
)

/**
 * Figures of a day rather than a period, as monthly deltas like report_status_deltas: the number at a period's
 * end (referrals at a facility, methadone, management periods, drug-free two years, minors) is the sum of the
 * deltas up to its last month.
 */
export const reportMonthDeltas = sqliteTable(
  'report_month_deltas',
  {
    figure: text('figure').notNull(),
    communeCode: text('commune_code').notNull(),
    month: text('month').notNull(),
    n: integer('n').notNull(),
  },
  (t) => [primaryKey({ columns: [t.figure, t.communeCode, t.month] })],
)
