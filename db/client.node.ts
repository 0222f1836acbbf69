import { createClient } from '@libsql/client/node'
import { drizzle } from 'drizzle-orm/libsql'
import * as controlSchema from './control/schema/index.ts'
import { fileOfUrl, restrictDbFiles } from './private-files.ts'
import * as tenantSchema from './tenant/schema/index.ts'
import type { ControlDb, DbLocation, TenantDb } from './types.ts'

// Node: embedded files and remote URLs alike. Never a module-level singleton: one process serves many provinces.
function openClient(location: DbLocation) {
  const file = fileOfUrl(location.url)
  // Before opening (an existing file, so the -wal and -shm it gets are private too) and after (a new one).
  if (file) restrictDbFiles(file)
  const client = createClient({ url: location.url, ...(location.authToken ? { authToken: location.authToken } : {}) })
  if (file) restrictDbFiles(file)
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
