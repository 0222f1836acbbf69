import { Hono } from 'hono'
import type { AppEnv } from '../env.ts'
import type { DevOutbox } from '../mail/mail.ts'
import { open } from '../middleware/auth.ts'

/** How many of the newest messages the screen lists. */
const LISTED = 50

/**
 * Development only (decision 0018): the local outbox stands in for the recipients' mailboxes, so it is open
 * like a mailbox would be to its owner. createApp mounts it only with a dev outbox and outside production; in
 * production the path answers 404 like any unknown route.
 */
export function devOutboxRoutes(outbox: DevOutbox) {
  return new Hono<AppEnv>().get('/', open, async (c) => c.json({ data: await outbox.list(LISTED) }))
}
