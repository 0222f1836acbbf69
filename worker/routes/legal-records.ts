import { Hono } from 'hono'
import * as v from 'valibot'
import { determinationConclude } from '../../kernel/commands/determination-conclude.ts'
import { managementPeriodEnd } from '../../kernel/commands/management-period-end.ts'
import { methadoneEnd } from '../../kernel/commands/methadone-end.ts'
import { referralAdmit } from '../../kernel/commands/referral-admit.ts'
import { referralRefuse } from '../../kernel/commands/referral-refuse.ts'
import { referralReturn } from '../../kernel/commands/referral-return.ts'
import { RecordId } from '../../kernel/commands/inputs.ts'
import { runHttp } from '../commands/http.ts'
import type { AppEnv } from '../env.ts'
import { guard } from '../middleware/auth.ts'
import { validate } from '../schemas/validate.ts'

const RecordParams = v.object({ province: v.string(), recordId: RecordId })

// The steps of a person's legal path by the record's id (docs/decisions/0028); their creates sit under /persons/:id.

/** Under /api/p/:province/determinations. */
export const determinationRoutes = new Hono<AppEnv>().post('/:recordId/result', guard('person:write'), validate('param', RecordParams), (c) =>
  runHttp(c, determinationConclude, { entityId: c.req.valid('param').recordId }),
)

/** Under /api/p/:province/referrals. */
export const referralRoutes = new Hono<AppEnv>()
  .post('/:recordId/admission', guard('person:write'), validate('param', RecordParams), (c) =>
    runHttp(c, referralAdmit, { entityId: c.req.valid('param').recordId }),
  )
  .post('/:recordId/return', guard('person:write'), validate('param', RecordParams), (c) =>
    runHttp(c, referralReturn, { entityId: c.req.valid('param').recordId }),
  )
  // The court's refusal (decision 0039).
  .post('/:recordId/refusal', guard('person:write'), validate('param', RecordParams), (c) =>
    runHttp(c, referralRefuse, { entityId: c.req.valid('param').recordId }),
  )

/** Under /api/p/:province/methadone. */
export const methadoneRoutes = new Hono<AppEnv>().post('/:recordId/end', guard('person:write'), validate('param', RecordParams), (c) =>
  runHttp(c, methadoneEnd, { entityId: c.req.valid('param').recordId }),
)

/** Under /api/p/:province/management-periods. */
export const managementPeriodRoutes = new Hono<AppEnv>().post('/:recordId/end', guard('person:write'), validate('param', RecordParams), (c) =>
  runHttp(c, managementPeriodEnd, { entityId: c.req.valid('param').recordId }),
)
