import { and, asc, eq, gt, gte, inArray, max, min, or, sql, type SQL } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import {
  changeLog,
  followUps,
  planTransitions,
  postRehabRecords,
  rehabPlans,
  reviews,
  persons,
  supportRecords,
  type ChangeLogEntity,
} from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'
import { together } from '../../db/pipelined-client.ts'
import { OPEN_PLAN_STATUSES } from '../../kernel/domain/plan-status.ts'
import { presentFollowUp, presentPostRehab, presentSupport } from './after-care.ts'
import { presentPerson } from './persons.ts'
import { presentPlan, type PlanRow } from './plans.ts'
import { presentReview } from './reviews.ts'
import { certificationSources } from './sync-pull-certification.ts'
import { communitySources } from './sync-pull-community.ts'
import { legalSources } from './sync-pull-legal.ts'
import { movingSources } from './sync-pull-moving.ts'

// What GET /sync/pull reads (worker/services/sync-pull.ts pages through it): the records a device holds, by
// entity, and the change_log entries after a cursor. `communes` null: the whole province.

export interface Found {
  id: string
  /** Its position in a full download (the `order` columns' values): where the next page starts. */
  at: string[]
  record: unknown
}
export interface Source {
  id: SQLiteColumn
  commune: SQLiteColumn
  /**
   * The order of a full download, ending with the id. Reviews and follow-ups come person by person: their
   * person and plan ids then repeat within gzip's window (a 300-person caseload's reviews: 75 → 54 KB).
   */
  order: SQLiteColumn[]
  /** Which records are in the scope, when more than their `commune` decides (a hand-over: either commune). */
  scoped?(communes: readonly string[] | null): SQL | undefined
  /** Which records a full download holds (besides being in scope); `since`: the first day of history kept. */
  snapshot(since: string, db: TenantDb, communes: readonly string[] | null): SQL | undefined
  load(db: TenantDb, where: SQL | undefined, limit: number): Promise<Found[]>
}

const inScope = (column: SQLiteColumn, communes: readonly string[] | null) => (communes ? inArray(column, [...communes]) : undefined)

export const found = <T extends { id: string }>(rows: T[], present: (row: T) => unknown, at: (row: T) => string[] = (row) => [row.id]): Found[] =>
  rows.map((row) => ({ id: row.id, at: at(row), record: present(row) }))
const byPerson = (row: { personId: string; id: string }) => [row.personId, row.id]

/** A page of plans with their status changes, read together (one round trip): the changes by a sub-select of the page. */
async function loadPlans(db: TenantDb, where: SQL | undefined, limit: number): Promise<Found[]> {
  const page = () => db.select().from(rehabPlans).where(where).orderBy(asc(rehabPlans.id)).limit(limit)
  const ids = db.select({ id: rehabPlans.id }).from(rehabPlans).where(where).orderBy(asc(rehabPlans.id)).limit(limit)
  const [rows, transitions] = await together(db, page, () =>
    db.select().from(planTransitions).where(inArray(planTransitions.planId, ids)).orderBy(asc(planTransitions.id)),
  )
  const byPlan = new Map<string, typeof transitions>()
  for (const tr of transitions) byPlan.set(tr.planId, [...(byPlan.get(tr.planId) ?? []), tr])
  return found(rows as PlanRow[], (plan) => presentPlan(plan, byPlan.get(plan.id) ?? []))
}

/**
 * Rows after `at` in the order of `columns` (keyset paging): (person_id, id) > (p, i) is written
 * person_id >= p and (person_id > p or id > i), so SQLite seeks the index on person_id instead of scanning.
 */
function after(columns: SQLiteColumn[], at: string[]): SQL | undefined {
  const [first, ...rest] = columns
  if (!first || at.length !== columns.length) return undefined
  return rest.length === 0 ? gt(first, at[0]!) : and(gte(first, at[0]!), or(gt(first, at[0]!), after(rest, at.slice(1))))
}

/**
 * The history a device keeps, as a condition on the record's day that no index is sought on (unary +): SQLite then
 * walks the commune's index in the page's order (migration 0023) and stops after a page, instead of reading every
 * record of the commune since that day and sorting them for each page (decision 0053).
 */
const historySince = (day: SQLiteColumn, since: string) => sql`+${day} >= ${since}`

/** The records a device holds, in the order a full download sends them; each with the ordinary GET route's presenter. */
const SOURCES: Record<ChangeLogEntity, Source> = {
  person: {
    id: persons.id,
    commune: persons.communeCode,
    order: [persons.id],
    snapshot: () => undefined,
    load: async (db, where, limit) => found(await db.select().from(persons).where(where).orderBy(asc(persons.id)).limit(limit), presentPerson),
  },
  plan: {
    id: rehabPlans.id,
    commune: rehabPlans.communeCode,
    order: [rehabPlans.id],
    // Open plans, and the completed plan of each active post-rehab record (its certificate, shown on the person page).
    snapshot: (_since, db, communes) => {
      const completedOfActivePostRehab = db
        .select({ id: postRehabRecords.planId })
        .from(postRehabRecords)
        .where(and(inScope(postRehabRecords.communeCode, communes), eq(postRehabRecords.status, 'active')))
      return or(inArray(rehabPlans.status, [...OPEN_PLAN_STATUSES]), inArray(rehabPlans.id, completedOfActivePostRehab))
    },
    load: loadPlans,
  },
  review: {
    id: reviews.id,
    commune: reviews.communeCode,
    order: [reviews.personId, reviews.id],
    snapshot: (since) => historySince(reviews.reviewedOn, since),
    load: async (db, where, limit) =>
      found(await db.select().from(reviews).where(where).orderBy(asc(reviews.personId), asc(reviews.id)).limit(limit), presentReview, byPerson),
  },
  post_rehab: {
    id: postRehabRecords.id,
    commune: postRehabRecords.communeCode,
    order: [postRehabRecords.id],
    snapshot: () => eq(postRehabRecords.status, 'active'),
    load: async (db, where, limit) =>
      found(await db.select().from(postRehabRecords).where(where).orderBy(asc(postRehabRecords.id)).limit(limit), presentPostRehab),
  },
  follow_up: {
    id: followUps.id,
    commune: followUps.communeCode,
    order: [followUps.personId, followUps.id],
    snapshot: (since) => historySince(followUps.contactedOn, since),
    load: async (db, where, limit) =>
      found(await db.select().from(followUps).where(where).orderBy(asc(followUps.personId), asc(followUps.id)).limit(limit), presentFollowUp, byPerson),
  },
  support: {
    id: supportRecords.id,
    commune: supportRecords.communeCode,
    order: [supportRecords.personId, supportRecords.id],
    snapshot: (since) => historySince(supportRecords.givenOn, since),
    load: async (db, where, limit) =>
      found(
        await db.select().from(supportRecords).where(where).orderBy(asc(supportRecords.personId), asc(supportRecords.id)).limit(limit),
        presentSupport,
        byPerson,
      ),
  },
  ...communitySources,
  ...legalSources,
  ...movingSources,
  ...certificationSources,
}
const sourceScope = (source: Source, communes: readonly string[] | null) => (source.scoped ? source.scoped(communes) : inScope(source.commune, communes))
/**
 * A full download's next records of `entity` after position `at` (none: from the start), at most `limit`:
 * those in `communes` that a device keeps, with the history since `since`.
 */
export function snapshotRecords(
  db: TenantDb,
  entity: ChangeLogEntity,
  communes: readonly string[] | null,
  since: string,
  at: string[],
  limit: number,
): Promise<Found[]> {
  const source = SOURCES[entity]
  return source.load(db, and(sourceScope(source, communes), source.snapshot(since, db, communes), after(source.order, at)), limit)
}

/** The records of `entity` with these ids that exist and are in `communes`, as they are now. */
export function currentRecords(db: TenantDb, entity: ChangeLogEntity, ids: string[], communes: readonly string[] | null): Promise<Found[]> {
  const source = SOURCES[entity]
  return source.load(db, and(inArray(source.id, ids), sourceScope(source, communes)), ids.length)
}

/** The first and last seq of change_log (two queries: SQLite answers a lone min() or max() from the key alone). */
export async function changeLogBounds(db: TenantDb): Promise<{ first: number; latest: number }> {
  const [[low], [high]] = await Promise.all([db.select({ seq: min(changeLog.seq) }).from(changeLog), db.select({ seq: max(changeLog.seq) }).from(changeLog)])
  return { first: low?.seq ?? 1, latest: high?.seq ?? 0 }
}

/** Whether anything changed in `communes` after `seq`. */
export async function hasChangesAfter(db: TenantDb, communes: readonly string[] | null, seq: number): Promise<boolean> {
  const [row] = await db
    .select({ seq: changeLog.seq })
    .from(changeLog)
    .where(and(gt(changeLog.seq, seq), inScope(changeLog.communeCode, communes)))
    .limit(1)
  return row !== undefined
}

/**
 * The newest seq of change_log in `communes` (0: none), asked beside a page's records rather than after them
 * (decision 0046): changes after a download's seq exist when it is greater. One max() per commune, each answered
 * from change_log_commune_seq_idx alone.
 */
export async function latestSeqIn(db: TenantDb, communes: readonly string[] | null): Promise<number> {
  if (communes === null) return (await changeLogBounds(db)).latest
  if (communes.length === 0) return 0
  const perCommune = communes.map((code) =>
    db
      .select({ seq: max(changeLog.seq) })
      .from(changeLog)
      .where(eq(changeLog.communeCode, code)),
  )
  const found = await Promise.all(perCommune)
  return Math.max(0, ...found.map(([row]) => row?.seq ?? 0))
}

/** The change_log entries in `communes` after `seq`, oldest first, at most `limit`. */
export async function changesAfter(db: TenantDb, communes: readonly string[] | null, seq: number, limit: number) {
  return db
    .select({ seq: changeLog.seq, entity: changeLog.entity, entityId: changeLog.entityId, op: changeLog.op })
    .from(changeLog)
    .where(and(gt(changeLog.seq, seq), inScope(changeLog.communeCode, communes)))
    .orderBy(asc(changeLog.seq))
    .limit(limit)
}
