import { sql } from 'drizzle-orm'
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { activityKinds, activityOrganisers, communityModelKinds, communityModelStatuses, traineeGroups } from '../../../kernel/vocabulary.ts'

// The commune's activity log and community models (decision 0033). Counts, never who: no column names a tipster.

const stamps = {
  version: integer('version').notNull(),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
  createdBy: text('created_by'),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
  updatedBy: text('updated_by'),
}

export const communityActivities = sqliteTable(
  'community_activities',
  {
    id: text('id').primaryKey(),
    communeCode: text('commune_code').notNull(),
    kind: text('kind', { enum: activityKinds }).notNull(),
    heldOn: text('held_on').notNull(),
    organiser: text('organiser', { enum: activityOrganisers }).notNull(),
    topic: text('topic'),
    count: integer('count').notNull(),
    participants: integer('participants'),
    traineeGroup: text('trainee_group', { enum: traineeGroups }),
    casesOpened: integer('cases_opened'),
    valueVnd: integer('value_vnd'),
    ...stamps,
  },
  // The list (newest first, keyset on held_on, id) and the period totals read this index alone.
  (t) => [index('community_activities_commune_held_idx').on(t.communeCode, t.heldOn, t.id), index('community_activities_held_idx').on(t.heldOn, t.id)],
)

/** Every earlier version of an activity, as it was before each edit (JSON of the record). */
export const communityActivityVersions = sqliteTable(
  'community_activity_versions',
  {
    activityId: text('activity_id').notNull(),
    version: integer('version').notNull(),
    record: text('record').notNull(),
    replacedAt: integer('replaced_at', { mode: 'timestamp_ms' }).notNull(),
    replacedBy: text('replaced_by'),
  },
  (t) => [primaryKey({ columns: [t.activityId, t.version] })],
)

export const communityModels = sqliteTable(
  'community_models',
  {
    id: text('id').primaryKey(),
    communeCode: text('commune_code').notNull(),
    kind: text('kind', { enum: communityModelKinds }).notNull(),
    name: text('name').notNull(),
    /** JSON: the founding decision (kernel/domain/legal-decision.ts). */
    decision: text('decision').notNull(),
    /** JSON: [{ name, organisation, role }], officers and volunteers. */
    helpers: text('helpers').notNull(),
    status: text('status', { enum: communityModelStatuses }).notNull(),
    dissolvedOn: text('dissolved_on'),
    ...stamps,
  },
  (t) => [index('community_models_commune_idx').on(t.communeCode, t.kind, t.id), index('community_models_kind_idx').on(t.kind, t.id)],
)

export const communityModelMembers = sqliteTable(
  'community_model_members',
  {
    id: text('id').primaryKey(),
    modelId: text('model_id').notNull(),
    personId: text('person_id').notNull(),
    communeCode: text('commune_code').notNull(),
    joinedOn: text('joined_on').notNull(),
    leftOn: text('left_on'),
    ...stamps,
  },
  (t) => [
    index('community_model_members_model_idx').on(t.modelId, t.id),
    index('community_model_members_person_idx').on(t.personId),
    // One current membership per person and model (an offline add made twice on two phones).
    uniqueIndex('community_model_members_current_uq').on(t.modelId, t.personId).where(sql`${t.leftOn} is null`),
  ],
)

export const communityModelSessions = sqliteTable(
  'community_model_sessions',
  {
    id: text('id').primaryKey(),
    modelId: text('model_id').notNull(),
    communeCode: text('commune_code').notNull(),
    heldOn: text('held_on').notNull(),
    attendance: integer('attendance').notNull(),
    topic: text('topic'),
    clientsNew: integer('clients_new'),
    clientsReturning: integer('clients_returning'),
    counselled: integer('counselled'),
    allowancesVnd: integer('allowances_vnd'),
    ...stamps,
  },
  (t) => [index('community_model_sessions_model_idx').on(t.modelId, t.heldOn, t.id), index('community_model_sessions_commune_idx').on(t.communeCode, t.heldOn)],
)
