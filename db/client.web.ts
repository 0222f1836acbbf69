import { createClient } from '@libsql/client/web'
import { drizzle } from 'drizzle-orm/libsql/web'
import * as controlSchema from './control/schema/index.ts'
import * as tenantSchema from './tenant/schema/index.ts'
import { pipelined } from './pipelined-client.ts'
import type { ControlDb, DbLocation, TenantDb } from './types.ts'

// Workers: HTTP only (Turso, or the local libSQL endpoint in development).
// No client-side concurrency limit: one client serves every request of an isolate, and the client's default
// queue (20 operations) would start a queued request's query from another request's promise, which workerd
// cancels as a hung request (seen at 21 concurrent sign-ins: test/workerd/login-throttle.test.ts).
function openClient(location: DbLocation) {
  // Statements issued together share one HTTP request (db/pipelined-client.ts, decision 0046).
  return pipelined(createClient({ url: location.url, concurrency: Number.POSITIVE_INFINITY, ...(location.authToken ? { authToken: location.authToken } : {}) }))
}

export function openControlDb(location: DbLocation): ControlDb {
  return drizzle(openClient(location), { schema: controlSchema })
}

export function openTenantDb(location: DbLocation): TenantDb {
  return drizzle(openClient(location), { schema: tenantSchema })
}
