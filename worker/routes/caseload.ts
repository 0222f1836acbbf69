import { Hono } from 'hono'
import { auditRead } from '../reads.ts'
import { vietnamToday } from '../../kernel/calendar.ts'
import type { AppEnv } from '../env.ts'
import { actorOf, guard } from '../middleware/auth.ts'
import { communeScope } from '../policy.ts'
import { readReviewPolicy } from '../repo/settings.ts'
import { caseload } from '../repo/reviews.ts'

/**
 * The caller's caseload (a commune officer's communes, or the whole province), due and overdue reviews first,
 * under the province's review policy (read alongside the caseload query).
 */
export const caseloadRoutes = new Hono<AppEnv>().get('/', guard('person:read'), async (c) => {
  const actor = actorOf(c)
  const rows = await caseload(c.var.tenant.db, communeScope(actor), vietnamToday(c.var.deps.clock.now()), readReviewPolicy(c.var.tenant.db))
  await auditRead(c, 'person.caseload', { type: 'person', id: null }, { count: rows.length })
  return c.json({
    data: rows,
    summary: {
      overdue: rows.filter((r) => r.nextReview.state === 'overdue').length,
      due: rows.filter((r) => r.nextReview.state === 'due').length,
      total: rows.length,
    },
  })
})
