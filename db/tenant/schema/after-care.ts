import { index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { followUpMethods, managementStatuses, postRehabStatuses, supportKinds, supportModels } from '../../../kernel/vocabulary.ts'

export { followUpMethods, postRehabStatuses, supportKinds, supportModels }

/** 12 months of post-rehab management opened by a completed plan (or by a return from compulsory rehab). */
export const postRehabRecords = sqliteTable(
  'post_rehab_records',
  {
    id: text('id').primaryKey(),
    personId: text('person_id').notNull(),
    communeCode: text('commune_code').notNull(),
    planId: text('plan_id'),
    startOn: text('start_on').notNull(),
    endOn: text('end_on').notNull(),
    supportModel: text('support_model', { enum: supportModels }).notNull(),
    supporterName: text('supporter_name').notNull(),
    status: text('status', { enum: postRehabStatuses }).notNull(),
    relapseOn: text('relapse_on'),
    relapseNote: text('relapse_note'),
    /** JSON: the commune chair's decision that opened it (kernel/domain/legal-decision.ts). */
    openDecision: text('open_decision'),
    version: integer('version').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    createdBy: text('created_by'),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    updatedBy: text('updated_by'),
  },
  (t) => [
    index('post_rehab_person_idx').on(t.personId),
    index('post_rehab_commune_status_idx').on(t.communeCode, t.status),
    // Reports (decision 0034): managed during a period (ending on or after its start), started; relapses in a period.
    index('post_rehab_report_end_idx').on(t.endOn, t.startOn, t.relapseOn, t.communeCode, t.personId),
    index('post_rehab_report_relapse_idx').on(t.relapseOn, t.communeCode, t.personId),
  ],
)

/** Contacts during post-rehab management. */
export const followUps = sqliteTable(
  'follow_ups',
  {
    id: text('id').primaryKey(),
    postRehabId: text('post_rehab_id').notNull(),
    personId: text('person_id').notNull(),
    communeCode: text('commune_code').notNull(),
    contactedOn: text('contacted_on').notNull(),
    method: text('method', { enum: followUpMethods }).notNull(),
    notes: text('notes'),
    /** Whether the person works, as the contact found (null: not asked); counted in reports with the reviews'. */
    employed: integer('employed', { mode: 'boolean' }),
    version: integer('version').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    createdBy: text('created_by'),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    updatedBy: text('updated_by'),
  },
  (t) => [
    index('follow_ups_record_idx').on(t.postRehabId, t.contactedOn),
    // Reports: contacts in a period, per commune.
    index('follow_ups_commune_contacted_idx').on(t.communeCode, t.contactedOn),
    // GET /sync/pull: a full download sends follow-ups person by person.
    index('follow_ups_person_idx').on(t.personId, t.id),
    // A commune's full download in its order, the history's day read from the index (decision 0053).
    index('follow_ups_commune_person_idx').on(t.communeCode, t.personId, t.id, t.contactedOn),
    // Reports over the whole province: contacts and employment in a period, from the index alone.
    index('follow_ups_report_idx').on(t.contactedOn, t.communeCode, t.personId, t.employed),
  ],
)

/** Support given to a person, counted in reports (loans with their amount in VND). */
export const supportRecords = sqliteTable(
  'support_records',
  {
    id: text('id').primaryKey(),
    personId: text('person_id').notNull(),
    communeCode: text('commune_code').notNull(),
    kind: text('kind', { enum: supportKinds }).notNull(),
    givenOn: text('given_on').notNull(),
    amountVnd: integer('amount_vnd'),
    note: text('note'),
    version: integer('version').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    createdBy: text('created_by'),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    updatedBy: text('updated_by'),
  },
  (t) => [
    // By person, then id: GET /sync/pull's full download sends support records person by person (keyset paging).
    index('support_person_idx').on(t.personId, t.id),
    // A commune's full download in its order, the history's day read from the index (decision 0053).
    index('support_commune_person_idx').on(t.communeCode, t.personId, t.id, t.givenOn),
    index('support_commune_given_idx').on(t.communeCode, t.givenOn),
    // The yearly plan's achievement (decision 0036): jobs and loans given in a period, per commune and person, from the index alone.
    index('support_kind_given_idx').on(t.kind, t.givenOn, t.communeCode, t.personId),
    index('support_report_idx').on(t.givenOn, t.communeCode, t.kind, t.personId, t.amountVnd),
  ],
)

/** The management period of an illegal drug user: one year from the decision (Law 2021), with its measures. */
export const managementPeriods = sqliteTable(
  'management_periods',
  {
    id: text('id').primaryKey(),
    personId: text('person_id').notNull(),
    communeCode: text('commune_code').notNull(),
    startOn: text('start_on').notNull(),
    endOn: text('end_on').notNull(),
    measures: text('measures').notNull(),
    status: text('status', { enum: managementStatuses }).notNull(),
    /** JSON: the decision placing the person under management (null on periods recorded before decisions). */
    decision: text('decision'),
    endReason: text('end_reason'),
    endedOn: text('ended_on'),
    /** JSON: the decision an early end cites. */
    endDecision: text('end_decision'),
    version: integer('version').notNull(),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    createdBy: text('created_by'),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    updatedBy: text('updated_by'),
  },
  // The daily job: active periods past their end; GET /sync/pull: person by person.
  (t) => [
    index('management_person_idx').on(t.personId, t.id),
    index('management_status_end_idx').on(t.status, t.endOn),
    // Reports: periods decided, ended, and still active at a period's end (they end on or after it).
    index('management_report_start_idx').on(t.startOn, t.communeCode),
    index('management_report_ended_idx').on(t.endedOn, t.communeCode),
    index('management_report_end_idx').on(t.endOn, t.startOn, t.endedOn, t.communeCode),
  ],
)
