import { and, count, desc, eq, inArray, sql } from 'drizzle-orm'
import type { InArgs } from '@libsql/client'
import { rehabPlans, reviews } from '../../db/tenant/schema/index.ts'
import type { TenantDb, TenantTx } from '../../db/types.ts'
import type { ReviewRecord } from '../../kernel/records.ts'
import { daysOverdue, DEFAULT_REVIEW_POLICY, nextReview, type ReviewPolicy } from '../../kernel/domain/review-schedule.ts'

type ReviewRow = typeof reviews.$inferSelect

export function presentReview(row: ReviewRow): ReviewRecord {
  return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() }
}

export type ReviewView = ReviewRecord

export function reviewRow(record: ReviewRecord): ReviewRow {
  return { ...record, createdAt: new Date(record.createdAt), updatedAt: new Date(record.updatedAt) }
}

export async function findReview(db: TenantDb | TenantTx, id: string): Promise<ReviewRow | undefined> {
  const [row] = await db.select().from(reviews).where(eq(reviews.id, id))
  return row
}

export async function listReviews(db: TenantDb, personId: string) {
  const rows = await db.select().from(reviews).where(eq(reviews.personId, personId)).orderBy(desc(reviews.reviewedOn), desc(reviews.createdAt))
  return rows.map(presentReview)
}

/** The caseload's order: a plan's base day (its latest review, or its start), then its id (index rehab_plans_*caseload_idx). */
const BASE = 'coalesce(rp.last_review_on, rp.start_on)'

export interface CaseloadPage {
  rows: (CaseloadRowBase & { nextReview: ReturnType<typeof nextReview>; daysOverdue: number })[]
  summary: { overdue: number; due: number; total: number }
  /** The keyset after the last row, when there may be more. */
  next: [string, string] | null
}
type CaseloadRowBase = {
  personId: string
  fullName: string
  communeCode: string
  planId: string
  startOn: string
  plannedEndOn: string
  lastReviewOn: string | null
}

/**
 * The whole caseload's counts read every active plan of the scope: tens of thousands in a large province, 20–40 ms
 * at 300,000 people, on every page (#19). They change only when a plan, a review or a person changes, and each such
 * write adds a change_log entry (the sync triggers: no write path can skip them), whose newest seq only grows (the
 * pruning keeps it). So a connection keeps each scope's counts with that seq and the day's cut-offs, and counts
 * again when either moved. Per connection: every process of a cluster, and a reopened file, checks for itself.
 */
interface KeptCounts {
  version: number
  total: number
  overdue: number
  dueOrOverdue: number
}
const countsKept = new WeakMap<object, Map<string, KeptCounts>>()
/** Scopes kept per connection: a province's officers have a few hundred different sets of communes at most. */
const MAX_KEPT_COUNTS = 1_000

/**
 * One page of the officer's caseload: people with an active plan in the given communes (null: the province),
 * most urgent first, under the province's review policy, with the counts of the whole caseload. The next review
 * is due a fixed interval after the base day, so the base day's order is the urgency order: each page is one
 * seek in rehab_plans_caseload_idx (or its per-commune twin) and the counts are two cut-off days compared in
 * the same index, whatever the province's size (#19.3). `policy` may be the pending read of the setting.
 */
export async function caseload(
  db: TenantDb,
  communes: readonly string[] | null,
  today: string,
  policy: ReviewPolicy | PromiseLike<ReviewPolicy> = DEFAULT_REVIEW_POLICY,
  page: {
    after?: [string, string] | undefined
    limit: number
    /** Work of the same request that needs the page's size (its audit entry): issued beside the counts, sharing their round trip. */
    alongside?: ((listed: number) => Promise<unknown>) | undefined
  } = { limit: 100 },
): Promise<CaseloadPage> {
  const scope = caseloadScope(communes)
  const after = page.after ? ` AND ${BASE} >= ? AND (${BASE} > ? OR rp.id > ?)` : ''
  const afterArgs = page.after ? [page.after[0], page.after[0], page.after[1]] : []
  // Two round trips at most on the Hrana path (decision 0046): the page and the change log's newest entry beside
  // the review policy, whose cut-offs the counts need; then, beside what the caller issues with the page's size,
  // the counts, only when the kept ones are out of date (countsKept). The rows are read by position: this is
  // every officer's home screen.
  const [reviewPolicy, [pageResult, versionResult]] = await Promise.all([
    policy,
    db.$client.batch(
      [
        {
          sql: `SELECT p.id, p.full_name, p.commune_code, rp.id, rp.start_on, rp.planned_end_on, rp.last_review_on, ${BASE}
            FROM rehab_plans rp JOIN persons p ON p.id = rp.person_id${scope.join}
            WHERE rp.status = 'active'${scope.where}${after} ORDER BY ${BASE}, rp.id LIMIT ?`,
          args: [...scope.args, ...scope.args, ...afterArgs, page.limit + 1] as InArgs,
        },
        { sql: 'SELECT max(seq) FROM change_log', args: [] },
      ],
      'read',
    ),
  ])
  const cutoffs = [overdueCutoff(today, reviewPolicy), cutoff(today, reviewPolicy, 'due')]
  const version = Number(versionResult!.rows[0]?.[0] ?? 0)
  const kept = countsKept.get(db.$client) ?? new Map<string, KeptCounts>()
  countsKept.set(db.$client, kept)
  const key = JSON.stringify([communes, cutoffs])
  const held = kept.get(key)
  const [countResult] = await Promise.all([
    held?.version === version
      ? null
      : db.$client.execute({
          // The person's commune as a set of ids read once from persons_commune_name_idx (covering), not a lookup
          // of every plan's person row, spread over the whole table (a large commune has thousands of plans: #19).
          // The `+` keeps SQLite on the commune's caseload index rather than walking the commune's people.
          sql: `SELECT count(*), coalesce(sum(${BASE} <= ?), 0), coalesce(sum(${BASE} <= ?), 0)
            FROM rehab_plans rp WHERE rp.status = 'active'${scope.where}${scope.persons}`,
          args: [...cutoffs, ...scope.args, ...scope.args] as InArgs,
        }),
    page.alongside?.(Math.min(pageResult!.rows.length, page.limit)),
  ])
  let counts = held
  if (countResult || !counts) {
    const [total, overdue, dueOrOverdue] = [0, 1, 2].map((i) => Number(countResult?.rows[0]?.[i] ?? 0)) as [number, number, number]
    counts = { version, total, overdue, dueOrOverdue }
    if (kept.size >= MAX_KEPT_COUNTS) kept.delete(kept.keys().next().value!)
    kept.set(key, counts)
  }
  const { total, overdue, dueOrOverdue } = counts
  const listed = pageResult!.rows.slice(0, page.limit)
  const rows = listed.map((r) => {
    const lastReviewOn = (r[6] as string | null) ?? null
    const next = nextReview(lastReviewOn ?? (r[4] as string), null, today, reviewPolicy)
    return {
      personId: r[0] as string,
      fullName: r[1] as string,
      communeCode: r[2] as string,
      planId: r[3] as string,
      startOn: r[4] as string,
      plannedEndOn: r[5] as string,
      lastReviewOn,
      nextReview: next,
      daysOverdue: daysOverdue(next.dueOn, today, reviewPolicy),
    }
  })
  const last = listed.at(-1)
  return {
    rows,
    summary: { overdue, due: dueOrOverdue - overdue, total },
    next: pageResult!.rows.length > page.limit && last ? [last[7] as string, last[3] as string] : null,
  }
}

/**
 * The scope's conditions: the person's commune too, so nobody outside the officer's communes is ever listed
 * whatever a plan row says. One commune is an equality, which lets SQLite seek in the per-commune index.
 */
function caseloadScope(communes: readonly string[] | null): { join: string; where: string; persons: string; args: string[] } {
  if (!communes) return { join: '', where: '', persons: '', args: [] }
  if (communes.length === 0) return { join: ' AND 0', where: ' AND 0', persons: '', args: [] }
  const list = communes.length === 1 ? '= ?' : `IN (${communes.map(() => '?').join(', ')})`
  return {
    join: ` AND p.commune_code ${list}`,
    where: ` AND rp.commune_code ${list}`,
    persons: ` AND +rp.person_id IN (SELECT id FROM persons WHERE commune_code ${list})`,
    args: [...communes],
  }
}

/** The caseload's SQL for a commune, as caseload() runs it, for the benchmarks' direct-driver floor. */
export function caseloadQuery(communes: readonly string[]) {
  const scope = caseloadScope(communes)
  return {
    sql: `SELECT p.id, p.full_name, p.commune_code, rp.id, rp.start_on, rp.planned_end_on, rp.last_review_on, ${BASE}
      FROM rehab_plans rp JOIN persons p ON p.id = rp.person_id${scope.join}
      WHERE rp.status = 'active'${scope.where} ORDER BY ${BASE}, rp.id LIMIT ?`,
    params: [...scope.args, ...scope.args, 101],
  }
}

/**
 * The latest "base" date (the last review, or the plan's start when there is none) for which an active plan is
 * overdue today (or, with 'due', due or overdue). nextReview's due date never decreases as the base date
 * increases, so a plan is in that state exactly when its base date is on or before this day: the caseload's
 * counts and the reports compare in SQL with the same rule, without loading every plan of the province.
 */
export function overdueCutoff(today: string, policy: ReviewPolicy = DEFAULT_REVIEW_POLICY): string {
  return cutoff(today, policy, 'overdue')
}

function cutoff(today: string, policy: ReviewPolicy, at: 'overdue' | 'due'): string {
  const start = new Date(`${today}T00:00:00Z`).getTime()
  for (let back = 0; back <= 3_700; back++) {
    const base = new Date(start - back * 86_400_000).toISOString().slice(0, 10)
    const state = nextReview(base, null, today, policy).state
    if (state === 'overdue' || (at === 'due' && state === 'due')) return base
  }
  throw new Error('no overdue cutoff within ten years: check the review policy')
}

/** Active plans overdue for review today under `policy`, per commune (caseload()'s rule, counted in SQL). */
export async function overdueReviewsByCommune(
  db: TenantDb,
  communes: readonly string[] | null,
  today: string,
  policy: ReviewPolicy = DEFAULT_REVIEW_POLICY,
): Promise<Record<string, number>> {
  return overdueByCommuneOf(await overdueReviewsQuery(db, communes, overdueCutoff(today, policy)))
}

/** The count of overdueReviewsByCommune for plans last reviewed (or started) on or before `cutoff`, not yet run. */
export function overdueReviewsQuery(db: TenantDb, communes: readonly string[] | null, cutoff: string) {
  return db
    .select({ communeCode: rehabPlans.communeCode, n: count() })
    .from(rehabPlans)
    .where(
      and(
        eq(rehabPlans.status, 'active'),
        communes ? inArray(rehabPlans.communeCode, [...communes]) : undefined,
        // The plan's latest review as the reviews' triggers keep it: one range seek on rehab_plans_overdue_idx.
        sql`coalesce(${rehabPlans.lastReviewOn}, ${rehabPlans.startOn}) <= ${cutoff}`,
      ),
    )
    .groupBy(rehabPlans.communeCode)
}

export const overdueByCommuneOf = (rows: readonly { communeCode: string; n: number }[]): Record<string, number> =>
  Object.fromEntries(rows.map((r) => [r.communeCode, r.n]))
