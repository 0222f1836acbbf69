// Registers the service worker (web/sw/service-worker.ts, built to /sw.js) and exposes the update flow.
type Listener = () => void
const listeners = new Set<Listener>()
let waiting: ServiceWorker | null = null

function announce(worker: ServiceWorker): void {
  waiting = worker
  for (const listener of listeners) listener()
}

/** Calls `listener` when a new version is installed and waiting; returns an unsubscribe. */
export function onUpdateReady(listener: Listener): () => void {
  listeners.add(listener)
  if (waiting) listener()
  return () => listeners.delete(listener)
}

/** Activates the waiting version; the page reloads once it controls the page. */
export function applyUpdate(): void {
  if (waiting) waiting.postMessage({ type: 'SKIP_WAITING' })
  else location.reload()
}

export function registerServiceWorker(): void {
  if (!('serviceWorker' in navigator) || !import.meta.env.PROD) return
  let reloading = false
  let controlled = navigator.serviceWorker.controller !== null
  navigator.serviceWorker.addEventListener('controllerchange', () => {
    // The first worker taking control (clients.claim() on a first visit) changes nothing on screen: no reload,
    // which would wipe whatever is being typed (the sign-in form). A new version replacing one reloads once.
    if (!controlled) {
      controlled = true
      return
    }
    if (reloading) return
    reloading = true
    location.reload()
  })
  window.addEventListener('load', () => {
    navigator.serviceWorker
      .register('/sw.js')
      .then((registration) => {
        // A version already waiting from an earlier visit.
        if (registration.waiting && navigator.serviceWorker.controller) announce(registration.waiting)
        registration.addEventListener('updatefound', () => {
          const installing = registration.installing
          installing?.addEventListener('statechange', () => {
            // Only an update (there is a controller) asks to reload; the first install just takes over quietly.
            if (installing.state === 'installed' && navigator.serviceWorker.controller) announce(installing)
          })
        })
      })
      .catch(() => {
        // No service worker (private mode, old browser): the app still works online.
      })
  })
}
