import type { Client, InStatement, ResultSet } from '@libsql/client'
import { drizzle } from 'drizzle-orm/libsql/web'
import * as controlSchema from './control/schema/index.ts'
import * as tenantSchema from './tenant/schema/index.ts'
import type { ControlDb, TenantDb } from './types.ts'

// A command's persistence on a remote database (decision 0046): its reads pass through (a pipelined client sends
// those issued together in one round trip), its writes are held back and go as ONE `batch('write')` — one round
// trip, one transaction that rolls back whole should a statement fail — together with the first read that needs
// them (the answer's record) or when the command ends. An interactive transaction would cost a round trip per
// statement. Used only where the command runner chooses it; embedded files keep their interactive transaction.

/** A write that needs no answer: held back. Anything else (a read, a `returning`) needs the database now. */
const WRITE = /^\s*(insert|update|delete|replace)\b/i
const RETURNING = /\breturning\b/i

const held: ResultSet = Object.freeze({ columns: [], columnTypes: [], rows: [], rowsAffected: 0, lastInsertRowid: undefined, toJSON: () => ({}) })

export interface DeferredWrites {
  /** The client to open drizzle on: reads go through, writes wait for the batch. */
  client: Client
  /** Sends what is held (if anything) as the batch. */
  commit(): Promise<void>
}

export function deferredWrites(real: Client): DeferredWrites {
  const pending: InStatement[] = []
  let committed = false

  async function send(extra: InStatement | undefined): Promise<ResultSet | undefined> {
    const stmts = extra ? [...pending, extra] : [...pending]
    pending.length = 0
    committed = true
    const results = await real.batch(stmts, 'write')
    return extra ? results[results.length - 1] : undefined
  }

  async function execute(stmt: InStatement | string, args?: unknown): Promise<ResultSet> {
    const statement: InStatement = typeof stmt === 'string' ? { sql: stmt, args: (args ?? []) as never } : stmt
    const text = typeof statement === 'string' ? statement : statement.sql
    // The batch is the command's one transaction: nothing may be written after it (it would not be atomic with it).
    if (committed && WRITE.test(text)) throw new Error('a write after the command’s batch was sent')
    if (committed) return real.execute(statement)
    if (WRITE.test(text) && !RETURNING.test(text)) {
      pending.push(statement)
      return held
    }
    // A read before any write needs nothing held; a read after them (or a write that answers rows) goes with them.
    if (pending.length === 0 && !WRITE.test(text)) return real.execute(statement)
    return (await send(statement))!
  }

  const client = new Proxy(real, {
    get(target, prop) {
      if (prop === 'execute') return execute
      if (prop === 'batch') return (stmts: InStatement[]) => Promise.all(stmts.map((s) => execute(s)))
      if (prop === 'transaction') return () => Promise.reject(new Error('no interactive transaction inside a deferred batch'))
      const value: unknown = Reflect.get(target, prop, target)
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
  return {
    client,
    async commit() {
      if (pending.length > 0) await send(undefined)
    },
  }
}

/** The same database's query builder, opened on a client whose writes wait for one batch (above). */
function deferredOn<D extends { $client: Client }>(db: D, schema: Record<string, unknown>): { db: D; commit(): Promise<void> } {
  const deferred = deferredWrites(db.$client)
  return { db: drizzle(deferred.client, { schema }) as unknown as D, commit: deferred.commit }
}

/** A tenant database whose writes wait for one batch. */
export const deferredTenantDb = (db: TenantDb) => deferredOn(db, tenantSchema)

/** The control database's (decision 0054). */
export const deferredControlDb = (db: ControlDb) => deferredOn(db, controlSchema)
