import { Hono } from 'hono'
import type { AppEnv } from '../env.ts'
import { guard } from '../middleware/auth.ts'
import { listOnboardedProvinces } from '../repo/provinces.ts'

export const provincesRoutes = new Hono<AppEnv>().get('/', guard('province:list'), async (c) => {
  const data = await listOnboardedProvinces(c.var.deps.control)
  return c.json({ data })
})
