import { AsyncLocalStorage } from 'node:async_hooks'
import type { Client, InStatement, ResultSet, TransactionMode } from '@libsql/client'

// Workers reach Turso over HTTP: every `execute` and `batch` of @libsql/client/web is its own HTTP request,
// tens of milliseconds from a Worker near Hà Nội to a database in Singapore (issue 20, decision 0046).
// Statements a request issues together (`Promise.all`) travel here as ONE batch: one round trip, one
// transaction (a consistent snapshot for reads issued together). Interactive transactions pass through.
// Only within one request (`inPipelineScope`): workerd cancels a request whose I/O another request started
// (db/client.web.ts), so statements of two requests never share a trip. Outside a scope nothing is held back.

const scopes = new AsyncLocalStorage<{ queues: Map<Client, Pending[]> }>()

/** Runs one request's work with its own pipeline: its statements issued together share a round trip. */
export function inPipelineScope<T>(fn: () => T): T {
  return scopes.run({ queues: new Map() }, fn)
}

interface Pending {
  stmts: InStatement[]
  /** A lone `execute` answers its one result; a `batch` its array. */
  single: boolean
  mode: TransactionMode | undefined
  resolve(result: ResultSet | ResultSet[]): void
  reject(err: unknown): void
}

function settle(p: Pending, results: ResultSet[]): void {
  p.resolve(p.single ? results[0]! : results)
}

function runAlone(client: Client, p: Pending): void {
  const done = p.single ? client.execute(p.stmts[0]!).then((r) => [r]) : client.batch(p.stmts, p.mode)
  done.then(
    (results) => settle(p, results),
    (err: unknown) => p.reject(err),
  )
}

/** A client whose executes and batches issued in the same turn of the event loop share one HTTP request. */
export function pipelined(client: Client): Client {
  async function flush(queues: Map<Client, Pending[]>): Promise<void> {
    const group = queues.get(client) ?? []
    queues.delete(client)
    if (group.length === 1) return runAlone(client, group[0]!)
    const mode: TransactionMode = group.some((p) => p.mode === 'write') ? 'write' : 'deferred'
    let results: ResultSet[]
    try {
      results = await client.batch(
        group.flatMap((p) => p.stmts),
        mode,
      )
    } catch {
      // One statement failed and the whole batch rolled back: each goes again alone, so each gets its own answer.
      for (const p of group) runAlone(client, p)
      return
    }
    let at = 0
    for (const p of group) {
      settle(p, results.slice(at, at + p.stmts.length))
      at += p.stmts.length
    }
  }

  function enqueue(stmts: InStatement[], single: boolean, mode: TransactionMode | undefined): Promise<ResultSet | ResultSet[]> {
    return new Promise((resolve, reject) => {
      const pending = { stmts, single, mode, resolve, reject }
      const scope = scopes.getStore()
      if (!scope) return runAlone(client, pending)
      let queue = scope.queues.get(client)
      if (!queue) {
        queue = []
        scope.queues.set(client, queue)
        // A macrotask, not a microtask: drizzle reaches the driver a few awaits after the call, a different
        // number for different queries, so statements started together arrive over several microtasks.
        setTimeout(() => void flush(scope.queues), 0)
      }
      queue.push(pending)
    })
  }

  const execute = (stmt: InStatement | string, args?: unknown) =>
    enqueue([typeof stmt === 'string' ? { sql: stmt, args: (args ?? []) as never } : stmt], true, undefined) as Promise<ResultSet>
  const batch = (stmts: InStatement[], mode?: TransactionMode) => enqueue(stmts, false, mode) as Promise<ResultSet[]>

  return new Proxy(client, {
    get(target, prop) {
      if (prop === 'execute') return execute
      if (prop === 'batch') return batch
      const value: unknown = Reflect.get(target, prop, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

/**
 * Runs independent database steps of one request: together on a remote client, where they then share one round
 * trip; one after the other on an embedded file, where a round trip costs nothing and a write issued beside an
 * open audit transaction would wait on this process's own lock (db/audit/append-audit.ts).
 */
export async function together<T extends readonly (() => Promise<unknown>)[]>(
  db: object,
  ...steps: T
): Promise<{ -readonly [K in keyof T]: Awaited<ReturnType<T[K]>> }> {
  // An interactive transaction (no client of its own) answers one statement at a time: one after the other too.
  const protocol = (db as { $client?: { protocol?: unknown } }).$client?.protocol
  if (protocol !== undefined && protocol !== 'file') return (await Promise.all(steps.map((step) => step()))) as never
  const results: unknown[] = []
  for (const step of steps) results.push(await step())
  return results as never
}
