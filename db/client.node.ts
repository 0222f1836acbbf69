import { createClient } from '@libsql/client/node'
import { drizzle } from 'drizzle-orm/libsql'
import * as controlSchema from './control/schema/index.ts'
import * as tenantSchema from './tenant/schema/index.ts'
import type { ControlDb, DbLocation, TenantDb } from './types.ts'

/**
 * How long an embedded file's statement waits for another process's write lock (SQLite's busy timeout) before
 * it fails with SQLITE_BUSY. With WEB_CONCURRENCY > 1 every serving process opens the same files (decision
 * 0024); a write lock is held for about a millisecond (one commit), so the wait is short. It blocks only the
 * waiting process, whose lock holder is another process: writers inside one process are queued by
 * writeTransaction (db/audit/append-audit.ts) instead, or they would wait for a lock their own paused event
 * loop holds. A statement that gave up on a busy lock also stays "in progress" in libsql 0.5 and makes that
 * connection's next COMMIT fail, so waiting beats failing fast and retrying.
 */
export const BUSY_TIMEOUT_MS = 5_000

const embeddedFiles = new WeakMap<object, string>()

/** The file URL an embedded client was opened on (the cluster's write turns are per file); undefined for remote ones. */
export function embeddedFileOf(client: object): string | undefined {
  return embeddedFiles.get(client)
}

// Node: embedded files and remote URLs alike. Never a module-level singleton: one process serves many provinces.
function openClient(location: DbLocation) {
  const isFile = location.url.startsWith('file:')
  const client = createClient({ url: location.url, ...(location.authToken ? { authToken: location.authToken } : {}), ...(isFile ? { timeout: BUSY_TIMEOUT_MS } : {}) })
  if (isFile) embeddedFiles.set(client, location.url)
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
