import { Hono } from 'hono'
import { foldDiacritics } from '../../kernel/text-fold.ts'
import { backgroundOf } from '../background.ts'
import type { AppEnv } from '../env.ts'
import { guard } from '../middleware/auth.ts'
import { unavailable } from '../middleware/tenant.ts'
import { listCommunes } from '../repo/communes.ts'
import { CommuneListQuery } from '../schemas/communes.ts'
import { validate } from '../schemas/validate.ts'

/** Routes of one province, mounted under /api/p/:province after the tenancy middleware. */
export const tenantRoutes = new Hono<AppEnv>()
  // A real check, not a ping: file, identity marker, schema and PRAGMA quick_check, within a bound (decision 0017).
  .get('/health', guard('tenant:health'), async (c) => {
    const { code } = c.var.tenant
    const result = await c.var.deps.tenants.check(code, 'quick', backgroundOf(c))
    if (!result?.ok) throw unavailable(code, result?.problem ?? 'unreachable')
    return c.json({ data: { province: code, status: 'ok', depth: result.depth, checkedAt: result.checkedAt.toISOString() } })
  })
  // A province has at most ~170 communes: the list is returned whole, filtered, sorted by name.
  .get('/communes', guard('commune:list'), validate('query', CommuneListQuery), async (c) => {
    const { q, kind } = c.req.valid('query')
    const rows = await listCommunes(c.var.tenant.db, kind)
    const needle = q ? foldDiacritics(q) : ''
    const data = needle ? rows.filter((r) => foldDiacritics(r.name).includes(needle)) : rows
    return c.json({ data, total: data.length })
  })
