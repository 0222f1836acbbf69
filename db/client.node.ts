import { createClient } from '@libsql/client/node'
import { drizzle } from 'drizzle-orm/libsql'
import * as controlSchema from './control/schema/index.ts'
import * as tenantSchema from './tenant/schema/index.ts'
import type { ControlDb, DbLocation, TenantDb } from './types.ts'

// Node: embedded files and remote URLs alike. Never a module-level singleton: one process serves many provinces.
function openClient(location: DbLocation) {
  const client = createClient({ url: location.url, ...(location.authToken ? { authToken: location.authToken } : {}) })
  return client
}

export function openControlDb(location: DbLocation): ControlDb {
  const client = openClient(location)
  return drizzle(client, { schema: controlSchema })
}

export function openTenantDb(location: DbLocation): TenantDb {
  const client = openClient(location)
  return drizzle(client, { schema: tenantSchema })
}
