import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'

/**
 * Node: the socket's peer, or — only when a reverse proxy we control sets it (TRUST_PROXY=1) — the
 * left-most X-Forwarded-For address. Trusting the header without a proxy would let anyone pick their
 * address and dodge the login throttle.
 */
export function nodeClientAddress(trustProxy: boolean) {
  return (c: Context): string | undefined => {
    if (trustProxy) {
      const forwarded = c.req.header('x-forwarded-for')?.split(',')[0]?.trim()
      if (forwarded) return forwarded
    }
    try {
      return getConnInfo(c).remote.address
    } catch {
      // app.request() in tests has no socket.
      return undefined
    }
  }
}
