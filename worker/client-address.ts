import type { Context } from 'hono'

/** Workers: Cloudflare's edge sets CF-Connecting-IP and a client cannot forge it. */
export function workersClientAddress(c: Context): string | undefined {
  return c.req.header('cf-connecting-ip') ?? undefined
}
