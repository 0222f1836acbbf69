import { asc, eq, inArray } from 'drizzle-orm'
import { planTransitions, rehabPlans } from '../../db/tenant/schema/index.ts'
import type { TenantDb, TenantTx } from '../../db/types.ts'
import { together } from '../../db/pipelined-client.ts'
import { parseStoredDecision } from '../../kernel/domain/legal-decision-input.ts'
import { normalizeStages } from '../../kernel/domain/plan-stages.ts'
import { PLAN_TRANSITIONS } from '../../kernel/domain/plan-status.ts'
import type { PlanRecord, PlanTransitionRecord, PlanView } from '../../kernel/records.ts'

export type PlanRow = typeof rehabPlans.$inferSelect
type TransitionRow = typeof planTransitions.$inferSelect

/** The stored stages JSON as the records hold them (the law's five; an older plan's read as today's). */
export function stagesOf(row: Pick<PlanRow, 'stages'>): PlanRecord['stages'] {
  try {
    return normalizeStages(JSON.parse(row.stages))
  } catch {
    return normalizeStages([])
  }
}

/**
 * A plan as the API shows it: its stored fields, the moves now allowed and every status change so far with its
 * decision. The same record everywhere (GET, a command's answer, the pull): who recorded a step is its user id
 * here; the person's timeline names them.
 */
export function presentPlan({ lastReviewOn: _index, ...row }: PlanRow, transitions: TransitionRow[] = []): PlanView {
  return {
    ...row,
    members: JSON.parse(row.members) as PlanRecord['members'],
    stages: stagesOf(row),
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
    allowedTransitions: PLAN_TRANSITIONS[row.status],
    transitions: transitions.map((tr) => ({
      from: tr.fromStatus,
      to: tr.toStatus,
      reason: tr.reason,
      note: tr.note,
      at: tr.at.toISOString(),
      by: tr.by,
      decision: parseStoredDecision(tr.decision),
    })),
  }
}

/** A new plan's row: `last_review_on` is the reviews' triggers' to keep (migration 0015), never the app's. */
export function planRow(record: PlanRecord): Omit<PlanRow, 'lastReviewOn'> {
  return {
    ...record,
    members: JSON.stringify(record.members),
    stages: JSON.stringify(record.stages),
    createdAt: new Date(record.createdAt),
    updatedAt: new Date(record.updatedAt),
  }
}

export function transitionRow(record: PlanTransitionRecord): Omit<TransitionRow, 'id'> {
  return {
    planId: record.planId,
    fromStatus: record.from,
    toStatus: record.to,
    reason: record.reason,
    note: record.note,
    at: new Date(record.at),
    by: record.by,
    decision: record.decision ? JSON.stringify(record.decision) : null,
  }
}

export async function findPlan(db: TenantDb | TenantTx, id: string): Promise<PlanRow | undefined> {
  const [row] = await db.select().from(rehabPlans).where(eq(rehabPlans.id, id))
  return row
}

/** The plan a command acts on: its row with the stages read (completion and the stage rules look at them). */
export async function findPlanFacts(db: TenantDb | TenantTx, id: string) {
  const row = await findPlan(db, id)
  return row ? { ...row, stages: stagesOf(row) } : undefined
}

/** The plan as the API answers it (read inside a change's transaction, or on its own). */
export async function loadPlanView(db: TenantDb | TenantTx, id: string): Promise<PlanView | undefined> {
  // Read together: one round trip on a remote database (after a command's writes, in its batch).
  const [plan, transitions] = await together(
    db,
    () => findPlan(db, id),
    () => db.select().from(planTransitions).where(eq(planTransitions.planId, id)).orderBy(asc(planTransitions.id)),
  )
  return plan ? presentPlan(plan, transitions) : undefined
}

export async function listPlans(db: TenantDb, personId: string): Promise<PlanView[]> {
  // The status changes by a sub-select of the person's plans, so both reads go together (one round trip remotely).
  const [plans, transitions] = await Promise.all([
    db.select().from(rehabPlans).where(eq(rehabPlans.personId, personId)).orderBy(asc(rehabPlans.createdAt)),
    db
      .select()
      .from(planTransitions)
      .where(inArray(planTransitions.planId, db.select({ id: rehabPlans.id }).from(rehabPlans).where(eq(rehabPlans.personId, personId))))
      .orderBy(asc(planTransitions.id)),
  ])
  return plans.map((plan) =>
    presentPlan(
      plan,
      transitions.filter((tr) => tr.planId === plan.id),
    ),
  )
}
