import { and, asc, desc, eq, inArray } from 'drizzle-orm'
import {
  followUps, managementPeriods, persons, planTransitions, postRehabRecords, rehabPlans, reviews, supportRecords,
} from '../../db/tenant/schema/index.ts'
import { appendAudit, writeTransaction } from '../../db/audit/append-audit.ts'
import type { TenantDb, TenantTx } from '../../db/types.ts'
import type { AuditContext } from '../audit-context.ts'
import { addMonths, vietnamToday } from '../../kernel/calendar.ts'
import type { TimelineEvent } from '../../kernel/contract/cases.ts'
import { postRehabEndOn } from '../../kernel/domain/after-care.ts'
import { canTransition, PLAN_TRANSITIONS } from '../../kernel/domain/plan-status.ts'
import { AppError } from '../errors.ts'
import type { PersonRow } from '../repo/persons.ts'
import type { CompletePlanInput, FollowUpInput, ManagementPeriodInput, RelapseInput, SupportInput } from '../schemas/after-care.ts'
import { loadPlanView, type PlanRow, type PlanView } from './plans.ts'
import { idTaken, type WriteOptions } from './write-options.ts'

/** An illegal drug user's management period lasts one year (post-rehab management: kernel/domain/after-care.ts). */
export const MANAGEMENT_MONTHS = 12

function fieldError(field: string, message: string): AppError {
  return new AppError('validation_failed', 400, `Invalid ${field}: ${message}`, { issues: [{ field, message }] })
}
function stamp(ctx: AuditContext) {
  return { version: 1, createdAt: ctx.at, createdBy: ctx.actorId, updatedAt: ctx.at, updatedBy: ctx.actorId }
}

/**
 * Completion: the certificate closes the plan as completed and opens 12 months of post-rehab management, in one
 * transaction; the person becomes post-rehab. `opts.inTransaction` gets the completed plan as the API answers it.
 */
export async function completePlan(db: TenantDb, ctx: AuditContext, plan: PlanRow, input: CompletePlanInput, opts: WriteOptions<PlanView> = {}) {
  if (input.version !== plan.version) throw new AppError('conflict', 409, `This plan was changed meanwhile (now version ${plan.version})`, { current: await loadPlanView(db, plan.id) })
  if (!canTransition(plan.status, 'completed')) {
    throw new AppError('conflict', 409, `A ${plan.status} plan cannot be completed; allowed: ${PLAN_TRANSITIONS[plan.status].join(', ') || 'none (the plan has ended)'}`, { from: plan.status, allowed: PLAN_TRANSITIONS[plan.status] })
  }
  if (input.completionDate > vietnamToday(ctx.at)) throw fieldError('json.completionDate', 'must not be in the future')
  if (input.completionDate < plan.startOn) throw fieldError('json.completionDate', 'must not be before the plan started')
  const recordId = input.postRehabId ?? crypto.randomUUID()
  return writeTransaction(db, async (tx) => {
    // A client-made id is new: a completion is applied once (its version), so an existing record is someone else's.
    const [taken] = await tx.select({ id: postRehabRecords.id }).from(postRehabRecords).where(eq(postRehabRecords.id, recordId))
    if (taken) throw idTaken('json.postRehabId')
    const updated = await tx
      .update(rehabPlans)
      .set({ status: 'completed', completionNumber: input.completionNumber, completionDate: input.completionDate, completionSigner: input.signer, version: plan.version + 1, updatedAt: ctx.at, updatedBy: ctx.actorId })
      .where(and(eq(rehabPlans.id, plan.id), eq(rehabPlans.version, plan.version)))
      .returning({ id: rehabPlans.id })
    if (updated.length === 0) throw new AppError('conflict', 409, 'This plan was changed meanwhile; reload it')
    await tx.insert(planTransitions).values({ planId: plan.id, fromStatus: plan.status, toStatus: 'completed', reason: null, note: `certificate ${input.completionNumber}`, at: ctx.at, by: ctx.actorId })
    const [postRehab] = await tx.insert(postRehabRecords).values({
      id: recordId, personId: plan.personId, communeCode: plan.communeCode, planId: plan.id, startOn: input.completionDate,
      endOn: postRehabEndOn(input.completionDate), supportModel: input.supportModel, supporterName: input.supporterName,
      status: 'active', relapseOn: null, relapseNote: null, ...stamp(ctx),
    }).returning()
    const [person] = await tx.select({ version: persons.version }).from(persons).where(eq(persons.id, plan.personId))
    await tx.update(persons).set({ status: 'post_rehab', category: 'post_rehab', version: (person?.version ?? 0) + 1, updatedAt: ctx.at, updatedBy: ctx.actorId }).where(eq(persons.id, plan.personId))
    await appendAudit(tx, { ...ctx, action: 'plan.complete', entityType: 'plan', entityId: plan.id, outcome: 'success', details: { postRehab: recordId } })
    const view = await loadPlanView(tx, plan.id)
    await opts.inTransaction?.(tx, view)
    return { plan: view, postRehab: postRehab! }
  })
}

type PostRehabRow = typeof postRehabRecords.$inferSelect
type FollowUpRow = typeof followUps.$inferSelect

/** A post-rehab record as the API shows it (what c.json makes of the row: dates as ISO strings). */
export function presentPostRehab(row: PostRehabRow) {
  return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() }
}

/** A follow-up as the API shows it (what c.json makes of the row: dates as ISO strings). */
export function presentFollowUp(row: FollowUpRow) {
  return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() }
}
export type FollowUpView = ReturnType<typeof presentFollowUp>
export type PostRehabView = ReturnType<typeof presentPostRehab>

type SupportRow = typeof supportRecords.$inferSelect

/** A support record as the API shows it (what c.json makes of the row: dates as ISO strings). */
export function presentSupport(row: SupportRow) {
  return { ...row, createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() }
}
export type SupportView = ReturnType<typeof presentSupport>

export async function findPostRehab(db: TenantDb, id: string) {
  const [row] = await db.select().from(postRehabRecords).where(eq(postRehabRecords.id, id))
  return row
}

export async function addFollowUp(db: TenantDb, ctx: AuditContext, record: typeof postRehabRecords.$inferSelect, input: FollowUpInput, opts: WriteOptions<FollowUpView> = {}): Promise<FollowUpRow> {
  if (record.status !== 'active') throw new AppError('conflict', 409, `Post-rehab management has ${record.status === 'relapsed' ? 'ended with a relapse' : 'ended'}`)
  if (input.contactedOn > vietnamToday(ctx.at)) throw fieldError('json.contactedOn', 'must not be in the future')
  if (input.contactedOn < record.startOn) throw fieldError('json.contactedOn', 'must not be before post-rehab management started')
  const id = input.id ?? crypto.randomUUID()
  return writeTransaction(db, async (tx) => {
    const [existing] = await tx.select().from(followUps).where(eq(followUps.id, id))
    if (existing && existing.postRehabId !== record.id) throw idTaken()
    if (existing) return answerFollowUp(tx, existing, opts)
    const [inserted] = await tx.insert(followUps).values({ id, postRehabId: record.id, personId: record.personId, communeCode: record.communeCode, contactedOn: input.contactedOn, method: input.method, notes: input.notes ?? null, ...stamp(ctx) }).returning()
    await appendAudit(tx, { ...ctx, action: 'follow_up.create', entityType: 'follow_up', entityId: id, outcome: 'success', details: { postRehab: record.id } })
    return answerFollowUp(tx, inserted!, opts)
  })
}

async function answerFollowUp(tx: TenantTx, row: FollowUpRow, opts: WriteOptions<FollowUpView>): Promise<FollowUpRow> {
  await opts.inTransaction?.(tx, presentFollowUp(row))
  return row
}

/**
 * A relapse ends post-rehab management and makes the person drug-dependent again, so a new plan may start.
 * `opts.inTransaction` gets the record as the API answers it.
 */
export async function recordRelapse(db: TenantDb, ctx: AuditContext, record: PostRehabRow, input: RelapseInput, opts: WriteOptions<PostRehabView> = {}): Promise<PostRehabRow> {
  if (input.version !== record.version) throw new AppError('conflict', 409, `This record was changed meanwhile (now version ${record.version})`, { current: presentPostRehab(record) })
  if (record.status !== 'active') throw new AppError('conflict', 409, 'Only active post-rehab management can end in a relapse')
  if (input.relapseOn > vietnamToday(ctx.at)) throw fieldError('json.relapseOn', 'must not be in the future')
  if (input.relapseOn < record.startOn) throw fieldError('json.relapseOn', 'must not be before post-rehab management started')
  return writeTransaction(db, async (tx) => {
    const [updated] = await tx
      .update(postRehabRecords)
      .set({ status: 'relapsed', relapseOn: input.relapseOn, relapseNote: input.note ?? null, version: record.version + 1, updatedAt: ctx.at, updatedBy: ctx.actorId })
      .where(and(eq(postRehabRecords.id, record.id), eq(postRehabRecords.version, record.version)))
      .returning()
    if (!updated) throw new AppError('conflict', 409, 'This record was changed meanwhile; reload it')
    const [person] = await tx.select({ version: persons.version }).from(persons).where(eq(persons.id, record.personId))
    await tx.update(persons).set({ category: 'dependent', status: 'under_management', version: (person?.version ?? 0) + 1, updatedAt: ctx.at, updatedBy: ctx.actorId }).where(eq(persons.id, record.personId))
    await appendAudit(tx, { ...ctx, action: 'post_rehab.relapse', entityType: 'post_rehab', entityId: record.id, outcome: 'success' })
    await opts.inTransaction?.(tx, presentPostRehab(updated))
    return updated
  })
}

/** Support given to a person; `input.id` (client-made) makes a replay answer the stored record. */
export async function addSupport(db: TenantDb, ctx: AuditContext, person: PersonRow, input: SupportInput, opts: WriteOptions<SupportView> = {}): Promise<SupportRow> {
  if (input.givenOn > vietnamToday(ctx.at)) throw fieldError('json.givenOn', 'must not be in the future')
  const id = input.id ?? crypto.randomUUID()
  return writeTransaction(db, async (tx) => {
    const [existing] = await tx.select().from(supportRecords).where(eq(supportRecords.id, id))
    if (existing && existing.personId !== person.id) throw idTaken()
    if (existing) return answerSupport(tx, existing, opts)
    const [inserted] = await tx.insert(supportRecords).values({ id, personId: person.id, communeCode: person.communeCode, kind: input.kind, givenOn: input.givenOn, amountVnd: input.amountVnd ?? null, note: input.note ?? null, ...stamp(ctx) }).returning()
    await appendAudit(tx, { ...ctx, action: 'support.create', entityType: 'support', entityId: id, outcome: 'success', details: { kind: input.kind } })
    return answerSupport(tx, inserted!, opts)
  })
}

async function answerSupport(tx: TenantTx, row: SupportRow, opts: WriteOptions<SupportView>): Promise<SupportRow> {
  await opts.inTransaction?.(tx, presentSupport(row))
  return row
}

export async function addManagementPeriod(db: TenantDb, ctx: AuditContext, person: PersonRow, input: ManagementPeriodInput) {
  if (person.category !== 'drug_user') throw new AppError('conflict', 409, 'Management periods are for illegal drug users (category drug_user)')
  if (input.startOn > vietnamToday(ctx.at)) throw fieldError('json.startOn', 'must not be in the future')
  const id = input.id ?? crypto.randomUUID()
  await writeTransaction(db, async (tx) => {
    const [existing] = await tx.select({ id: managementPeriods.id, personId: managementPeriods.personId }).from(managementPeriods).where(eq(managementPeriods.id, id))
    if (existing && existing.personId !== person.id) throw idTaken()
    if (existing) return
    const [active] = await tx.select({ id: managementPeriods.id }).from(managementPeriods).where(and(eq(managementPeriods.personId, person.id), eq(managementPeriods.status, 'active')))
    if (active) throw new AppError('conflict', 409, 'This person already has an active management period')
    await tx.insert(managementPeriods).values({ id, personId: person.id, communeCode: person.communeCode, startOn: input.startOn, endOn: addMonths(input.startOn, MANAGEMENT_MONTHS), measures: input.measures, status: 'active', endReason: null, ...stamp(ctx) })
    await appendAudit(tx, { ...ctx, action: 'management.create', entityType: 'management_period', entityId: id, outcome: 'success' })
  })
  const [row] = await db.select().from(managementPeriods).where(eq(managementPeriods.id, id))
  return row!
}

export type { TimelineEvent }

/** Everything that happened to a person, newest first: plan transitions, reviews, support, post-rehab and follow-ups. */
export async function timeline(db: TenantDb, person: PersonRow): Promise<TimelineEvent[]> {
  const plans = await db.select().from(rehabPlans).where(eq(rehabPlans.personId, person.id))
  const planIds = plans.map((p) => p.id)
  const [transitions, reviewRows, support, records, follow, periods] = await Promise.all([
    planIds.length ? db.select().from(planTransitions).where(inArray(planTransitions.planId, planIds)).orderBy(asc(planTransitions.id)) : [],
    db.select().from(reviews).where(eq(reviews.personId, person.id)),
    db.select().from(supportRecords).where(eq(supportRecords.personId, person.id)),
    db.select().from(postRehabRecords).where(eq(postRehabRecords.personId, person.id)),
    db.select().from(followUps).where(eq(followUps.personId, person.id)).orderBy(desc(followUps.contactedOn)),
    db.select().from(managementPeriods).where(eq(managementPeriods.personId, person.id)),
  ])
  const events: TimelineEvent[] = [
    // Event days are Vietnam's calendar days (an officer registering at 06:30 did so today, not "yesterday" in UTC).
    { on: vietnamToday(person.createdAt), at: person.createdAt.toISOString(), kind: 'registered', summary: { category: person.category }, refId: person.id },
    ...transitions.map((tr): TimelineEvent => ({ on: vietnamToday(tr.at), at: tr.at.toISOString(), kind: 'plan_status', summary: { from: tr.fromStatus, to: tr.toStatus, reason: tr.reason, note: tr.note }, refId: tr.planId })),
    ...reviewRows.map((r): TimelineEvent => ({ on: r.reviewedOn, at: r.createdAt.toISOString(), kind: 'review', summary: { attended: r.attended, drugTest: r.drugTest, riskLevel: r.riskLevel, employed: r.employed }, refId: r.id })),
    ...support.map((s): TimelineEvent => ({ on: s.givenOn, at: s.createdAt.toISOString(), kind: 'support', summary: { kind: s.kind, amountVnd: s.amountVnd }, refId: s.id })),
    ...records.map((r): TimelineEvent => ({ on: r.startOn, at: r.createdAt.toISOString(), kind: 'post_rehab', summary: { status: r.status, endOn: r.endOn, supportModel: r.supportModel, relapseOn: r.relapseOn }, refId: r.id })),
    ...follow.map((f): TimelineEvent => ({ on: f.contactedOn, at: f.createdAt.toISOString(), kind: 'follow_up', summary: { method: f.method, notes: f.notes }, refId: f.id })),
    ...periods.map((m): TimelineEvent => ({ on: m.startOn, at: m.createdAt.toISOString(), kind: 'management_period', summary: { endOn: m.endOn, status: m.status }, refId: m.id })),
  ]
  return events.sort((a, b) => (a.on === b.on ? b.at.localeCompare(a.at) : b.on.localeCompare(a.on)))
}

export async function listPostRehab(db: TenantDb, personId: string) {
  const records = await db.select().from(postRehabRecords).where(eq(postRehabRecords.personId, personId)).orderBy(desc(postRehabRecords.startOn))
  const follow = records.length ? await db.select().from(followUps).where(inArray(followUps.postRehabId, records.map((r) => r.id))).orderBy(desc(followUps.contactedOn)) : []
  return records.map((r) => ({ ...r, followUps: follow.filter((f) => f.postRehabId === r.id) }))
}
