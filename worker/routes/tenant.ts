import { Hono } from 'hono'
import { foldDiacritics } from '../../kernel/text-fold.ts'
import { AppError } from '../errors.ts'
import type { AppEnv } from '../env.ts'
import { guard } from '../middleware/auth.ts'
import { listCommunes, pingTenantDb } from '../repo/communes.ts'
import { CommuneListQuery } from '../schemas/communes.ts'
import { validate } from '../schemas/validate.ts'

/** Routes of one province, mounted under /api/p/:province after the tenancy middleware. */
export const tenantRoutes = new Hono<AppEnv>()
  .get('/health', guard('tenant:health'), async (c) => {
    const { code } = c.var.tenant
    try {
      await pingTenantDb(c.var.tenant.db)
    } catch (cause) {
      c.var.log.warn('tenant_db_unreachable', { requestId: c.var.requestId, province: code })
      throw new AppError('tenant_database_unavailable', 503, `The database of province ${code} does not answer`, undefined, { cause })
    }
    return c.json({ data: { province: code, status: 'ok' } })
  })
  // A province has at most ~170 communes: the list is returned whole, filtered, sorted by name.
  .get('/communes', guard('commune:list'), validate('query', CommuneListQuery), async (c) => {
    const { q, kind } = c.req.valid('query')
    const rows = await listCommunes(c.var.tenant.db, kind)
    const needle = q ? foldDiacritics(q) : ''
    const data = needle ? rows.filter((r) => foldDiacritics(r.name).includes(needle)) : rows
    return c.json({ data, total: data.length })
  })
