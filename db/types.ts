import type { LibSQLDatabase } from 'drizzle-orm/libsql'
import type * as controlSchema from './control/schema/index.ts'
import type * as tenantSchema from './tenant/schema/index.ts'

export type ControlDb = LibSQLDatabase<typeof controlSchema>
export type TenantDb = LibSQLDatabase<typeof tenantSchema>

/** How to reach one database: a `file:` path, an `http(s)://` or a `libsql://` URL. */
export interface DbLocation {
  url: string
  authToken?: string | undefined
}
