import { Hono } from 'hono'
import { planComplete } from '../../kernel/commands/plan-complete.ts'
import { planStageUpdate } from '../../kernel/commands/plan-stage-update.ts'
import { planTransition } from '../../kernel/commands/plan-transition.ts'
import { runHttp } from '../commands/http.ts'
import type { AppEnv } from '../env.ts'
import { guard } from '../middleware/auth.ts'
import { auditedRead, readable } from '../reads.ts'
import { loadPlanView } from '../repo/plans.ts'
import { PlanParams } from '../schemas/plans.ts'
import { validate } from '../schemas/validate.ts'

/** Rehab plans by id, under /api/p/:province/plans. Creating one is under the person. */
export const planRoutes = new Hono<AppEnv>()
  .get('/:planId', guard('person:read'), validate('param', PlanParams), async (c) => {
    const plan = await readable(c, 'plans', c.req.valid('param').planId)
    return c.json({ data: await auditedRead(c, 'plan.read', { type: 'plan', id: plan.id }, () => loadPlanView(c.var.tenant.db, plan.id)) })
  })
  // The answer is the completed plan and the post-rehab record it opened.
  .post('/:planId/complete', guard('person:write'), validate('param', PlanParams), (c) =>
    runHttp(c, planComplete, {
      entityId: c.req.valid('param').planId,
      // No post-rehab record where the province opens none after voluntary rehab (case rule postRehabAfterVoluntary).
      respond: (plan, decision) => ({ plan, postRehab: decision.inserts.find((i) => i.collection === 'postRehab')?.record ?? null }),
    }),
  )
  .post('/:planId/stages', guard('person:write'), validate('param', PlanParams), (c) => runHttp(c, planStageUpdate, { entityId: c.req.valid('param').planId }))
  .post('/:planId/transitions', guard('person:write'), validate('param', PlanParams), (c) =>
    runHttp(c, planTransition, { entityId: c.req.valid('param').planId }),
  )
