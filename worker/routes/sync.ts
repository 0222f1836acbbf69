import { Hono } from 'hono'
import { compress } from 'hono/compress'
import { scrubErrorMessage } from '../errors.ts'
import { auditContextOf } from '../audit-context.ts'
import type { AppEnv } from '../env.ts'
import { vietnamToday } from '../../kernel/calendar.ts'
import { actorOf, guard } from '../middleware/auth.ts'
import { communeScope } from '../policy.ts'
import { PullQuery, PushBody } from '../schemas/sync.ts'
import { validate } from '../schemas/validate.ts'
import { pullPage } from '../services/sync-pull.ts'
import { pushChanges } from '../commands/sync-push.ts'
import { otherProvinces } from '../services/cross-province.ts'
import { auditRead, withAuditTail } from '../reads.ts'

/**
 * Offline field work, under /api/p/:province/sync (README "Offline sync (server)", docs/decisions/0012).
 * push: a device's queued changes, each validated, authorized and applied like its ordinary route, exactly once
 * per idempotency key. pull: the caller's scope, in full or incrementally from a cursor, gzip on the wire.
 */
export const syncRoutes = new Hono<AppEnv>()
  .post('/push', guard('sync:push'), validate('json', PushBody), async (c) => {
    const { deviceId, changes } = c.req.valid('json')
    const audit = auditContextOf(c)
    const db = c.var.tenant.db
    const outcomes = await pushChanges(
      {
        db,
        province: c.var.tenant.code,
        actor: actorOf(c),
        audit,
        deviceId,
        otherProvince: otherProvinces({ control: c.var.deps.control, tenants: c.var.deps.tenants, log: c.var.log, audit }, c.var.tenant),
        onError: (err, change) =>
          c.var.log.error('sync_change_failed', {
            requestId: c.var.requestId,
            type: change.type,
            errorName: err instanceof Error ? err.name : 'unknown',
            errorMessage: scrubErrorMessage(err instanceof Error ? err.message : String(err)),
          }),
      },
      changes,
    )
    return c.json({ data: { results: outcomes.map(({ replayed: _replayed, ...result }) => result) } })
  })
  // gzip when the client accepts it: a full download of a commune is ~1 MB of JSON and compresses about tenfold.
  .get('/pull', guard('sync:pull'), compress({ encoding: 'gzip' }), validate('query', PullQuery), async (c) => {
    const { cursor, limit } = c.req.valid('query')
    const scope = { province: c.var.tenant.code, communes: communeScope(actorOf(c)) }
    const page = await withAuditTail(c, pullPage(c.var.tenant.db, scope, cursor, limit, vietnamToday(c.var.deps.clock.now())))
    await auditRead(
      c,
      'sync.pull',
      { type: 'sync', id: null },
      {
        reset: page.reset,
        more: page.more,
        persons: page.persons.length,
        plans: page.plans.length,
        reviews: page.reviews.length,
        postRehab: page.postRehab.length,
        followUps: page.followUps.length,
        support: page.support.length,
        modelMembers: page.modelMembers.length,
        deletes: page.deletes.length,
      },
    )
    return c.json({ data: page })
  })
