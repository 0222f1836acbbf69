// The service worker, built to /sw.js by the serviceWorker() plugin in web/vite.config.ts, which replaces
// __PRECACHE_MANIFEST__ (every built file: the shell at "/", all JS and CSS chunks including lazy route
// chunks) and __PRECACHE_VERSION__ (a hash of those files). Registered by web/src/sw-register.ts.
//
// What it does:
// - install: precaches the manifest into a cache named after the version. It does NOT skipWaiting: an
//   update waits until the page's banner ("a new version is available — reload") posts SKIP_WAITING.
// - activate: deletes the caches of earlier versions, claims open pages.
// - fetch: see strategyFor() in ./routing.ts. API responses are never cached or answered from here.
// A new deployment arrives as a new sw.js (served no-cache; the browser checks it on every navigation): it
// precaches the new build in the background and waits, the page offers the reload, or the new version takes
// over by itself once every tab of the old one is closed.
import { isNeverCached, strategyFor } from './routing.ts'

declare const self: ServiceWorkerGlobalScope
declare const __PRECACHE_MANIFEST__: readonly string[]
declare const __PRECACHE_VERSION__: string

const CACHE_PREFIX = 'binh-an-shell-'
const CACHE = `${CACHE_PREFIX}${__PRECACHE_VERSION__}`
/** index.html, precached as "/" (Workers' assets redirect /index.html to /; Node serves both). */
const SHELL = '/'

self.addEventListener('install', (event) => {
  // addAll is all-or-nothing: a half-precached version never installs. Hashed files already downloaded by
  // the page come from the HTTP cache (immutable), so a first visit does not fetch them twice.
  event.waitUntil(caches.open(CACHE).then((cache) => cache.addAll(__PRECACHE_MANIFEST__)))
})

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const names = await caches.keys()
      await Promise.all(names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE).map((name) => caches.delete(name)))
      await self.clients.claim()
    })(),
  )
})

self.addEventListener('message', (event) => {
  if ((event.data as { type?: unknown } | null)?.type === 'SKIP_WAITING') void self.skipWaiting()
})

self.addEventListener('fetch', (event) => {
  const url = new URL(event.request.url)
  switch (strategyFor(url, event.request, self.location.origin)) {
    case 'passthrough':
      return // not calling respondWith: the request goes to the network untouched
    case 'navigation':
      return event.respondWith(navigation(event.request))
    case 'cache-first':
      return event.respondWith(cacheFirst(event.request))
    case 'network-first':
      return event.respondWith(networkFirst(event.request))
  }
})

/**
 * Every client route is the SPA's index.html: the precached shell, at once and offline, with no round trip
 * before the app starts (network first put the HTML's round trip before /api/me's and the repeat visit at the
 * edge of its 1 s budget at 400 ms per round trip: npm run bench:web). It is never refreshed from the network
 * on its own: it must stay in step with the chunks precached for this version, and a newer one arrives with
 * the next service worker (the update banner). The network only when the shell is missing (storage cleared).
 */
async function navigation(request: Request): Promise<Response> {
  const shell = await (await caches.open(CACHE)).match(SHELL)
  return shell ?? fetch(request)
}

/** Content-hashed files never change under their name, so a cached copy is always right. */
async function cacheFirst(request: Request): Promise<Response> {
  const cached = await (await caches.open(CACHE)).match(request)
  return cached ?? fetch(request)
}

/**
 * Other same-origin files (none today; later icons or a web manifest) are not content-hashed and change in
 * place at a deployment. Network first keeps them current, and they are rare and off the critical path, so
 * the round trip costs little; stale-while-revalidate would show the previous deployment's copy once. The
 * cached copy is the offline fallback.
 */
async function networkFirst(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE)
  try {
    const response = await fetch(request)
    if (storable(request, response)) void cache.put(request, response.clone())
    return response
  } catch (error) {
    const cached = await cache.match(request)
    if (cached) return cached
    throw error
  }
}

/**
 * Belt and braces: never store an API path, an error, a cross-origin reply or anything marked no-store; nor
 * HTML, which for a file request is the server's SPA fallback for a missing file (e.g. /favicon.ico).
 */
function storable(request: Request, response: Response): boolean {
  return (
    response.ok &&
    response.type === 'basic' &&
    !isNeverCached(new URL(request.url).pathname) &&
    !/no-store|private/i.test(response.headers.get('Cache-Control') ?? '') &&
    !(response.headers.get('Content-Type') ?? '').startsWith('text/html')
  )
}

// ---------------------------------------------------------------------------------------------------------
// Offline sync (web/src/offline/README.md). The page queues changes in IndexedDB and registers the Background
// Sync tag below when it queues one; the browser fires `sync` once the connection returns (even with the tab in
// the background). This worker does not read the outbox or call /api/* itself: it asks the open pages to send,
// which run the one sync engine (and its session handling), and waits for their answer so the browser retries
// later when nothing could be sent. With no page open there is nothing to do: the next app start sends.
// ---------------------------------------------------------------------------------------------------------
const SYNC_TAG = 'binhan-outbox'
/** How long a page may take to send the outbox before the browser is told to try again later. */
const FLUSH_TIMEOUT_MS = 60_000

/** Background Sync's event (Chromium); not in TypeScript's WebWorker library. */
interface SyncEvent extends ExtendableEvent {
  readonly tag: string
}

self.addEventListener('sync' as keyof ServiceWorkerGlobalScopeEventMap, (event) => {
  const sync = event as SyncEvent
  if (sync.tag === SYNC_TAG) sync.waitUntil(askPagesToSync())
})

async function askPagesToSync(): Promise<void> {
  const pages = await self.clients.matchAll({ type: 'window' })
  if (pages.length === 0) return
  const answers = await Promise.all(pages.map(askToSync))
  if (!answers.includes(true)) throw new Error('the outbox could not be sent yet') // the browser retries later
}

function askToSync(page: Client): Promise<boolean> {
  return new Promise((resolve) => {
    const channel = new MessageChannel()
    const timer = setTimeout(() => resolve(false), FLUSH_TIMEOUT_MS)
    channel.port1.onmessage = (message) => {
      clearTimeout(timer)
      resolve((message.data as { ok?: unknown } | null)?.ok === true)
    }
    page.postMessage({ type: 'SYNC_OUTBOX' }, [channel.port2])
  })
}
