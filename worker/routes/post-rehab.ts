import { Hono } from 'hono'
import { followUpCreate } from '../../kernel/commands/follow-up-create.ts'
import { postRehabRelapse } from '../../kernel/commands/post-rehab-relapse.ts'
import { runHttp } from '../commands/http.ts'
import type { AppEnv } from '../env.ts'
import { guard } from '../middleware/auth.ts'
import { PostRehabParams } from '../schemas/after-care.ts'
import { validate } from '../schemas/validate.ts'

/** Post-rehab management records by id, under /api/p/:province/post-rehab. */
export const postRehabRoutes = new Hono<AppEnv>()
  .post('/:recordId/follow-ups', guard('person:write'), validate('param', PostRehabParams), (c) =>
    runHttp(c, followUpCreate, { with: { postRehabId: c.req.valid('param').recordId }, status: 201 }),
  )
  .post('/:recordId/relapse', guard('person:write'), validate('param', PostRehabParams), (c) =>
    runHttp(c, postRehabRelapse, { entityId: c.req.valid('param').recordId }),
  )
