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
