import { Hono } from 'hono'
import type { AppEnv } from '../env.ts'
import { listOnboardedProvinces } from '../repo/provinces.ts'

export const provincesRoutes = new Hono<AppEnv>().get('/', async (c) => {
  const data = await listOnboardedProvinces(c.var.deps.control)
  return c.json({ data })
})
