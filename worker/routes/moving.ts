import { Hono } from 'hono'
import * as v from 'valibot'
import { handoverAccept, handoverDecline } from '../../kernel/commands/handover-answer.ts'
import { monitoringEnd } from '../../kernel/commands/monitoring.ts'
import { RecordId } from '../../kernel/commands/inputs.ts'
import { handoverDue } from '../../kernel/domain/handover.ts'
import type { HandoverRecord } from '../../kernel/records.ts'
import { runHttp } from '../commands/http.ts'
import type { AppEnv } from '../env.ts'
import { actorOf, guard } from '../middleware/auth.ts'
import { communeScope } from '../policy.ts'
import { auditRead } from '../reads.ts'
import { listHandovers, presentHandover } from '../repo/moving.ts'
import { readCaseRules } from '../repo/settings.ts'
import { validate } from '../schemas/validate.ts'

const RecordParams = v.object({ province: v.string(), recordId: RecordId })
const HandoverQuery = v.object({ pending: v.optional(v.picklist(['true', 'false'], 'must be true or false')) })

/** A hand-over as the screens show it: with when it is due and whether it is overdue (kernel/domain/handover.ts). */
export type HandoverView = HandoverRecord & { due: ReturnType<typeof handoverDue> }

/**
 * Hand-overs of people who move (Law 120/2025, decision 0029), under /api/p/:province/handovers: those from or to
 * the caller's communes (province roles: the province), with the receiving commune's answer.
 */
export const handoverRoutes = new Hono<AppEnv>()
  .get('/', guard('person:read'), validate('query', HandoverQuery), async (c) => {
    const db = c.var.tenant.db
    const [rules, rows] = await Promise.all([
      readCaseRules(db),
      listHandovers(db, communeScope(actorOf(c)), { pendingOnly: c.req.valid('query').pending === 'true', limit: 200 }),
    ])
    const now = c.var.deps.clock.now()
    const data: HandoverView[] = rows.map((row) => {
      const record = presentHandover(row)
      return { ...record, due: handoverDue(record, rules, now) }
    })
    await auditRead(c, 'handover.list', { type: 'handover', id: null }, { count: data.length })
    return c.json({ data, summary: { pending: data.filter((h) => h.status === 'pending').length, overdue: data.filter((h) => h.due.overdue).length } })
  })
  .post('/:recordId/accept', guard('person:write'), validate('param', RecordParams), (c) =>
    runHttp(c, handoverAccept, { entityId: c.req.valid('param').recordId }),
  )
  .post('/:recordId/decline', guard('person:write'), validate('param', RecordParams), (c) =>
    runHttp(c, handoverDecline, { entityId: c.req.valid('param').recordId }),
  )

/** Electronic monitoring by id, under /api/p/:province/monitoring. */
export const monitoringRoutes = new Hono<AppEnv>().post('/:recordId/end', guard('person:write'), validate('param', RecordParams), (c) =>
  runHttp(c, monitoringEnd, { entityId: c.req.valid('param').recordId }),
)
