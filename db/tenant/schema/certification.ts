import { sql } from 'drizzle-orm'
import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { assessmentMoves, assessmentStatuses } from '../../../kernel/domain/certification/assessment-machine.ts'
import { flagKinds, statusPeriodEndReasons } from '../../../kernel/certification-records.ts'

// Drug-free communes (decision 0037): the province's criteria versions, residents per commune and year, the
// yearly assessments with their moves, drug-free status periods and monitoring flags. No column holds a name.

const stamps = {
  version: integer('version').notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  createdBy: text('created_by'),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  updatedBy: text('updated_by'),
}

/** Every confirmed version of the criteria (the shipped set is version 0, in the kernel, never stored). */
export const criteriaSets = sqliteTable('criteria_sets', {
  id: text('id').primaryKey(),
  setVersion: integer('set_version').notNull().unique(),
  /** JSON: kernel/domain/certification/criteria.ts CriteriaSetContent. */
  content: text('content').notNull(),
  confirmedAt: integer('confirmed_at', { mode: 'timestamp_ms' }).notNull(),
  confirmedBy: text('confirmed_by'),
  note: text('note'),
})

/** Residents per commune and year as the province entered them; every entry kept, the newest counts. */
export const communePopulations = sqliteTable(
  'commune_populations',
  {
    id: text('id').primaryKey(),
    communeCode: text('commune_code').notNull(),
    year: integer('year').notNull(),
    population: integer('population').notNull(),
    source: text('source').notNull(),
    recordedAt: integer('recorded_at', { mode: 'timestamp_ms' }).notNull(),
    recordedBy: text('recorded_by'),
  },
  (t) => [index('commune_populations_commune_year_idx').on(t.communeCode, t.year, t.recordedAt)],
)

export const communeAssessments = sqliteTable(
  'commune_assessments',
  {
    id: text('id').primaryKey(),
    communeCode: text('commune_code').notNull(),
    year: integer('year').notNull(),
    status: text('status', { enum: assessmentStatuses }).notNull(),
    /** JSON: the police's figures, each { value, source }. */
    police: text('police').notNull(),
    /** JSON { value, source } or null. */
    drugRoute: text('drug_route'),
    /** JSON: answers by criterion code (with evidence attachment ids). */
    answers: text('answers').notNull(),
    /** JSON: what the last submission froze (criteria, figures, evaluation); null while a draft. */
    snapshot: text('snapshot'),
    communeType: text('commune_type', { enum: ['type_1', 'type_2', 'type_3', 'none'] }),
    /** JSON: the drug-free criteria the last submission found blocking (the province list reads this, not the snapshot). */
    blocking: text('blocking'),
    returnComments: text('return_comments'),
    decision: text('decision'),
    /** JSON: user ids of everyone who submitted it (separation of duties). */
    submitters: text('submitters').notNull(),
    ...stamps,
  },
  // One assessment per commune and year; the province's list reads a year's rows by this index.
  (t) => [uniqueIndex('commune_assessments_commune_year_idx').on(t.communeCode, t.year), index('commune_assessments_year_idx').on(t.year)],
)

export const assessmentTransitions = sqliteTable(
  'assessment_transitions',
  {
    id: text('id').primaryKey(),
    assessmentId: text('assessment_id').notNull(),
    /** The assessment's version the move made: orders the moves (several can share a millisecond). */
    atVersion: integer('at_version').notNull(),
    move: text('move', { enum: assessmentMoves }).notNull(),
    fromStatus: text('from_status', { enum: assessmentStatuses }).notNull(),
    toStatus: text('to_status', { enum: assessmentStatuses }).notNull(),
    reason: text('reason'),
    comments: text('comments'),
    at: integer('at', { mode: 'timestamp_ms' }).notNull(),
    by: text('by'),
  },
  (t) => [index('assessment_transitions_assessment_idx').on(t.assessmentId, t.atVersion)],
)

export const drugFreePeriods = sqliteTable(
  'drug_free_periods',
  {
    id: text('id').primaryKey(),
    communeCode: text('commune_code').notNull(),
    startOn: text('start_on').notNull(),
    endOn: text('end_on'),
    status: text('status', { enum: ['open', 'closed'] }).notNull(),
    firstYear: integer('first_year').notNull(),
    lastYear: integer('last_year').notNull(),
    lastAssessmentId: text('last_assessment_id').notNull(),
    recognitionDecision: text('recognition_decision').notNull(),
    endReason: text('end_reason', { enum: statusPeriodEndReasons }),
    endNote: text('end_note'),
    endDecision: text('end_decision'),
    ...stamps,
  },
  // At most one open status per commune.
  (t) => [
    uniqueIndex('drug_free_periods_open_idx').on(t.communeCode).where(sql`status = 'open'`),
    index('drug_free_periods_commune_idx').on(t.communeCode, t.firstYear),
  ],
)

export const certificationFlags = sqliteTable(
  'certification_flags',
  {
    id: text('id').primaryKey(),
    communeCode: text('commune_code').notNull(),
    periodId: text('period_id').notNull(),
    kind: text('kind', { enum: flagKinds }).notNull(),
    criterionCode: text('criterion_code').notNull(),
    personId: text('person_id'),
    raisedOn: text('raised_on').notNull(),
    status: text('status', { enum: ['open', 'reviewed'] }).notNull(),
    reviewNote: text('review_note'),
    ...stamps,
  },
  (t) => [index('certification_flags_commune_idx').on(t.communeCode, t.status)],
)
