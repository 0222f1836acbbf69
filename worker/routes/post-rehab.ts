import { Hono, type Context } from 'hono'
import { auditContextOf } from '../audit-context.ts'
import { AppError } from '../errors.ts'
import type { AppEnv } from '../env.ts'
import { actorOf, guard } from '../middleware/auth.ts'
import { authorize } from '../policy.ts'
import { FollowUpBody, PostRehabParams, RelapseBody } from '../schemas/after-care.ts'
import { validate } from '../schemas/validate.ts'
import { addFollowUp, findPostRehab, recordRelapse } from '../services/after-care.ts'

async function loadRecord(c: Context<AppEnv>, id: string) {
  const record = await findPostRehab(c.var.tenant.db, id)
  if (!record) throw new AppError('not_found', 404, 'Not found')
  authorize(actorOf(c), 'person:write', { province: c.var.tenant.code, commune: record.communeCode })
  return record
}

/** Post-rehab management records by id, under /api/p/:province/post-rehab. */
export const postRehabRoutes = new Hono<AppEnv>()
  .post('/:recordId/follow-ups', guard('person:write'), validate('param', PostRehabParams), validate('json', FollowUpBody), async (c) => {
    const record = await loadRecord(c, c.req.valid('param').recordId)
    return c.json({ data: await addFollowUp(c.var.tenant.db, auditContextOf(c), record, c.req.valid('json')) }, 201)
  })
  .post('/:recordId/relapse', guard('person:write'), validate('param', PostRehabParams), validate('json', RelapseBody), async (c) => {
    const record = await loadRecord(c, c.req.valid('param').recordId)
    return c.json({ data: await recordRelapse(c.var.tenant.db, auditContextOf(c), record, c.req.valid('json')) })
  })
