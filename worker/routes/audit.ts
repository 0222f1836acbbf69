import { Hono } from 'hono'
import { AppError } from '../errors.ts'
import { personIn, readWithEntryIf } from '../reads.ts'
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
    const query = c.req.valid('query')
    // Audited with what was asked (the page's end and size), which fixes the lines shown: the entry goes with the
    // read, before the page's length is known (decision 0049, addendum of 2026-12-07).
    const page = await readWithEntryIf(
      c,
      'person.access_log',
      { type: 'person', id: personId },
      personIn(personId, null),
      () => readPersonAccessLog({ control: c.var.deps.control, tenant: c.var.tenant.db }, personId, query),
      (found) => found !== undefined,
      { before: query.before ?? null, limit: query.limit },
    )
    if (!page) throw new AppError('not_found', 404, 'Not found')
    return c.json(page)
  },
)

/** The platform trail (onboarding, user administration, logins) for central admins, under /api/admin/audit. */
export const platformAuditRoutes = new Hono<AppEnv>().get('/', guard('audit:read_platform'), validate('query', AuditListQuery), async (c) => {
  const { trail: _trail, grouped, ...filters } = c.req.valid('query')
  const { control } = c.var.deps
  return c.json(await readAuditPage(control, { control, tenant: null }, filters, grouped))
})
