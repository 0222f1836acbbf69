import { Hono } from 'hono'
import { vietnamToday } from '../../kernel/calendar.ts'
import { DEFAULT_DUE_WORK_SETTINGS, openWork, summarizeDueWork } from '../../kernel/domain/due-work.ts'
import type { AppEnv } from '../env.ts'
import { actorOf, guard } from '../middleware/auth.ts'
import { authorize, communeScope } from '../policy.ts'
import { auditRead } from '../reads.ts'
import { dueWorkRecords } from '../repo/due-work.ts'
import { readCaseRules, readReviewPolicy } from '../repo/settings.ts'
import { WorkQuery } from '../schemas/work.ts'
import { validate } from '../schemas/validate.ts'

/**
 * What is due and overdue in the caller's scope (a commune officer's communes, or the province), computed by the
 * kernel's dueWork from the open records, the very function the phone runs on its store. The counts cover the
 * whole scope (or the chosen commune); `data` is one page of the items, most overdue first (with `upcoming=true`,
 * every open record: the caseload's lists).
 */
export const workRoutes = new Hono<AppEnv>().get('/', guard('person:read'), validate('query', WorkQuery), async (c) => {
  const { commune, kind, offset, limit, upcoming } = c.req.valid('query')
  const actor = actorOf(c)
  // A commune outside a commune officer's scope is one they cannot see: 404, as the people list answers.
  if (commune) authorize(actor, 'person:read', { province: c.var.tenant.code, commune })
  const [records, reviewPolicy, rules] = await Promise.all([
    dueWorkRecords(c.var.tenant.db, commune ? [commune] : communeScope(actor), c.var.tenant.code),
    readReviewPolicy(c.var.tenant.db),
    readCaseRules(c.var.tenant.db),
  ])
  const now = c.var.deps.clock.now()
  const items = openWork(records, { ...DEFAULT_DUE_WORK_SETTINGS, reviewPolicy, rules, now }, vietnamToday(now))
  const listed = items.filter((i) => (!kind || i.kind === kind) && (upcoming === 'true' || i.state !== 'upcoming'))
  const data = listed.slice(offset, offset + limit)
  await auditRead(c, 'person.work', { type: 'person', id: null }, { count: data.length })
  return c.json({ data, summary: summarizeDueWork(items), total: listed.length, next: offset + limit < listed.length ? offset + limit : null })
})
