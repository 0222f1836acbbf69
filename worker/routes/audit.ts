import { Hono } from 'hono'
import { auditRead } from '../reads.ts'
import type { AppEnv } from '../env.ts'
import { guard } from '../middleware/auth.ts'
import { AccessLogQuery, AuditListQuery } from '../schemas/audit.ts'
import { PersonParams } from '../schemas/persons.ts'
import { validate } from '../schemas/validate.ts'
import { readAuditPage, readPersonAccessLog } from '../services/audit-view.ts'

/** A province's trail for its admins, under /api/p/:province/audit. */
export const auditRoutes = new Hono<AppEnv>().get('/', guard('audit:read_province'), validate('query', AuditListQuery), async (c) => {
  const { trail, grouped, ...filters } = c.req.valid('query')
  const { control } = c.var.deps
  const page =
    trail === 'records'
      ? await readAuditPage(c.var.tenant.db, { control, tenant: c.var.tenant.db }, filters, grouped)
      : await readAuditPage(control, { control, tenant: null }, { ...filters, provinceCode: c.var.tenant.code }, grouped)
  return c.json(page)
})

/**
 * "Who saw this record": every read of one person, under /api/p/:province/persons/:personId/access-log.
 * Province admins only (audit:read_province), like the trail it is cut from; looking is itself audited.
 */
export const accessLogRoutes = new Hono<AppEnv>().get(
  '/',
  guard('audit:read_province'),
  validate('param', PersonParams),
  validate('query', AccessLogQuery),
  async (c) => {
    const { personId } = c.req.valid('param')
    const db = c.var.tenant.db
    const page = await readPersonAccessLog({ control: c.var.deps.control, tenant: db }, personId, c.req.valid('query'))
    await auditRead(c, 'person.access_log', { type: 'person', id: personId }, { count: page.data.length })
    return c.json(page)
  },
)

/** The platform trail (onboarding, user administration, logins) for central admins, under /api/admin/audit. */
export const platformAuditRoutes = new Hono<AppEnv>().get('/', guard('audit:read_platform'), validate('query', AuditListQuery), async (c) => {
  const { trail: _trail, grouped, ...filters } = c.req.valid('query')
  const { control } = c.var.deps
  return c.json(await readAuditPage(control, { control, tenant: null }, filters, grouped))
})
