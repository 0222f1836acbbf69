import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm'
import { persons, rehabPlans, reviews } from '../../db/tenant/schema/index.ts'
import { appendAudit, writeTransaction } from '../../db/audit/append-audit.ts'
import type { TenantDb } from '../../db/types.ts'
import type { AuditContext } from '../audit-context.ts'
import { vietnamToday } from '../domain/person-rules.ts'
import { compareByUrgency, DEFAULT_REVIEW_POLICY, nextReview, type ReviewPolicy } from '../domain/review-schedule.ts'
import { AppError } from '../errors.ts'
import type { PersonRow } from '../repo/persons.ts'
import type { CreateReviewInput } from '../schemas/reviews.ts'

function fieldError(field: string, message: string): AppError {
  return new AppError('validation_failed', 400, `Invalid ${field}: ${message}`, { issues: [{ field, message }] })
}

export function presentReview(row: typeof reviews.$inferSelect) {
  return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() }
}

/** A check-in, attached to the person's open plan when there is one. Replays of a client id are answered, not duplicated. */
export async function createReview(db: TenantDb, ctx: AuditContext, person: PersonRow, input: CreateReviewInput) {
  if (input.reviewedOn > vietnamToday(ctx.at)) throw fieldError('json.reviewedOn', 'must not be in the future')
  if (input.reviewedOn < person.birthDate) throw fieldError('json.reviewedOn', 'must be after the birth date')
  if (input.drugTest === 'positive' && !input.substance) throw fieldError('json.substance', 'is required with a positive test')
  if (input.drugTest !== 'positive' && input.substance) throw fieldError('json.substance', 'is only given with a positive test')
  const id = input.id ?? crypto.randomUUID()
  await writeTransaction(db, async (tx) => {
    const [existing] = await tx.select({ id: reviews.id }).from(reviews).where(eq(reviews.id, id))
    if (existing) return
    const [open] = await tx
      .select({ id: rehabPlans.id })
      .from(rehabPlans)
      .where(and(eq(rehabPlans.personId, person.id), inArray(rehabPlans.status, ['active', 'suspended'])))
    await tx.insert(reviews).values({
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
    })
    await appendAudit(tx, { ...ctx, action: 'review.create', entityType: 'review', entityId: id, outcome: 'success', details: { person: person.id } })
  })
  const [row] = await db.select().from(reviews).where(eq(reviews.id, id))
  return presentReview(row!)
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
 * due — overdue first. One query for plans and last reviews, not one per person.
 */
export async function caseload(db: TenantDb, communes: readonly string[] | null, today: string) {
  const rows = await caseloadQuery(db, communes)
  return rows
    .map((row) => ({ ...row, lastReviewOn: row.lastReviewOn ?? null, nextReview: nextReview(row.startOn, row.lastReviewOn ?? null, today) }))
    .sort((a, b) => compareByUrgency(a.nextReview, b.nextReview))
}

/** The query caseload() runs; `.toSQL()` shows its SQL. */
export function caseloadQuery(db: TenantDb, communes: readonly string[] | null) {
  return db
    .select({
      personId: persons.id,
      fullName: persons.fullName,
      communeCode: persons.communeCode,
      planId: rehabPlans.id,
      planStatus: rehabPlans.status,
      startOn: rehabPlans.startOn,
      plannedEndOn: rehabPlans.plannedEndOn,
      lastReviewOn,
    })
    .from(rehabPlans)
    .innerJoin(persons, eq(persons.id, rehabPlans.personId))
    .where(and(eq(rehabPlans.status, 'active'), communes ? inArray(rehabPlans.communeCode, [...communes]) : undefined))
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

/** Active plans overdue for review today, per commune (caseload()'s rule, counted in SQL). */
export async function overdueReviewsByCommune(db: TenantDb, communes: readonly string[] | null, today: string): Promise<Record<string, number>> {
  const rows = await db
    .select({ communeCode: rehabPlans.communeCode, n: count() })
    .from(rehabPlans)
    .where(
      and(
        eq(rehabPlans.status, 'active'),
        communes ? inArray(rehabPlans.communeCode, [...communes]) : undefined,
        sql`coalesce(${lastReviewOn}, ${rehabPlans.startOn}) <= ${overdueCutoff(today)}`,
      ),
    )
    .groupBy(rehabPlans.communeCode)
  return Object.fromEntries(rows.map((r) => [r.communeCode, r.n]))
}
