// Which caching strategy the service worker uses for a request. Pure (no service-worker globals), so it is
// unit-tested in Node: test/web/sw-routing.test.ts.

export type Strategy =
  /** Not intercepted at all: the browser goes to the network as if there were no service worker. */
  | 'passthrough'
  /** Page loads (every client route): the precached app shell (index.html), the network only without one. */
  | 'navigation'
  /** Content-hashed build output: the cache, then the network. */
  | 'cache-first'
  /** Other same-origin files (icons, a future web manifest): the network, then the cache. */
  | 'network-first'

/** The two request fields the decision needs (a `Request` has both). */
export interface RequestLike {
  method: string
  mode: string
}

/**
 * `/api/*` (and `/health`) are never cached and never answered by the service worker: API responses carry
 * personal data, which must not sit in Cache Storage. Offline data will live in IndexedDB
 * (web/src/offline/README.md).
 *
 * The browser keeps percent-escapes in `pathname`, but the server decodes them before routing (Hono:
 * `/%61pi/me` is `/api/me`). So the path is judged in every reading the server or a proxy might give it:
 * as sent, and decoded once, twice and three times, case-folded, repeated slashes collapsed. Erring this way
 * only leaves an odd path to the network.
 */
export function isNeverCached(pathname: string): boolean {
  return readings(pathname).some((path) => path === '/api' || path.startsWith('/api/') || path === '/health' || path === '/health/')
}

function readings(pathname: string): string[] {
  const found = [pathname]
  for (let current = pathname, i = 0; i < 3 && current.includes('%'); i++) {
    current = tolerantDecode(current)
    found.push(current)
  }
  return found.map((path) => path.toLowerCase().replace(/\/{2,}/g, '/'))
}

/** decodeURIComponent, keeping any escape that is not valid UTF-8 as it is (as the server does). */
function tolerantDecode(text: string): string {
  try {
    return decodeURIComponent(text)
  } catch {
    return text.replace(/(?:%[0-9A-Fa-f]{2})+/g, (run) => {
      try {
        return decodeURIComponent(run)
      } catch {
        return run
      }
    })
  }
}

export function strategyFor(url: URL, request: RequestLike, origin: string): Strategy {
  if (request.method !== 'GET') return 'passthrough'
  if (url.origin !== origin) return 'passthrough'
  if (isNeverCached(url.pathname)) return 'passthrough'
  if (request.mode === 'navigate') return 'navigation'
  if (url.pathname.startsWith('/assets/')) return 'cache-first'
  return 'network-first'
}
