// The statements a repository function sends, as SQL and arguments: the query-plan test explains them and the
// scale benchmark replays them through the native `libsql` driver (the floor under the same SQL).
import type { Client, InStatement, InValue } from '@libsql/client'
import { drizzle } from 'drizzle-orm/libsql'
import * as tenantSchema from '../../db/tenant/schema/index.ts'
import * as controlSchema from '../../db/control/schema/index.ts'
import type { ControlDb, TenantDb } from '../../db/types.ts'

export interface Recorded {
  sql: string
  args: InValue[]
}

/** A client that runs everything on `client` and keeps a copy of each statement it executed or batched. */
function recordingClient(client: Client, into: Recorded[]): Client {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === 'execute') {
        return (stmt: InStatement | string, args?: InValue[]) => {
          const s = typeof stmt === 'string' ? { sql: stmt, args: args ?? [] } : stmt
          into.push({ sql: s.sql, args: Array.isArray(s.args) ? [...s.args] : [] })
          return target.execute(s)
        }
      }
      if (prop === 'batch') {
        return (stmts: (InStatement | string)[], mode?: Parameters<Client['batch']>[1]) => {
          for (const stmt of stmts) {
            const s = typeof stmt === 'string' ? { sql: stmt, args: [] } : stmt
            into.push({ sql: s.sql, args: Array.isArray(s.args) ? [...s.args] : [] })
          }
          return target.batch(stmts, mode)
        }
      }
      const value = Reflect.get(target, prop, receiver) as unknown
      return typeof value === 'function' ? value.bind(target) : value
    },
  })
}

/** A tenant db over the same connection that records; `take()` returns and clears what it recorded. */
export function recordingTenantDb(db: TenantDb): { db: TenantDb; take(): Recorded[] } {
  const recorded: Recorded[] = []
  const wrapped = drizzle(recordingClient(db.$client, recorded), { schema: tenantSchema }) as TenantDb
  return { db: wrapped, take: () => recorded.splice(0) }
}

export function recordingControlDb(db: ControlDb): { db: ControlDb; take(): Recorded[] } {
  const recorded: Recorded[] = []
  const wrapped = drizzle(recordingClient(db.$client, recorded), { schema: controlSchema }) as ControlDb
  return { db: wrapped, take: () => recorded.splice(0) }
}

/**
 * Records what the app itself sends on `client` (its own connection, used by every request) until `stop()`:
 * execute, batch and the statements of interactive transactions, each with `write` true inside a write
 * transaction or batch or for a statement that is not a read. The instance's methods are wrapped in place, so
 * the app's drizzle over the same client is recorded too.
 */
export function recordClient(client: Client): { take(): (Recorded & { write: boolean })[]; stop(): void } {
  const into: (Recorded & { write: boolean })[] = []
  const isRead = (sql: string) => /^\s*(select|with|pragma\s+\w+\s*$)/i.test(sql)
  const push = (stmt: InStatement | string, args: InValue[] | undefined, write: boolean) => {
    const s = typeof stmt === 'string' ? { sql: stmt, args: args ?? [] } : stmt
    into.push({ sql: s.sql, args: Array.isArray(s.args) ? [...s.args] : [], write: write || !isRead(s.sql) })
  }
  const { execute, batch, transaction } = client
  const target = client as unknown as Record<string, unknown>
  target.execute = (stmt: InStatement | string, args?: InValue[]) => {
    push(stmt, args, false)
    return execute.call(client, stmt as never, args as never)
  }
  target.batch = (stmts: (InStatement | string)[], mode?: Parameters<Client['batch']>[1]) => {
    for (const stmt of stmts) push(stmt, undefined, mode === 'write')
    return batch.call(client, stmts, mode)
  }
  target.transaction = async (mode?: 'write' | 'read' | 'deferred') => {
    const tx = await (transaction as (mode?: string) => ReturnType<Client['transaction']>).call(client, mode)
    const write = (mode ?? 'write') === 'write'
    const txExecute = tx.execute.bind(tx)
    const txBatch = tx.batch.bind(tx)
    Object.assign(tx, {
      execute: (stmt: InStatement) => {
        push(stmt, undefined, write)
        return txExecute(stmt)
      },
      batch: (stmts: InStatement[]) => {
        for (const stmt of stmts) push(stmt, undefined, write)
        return txBatch(stmts)
      },
    })
    return tx
  }
  return {
    take: () => into.splice(0),
    stop() {
      delete target.execute
      delete target.batch
      delete target.transaction
    },
  }
}
