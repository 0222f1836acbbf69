import { and, asc, eq, inArray } from 'drizzle-orm'
import { persons, planTransitions, rehabPlans, type PersonStatus, type PlanStatus } from '../../db/tenant/schema/index.ts'
import { appendAudit, writeTransaction } from '../../db/audit/append-audit.ts'
import type { TenantDb, TenantTx } from '../../db/types.ts'
import type { AuditContext } from '../audit-context.ts'
import { vietnamToday } from '../../kernel/calendar.ts'
import { canTransition, durationProblem, OPEN_PLAN_STATUSES, PLAN_TRANSITIONS, reasonsFor } from '../../kernel/domain/plan-status.ts'
import { AppError } from '../errors.ts'
import type { PersonRow } from '../repo/persons.ts'
import type { CreatePlanInput, TransitionInput } from '../schemas/plans.ts'
import { idTaken, type WriteOptions } from './write-options.ts'

export type PlanRow = typeof rehabPlans.$inferSelect

export function presentPlan(row: PlanRow, transitions: (typeof planTransitions.$inferSelect)[] = []) {
  return {
    ...row,
    members: JSON.parse(row.members) as { name: string; role: string }[],
    stages: JSON.parse(row.stages) as { stage: string; activities: string[] }[],
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    allowedTransitions: PLAN_TRANSITIONS[row.status],
    transitions: transitions.map((tr) => ({ from: tr.fromStatus, to: tr.toStatus, reason: tr.reason, note: tr.note, at: tr.at.toISOString(), by: tr.by })),
  }
}

function fieldError(field: string, message: string): AppError {
  return new AppError('validation_failed', 400, `Invalid ${field}: ${message}`, { issues: [{ field, message }] })
}

/** What a person's status becomes when their plan reaches a status (null: unchanged). */
const PERSON_STATUS_AFTER: Partial<Record<PlanStatus, PersonStatus>> = {
  active: 'in_rehab',
  completed: 'post_rehab',
  terminated: 'under_management',
  transferred: 'transferred',
}

export async function createPlan(db: TenantDb, ctx: AuditContext, person: PersonRow, input: CreatePlanInput, opts: WriteOptions<PlanView> = {}): Promise<PlanView> {
  const today = vietnamToday(ctx.at)
  if (person.category !== 'dependent') {
    throw new AppError('conflict', 409, 'Voluntary rehab plans are for drug-dependent people (category dependent); record the addiction determination first')
  }
  if (input.registeredOn > today) throw fieldError('json.registeredOn', 'must not be in the future')
  if (input.startOn < input.registeredOn) throw fieldError('json.startOn', 'must not be before the registration date')
  const duration = durationProblem(input.startOn, input.plannedEndOn)
  if (duration) throw fieldError('json.plannedEndOn', duration)
  const id = input.id ?? crypto.randomUUID()
  try {
    return await writeTransaction(db, async (tx) => {
      const [existing] = await tx.select({ id: rehabPlans.id, personId: rehabPlans.personId }).from(rehabPlans).where(eq(rehabPlans.id, id))
      if (existing && existing.personId !== person.id) throw idTaken()
      if (existing) return answer(tx, id, opts) // a replay of the same client id
      const [open] = await tx.select({ id: rehabPlans.id }).from(rehabPlans).where(and(eq(rehabPlans.personId, person.id), inArray(rehabPlans.status, [...OPEN_PLAN_STATUSES])))
      if (open) throw new AppError('conflict', 409, 'This person already has an open plan; end it before starting another', { openPlanId: open.id })
      await tx.insert(rehabPlans).values({
        id,
        personId: person.id,
        communeCode: person.communeCode,
        form: input.form,
        registeredOn: input.registeredOn,
        startOn: input.startOn,
        plannedEndOn: input.plannedEndOn,
        status: 'draft',
        members: JSON.stringify(input.members),
        stages: JSON.stringify(input.stages),
        version: 1,
        createdAt: ctx.at,
        createdBy: ctx.actorId,
        updatedAt: ctx.at,
        updatedBy: ctx.actorId,
      })
      await tx.insert(planTransitions).values({ planId: id, fromStatus: null, toStatus: 'draft', reason: null, note: null, at: ctx.at, by: ctx.actorId })
      await appendAudit(tx, { ...ctx, action: 'plan.create', entityType: 'plan', entityId: id, outcome: 'success', details: { person: person.id } })
      return answer(tx, id, opts)
    })
  } catch (err) {
    if (isOpenPlanViolation(err)) throw new AppError('conflict', 409, 'This person already has an open plan; end it before starting another')
    throw err
  }
}

export type PlanView = ReturnType<typeof presentPlan>

/** The plan as the API answers it, read inside the change's transaction (and handed to the caller's hook there). */
async function answer(tx: TenantTx, id: string, opts: WriteOptions<PlanView>): Promise<PlanView> {
  const view = await loadPlanView(tx, id)
  await opts.inTransaction?.(tx, view)
  return view
}

function isOpenPlanViolation(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) if (e.message.includes('rehab_plans.person_id')) return true
  return false
}

export async function findPlan(db: TenantDb | TenantTx, id: string): Promise<PlanRow | undefined> {
  const [row] = await db.select().from(rehabPlans).where(eq(rehabPlans.id, id))
  return row
}

export async function loadPlanView(db: TenantDb | TenantTx, id: string): Promise<PlanView> {
  const plan = await findPlan(db, id)
  if (!plan) throw new AppError('not_found', 404, 'Not found')
  const transitions = await db.select().from(planTransitions).where(eq(planTransitions.planId, id)).orderBy(asc(planTransitions.id))
  return presentPlan(plan, transitions)
}

export async function listPlans(db: TenantDb, personId: string) {
  const plans = await db.select().from(rehabPlans).where(eq(rehabPlans.personId, personId)).orderBy(asc(rehabPlans.createdAt))
  const transitions = plans.length
    ? await db.select().from(planTransitions).where(inArray(planTransitions.planId, plans.map((p) => p.id))).orderBy(asc(planTransitions.id))
    : []
  return plans.map((plan) => presentPlan(plan, transitions.filter((tr) => tr.planId === plan.id)))
}

/**
 * Moves a plan along the status machine, recording who, when and why; the person's status follows.
 * An illegal move answers 409 naming the allowed ones; a stale version answers 409 with the current plan.
 */
export async function transitionPlan(db: TenantDb, ctx: AuditContext, plan: PlanRow, input: TransitionInput, opts: WriteOptions<PlanView> = {}): Promise<PlanView> {
  if (input.to === 'completed') throw fieldError('json.to', 'complete a plan through POST /plans/:planId/complete, with its completion certificate')
  if (input.version !== plan.version) throw new AppError('conflict', 409, `This plan was changed meanwhile (now version ${plan.version})`, { current: await loadPlanView(db, plan.id) })
  if (!canTransition(plan.status, input.to)) {
    const allowed = PLAN_TRANSITIONS[plan.status]
    throw new AppError('conflict', 409, `A ${plan.status} plan cannot become ${input.to}; allowed: ${allowed.length ? allowed.join(', ') : 'none (the plan has ended)'}`, {
      from: plan.status,
      allowed,
    })
  }
  const reasons = reasonsFor(input.to)
  if (reasons && (!input.reason || !reasons.includes(input.reason))) throw fieldError('json.reason', `must be one of ${reasons.join(', ')}`)
  if (!reasons && input.reason) throw fieldError('json.reason', `is only given when a plan is terminated or transferred`)
  return writeTransaction(db, async (tx) => {
    const updated = await tx
      .update(rehabPlans)
      .set({ status: input.to, version: plan.version + 1, updatedAt: ctx.at, updatedBy: ctx.actorId })
      .where(and(eq(rehabPlans.id, plan.id), eq(rehabPlans.version, plan.version)))
      .returning({ id: rehabPlans.id })
    if (updated.length === 0) throw new AppError('conflict', 409, 'This plan was changed meanwhile; reload it')
    await tx.insert(planTransitions).values({ planId: plan.id, fromStatus: plan.status, toStatus: input.to, reason: input.reason ?? null, note: input.note ?? null, at: ctx.at, by: ctx.actorId })
    const personStatus = PERSON_STATUS_AFTER[input.to]
    if (personStatus) {
      const [person] = await tx.select({ version: persons.version }).from(persons).where(eq(persons.id, plan.personId))
      await tx
        .update(persons)
        .set({ status: personStatus, ...(input.to === 'completed' ? { category: 'post_rehab' as const } : {}), version: (person?.version ?? 0) + 1, updatedAt: ctx.at, updatedBy: ctx.actorId })
        .where(eq(persons.id, plan.personId))
    }
    await appendAudit(tx, { ...ctx, action: 'plan.transition', entityType: 'plan', entityId: plan.id, outcome: 'success', details: { from: plan.status, to: input.to, reason: input.reason ?? null } })
    return answer(tx, plan.id, opts)
  })
}
