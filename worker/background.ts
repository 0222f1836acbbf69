import type { Context } from 'hono'
import type { Logger } from './logger.ts'

/**
 * Hands the runtime work that must not delay the answer (an alert's delivery: decision 0040). On Workers it is
 * the request's `executionCtx.waitUntil` (work left running without it may be cut off once the response is
 * sent); on Node the entry gives every request the same context, built by `createDetachedWork`.
 */
export type Background = (work: Promise<unknown>) => void

/** The request's way to finish work after answering; undefined when the app was called without one (then the caller awaits). */
export function backgroundOf(c: Context): Background | undefined {
  let ctx: Context['executionCtx']
  try {
    ctx = c.executionCtx // Hono throws when the runtime passed none
  } catch {
    return undefined
  }
  return (work) => ctx.waitUntil(work)
}

/** Long enough for the alert's own bounded retries (3 attempts of 3 s, 0.5 s and 1 s apart: worker/jobs/tenant-alert.ts). */
export const DETACHED_WORK_TIMEOUT_MS = 15_000

/**
 * Node's `waitUntil`: the work runs on detached from the request, under a timeout of its own; a failure or a
 * timeout is logged (names only), never thrown, so it cannot become an unhandled rejection. `settled()` waits
 * for what is still running (a clean stop).
 */
export function createDetachedWork(logger: Logger, timeoutMs = DETACHED_WORK_TIMEOUT_MS) {
  const running = new Set<Promise<void>>()
  const waitUntil: Background = (work) => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const timedOut = new Promise<'timed_out'>((resolve) => {
      timer = setTimeout(() => resolve('timed_out'), timeoutMs)
      timer.unref?.()
    })
    const done: Promise<void> = Promise.race([work.then(() => 'done' as const), timedOut])
      .then((outcome) => {
        if (outcome === 'timed_out') logger.error('background_work_timed_out', { timeoutMs })
      })
      .catch((err: unknown) => logger.error('background_work_failed', { errorName: err instanceof Error ? err.name : 'unknown' }))
      .finally(() => {
        clearTimeout(timer)
        running.delete(done)
      })
    running.add(done)
  }
  return {
    /** Passed to `app.fetch` as the execution context, as the Workers runtime passes its own. */
    context: { waitUntil, passThroughOnException: () => {}, props: {} },
    async settled(): Promise<void> {
      await Promise.all([...running])
    },
  }
}
