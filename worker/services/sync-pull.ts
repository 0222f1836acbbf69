import { and, asc, eq, gt, gte, inArray, max, min, or, type SQL } from 'drizzle-orm'
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'
import {
  changeLog,
  communes,
  followUps,
  planTransitions,
  postRehabRecords,
  rehabPlans,
  reviews,
  persons,
  supportRecords,
  handovers,
  monitoringRecords,
  type ChangeLogEntity,
} from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'
import { OPEN_PLAN_STATUSES } from '../../kernel/domain/plan-status.ts'
import { addMonths } from '../../kernel/calendar.ts'
import type { ReviewPolicy } from '../../kernel/domain/review-schedule.ts'
import { presentPerson } from '../repo/persons.ts'
import { readCaseRules, readReviewPolicy } from '../repo/settings.ts'
import type { CaseRules } from '../../kernel/domain/case-rules.ts'
import { presentFollowUp, presentPostRehab, presentSupport } from '../repo/after-care.ts'
import { presentPlan, type PlanRow } from '../repo/plans.ts'
import { presentReview } from '../repo/reviews.ts'
import { presentHandover, presentMonitoring } from '../repo/moving.ts'
import { decodeCursor, encodeCursor, scopeHash, type Cursor, type PullScope } from './sync-cursor.ts'

/** What a device keeps of reviews, follow-ups and support at a full download; older ones are read online. */
const HISTORY_MONTHS = 12

type Collection = 'persons' | 'plans' | 'reviews' | 'postRehab' | 'followUps' | 'support' | 'handovers' | 'monitoring'
interface Found {
  id: string
  /** Its position in a full download (the `order` columns' values): where the next page starts. */
  at: string[]
  record: unknown
}
interface Source {
  collection: Collection
  id: SQLiteColumn
  commune: SQLiteColumn
  /**
   * The order of a full download, ending with the id. Reviews and follow-ups come person by person: their
   * person and plan ids then repeat within gzip's window (a 300-person caseload's reviews: 75 → 54 KB).
   */
  order: SQLiteColumn[]
  /** Which records are in the scope, when more than their `commune` decides (a hand-over: either commune). */
  scoped?(scope: PullScope): SQL | undefined
  /** Which records a full download holds (besides being in scope); `since`: the first day of history kept. */
  snapshot(since: string, db: TenantDb, scope: PullScope): SQL | undefined
  load(db: TenantDb, where: SQL | undefined, limit: number): Promise<Found[]>
}

const found = <T extends { id: string }>(rows: T[], present: (row: T) => unknown, at: (row: T) => string[] = (row) => [row.id]): Found[] =>
  rows.map((row) => ({ id: row.id, at: at(row), record: present(row) }))
const byPerson = (row: { personId: string; id: string }) => [row.personId, row.id]

async function presentPlans(db: TenantDb, rows: PlanRow[]): Promise<Found[]> {
  if (rows.length === 0) return []
  const transitions = await db
    .select()
    .from(planTransitions)
    .where(
      inArray(
        planTransitions.planId,
        rows.map((p) => p.id),
      ),
    )
    .orderBy(asc(planTransitions.id))
  const byPlan = new Map<string, typeof transitions>()
  for (const tr of transitions) byPlan.set(tr.planId, [...(byPlan.get(tr.planId) ?? []), tr])
  return found(rows, (plan) => presentPlan(plan, byPlan.get(plan.id) ?? []))
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

/** The records a device holds, in the order a full download sends them; each with the ordinary GET route's presenter. */
const SOURCES: Record<ChangeLogEntity, Source> = {
  person: {
    collection: 'persons',
    id: persons.id,
    commune: persons.communeCode,
    order: [persons.id],
    snapshot: () => undefined,
    load: async (db, where, limit) => found(await db.select().from(persons).where(where).orderBy(asc(persons.id)).limit(limit), presentPerson),
  },
  plan: {
    collection: 'plans',
    id: rehabPlans.id,
    commune: rehabPlans.communeCode,
    order: [rehabPlans.id],
    // Open plans, and the completed plan of each active post-rehab record (its certificate, shown on the person page).
    snapshot: (_since, db, scope) => {
      const completedOfActivePostRehab = db
        .select({ id: postRehabRecords.planId })
        .from(postRehabRecords)
        .where(and(inScope(postRehabRecords.communeCode, scope), eq(postRehabRecords.status, 'active')))
      return or(inArray(rehabPlans.status, [...OPEN_PLAN_STATUSES]), inArray(rehabPlans.id, completedOfActivePostRehab))
    },
    load: async (db, where, limit) => presentPlans(db, await db.select().from(rehabPlans).where(where).orderBy(asc(rehabPlans.id)).limit(limit)),
  },
  review: {
    collection: 'reviews',
    id: reviews.id,
    commune: reviews.communeCode,
    order: [reviews.personId, reviews.id],
    snapshot: (since) => gte(reviews.reviewedOn, since),
    load: async (db, where, limit) =>
      found(await db.select().from(reviews).where(where).orderBy(asc(reviews.personId), asc(reviews.id)).limit(limit), presentReview, byPerson),
  },
  post_rehab: {
    collection: 'postRehab',
    id: postRehabRecords.id,
    commune: postRehabRecords.communeCode,
    order: [postRehabRecords.id],
    snapshot: () => eq(postRehabRecords.status, 'active'),
    load: async (db, where, limit) =>
      found(await db.select().from(postRehabRecords).where(where).orderBy(asc(postRehabRecords.id)).limit(limit), presentPostRehab),
  },
  follow_up: {
    collection: 'followUps',
    id: followUps.id,
    commune: followUps.communeCode,
    order: [followUps.personId, followUps.id],
    snapshot: (since) => gte(followUps.contactedOn, since),
    load: async (db, where, limit) =>
      found(await db.select().from(followUps).where(where).orderBy(asc(followUps.personId), asc(followUps.id)).limit(limit), presentFollowUp, byPerson),
  },
  support: {
    collection: 'support',
    id: supportRecords.id,
    commune: supportRecords.communeCode,
    order: [supportRecords.personId, supportRecords.id],
    snapshot: (since) => gte(supportRecords.givenOn, since),
    load: async (db, where, limit) =>
      found(
        await db.select().from(supportRecords).where(where).orderBy(asc(supportRecords.personId), asc(supportRecords.id)).limit(limit),
        presentSupport,
        byPerson,
      ),
  },
  // Both communes see a hand-over: the receiving one accepts it, the sending one follows it (decision 0029).
  handover: {
    collection: 'handovers',
    id: handovers.id,
    commune: handovers.communeCode,
    order: [handovers.id],
    scoped: (scope) =>
      scope.communes ? or(inArray(handovers.communeCode, [...scope.communes]), inArray(handovers.fromCommuneCode, [...scope.communes])) : undefined,
    snapshot: (since) => or(eq(handovers.status, 'pending'), gte(handovers.movedOn, since)),
    load: async (db, where, limit) => found(await db.select().from(handovers).where(where).orderBy(asc(handovers.id)).limit(limit), presentHandover),
  },
  monitoring: {
    collection: 'monitoring',
    id: monitoringRecords.id,
    commune: monitoringRecords.communeCode,
    order: [monitoringRecords.id],
    snapshot: () => eq(monitoringRecords.status, 'active'),
    load: async (db, where, limit) =>
      found(await db.select().from(monitoringRecords).where(where).orderBy(asc(monitoringRecords.id)).limit(limit), presentMonitoring),
  },
}
const sourceScope = (source: Source, scope: PullScope) => (source.scoped ? source.scoped(scope) : inScope(source.commune, scope))
// Later collections come last: a cursor made before they were added (a full download under way) keeps its phase numbers.
const PHASES: ChangeLogEntity[] = ['person', 'plan', 'review', 'post_rehab', 'follow_up', 'support', 'handover', 'monitoring']

export interface PullPage {
  cursor: string
  /** True: drop everything stored for this scope before applying this page (a full download starts). */
  reset: boolean
  /** True: ask again with `cursor` at once (more pages of this download, or changes made meanwhile). */
  more: boolean
  communes?: { code: string; name: string }[]
  /**
   * The province settings a device computes with offline (the caseload's due and overdue reviews), on every
   * page: a few bytes, and a change reaches devices with their next pull. Older clients ignore it; a client
   * that gets a page without it keeps what it has (or the default).
   */
  settings: { reviewPolicy: ReviewPolicy; caseRules: CaseRules }
  persons: unknown[]
  plans: unknown[]
  reviews: unknown[]
  postRehab: unknown[]
  followUps: unknown[]
  support: unknown[]
  handovers: unknown[]
  monitoring: unknown[]
  deletes: { entity: ChangeLogEntity; id: string }[]
}

const inScope = (column: SQLiteColumn, scope: PullScope) => (scope.communes ? inArray(column, [...scope.communes]) : undefined)

/**
 * One page of GET /sync/pull, at most `limit` records (incremental: change_log entries). Without a usable cursor
 * a full download starts at the newest change_log seq, so whatever changes while its pages are fetched is sent
 * again afterwards (records are upserts: receiving one twice is harmless).
 */
export async function pullPage(db: TenantDb, scope: PullScope, cursorText: string | undefined, limit: number, today: string): Promise<PullPage> {
  const [{ first, latest }, reviewPolicy, caseRules] = await Promise.all([changeLogBounds(db), readReviewPolicy(db), readCaseRules(db)])
  const settings = { reviewPolicy, caseRules }
  let cursor = cursorText === undefined ? null : decodeCursor(cursorText, scope)
  // A seq this database never reached (restored from a backup), or entries after it pruned: start again.
  if (cursor && (cursor.s > latest || cursor.s + 1 < first)) cursor = null
  if (!cursor) {
    const page = await snapshotPage(db, scope, { v: 1, s: latest, h: scopeHash(scope), r: { e: 0, a: [] } }, limit, today)
    const scopeCommunes = await db
      .select({ code: communes.code, name: communes.name })
      .from(communes)
      .where(inScope(communes.code, scope))
      .orderBy(asc(communes.code))
    return { ...page, reset: true, communes: scopeCommunes, settings }
  }
  const page = await (cursor.r ? snapshotPage(db, scope, cursor, limit, today) : changesPage(db, scope, cursor, limit))
  return { ...page, settings }
}

/** The first and last seq of change_log (two queries: SQLite answers a lone min() or max() from the key alone). */
async function changeLogBounds(db: TenantDb): Promise<{ first: number; latest: number }> {
  const [[low], [high]] = await Promise.all([db.select({ seq: min(changeLog.seq) }).from(changeLog), db.select({ seq: max(changeLog.seq) }).from(changeLog)])
  return { first: low?.seq ?? 1, latest: high?.seq ?? 0 }
}

function emptyPage(cursor: Cursor, more: boolean): Omit<PullPage, 'settings'> {
  return {
    cursor: encodeCursor(cursor),
    reset: false,
    more,
    persons: [],
    plans: [],
    reviews: [],
    postRehab: [],
    followUps: [],
    support: [],
    handovers: [],
    monitoring: [],
    deletes: [],
  }
}

async function snapshotPage(db: TenantDb, scope: PullScope, cursor: Cursor, limit: number, today: string): Promise<Omit<PullPage, 'settings'>> {
  const since = addMonths(today, -HISTORY_MONTHS)
  const collected: [Collection, Found[]][] = []
  let { e: phase, a: at } = cursor.r ?? { e: PHASES.length, a: [] }
  let room = limit
  while (phase < PHASES.length && room > 0) {
    const source = SOURCES[PHASES[phase]!]
    const rows = await source.load(db, and(sourceScope(source, scope), source.snapshot(since, db, scope), after(source.order, at)), room + 1)
    const taken = rows.slice(0, room)
    collected.push([source.collection, taken])
    room -= taken.length
    if (rows.length > taken.length) at = taken.at(-1)!.at
    else [phase, at] = [phase + 1, []]
  }
  const done = phase >= PHASES.length
  const next: Cursor = done ? { v: 1, s: cursor.s, h: cursor.h } : { ...cursor, r: { e: phase, a: at } }
  // The download is complete as of seq `s`; changes made while it ran follow at once.
  const more = !done || (await hasChangesAfter(db, scope, cursor.s))
  const page = emptyPage(next, more)
  for (const [collection, rows] of collected) page[collection].push(...rows.map((row) => row.record))
  return page
}

async function hasChangesAfter(db: TenantDb, scope: PullScope, seq: number): Promise<boolean> {
  const [row] = await db
    .select({ seq: changeLog.seq })
    .from(changeLog)
    .where(and(gt(changeLog.seq, seq), inScope(changeLog.communeCode, scope)))
    .limit(1)
  return row !== undefined
}

/**
 * Changes after the cursor: each record once, as it is now, whatever happened to it in between. Its last
 * entry in the caller's communes decides: an upsert sends the record (or a delete when it no longer exists or
 * has since left the scope), a delete (removed, or moved to a commune outside the scope) sends a delete.
 */
async function changesPage(db: TenantDb, scope: PullScope, cursor: Cursor, limit: number): Promise<Omit<PullPage, 'settings'>> {
  const entries = await db
    .select({ seq: changeLog.seq, entity: changeLog.entity, entityId: changeLog.entityId, op: changeLog.op })
    .from(changeLog)
    .where(and(gt(changeLog.seq, cursor.s), inScope(changeLog.communeCode, scope)))
    .orderBy(asc(changeLog.seq))
    .limit(limit + 1)
  const taken = entries.slice(0, limit)
  const page = emptyPage({ v: 1, s: taken.at(-1)?.seq ?? cursor.s, h: cursor.h }, entries.length > limit)
  const last = new Map<string, { entity: ChangeLogEntity; id: string; op: 'upsert' | 'delete' }>()
  for (const entry of taken) last.set(`${entry.entity}:${entry.entityId}`, { entity: entry.entity, id: entry.entityId, op: entry.op })
  for (const entity of PHASES) {
    const changed = [...last.values()].filter((change) => change.entity === entity)
    const upserts = changed.filter((change) => change.op === 'upsert').map((change) => change.id)
    const source = SOURCES[entity]
    const rows = upserts.length ? await source.load(db, and(inArray(source.id, upserts), sourceScope(source, scope)), upserts.length) : []
    const present = new Set(rows.map((row) => row.id))
    page[source.collection].push(...rows.map((row) => row.record))
    for (const change of changed) if (!present.has(change.id)) page.deletes.push({ entity, id: change.id })
  }
  return page
}
