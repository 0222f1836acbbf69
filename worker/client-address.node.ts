import { isIP } from 'node:net'
import { getConnInfo } from '@hono/node-server/conninfo'
import type { Context } from 'hono'

/**
 * Node: the address the outermost trusted proxy saw. Each reverse proxy appends the address it received the
 * request from to X-Forwarded-For, so with `trustedHops` proxies in front the client is the `trustedHops`-th
 * entry from the right; everything left of it was written by the client and is ignored. With 0 hops, or when
 * a request arrives without the header (e.g. a local health probe), the socket's peer.
 */
export function nodeClientAddress(trustedHops: number) {
  return (c: Context): string | undefined => {
    if (trustedHops > 0) {
      const forwarded = forwardedClient(c.req.header('x-forwarded-for'), trustedHops)
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

/**
 * Pure: the entry `hops` from the right. With fewer entries than hops, the left-most, which a trusted proxy
 * still appended. An entry that is not an IP address (a proxy writing "unknown") gives undefined.
 */
export function forwardedClient(header: string | undefined, hops: number): string | undefined {
  const entries = (header ?? '')
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean)
  if (entries.length === 0) return undefined
  const entry = entries[Math.max(0, entries.length - hops)]!
  return isIP(entry) ? entry : undefined
}
