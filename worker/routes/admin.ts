import { Hono, type Context, type MiddlewareHandler } from 'hono'
import { decideStatusChange, TenantStatusError, writeStatusChange } from '../../db/provision/tenant-status.ts'
import type { ControlDb } from '../../db/types.ts'
import { controlWrites, persisted } from '../commands/persist.ts'
import { UnknownProvinceError } from '../../db/provision/errors.ts'
import { clearOnboardingFailure, onboardingFailureReason, recordOnboardingFailure } from '../../db/provision/onboarding-record.ts'
import { auditContextOf, auditControl } from '../audit-context.ts'
import { AppError, fieldError } from '../errors.ts'
import type { AppEnv } from '../env.ts'
import { guard } from '../middleware/auth.ts'
import { administeredRoles } from '../policy.ts'
import { checkRegistered, listProvincesForAdmin, provinceStatus, requireRegisteredProvince, type ProvinceAdminView } from '../repo/provinces.ts'
import { ProvinceParam } from '../schemas/common.ts'
import { InviteProvinceAdminBody, OnboardProvinceBody, ProvinceUserParams, SendLinkBody, UserListQuery } from '../schemas/users.ts'
import { validate } from '../schemas/validate.ts'
import { listUsers } from '../repo/users.ts'
import { DEFAULT_REFRESH, refreshProvince, refreshReadsAhead, type RefreshAhead } from '../jobs/refresh-snapshots.ts'
import { disableUser, enableUser, inviteUser, issueResetLink } from '../services/user-admin.ts'
import { deliveryAnswer } from '../services/link-delivery.ts'
import { mailedLink, requireMail } from './links.ts'

/** A summary refresh's control reads, issued by `refreshAhead` before the session check, per request. */
const readsAhead = new WeakMap<Request, RefreshAhead>()

/**
 * Wired before the session check (worker/app.ts): a summary refresh's control reads are issued now, so that on a
 * remote database they share the session's round trip (refreshReadsAhead). The route uses them once its guard
 * has let the request through; otherwise they are dropped.
 */
export const refreshAhead: MiddlewareHandler<AppEnv> = (c, next) => {
  const province = c.req.param('province')
  if (c.req.method === 'POST' && province && /^\d{2}$/.test(province)) readsAhead.set(c.req.raw, refreshReadsAhead(c.var.deps.control, province))
  return next()
}

/** The accounts central admins manage (the policy's): province admins. */
const ADMINS = administeredRoles.central_admin

/** Platform administration for central admins, mounted under /api/admin. */
export const adminRoutes = new Hono<AppEnv>()
  .get('/provinces', guard('province:onboard'), async (c) => c.json({ data: withDatabaseState(await listProvincesForAdmin(c.var.deps.control)) }))
  .post('/provinces', guard('province:onboard'), validate('json', OnboardProvinceBody), async (c) => {
    const { province } = c.req.valid('json')
    const { onboardProvince, startOnboarding, control } = c.var.deps
    const ctx = auditContextOf(c)
    try {
      // Workers: a Workflow run does the steps after this request (decision 0031); 202 while it goes on.
      if (startOnboarding) {
        const started = await startOnboarding(province, ctx)
        const done = started.status === 'active' || started.status === 'suspended'
        return c.json({ data: started }, done ? 200 : 202)
      }
      if (!onboardProvince) {
        throw new AppError(
          'onboarding_not_configured',
          503,
          `This deployment cannot onboard provinces from the app (TURSO_ORG, TURSO_API_TOKEN and the ONBOARDING Workflow are needed); npm run tenant:create -- --province ${province} does it from a trusted machine`,
        )
      }
      const result = await onboardProvince(province)
      await clearOnboardingFailure(control, province, ctx.at)
      await auditControl(c, { ...onboardEntry(province), outcome: 'success', details: { steps: result.stepsRun.join(',') } }, ctx)
      c.var.deps.tenants.invalidate(province)
      return c.json({ data: { ...result, started: result.stepsRun.length > 0, job: null } }, result.stepsRun.length > 0 ? 201 : 200)
    } catch (err) {
      if (err instanceof UnknownProvinceError) {
        throw fieldError('json.province', `must be one of ${err.validCodes.join(', ')}`)
      }
      if (err instanceof AppError) throw err
      const reason = onboardingFailureReason(err)
      await recordOnboardingFailure(control, province, reason, c.var.deps.clock.now())
      await auditControl(c, { ...onboardEntry(province), outcome: 'failure', details: { reason } }, ctx)
      throw err
    }
  })
  .post('/provinces/:province/suspend', guard('province:suspend'), validate('param', ProvinceParam), async (c) => {
    const { province } = c.req.valid('param')
    return c.json({ data: await changeStatus(c, province, 'suspend') })
  })
  .post('/provinces/:province/resume', guard('province:suspend'), validate('param', ProvinceParam), async (c) => {
    const { province } = c.req.valid('param')
    return c.json({ data: await changeStatus(c, province, 'resume') })
  })
  .post('/provinces/:province/refresh', guard('summary:refresh'), validate('param', ProvinceParam), async (c) => {
    const { province } = c.req.valid('param')
    const ctx = auditContextOf(c)
    const { control, tenants } = c.var.deps
    const entry = (outcome: 'success' | 'failure', periods: readonly string[], error: string | null) => ({
      action: 'province.snapshot_refresh',
      entityType: 'province',
      entityId: province,
      provinceCode: province,
      outcome,
      details: { periods: periods.join(','), error },
    })
    const outcome = await refreshProvince(
      { control, tenants, logger: c.var.log, now: ctx.at },
      province,
      { ...DEFAULT_REFRESH, retries: 1, backoffMs: 500 },
      {
        require: (row) => checkRegistered(province, row, 'active'),
        ahead: readsAhead.get(c.req.raw),
        // A success's entry is held in the snapshots' batch; a failure's is written after its recorded failure.
        entry: (periods) => ({ ...ctx, ...entry('success', periods, null) }),
      },
    )
    if (!outcome.ok) {
      await auditControl(c, entry('failure', outcome.periods, outcome.error), ctx)
      // The last snapshot stays and is flagged stale; the reason is a code (decision 0042).
      throw new AppError('tenant_database_unavailable', 503, `The snapshot of province ${province} could not be refreshed`, { reason: outcome.error })
    }
    return c.json({ data: outcome })
  })
  .get('/provinces/:province/admins', guard('province_admin:manage'), validate('param', ProvinceParam), validate('query', UserListQuery), async (c) => {
    const { province } = c.req.valid('param')
    await requireRegisteredProvince(c.var.deps.control, province)
    const { status, after, limit } = c.req.valid('query')
    const page = await listUsers(c.var.deps.control, { province, roles: ADMINS, status, after, limit })
    return c.json({ data: page.data, next: page.nextAfter })
  })
  .post(
    '/provinces/:province/admins',
    guard('province_admin:invite'),
    validate('param', ProvinceParam),
    validate('json', InviteProvinceAdminBody),
    async (c) => {
      const { province } = c.req.valid('param')
      const body = c.req.valid('json')
      const mail = requireMail(c)
      const invite = { ...body, role: 'province_admin', province, communes: [], provinceMustBe: 'active' } as const
      const issued = await inviteUser(c.var.deps.control, auditContextOf(c), invite, mailedLink(c, mail))
      return c.json({ data: deliveryAnswer(issued) }, 201)
    },
  )
  .post('/provinces/:province/admins/:userId/disable', guard('province_admin:manage'), validate('param', ProvinceUserParams), async (c) => {
    const { province, userId } = c.req.valid('param')
    return c.json({ data: await disableUser(c.var.deps.control, auditContextOf(c), { userId, province, roles: ADMINS }) })
  })
  .post('/provinces/:province/admins/:userId/enable', guard('province_admin:manage'), validate('param', ProvinceUserParams), async (c) => {
    const { province, userId } = c.req.valid('param')
    return c.json({ data: await enableUser(c.var.deps.control, auditContextOf(c), { userId, province, roles: ADMINS }) })
  })
  .post(
    '/provinces/:province/admins/:userId/reset',
    guard('province_admin:manage'),
    validate('param', ProvinceUserParams),
    validate('json', SendLinkBody),
    async (c) => {
      const { province, userId } = c.req.valid('param')
      const { email } = c.req.valid('json')
      const mail = requireMail(c)
      const issued = await issueResetLink(c.var.deps.control, auditContextOf(c), { userId, province, roles: ADMINS }, mailedLink(c, mail), email)
      return c.json({ data: deliveryAnswer(issued) })
    },
  )

const onboardEntry = (province: string) => ({ action: 'province.onboard', entityType: 'province', entityId: province, provinceCode: province })

export type DatabaseState = null | { status: 'available' } | { status: 'unavailable'; reason: string; since: string | null }

/**
 * Each served province's database as the registry records it (decision 0017's addendum of 2026-12-08): the watch
 * opens every active province's database every 10 minutes, and every request or check that meets a failing one
 * records it (worker/tenancy/fault-book.ts), so the list reads no province database itself: two round trips however
 * many provinces are onboarded. `GET /api/p/:p/health` looks at one now (the screen's "check now").
 */
function withDatabaseState(rows: ProvinceAdminView[]) {
  return rows.map(({ dbFault, dbFaultAt, ...row }) => {
    let database: DatabaseState = null
    if (row.status === 'active' || row.status === 'suspended') {
      database = dbFault === null ? { status: 'available' } : { status: 'unavailable', reason: dbFault, since: dbFaultAt }
    }
    return { ...row, database }
  })
}

async function changeStatus(c: Context<AppEnv>, province: string, change: 'suspend' | 'resume') {
  const { control, tenants } = c.var.deps
  const ctx = auditContextOf(c)
  try {
    const to = change === 'suspend' ? 'suspended' : 'active'
    const result = await persisted(controlWrites(control), async (tx: ControlDb, audit) => {
      const changed = decideStatusChange(province, await provinceStatus(tx, province), to)
      if (changed.changed) {
        await writeStatusChange(tx, province, to, ctx.at)
        await audit({ ...ctx, action: `province.${change}`, entityType: 'province', entityId: province, provinceCode: province, outcome: 'success' })
      }
      return changed
    })
    // This process sees the change at once; other isolates within TENANT_CACHE_TTL_MS.
    tenants.invalidate(province)
    return result
  } catch (err) {
    if (err instanceof TenantStatusError) {
      if (err.notOnboarded) throw new AppError('province_not_found', 404, `Province ${province} is not onboarded`)
      throw new AppError('conflict', 409, err.message)
    }
    throw err
  }
}
