// The activity log's and the community models' queries (decision 0033): readers and writers of the records the
// community commands make (case-records.ts dispatches to these), the paged lists, and what the figures count.
import { and, asc, desc, eq, gte, inArray, lte, sql, type SQL } from 'drizzle-orm'
import {
  communityActivities,
  communityActivityVersions,
  communityModelMembers,
  communityModels,
  communityModelSessions,
  persons,
} from '../../db/tenant/schema/index.ts'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import type { TenantDb, TenantTx } from '../../db/types.ts'
import type { ActivityRecord, ActivityVersionRecord, ModelHelper, ModelMemberRecord, ModelRecord, ModelSessionRecord } from '../../kernel/community-records.ts'
import type { LegalDecision } from '../../kernel/domain/legal-decision.ts'
import { parseStoredDecision } from '../../kernel/domain/legal-decision-input.ts'
import type { ActivityKind, CommunityModelKind } from '../../kernel/vocabulary.ts'

type Db = TenantDb | TenantTx
type ActivityRow = typeof communityActivities.$inferSelect
type ModelRow = typeof communityModels.$inferSelect
type MemberRow = typeof communityModelMembers.$inferSelect
type SessionRow = typeof communityModelSessions.$inferSelect

const iso = <R extends { createdAt: Date; updatedAt: Date }>(row: R) => ({
  ...row,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
})
const dated = <R extends { createdAt: string; updatedAt: string }>(record: R) => ({
  ...record,
  createdAt: new Date(record.createdAt),
  updatedAt: new Date(record.updatedAt),
})

export const presentActivity = (row: ActivityRow): ActivityRecord => iso(row)
export const presentMember = (row: MemberRow): ModelMemberRecord => iso(row)
export const presentSession = (row: SessionRow): ModelSessionRecord => iso(row)
export function presentModel(row: ModelRow): ModelRecord {
  // A stored decision is always a valid one (the command parsed it); an unreadable one shows as blank fields.
  const decision: LegalDecision = parseStoredDecision(row.decision) ?? { number: '', date: '', signer: '', signerRole: 'other', body: '' }
  return { ...iso(row), decision, helpers: parseHelpers(row.helpers) }
}
function parseHelpers(text: string): ModelHelper[] {
  try {
    const value = JSON.parse(text) as unknown
    return Array.isArray(value) ? (value as ModelHelper[]) : []
  } catch {
    return []
  }
}

export const activityRow = (record: ActivityRecord): ActivityRow => dated(record)
export const memberRow = (record: ModelMemberRecord): MemberRow => dated(record)
export const sessionRow = (record: ModelSessionRecord): SessionRow => dated(record)
export const modelRow = (record: ModelRecord): ModelRow => ({
  ...dated(record),
  decision: JSON.stringify(record.decision),
  helpers: JSON.stringify(record.helpers),
})
export const activityVersionRow = (record: ActivityVersionRecord) => ({
  activityId: record.activityId,
  version: record.version,
  record: JSON.stringify(record.record),
  replacedAt: new Date(record.replacedAt),
  replacedBy: record.replacedBy,
})

/** The changed fields as columns: timestamps as dates, a model's decision and helpers as JSON. */
export function communityColumns(set: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = { ...set }
  for (const key of ['createdAt', 'updatedAt'] as const) if (typeof set[key] === 'string') row[key] = new Date(set[key])
  for (const key of ['decision', 'helpers'] as const) if (set[key] !== undefined) row[key] = JSON.stringify(set[key])
  return row
}

export async function findActivityRow(db: Db, id: string) {
  const [row] = await db.select().from(communityActivities).where(eq(communityActivities.id, id))
  return row
}
export async function findModelRow(db: Db, id: string) {
  const [row] = await db.select().from(communityModels).where(eq(communityModels.id, id))
  return row
}
export async function findMemberRow(db: Db, id: string) {
  const [row] = await db.select().from(communityModelMembers).where(eq(communityModelMembers.id, id))
  return row
}
export async function findSessionRow(db: Db, id: string) {
  const [row] = await db.select().from(communityModelSessions).where(eq(communityModelSessions.id, id))
  return row
}
export const findActivity = async (db: Db, id: string) => present(await findActivityRow(db, id), presentActivity)
export const findModel = async (db: Db, id: string) => present(await findModelRow(db, id), presentModel)
export const findMember = async (db: Db, id: string) => present(await findMemberRow(db, id), presentMember)
export const findSession = async (db: Db, id: string) => present(await findSessionRow(db, id), presentSession)
const present = <R, V>(row: R | undefined, fn: (row: R) => V): V | undefined => (row === undefined ? undefined : fn(row))

export async function insertCommunityRecord(tx: TenantTx, collection: string, record: unknown): Promise<boolean> {
  if (collection === 'activities') await tx.insert(communityActivities).values(activityRow(record as ActivityRecord))
  else if (collection === 'activityVersions') await tx.insert(communityActivityVersions).values(activityVersionRow(record as ActivityVersionRecord))
  else if (collection === 'models') await tx.insert(communityModels).values(modelRow(record as ModelRecord))
  else if (collection === 'modelMembers') await tx.insert(communityModelMembers).values(memberRow(record as ModelMemberRecord))
  else if (collection === 'modelSessions') await tx.insert(communityModelSessions).values(sessionRow(record as ModelSessionRecord))
  else return false
  return true
}

export async function updateCommunityRecord(tx: TenantTx, collection: string, id: string, set: Record<string, unknown>): Promise<boolean> {
  const row = communityColumns(set)
  if (collection === 'activities') await tx.update(communityActivities).set(row).where(eq(communityActivities.id, id))
  else if (collection === 'models') await tx.update(communityModels).set(row).where(eq(communityModels.id, id))
  else if (collection === 'modelMembers') await tx.update(communityModelMembers).set(row).where(eq(communityModelMembers.id, id))
  else if (collection === 'modelSessions') await tx.update(communityModelSessions).set(row).where(eq(communityModelSessions.id, id))
  else return false
  return true
}

// ── Lists (keyset paging on an index that matches the sort) ──────────────────────────────────────────────

const inScope = (column: SQLiteColumn, communes: readonly string[] | null) => (communes ? inArray(column, [...communes]) : undefined)

export interface ActivityFilter {
  communes: readonly string[] | null
  kind?: ActivityKind | undefined
  from?: string | undefined
  to?: string | undefined
  /** The last row of the previous page: (heldOn, id). */
  after?: [string, string] | undefined
  limit: number
}

/** Newest first by (held_on, id), a row-value keyset: the index (commune_code, held_on, id) answers it. */
export async function listActivities(db: TenantDb, f: ActivityFilter): Promise<ActivityRecord[]> {
  const a = communityActivities
  const conditions: (SQL | undefined)[] = [
    inScope(a.communeCode, f.communes),
    f.kind ? eq(a.kind, f.kind) : undefined,
    f.from ? gte(a.heldOn, f.from) : undefined,
    f.to ? lte(a.heldOn, f.to) : undefined,
    f.after ? sql`(${a.heldOn}, ${a.id}) < (${f.after[0]}, ${f.after[1]})` : undefined,
  ]
  const rows = await db
    .select()
    .from(a)
    .where(and(...conditions))
    .orderBy(desc(a.heldOn), desc(a.id))
    .limit(f.limit + 1)
  return rows.map(presentActivity)
}

export async function listActivityVersions(db: TenantDb, activityId: string): Promise<ActivityVersionRecord[]> {
  const rows = await db
    .select()
    .from(communityActivityVersions)
    .where(eq(communityActivityVersions.activityId, activityId))
    .orderBy(asc(communityActivityVersions.version))
  return rows.map((row) => ({
    activityId: row.activityId,
    version: row.version,
    record: JSON.parse(row.record) as ActivityRecord,
    replacedAt: row.replacedAt.toISOString(),
    replacedBy: row.replacedBy,
  }))
}

export interface ModelFilter {
  communes: readonly string[] | null
  kind?: CommunityModelKind | undefined
  /** The last row of the previous page: (kind, id). */
  after?: [string, string] | undefined
  limit: number
}

/** By kind, then id: the index (commune_code, kind, id) answers it. */
export async function listModels(db: TenantDb, f: ModelFilter): Promise<ModelRecord[]> {
  const m = communityModels
  const conditions = [
    inScope(m.communeCode, f.communes),
    f.kind ? eq(m.kind, f.kind) : undefined,
    f.after ? sql`(${m.kind}, ${m.id}) > (${f.after[0]}, ${f.after[1]})` : undefined,
  ]
  const rows = await db
    .select()
    .from(m)
    .where(and(...conditions))
    .orderBy(asc(m.kind), asc(m.id))
    .limit(f.limit + 1)
  return rows.map(presentModel)
}

/** A model's members with the name of each person (the caller may read the model, hence its commune's people). */
export async function listMembers(db: TenantDb, modelId: string) {
  const rows = await db
    .select({ member: communityModelMembers, fullName: persons.fullName, personCommune: persons.communeCode })
    .from(communityModelMembers)
    .leftJoin(persons, eq(persons.id, communityModelMembers.personId))
    .where(eq(communityModelMembers.modelId, modelId))
    .orderBy(asc(communityModelMembers.joinedOn), asc(communityModelMembers.id))
  return rows.map((row) => ({ ...presentMember(row.member), fullName: row.fullName, personCommune: row.personCommune }))
}

export async function listSessions(db: TenantDb, modelId: string, limit: number): Promise<ModelSessionRecord[]> {
  const rows = await db
    .select()
    .from(communityModelSessions)
    .where(eq(communityModelSessions.modelId, modelId))
    .orderBy(desc(communityModelSessions.heldOn), desc(communityModelSessions.id))
    .limit(limit)
  return rows.map(presentSession)
}

// ── What the figures count: the rows of a period in scope (the kernel totals them) ─────────────────────

export async function activitiesInPeriod(db: TenantDb, communes: readonly string[] | null, from: string, to: string) {
  return activitiesInPeriodQuery(db, communes, from, to)
}

/** The same read, not yet run: one of the report's batch (worker/repo/report-figures.ts). */
export function activitiesInPeriodQuery(db: TenantDb, communes: readonly string[] | null, from: string, to: string) {
  const a = communityActivities
  return db
    .select({
      kind: a.kind,
      heldOn: a.heldOn,
      communeCode: a.communeCode,
      count: a.count,
      participants: a.participants,
      traineeGroup: a.traineeGroup,
      casesOpened: a.casesOpened,
      valueVnd: a.valueVnd,
    })
    .from(a)
    .where(and(inScope(a.communeCode, communes), gte(a.heldOn, from), lte(a.heldOn, to)))
}

/** Models in scope with their members and their sessions of the period (the kernel decides which count). */
export async function modelsForFigures(db: TenantDb, communes: readonly string[] | null, from: string, to: string) {
  // A drizzle query runs when awaited: awaited together, the three travel as one round trip on a remote database.
  const [models, members, sessions] = await Promise.all(modelsForFiguresQueries(db, communes, from, to))
  return modelsForFiguresOf(models, members, sessions)
}

/** The three reads of modelsForFigures, not yet run: part of the report's batch (worker/repo/report-figures.ts). */
export function modelsForFiguresQueries(db: TenantDb, communes: readonly string[] | null, from: string, to: string) {
  const members = db
    .select({
      modelId: communityModelMembers.modelId,
      personId: communityModelMembers.personId,
      joinedOn: communityModelMembers.joinedOn,
      leftOn: communityModelMembers.leftOn,
    })
    .from(communityModelMembers)
    .where(inScope(communityModelMembers.communeCode, communes))
  const s = communityModelSessions
  const sessions = db
    .select({
      modelId: s.modelId,
      heldOn: s.heldOn,
      attendance: s.attendance,
      clientsNew: s.clientsNew,
      clientsReturning: s.clientsReturning,
      counselled: s.counselled,
      allowancesVnd: s.allowancesVnd,
    })
    .from(s)
    .where(and(inScope(s.communeCode, communes), gte(s.heldOn, from), lte(s.heldOn, to)))
  return [db.select().from(communityModels).where(inScope(communityModels.communeCode, communes)), members, sessions] as const
}

type FiguresQueries = ReturnType<typeof modelsForFiguresQueries>
/** What modelsForFigures answers, from its three reads' rows. */
export function modelsForFiguresOf(models: Awaited<FiguresQueries[0]>, members: Awaited<FiguresQueries[1]>, sessions: Awaited<FiguresQueries[2]>) {
  return { models: models.map(presentModel), members, sessions }
}
