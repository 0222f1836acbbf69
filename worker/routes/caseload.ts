import { Hono } from 'hono'
import * as v from 'valibot'
import { auditRead, withAuditTail } from '../reads.ts'
import { vietnamToday } from '../../kernel/calendar.ts'
import type { AppEnv } from '../env.ts'
import { fieldError } from '../errors.ts'
import { actorOf, guard } from '../middleware/auth.ts'
import { validate } from '../schemas/validate.ts'
import { communeScope } from '../policy.ts'
import { readReviewPolicy } from '../repo/settings.ts'
import { caseload } from '../repo/reviews.ts'
import { Cursor, Limit } from '../schemas/common.ts'
import { decodeKeyset, encodeKeyset } from '../schemas/community.ts'

const CaseloadQuery = v.object({ cursor: Cursor(200), limit: Limit(500, 100) })

/**
 * The caller's caseload (a commune officer's communes, or the whole province), due and overdue reviews first,
 * one page at a time with the whole caseload's counts, under the province's review policy.
 */
export const caseloadRoutes = new Hono<AppEnv>().get('/', guard('person:read'), validate('query', CaseloadQuery), async (c) => {
  const actor = actorOf(c)
  const { cursor, limit } = c.req.valid('query')
  const after = cursor === undefined ? undefined : decodeKeyset(cursor)
  if (cursor !== undefined && !after) throw fieldError('query.cursor', 'is not a cursor from this API')
  const today = vietnamToday(c.var.deps.clock.now())
  const page = await withAuditTail(
    c,
    caseload(c.var.tenant.db, communeScope(actor), today, readReviewPolicy(c.var.tenant.db), {
      after,
      limit,
      alongside: (count) => auditRead(c, 'person.caseload', { type: 'person', id: null }, { count }),
    }),
  )
  return c.json({ data: page.rows, summary: page.summary, next: page.next ? encodeKeyset(page.next) : null })
})
