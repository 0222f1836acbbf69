import { Hono } from 'hono'
import { listAudit, type AuditPage } from '../../db/audit/list-audit.ts'
import type { AppEnv } from '../env.ts'
import { guard } from '../middleware/auth.ts'
import { AuditListQuery } from '../schemas/audit.ts'
import { validate } from '../schemas/validate.ts'

function present(page: AuditPage) {
  return { data: page.entries.map((entry) => ({ ...entry, at: entry.at.toISOString() })), next: page.nextCursor }
}

/** A province's trail for its admins, under /api/p/:province/audit. */
export const auditRoutes = new Hono<AppEnv>().get('/', guard('audit:read_province'), validate('query', AuditListQuery), async (c) => {
  const { trail, ...filters } = c.req.valid('query')
  const page =
    trail === 'records'
      ? await listAudit(c.var.tenant.db, filters)
      : await listAudit(c.var.deps.control, { ...filters, provinceCode: c.var.tenant.code })
  return c.json(present(page))
})

/** The platform trail (onboarding, user administration, logins) for central admins, under /api/admin/audit. */
export const platformAuditRoutes = new Hono<AppEnv>().get('/', guard('audit:read_platform'), validate('query', AuditListQuery), async (c) => {
  const { trail: _trail, ...filters } = c.req.valid('query')
  return c.json(present(await listAudit(c.var.deps.control, filters)))
})
