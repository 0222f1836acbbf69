import type { Client } from '@libsql/client'
import type { LibSQLDatabase } from 'drizzle-orm/libsql'
import type * as controlSchema from './control/schema/index.ts'
import type * as tenantSchema from './tenant/schema/index.ts'

// `$client` is what drizzle() returns alongside the query builder: scripts and tests close it when done.
export type ControlDb = LibSQLDatabase<typeof controlSchema> & { $client: Client }
export type TenantDb = LibSQLDatabase<typeof tenantSchema> & { $client: Client }

/** How to reach one database: a `file:` path, an `http(s)://` or a `libsql://` URL. */
export interface DbLocation {
  url: string
  authToken?: string | undefined
}

/** The `tx` of `control.transaction(async (tx) => …)`: writes that must commit together take either. */
export type ControlTx = Parameters<Parameters<ControlDb['transaction']>[0]>[0]
export type TenantTx = Parameters<Parameters<TenantDb['transaction']>[0]>[0]
