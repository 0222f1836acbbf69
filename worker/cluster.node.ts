import cluster, { type Worker } from 'node:cluster'
import type { Logger } from './logger.ts'

// WEB_CONCURRENCY > 1 (decision 0024): the primary prepares the databases, forks this same entry once per
// serving process and runs the daily jobs; it serves nothing itself. Node's cluster module shares the
// listening socket: the primary accepts connections and hands them to the workers in turn.

/** What the entry's shutdown calls, for one server and for a pool of workers alike. */
export interface Closable {
  close(done: () => void): void
}

/** A worker exiting this often within a minute is failing, not crashing once: the primary stops. */
const MAX_RESTARTS_PER_MINUTE = 5
/** Workers get this long to finish in-flight requests after SIGTERM before they are killed (each gives up after 5 s). */
const STOP_GRACE_MS = 10_000

/**
 * Forks `count` workers and resolves once every one listens. A worker that dies after listening is replaced
 * (and logged); one that dies before listening, or workers dying in a loop, stop the primary with exit code 1:
 * a start-up failure would fail again in every replacement.
 */
export function startWorkers(count: number, logger: Logger): Promise<Closable & { port: number }> {
  const live = new Set<Worker>()
  const listening = new Set<Worker>()
  const restarts: number[] = []
  let started = false
  let stopping = false
  let stopped: (() => void) | undefined

  return new Promise((resolve, reject) => {
    const fork = () => {
      const worker = cluster.fork()
      live.add(worker)
      worker.once('listening', (address) => {
        listening.add(worker)
        if (started || stopping || listening.size < count) return
        started = true
        resolve({ ...pool, port: address.port })
      })
    }
    cluster.on('exit', (worker, code, signal) => {
      live.delete(worker)
      const wasListening = listening.delete(worker)
      if (stopping) {
        if (live.size === 0) stopped?.()
        return
      }
      logger.error('worker_exited', { pid: worker.process.pid, code, signal })
      const now = Date.now()
      restarts.push(now)
      while (restarts.length > 0 && restarts[0]! < now - 60_000) restarts.shift()
      if (!wasListening || restarts.length > MAX_RESTARTS_PER_MINUTE) {
        const reason = wasListening ? 'workers keep exiting' : `a worker exited (code ${code}, signal ${signal}) before it listened`
        // At start-up the entry's await fails (exit code 1); later the primary stops the others and exits 1.
        if (!started) {
          pool.close(() => undefined)
          reject(new Error(reason))
        } else {
          logger.error('workers_failing', { reason })
          pool.close(() => process.exit(1))
        }
        return
      }
      fork()
    })
    const pool: Closable = {
      close(done) {
        stopping = true
        stopped = done
        if (live.size === 0) return done()
        for (const worker of live) worker.process.kill('SIGTERM')
        setTimeout(() => {
          for (const worker of live) worker.process.kill('SIGKILL')
        }, STOP_GRACE_MS).unref()
      },
    }
    for (let i = 0; i < count; i++) fork()
  })
}

/**
 * Outside production, each worker names itself in an `X-Worker-Pid` header, so that a test (or an operator
 * trying WEB_CONCURRENCY) can see requests spread over the processes. Production answers never carry it.
 */
export function withWorkerPid<Args extends unknown[]>(fetch: (request: Request, ...rest: Args) => Response | Promise<Response>) {
  const pid = String(process.pid)
  return async (request: Request, ...rest: Args): Promise<Response> => {
    const res = await fetch(request, ...rest)
    try {
      res.headers.set('X-Worker-Pid', pid)
      return res
    } catch {
      // A response with immutable headers (e.g. one passed through from fetch()): copy it.
      const copy = new Response(res.body, res)
      copy.headers.set('X-Worker-Pid', pid)
      return copy
    }
  }
}
