import { Hono } from 'hono'
import { auditContextOf } from '../audit-context.ts'
import type { AppEnv } from '../env.ts'
import { guard } from '../middleware/auth.ts'
import { ProvinceSettingsBody } from '../schemas/settings.ts'
import { validate } from '../schemas/validate.ts'
import { provinceSettings, updateProvinceSettings } from '../services/settings.ts'

/**
 * The province's settings, under /api/p/:province/settings. Reading them is `report:read` (every province role:
 * the review policy decides what the caseload and the reports call due and overdue; not personal data);
 * changing them is `province:settings` (province admins).
 */
export const settingsRoutes = new Hono<AppEnv>()
  .get('/', guard('report:read'), async (c) => c.json({ data: await provinceSettings(c.var.tenant.db) }))
  .put('/', guard('province:settings'), validate('json', ProvinceSettingsBody), async (c) => {
    return c.json({ data: await updateProvinceSettings(c.var.tenant.db, auditContextOf(c), c.req.valid('json')) })
  })
