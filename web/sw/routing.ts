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
 */
export function isNeverCached(pathname: string): boolean {
  return pathname === '/api' || pathname.startsWith('/api/') || pathname === '/health'
}

export function strategyFor(url: URL, request: RequestLike, origin: string): Strategy {
  if (request.method !== 'GET') return 'passthrough'
  if (url.origin !== origin) return 'passthrough'
  if (isNeverCached(url.pathname)) return 'passthrough'
  if (request.mode === 'navigate') return 'navigation'
  if (url.pathname.startsWith('/assets/')) return 'cache-first'
  return 'network-first'
}
