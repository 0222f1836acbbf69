import { Hono, type Context } from 'hono'
import { appendAudit } from '../../db/audit/append-audit.ts'
import { auditContextOf } from '../audit-context.ts'
import { AppError } from '../errors.ts'
import type { AppEnv } from '../env.ts'
import { actorOf, guard } from '../middleware/auth.ts'
import { authorize } from '../policy.ts'
import { PlanParams, TransitionBody } from '../schemas/plans.ts'
import { validate } from '../schemas/validate.ts'
import { findPlan, loadPlanView, transitionPlan, type PlanRow } from '../services/plans.ts'
import { CompletePlanBody } from '../schemas/after-care.ts'
import { completePlan } from '../services/after-care.ts'

async function loadPlan(c: Context<AppEnv>, planId: string, action: 'person:read' | 'person:write'): Promise<PlanRow> {
  const plan = await findPlan(c.var.tenant.db, planId)
  if (!plan) throw new AppError('not_found', 404, 'Not found')
  authorize(actorOf(c), action, { province: c.var.tenant.code, commune: plan.communeCode })
  return plan
}

/** Rehab plans by id, under /api/p/:province/plans. Creating one is under the person. */
export const planRoutes = new Hono<AppEnv>()
  .get('/:planId', guard('person:read'), validate('param', PlanParams), async (c) => {
    const plan = await loadPlan(c, c.req.valid('param').planId, 'person:read')
    await appendAudit(c.var.tenant.db, { ...auditContextOf(c), action: 'plan.read', entityType: 'plan', entityId: plan.id, outcome: 'success' })
    return c.json({ data: await loadPlanView(c.var.tenant.db, plan.id) })
  })
  .post('/:planId/complete', guard('person:write'), validate('param', PlanParams), validate('json', CompletePlanBody), async (c) => {
    const plan = await loadPlan(c, c.req.valid('param').planId, 'person:write')
    return c.json({ data: await completePlan(c.var.tenant.db, auditContextOf(c), plan, c.req.valid('json')) })
  })
  .post('/:planId/transitions', guard('person:write'), validate('param', PlanParams), validate('json', TransitionBody), async (c) => {
    const plan = await loadPlan(c, c.req.valid('param').planId, 'person:write')
    return c.json({ data: await transitionPlan(c.var.tenant.db, auditContextOf(c), plan, c.req.valid('json')) })
  })
