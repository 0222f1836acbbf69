import { and, asc, desc, eq, inArray, max } from 'drizzle-orm'
import { persons, rehabPlans, reviews } from '../../db/tenant/schema/index.ts'
import { appendAudit, writeTransaction } from '../../db/audit/append-audit.ts'
import type { TenantDb } from '../../db/types.ts'
import type { AuditContext } from '../audit-context.ts'
import { vietnamToday } from '../domain/person-rules.ts'
import { compareByUrgency, nextReview } from '../domain/review-schedule.ts'
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
 * The officer's caseload: people with an active plan in the given communes, with when their next review is
 * due — overdue first. One query for plans and last reviews (an aggregate), not one per person.
 */
export async function caseload(db: TenantDb, communes: readonly string[] | null, today: string) {
  const lastReview = db
    .select({ planId: reviews.planId, lastOn: max(reviews.reviewedOn).as('last_on') })
    .from(reviews)
    .groupBy(reviews.planId)
    .as('last_review')
  const rows = await db
    .select({
      personId: persons.id,
      fullName: persons.fullName,
      communeCode: persons.communeCode,
      planId: rehabPlans.id,
      planStatus: rehabPlans.status,
      startOn: rehabPlans.startOn,
      plannedEndOn: rehabPlans.plannedEndOn,
      lastReviewOn: lastReview.lastOn,
    })
    .from(rehabPlans)
    .innerJoin(persons, eq(persons.id, rehabPlans.personId))
    .leftJoin(lastReview, eq(lastReview.planId, rehabPlans.id))
    .where(and(eq(rehabPlans.status, 'active'), communes ? inArray(rehabPlans.communeCode, [...communes]) : undefined))
    .orderBy(asc(persons.nameKey))
  return rows
    .map((row) => ({ ...row, lastReviewOn: row.lastReviewOn ?? null, nextReview: nextReview(row.startOn, row.lastReviewOn ?? null, today) }))
    .sort((a, b) => compareByUrgency(a.nextReview, b.nextReview))
}
