import { createClient } from '@libsql/client/web'
import { drizzle } from 'drizzle-orm/libsql/web'
import * as controlSchema from './control/schema/index.ts'
import * as tenantSchema from './tenant/schema/index.ts'
import type { ControlDb, DbLocation, TenantDb } from './types.ts'

// Workers: HTTP only (Turso, or the local libSQL endpoint in development).
function openClient(location: DbLocation) {
  return createClient({ url: location.url, ...(location.authToken ? { authToken: location.authToken } : {}) })
}

export function openControlDb(location: DbLocation): ControlDb {
  return drizzle(openClient(location), { schema: controlSchema })
}

export function openTenantDb(location: DbLocation): TenantDb {
  return drizzle(openClient(location), { schema: tenantSchema })
}
