import { Hono } from 'hono'
import type { AppEnv } from '../env.ts'
import { open } from '../middleware/auth.ts'

/** Process liveness only: it touches no database, so a province's outage never fails it. */
export const health = new Hono<AppEnv>().get('/', open, (c) => c.json({ data: { status: 'ok', time: c.var.deps.clock.now().toISOString() } }))
