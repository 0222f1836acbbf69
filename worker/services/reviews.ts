import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm'
import type { InArgs } from '@libsql/client'
import { persons, rehabPlans, reviews } from '../../db/tenant/schema/index.ts'
import { appendAudit, writeTransaction } from '../../db/audit/append-audit.ts'
import type { TenantDb, TenantTx } from '../../db/types.ts'
import type { AuditContext } from '../audit-context.ts'
import { vietnamToday } from '../../kernel/calendar.ts'
import { compareByUrgency, DEFAULT_REVIEW_POLICY, nextReview, type ReviewPolicy } from '../../kernel/domain/review-schedule.ts'
import { AppError } from '../errors.ts'
import type { PersonRow } from '../repo/persons.ts'
import type { CreateReviewInput } from '../schemas/reviews.ts'
import { idTaken, type WriteOptions } from './write-options.ts'

function fieldError(field: string, message: string): AppError {
  return new AppError('validation_failed', 400, `Invalid ${field}: ${message}`, { issues: [{ field, message }] })
}

export function presentReview(row: typeof reviews.$inferSelect) {
  return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() }
}

/** A check-in, attached to the person's open plan when there is one. Replays of a client id are answered, not duplicated. */
export async function createReview(db: TenantDb, ctx: AuditContext, person: PersonRow, input: CreateReviewInput, opts: WriteOptions<ReviewView> = {}): Promise<ReviewView> {
  if (input.reviewedOn > vietnamToday(ctx.at)) throw fieldError('json.reviewedOn', 'must not be in the future')
  if (input.reviewedOn < person.birthDate) throw fieldError('json.reviewedOn', 'must be after the birth date')
  if (input.drugTest === 'positive' && !input.substance) throw fieldError('json.substance', 'is required with a positive test')
  if (input.drugTest !== 'positive' && input.substance) throw fieldError('json.substance', 'is only given with a positive test')
  const id = input.id ?? crypto.randomUUID()
  return writeTransaction(db, async (tx) => {
    const [existing] = await tx.select().from(reviews).where(eq(reviews.id, id))
    if (existing && existing.personId !== person.id) throw idTaken()
    if (existing) return answer(tx, existing, opts)
    const [open] = await tx
      .select({ id: rehabPlans.id })
      .from(rehabPlans)
      .where(and(eq(rehabPlans.personId, person.id), inArray(rehabPlans.status, ['active', 'suspended'])))
    const [inserted] = await tx.insert(reviews).values({
      id,
      personId: person.id,
      planId: open?.id ?? null,
      communeCode: person.communeCode,
      reviewedOn: input.reviewedOn,
      attended: input.attended,
      drugTest: input.drugTest,
      substance: input.substance ?? null,
      counsellingNotes: input.counsellingNotes ?? null,
      employed: input.employed ?? null,
      riskLevel: input.riskLevel,
      version: 1,
      createdAt: ctx.at,
      createdBy: ctx.actorId,
      updatedAt: ctx.at,
      updatedBy: ctx.actorId,
    }).returning()
    await appendAudit(tx, { ...ctx, action: 'review.create', entityType: 'review', entityId: id, outcome: 'success', details: { person: person.id } })
    return answer(tx, inserted!, opts)
  })
}

export type ReviewView = ReturnType<typeof presentReview>

async function answer(tx: TenantTx, row: typeof reviews.$inferSelect, opts: WriteOptions<ReviewView>): Promise<ReviewView> {
  const view = presentReview(row)
  await opts.inTransaction?.(tx, view)
  return view
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
export async function caseload(db: TenantDb, communes: readonly string[] | null, today: string, policy: ReviewPolicy | PromiseLike<ReviewPolicy> = DEFAULT_REVIEW_POLICY) {
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
  const schedules = new Map<string, ReturnType<typeof nextReview>>()
  const scheduleFrom = (base: string) => {
    let schedule = schedules.get(base)
    if (!schedule) schedules.set(base, (schedule = nextReview(base, null, today, reviewPolicy)))
    return schedule
  }
  return rows
    .map((row) => ({ ...row, nextReview: scheduleFrom(row.lastReviewOn ?? row.startOn) }))
    .sort((a, b) => compareByUrgency(a.nextReview, b.nextReview))
}

// The SQL text and parameters depend only on the communes: built once per scope, not on every request.
const caseloadSqlCache = new Map<string, { sql: string; params: unknown[] }>()
function caseloadSql(db: TenantDb, communes: readonly string[] | null) {
  const key = communes ? communes.join(',') : '*'
  let built = caseloadSqlCache.get(key)
  if (!built) {
    if (caseloadSqlCache.size >= 1_000) caseloadSqlCache.clear()
    caseloadSqlCache.set(key, (built = caseloadQuery(db, communes).toSQL()))
  }
  return built
}

/** The query caseload() runs; `.toSQL()` shows its SQL. caseload() reads its columns by position: keep the order. */
export function caseloadQuery(db: TenantDb, communes: readonly string[] | null) {
  return db
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
    .where(and(eq(rehabPlans.status, 'active'), communes ? inArray(rehabPlans.communeCode, [...communes]) : undefined, communes ? inArray(persons.communeCode, [...communes]) : undefined))
    .orderBy(asc(persons.nameKey))
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
export async function overdueReviewsByCommune(db: TenantDb, communes: readonly string[] | null, today: string, policy: ReviewPolicy = DEFAULT_REVIEW_POLICY): Promise<Record<string, number>> {
  const rows = await db
    .select({ communeCode: rehabPlans.communeCode, n: count() })
    .from(rehabPlans)
    .where(
      and(
        eq(rehabPlans.status, 'active'),
        communes ? inArray(rehabPlans.communeCode, [...communes]) : undefined,
        sql`coalesce(${lastReviewOn}, ${rehabPlans.startOn}) <= ${overdueCutoff(today, policy)}`,
      ),
    )
    .groupBy(rehabPlans.communeCode)
  return Object.fromEntries(rows.map((r) => [r.communeCode, r.n]))
}
