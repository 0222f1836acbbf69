// The offline side of a signed-in commune officer (a lazy chunk, loaded through status.ts's loadOffline()): opens
// the store for the user, runs the sync engine and its triggers, and is the only way screens queue changes.
import { ApiError, apiErrorCode, endpoint, getJson, sendJson } from '../api.ts'
import type { Me } from '../../../kernel/contract/identity.ts'
import { actorOf, worksOffline } from '../lib/actor.ts'
import { getSyncStatus, resetSyncStatus, setSyncStatus } from './status.ts'
import { mustChain } from './outbox.ts'
import { openStore, type OfflineStore } from './store.ts'
import { SyncEngine, type Transport } from './sync.ts'
import type { ChangeType, OutboxEntry } from './types.ts'

const SYNC_TAG = 'binhan-outbox'
/** How long a form submitted online waits for the server's answer before saying "queued". */
const SUBMIT_WAIT_MS = 10_000
/**
 * A request that hangs on a weak signal must not hold the engine (and the cross-tab lock) for minutes: it is
 * abandoned and tried again with backoff. A push abandoned after the server applied it is answered from the
 * server's receipt when sent again.
 */
const PUSH_TIMEOUT_MS = 30_000
const PULL_TIMEOUT_MS = 60_000
/** While online: look for work every minute; pull at least every 5 minutes even with nothing queued. */
const TICK_MS = 60_000
const PULL_EVERY_MS = 5 * 60_000

let storePromise: Promise<OfflineStore> | null = null
let engine: SyncEngine | null = null
let province = ''
let stopTriggers: (() => void) | null = null
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('binhan-offline') : null
channel?.addEventListener('message', () => void refreshStatus(false))

function store(): Promise<OfflineStore> {
  storePromise ??= openStore()
  return storePromise
}

/** Recounts the outbox into the header's status and tells the screens to re-read (and other tabs, when ours). */
async function refreshStatus(broadcast: boolean): Promise<void> {
  const s = await store()
  const [entries, meta] = await Promise.all([s.entries(), s.meta()])
  setSyncStatus({
    pending: entries.filter((e) => e.state === 'pending').length,
    failed: entries.filter((e) => e.state === 'failed').length,
    conflicts: entries.filter((e) => e.state === 'conflict').length,
    lastSyncedAt: meta.lastSyncedAt,
    complete: meta.complete,
    revision: getSyncStatus().revision + 1,
  })
  if (broadcast) channel?.postMessage('changed')
}

const changed = () => void refreshStatus(true)

function transport(): Transport {
  return {
    async push(deviceId, changes) {
      const { data } = await sendJson(endpoint('POST /api/p/:province/sync/push', { province }), { deviceId, changes }, AbortSignal.timeout(PUSH_TIMEOUT_MS))
      return data.results
    },
    async pull(cursor) {
      const { data } = await getJson(
        endpoint('GET /api/p/:province/sync/pull', { province }, { cursor: cursor ?? undefined }),
        AbortSignal.timeout(PULL_TIMEOUT_MS),
      )
      return data
    },
  }
}

function exclusive<T>(fn: () => Promise<T>): Promise<T> {
  // Two tabs must not send the same outbox at once (harmless thanks to the keys, but wasteful).
  return typeof navigator.locks?.request === 'function' ? navigator.locks.request('binhan-sync', fn) : fn()
}

function startEngine(s: OfflineStore, me: Me): SyncEngine {
  province = me.province?.code ?? ''
  if (engine) return engine
  const created = new SyncEngine({
    store: s,
    transport: transport(),
    now: () => new Date(),
    random: Math.random,
    isOnline: () => navigator.onLine,
    setTimer: (fn, ms) => setTimeout(fn, ms),
    clearTimer: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
    changed,
    exclusive,
  })
  created.onState(() => setSyncStatus({ phase: created.state.phase }))
  engine = created
  stopTriggers = startTriggers(created)
  setSyncStatus({ active: true })
  void refreshStatus(false)
  return created
}

/** When to sync: now, back online, the tab shown again, every minute while online, the service worker's nudge. */
function startTriggers(e: SyncEngine): () => void {
  const sync = () => void e.sync()
  const onVisible = () => document.visibilityState === 'visible' && sync()
  let lastRun = Date.now()
  e.onState(() => {
    if (e.state.phase === 'idle') lastRun = Date.now()
  })
  const tick = setInterval(() => {
    if (navigator.onLine && (getSyncStatus().pending > 0 || Date.now() - lastRun > PULL_EVERY_MS)) sync()
  }, TICK_MS)
  const onMessage = (event: MessageEvent) => {
    if ((event.data as { type?: unknown } | null)?.type !== 'SYNC_OUTBOX') return
    const port = event.ports[0]
    void e.sync().then(() => port?.postMessage({ ok: e.state.phase === 'idle' }))
  }
  window.addEventListener('online', sync)
  document.addEventListener('visibilitychange', onVisible)
  navigator.serviceWorker?.addEventListener('message', onMessage)
  // addEventListener alone does not start the delivery of the worker's messages (onmessage would).
  navigator.serviceWorker?.startMessages()
  sync()
  return () => {
    clearInterval(tick)
    window.removeEventListener('online', sync)
    document.removeEventListener('visibilitychange', onVisible)
    navigator.serviceWorker?.removeEventListener('message', onMessage)
  }
}

function stopEngine(): void {
  engine?.stop()
  stopTriggers?.()
  engine = null
  stopTriggers = null
}

export interface Attached {
  /** The store holds changes of another user that were never sent: the officer decides before anything else. */
  foreign: { owner: string; pending: number } | null
}

/**
 * A user is signed in (checked online). Commune officers get the store and the engine; for anyone else, and for
 * another user's leftovers, the store is wiped — unless it holds unsent changes, which are never dropped silently.
 */
export async function attach(me: Me): Promise<Attached> {
  const s = await store()
  const meta = await s.meta()
  if (meta.userId !== null && meta.userId !== me.id) {
    const pending = (await s.entries()).length
    if (pending > 0) return { foreign: { owner: (await s.user())?.displayName ?? '', pending } }
    await wipe()
  }
  if (!worksOffline(actorOf(me))) {
    if ((await s.entries()).length === 0) await wipe()
    return { foreign: null }
  }
  await s.setUser(me)
  const e = startEngine(s, me)
  e.resume()
  void e.sync()
  return { foreign: null }
}

/** Opening the app without a network: the officer who signed in last, if the store is theirs. */
export async function offlineUser(): Promise<Me | null> {
  const s = await store()
  const me = await s.user()
  if (!me || !worksOffline(actorOf(me)) || (await s.meta()).userId !== me.id) return null
  startEngine(s, me)
  return me
}

/** The session expired (a 401): keep everything, send nothing until resume(). */
export function pause(): void {
  engine?.pause()
}

/** Sign-out, or discarding another user's leftovers: everything goes, the device id stays. */
export async function wipe(): Promise<void> {
  stopEngine()
  const s = await store()
  await s.wipe()
  resetSyncStatus()
  channel?.postMessage('changed')
}

export async function outboxSize(): Promise<number> {
  return (await (await store()).entries()).length
}

export function syncNow(): Promise<void> {
  return engine?.sync() ?? Promise.resolve()
}

export { store as openedStore }

// ---------------------------------------------------------------------------------------------------------
// Queueing changes.

export interface Change {
  type: ChangeType
  entityId: string
  personId: string
  data: Record<string, unknown>
}

/** Queues a change (applied to what the screens show at once) and asks for a sync. */
export async function queue(change: Change): Promise<OutboxEntry> {
  const s = await store()
  const chained = mustChain(await s.entries(), change)
  const entry = await s.addEntry({ ...change, key: crypto.randomUUID(), queuedAt: new Date().toISOString(), state: 'pending', chained, attempts: 0 })
  changed()
  requestBackgroundSync()
  void engine?.sync()
  return entry
}

/**
 * A form's change. Online, the form waits (up to 10 s) for the server's answer, so a refusal shows next to its
 * field as before and the change is not kept; offline, or without an answer in time, it stays queued.
 */
export async function submit(change: Change): Promise<void> {
  const entry = await queue(change)
  if (!navigator.onLine || !engine) return
  const settled = await engine.syncAndWait(entry.key, SUBMIT_WAIT_MS)
  if (settled.kind !== 'rejected') return
  const s = await store()
  await s.deleteEntry(entry.seq)
  changed()
  const error = settled.entry.error
  const status = { invalid: 400, not_found: 404, forbidden: 403, conflict: 409 }[String(error?.status)] ?? 400
  throw new ApiError(apiErrorCode(error?.code ?? 'validation_failed'), status, error?.message ?? '', error?.details)
}

interface SyncRegistration {
  sync?: { register(tag: string): Promise<void> }
}

/** Background Sync (Chromium): the browser wakes the service worker when the connection returns. */
function requestBackgroundSync(): void {
  if (!('serviceWorker' in navigator) || !navigator.serviceWorker.controller) return
  void navigator.serviceWorker.ready.then((registration) => (registration as unknown as SyncRegistration).sync?.register(SYNC_TAG)).catch(() => undefined)
}

// ---------------------------------------------------------------------------------------------------------
// The sync screen's actions on one change.

async function update(seq: number, fn: (entry: OutboxEntry) => OutboxEntry | null): Promise<void> {
  const s = await store()
  const entry = (await s.entries()).find((e) => e.seq === seq)
  if (!entry) return
  const next = fn(entry)
  if (next) await s.putEntries([next])
  else await s.deleteEntry(seq)
  changed()
  void engine?.sync()
}

/** Sent again as a new change: the server keeps its answer to the old key forever. */
export function resend(seq: number, data?: Record<string, unknown>): Promise<void> {
  return update(seq, (entry) => {
    const { error: _error, server: _server, ...rest } = entry
    return { ...rest, ...(data ? { data } : {}), key: crypto.randomUUID(), state: 'pending', attempts: 0, chained: false }
  })
}

export function discard(seq: number): Promise<void> {
  return update(seq, () => null)
}
