// The sync engine: sends the outbox (POST /sync/push, in order, batches of at most 50, exactly once thanks to the
// idempotency keys), then pulls what changed (GET /sync/pull from the stored cursor). Runs on app start, on the
// 'online' event, on a timer while online, after every local change, and when the service worker relays a
// Background Sync event. A failed attempt retries with exponential backoff and jitter; a 401 (session expired)
// pauses everything, queued changes included, until the officer signs in again.
import { ApiError } from '../api.ts'
import { backoffDelay, outcomesOf, release, selectBatch, type Outcome } from './outbox.ts'
import type { OfflineStore } from './store.ts'
import type { OutboxEntry, PullPage, PushResult } from './types.ts'
import { RESULT_COLLECTION } from './types.ts'

export interface Transport {
  push(deviceId: string, changes: { key: string; type: string; entityId: string; data: Record<string, unknown> }[]): Promise<PushResult[]>
  pull(cursor: string | null): Promise<PullPage>
}

export interface EngineDeps {
  store: OfflineStore
  transport: Transport
  now(): Date
  random(): number
  isOnline(): boolean
  setTimer(fn: () => void, ms: number): unknown
  clearTimer(handle: unknown): void
  /** The store changed (records or outbox): screens and the header re-read it. */
  changed(): void
  /** Runs `fn` alone across the tabs of this browser (Web Locks), or just runs it. */
  exclusive<T>(fn: () => Promise<T>): Promise<T>
}

export type SyncPhase = 'idle' | 'syncing' | 'offline' | 'retrying' | 'paused'

export interface EngineState {
  phase: SyncPhase
  /** When the next automatic attempt is due (retrying). */
  retryAt: string | null
  /** Why the last attempt failed, an error code ('network', 'unauthenticated', 'internal'…). */
  lastError: string | null
}

/** What became of one change the screens wait for (a form submitted while online). */
export type Settled = { kind: 'applied' } | { kind: 'rejected'; entry: OutboxEntry } | { kind: 'queued' }

/** Pages per run at most: a full download of a big commune is a few pages; the rest follows in the next run. */
const MAX_PAGES = 40
/** Batches per run at most (50 changes each). */
const MAX_BATCHES = 20

export class SyncEngine {
  private running: Promise<void> | null = null
  private again = false
  private failures = 0
  private timer: unknown = null
  private paused = false
  /** A push's answers are stored but the screens not told yet: they are, with the pull that follows. */
  private unseen = false
  private readonly waiters = new Map<string, (settled: Settled) => void>()
  state: EngineState = { phase: 'idle', retryAt: null, lastError: null }
  private readonly listeners = new Set<() => void>()

  private readonly deps: EngineDeps
  constructor(deps: EngineDeps) {
    this.deps = deps
  }

  onState(listener: () => void): () => void {
    this.listeners.add(listener)
    return () => this.listeners.delete(listener)
  }

  private setState(patch: Partial<EngineState>): void {
    this.state = { ...this.state, ...patch }
    for (const listener of this.listeners) listener()
  }

  /** One run at a time; a call during a run asks for one more run after it (a change queued meanwhile). */
  sync(): Promise<void> {
    if (this.paused) return Promise.resolve()
    if (this.running) {
      this.again = true
      return this.running
    }
    this.running = (async () => {
      try {
        do {
          this.again = false
          await this.deps.exclusive(() => this.run())
        } while (this.again && !this.paused)
      } finally {
        this.running = null
        this.settleWaiters()
      }
    })()
    return this.running
  }

  /** Sends now and resolves once `key` is answered, or at `timeoutMs` / when the network fails ("queued"). */
  syncAndWait(key: string, timeoutMs: number): Promise<Settled> {
    return new Promise((resolve) => {
      const timer = this.deps.setTimer(() => finish({ kind: 'queued' }), timeoutMs)
      const finish = (settled: Settled) => {
        this.deps.clearTimer(timer)
        this.waiters.delete(key)
        resolve(settled)
      }
      this.waiters.set(key, finish)
      void this.sync()
      // Paused (session expired): nothing goes out until the officer signs in again.
      if (!this.running) finish({ kind: 'queued' })
    })
  }

  /** Session expired (401): stop until resume(). Nothing queued is lost. */
  pause(): void {
    this.paused = true
    this.clearRetry()
    this.setState({ phase: 'paused', lastError: 'unauthenticated' })
  }

  resume(): void {
    if (!this.paused) return
    this.paused = false
    this.failures = 0
    this.setState({ phase: 'idle', lastError: null })
    void this.sync()
  }

  stop(): void {
    this.paused = true
    this.clearRetry()
    for (const finish of this.waiters.values()) finish({ kind: 'queued' })
  }

  private clearRetry(): void {
    if (this.timer !== null) this.deps.clearTimer(this.timer)
    this.timer = null
  }

  private async run(): Promise<void> {
    if (!this.deps.isOnline()) {
      this.setState({ phase: 'offline' })
      return
    }
    this.clearRetry()
    this.setState({ phase: 'syncing', retryAt: null })
    try {
      let retryLater = false
      for (let batches = 0; batches < MAX_BATCHES; batches++) {
        const pushed = await this.pushOnce()
        retryLater ||= pushed.retry
        // A waiting form hears its answer once the pull that follows is stored and the screens are told: the
        // record it changed then shows the server's version, so the next step of it (an admission, then the
        // return) is based on that one and not on the version before (a stale-version refusal of our own change).
        try {
          await this.pullAll()
        } finally {
          this.notifyWaiters(pushed.outcomes)
        }
        await this.releaseChained()
        if (!pushed.sent || pushed.retry) break
      }
      if (retryLater) return this.scheduleRetry('internal')
      this.failures = 0
      this.setState({ phase: 'idle', lastError: null })
    } catch (err) {
      if (err instanceof ApiError && err.status === 401) return this.pause()
      const code = err instanceof ApiError ? err.code : 'internal'
      this.scheduleRetry(code)
    } finally {
      if (this.unseen) this.notifyChanged()
    }
  }

  private notifyChanged(): void {
    this.unseen = false
    this.deps.changed()
  }

  /** One batch out; its answers stored. `sent`: something went out; `retry`: something must be sent again later. */
  private async pushOnce(): Promise<{ sent: boolean; retry: boolean; outcomes: readonly Outcome[] }> {
    const { store, transport } = this.deps
    const batch = selectBatch(await store.entries())
    if (batch.length === 0) return { sent: false, retry: false, outcomes: [] }
    const { deviceId } = await store.meta()
    const results = await transport.push(
      deviceId,
      batch.map(({ key, type, entityId, data }) => ({ key, type, entityId, data })),
    )
    const outcomes = outcomesOf(batch, results)
    await store.applyOutcomes(outcomes)
    await this.releaseBehindApplied(outcomes)
    // The screens re-read after the pull that follows: an applied completion's answer is the plan, and the
    // post-rehab record it opened and the person's new status come with that pull (a status change's likewise).
    this.unseen = true
    return { sent: true, retry: outcomes.some((o) => o.kind === 'retry'), outcomes }
  }

  private async pullAll(): Promise<void> {
    const { store, transport } = this.deps
    for (let pages = 0; pages < MAX_PAGES; pages++) {
      const page = await transport.pull((await store.meta()).cursor)
      await store.applyPull(page, this.deps.now().toISOString())
      this.notifyChanged()
      if (!page.more) return
    }
    this.again = true
  }

  /**
   * A change chained behind one of the same record that was just applied is based on the version the server
   * answered, exactly (no pull in between that could bring someone else's change unseen).
   */
  private async releaseBehindApplied(outcomes: readonly Outcome[]): Promise<void> {
    const versions = new Map<string, number>()
    for (const o of outcomes) if (o.kind === 'applied' && typeof o.record?.version === 'number') versions.set(o.entry.entityId, o.record.version)
    if (versions.size === 0) return
    const released = release(await this.deps.store.entries(), (entry) => versions.get(entry.entityId))
    if (released.length > 0) await this.deps.store.putEntries(released)
  }

  /** Chained changes behind a change of another record (a person update after a plan status change): after the pull. */
  private async releaseChained(): Promise<void> {
    const { store } = this.deps
    const entries = await store.entries()
    if (!entries.some((e) => e.chained)) return
    const versions = new Map<number, number>()
    for (const entry of entries) {
      if (!entry.chained) continue
      const collection = RESULT_COLLECTION[entry.type]
      const version = collection ? await store.version(collection, entry.entityId) : undefined
      if (version !== undefined) versions.set(entry.seq, version)
    }
    const released = release(entries, (entry) => versions.get(entry.seq))
    if (released.length > 0) {
      await store.putEntries(released)
      this.again = true
    }
  }

  private scheduleRetry(code: string): void {
    const delay = backoffDelay(this.failures, this.deps.random)
    this.failures++
    this.timer = this.deps.setTimer(() => {
      this.timer = null
      void this.sync()
    }, delay)
    this.setState({ phase: this.deps.isOnline() ? 'retrying' : 'offline', retryAt: new Date(this.deps.now().getTime() + delay).toISOString(), lastError: code })
  }

  private notifyWaiters(outcomes: readonly Outcome[]): void {
    for (const outcome of outcomes) {
      const finish = this.waiters.get(outcome.entry.key)
      if (!finish) continue
      if (outcome.kind === 'applied') finish({ kind: 'applied' })
      else if (outcome.kind === 'failed' || outcome.kind === 'conflict') finish({ kind: 'rejected', entry: outcome.entry })
    }
  }

  /** A run ended: whoever still waits (offline, or the change waits behind another) has a queued change. */
  private settleWaiters(): void {
    if (this.running || this.again) return
    for (const finish of [...this.waiters.values()]) finish({ kind: 'queued' })
  }
}
