import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm'
import type { InArgs } from '@libsql/client'
import { persons, rehabPlans, reviews } from '../../db/tenant/schema/index.ts'
import type { TenantDb, TenantTx } from '../../db/types.ts'
import type { ReviewRecord } from '../../kernel/records.ts'
import { compareByUrgency, daysOverdue, DEFAULT_REVIEW_POLICY, nextReview, type ReviewPolicy } from '../../kernel/domain/review-schedule.ts'

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

/**
 * A plan's latest review date, as a correlated subquery: one seek in reviews_plan_idx (plan_id, reviewed_on)
 * per plan. (A join on `select plan_id, max(reviewed_on) … group by plan_id` made SQLite aggregate every review
 * of the province for each caseload, ~20 ms per 70,000 reviews: see docs/benchmarks.md.)
 */
const lastReviewOn = sql<string | null>`(select max(${reviews.reviewedOn}) from ${reviews} where ${reviews.planId} = ${rehabPlans.id})`

/**
 * The officer's caseload: people with an active plan in the given communes, with when their next review is
 * due under the province's review policy (worker/repo/settings.ts) — overdue first. One query for plans and
 * last reviews, not one per person. `policy` may be the pending read of the setting: it then runs alongside
 * the caseload query instead of before it.
 */
export async function caseload(
  db: TenantDb,
  communes: readonly string[] | null,
  today: string,
  policy: ReviewPolicy | PromiseLike<ReviewPolicy> = DEFAULT_REVIEW_POLICY,
) {
  // drizzle builds the SQL (one definition, below); the rows are read by position here because this is every
  // officer's home screen and drizzle's generic per-row mapping cost about as much as the query (docs/benchmarks.md).
  const query = caseloadSql(db, communes)
  const [result, reviewPolicy] = await Promise.all([db.$client.execute({ sql: query.sql, args: query.params as InArgs }), policy])
  const rows = result.rows.map((r) => ({
    personId: r[0] as string,
    fullName: r[1] as string,
    communeCode: r[2] as string,
    planId: r[3] as string,
    startOn: r[4] as string,
    plannedEndOn: r[5] as string,
    lastReviewOn: (r[6] as string | null) ?? null,
  }))
  // Plans share base dates (reviews happen on the same days): compute each schedule once per request.
  const schedules = new Map<string, { nextReview: ReturnType<typeof nextReview>; daysOverdue: number }>()
  const scheduleFrom = (base: string) => {
    let schedule = schedules.get(base)
    if (!schedule) {
      const next = nextReview(base, null, today, reviewPolicy)
      schedule = { nextReview: next, daysOverdue: daysOverdue(next.dueOn, today, reviewPolicy) }
      schedules.set(base, schedule)
    }
    return schedule
  }
  return rows.map((row) => ({ ...row, ...scheduleFrom(row.lastReviewOn ?? row.startOn) })).sort((a, b) => compareByUrgency(a.nextReview, b.nextReview))
}

// The SQL text and parameters depend only on the communes: built once per scope, not on every request.
const caseloadSqlCache = new Map<string, { sql: string; params: unknown[] }>()
function caseloadSql(db: TenantDb, communes: readonly string[] | null) {
  const key = communes ? communes.join(',') : '*'
  let built = caseloadSqlCache.get(key)
  if (!built) {
    if (caseloadSqlCache.size >= 1_000) caseloadSqlCache.clear()
    built = caseloadQuery(db, communes).toSQL()
    caseloadSqlCache.set(key, built)
  }
  return built
}

/** The query caseload() runs; `.toSQL()` shows its SQL. caseload() reads its columns by position: keep the order. */
export function caseloadQuery(db: TenantDb, communes: readonly string[] | null) {
  return (
    db
      .select({
        personId: persons.id,
        fullName: persons.fullName,
        communeCode: persons.communeCode,
        planId: rehabPlans.id,
        // No plan status: the caseload is active plans only.
        startOn: rehabPlans.startOn,
        plannedEndOn: rehabPlans.plannedEndOn,
        lastReviewOn,
      })
      .from(rehabPlans)
      .innerJoin(persons, eq(persons.id, rehabPlans.personId))
      // The person's commune too: nobody outside the officer's communes is ever listed, whatever a plan row says.
      .where(
        and(
          eq(rehabPlans.status, 'active'),
          communes ? inArray(rehabPlans.communeCode, [...communes]) : undefined,
          communes ? inArray(persons.communeCode, [...communes]) : undefined,
        ),
      )
      .orderBy(asc(persons.nameKey))
  )
}

/**
 * The latest "base" date (the last review, or the plan's start when there is none) for which an active plan is
 * overdue today. nextReview's due date never decreases as the base date increases, so a plan is overdue exactly
 * when its base date is on or before this day: reports count overdue plans in SQL with the same rule as the
 * caseload, without loading every plan of the province.
 */
export function overdueCutoff(today: string, policy: ReviewPolicy = DEFAULT_REVIEW_POLICY): string {
  const start = new Date(`${today}T00:00:00Z`).getTime()
  for (let back = 0; back <= 3_700; back++) {
    const base = new Date(start - back * 86_400_000).toISOString().slice(0, 10)
    if (nextReview(base, null, today, policy).state === 'overdue') return base
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
  const rows = await db
    .select({ communeCode: rehabPlans.communeCode, n: count() })
    .from(rehabPlans)
    .where(
      and(
        eq(rehabPlans.status, 'active'),
        communes ? inArray(rehabPlans.communeCode, [...communes]) : undefined,
        // The plan's latest review as the reviews' triggers keep it: one range seek on rehab_plans_overdue_idx.
        sql`coalesce(${rehabPlans.lastReviewedOn}, ${rehabPlans.startOn}) <= ${overdueCutoff(today, policy)}`,
      ),
    )
    .groupBy(rehabPlans.communeCode)
  return Object.fromEntries(rows.map((r) => [r.communeCode, r.n]))
}
