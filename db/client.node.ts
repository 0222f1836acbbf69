import { statSync } from 'node:fs'
import { createClient } from '@libsql/client/node'
import { drizzle } from 'drizzle-orm/libsql'
import { useReadAuditConnection } from './audit/append-audit.ts'
import * as controlSchema from './control/schema/index.ts'
import { fileOfUrl, restrictDbFiles } from './private-files.ts'
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
  const file = fileOfUrl(location.url)
  // Before opening (an existing file, so the -wal and -shm it gets are private too) and after (a new one).
  if (file) restrictDbFiles(file)
  const client = createClient({
    url: location.url,
    ...(location.authToken ? { authToken: location.authToken } : {}),
    ...(file ? { timeout: BUSY_TIMEOUT_MS } : {}),
  })
  if (file) {
    restrictDbFiles(file)
    embeddedFiles.set(client, location.url)
  }
  return client
}

/**
 * A province file's second connection, for the audit entries of reads only (db/audit/append-audit.ts,
 * appendReadAudit; decision 0050): `synchronous = NORMAL` is a connection's setting and cannot change inside a
 * transaction, so it gets a connection of its own rather than relaxing the one changes commit on. Opened on first
 * use; closed with the province's client, so a restored file is never written through a stale handle.
 */
function withReadAuditConnection(client: ReturnType<typeof createClient>, location: DbLocation) {
  let companion: ReturnType<typeof createClient> | undefined
  useReadAuditConnection(client, async () => {
    companion = createClient({ url: location.url, timeout: BUSY_TIMEOUT_MS, concurrency: 1 })
    embeddedFiles.set(companion, location.url)
    await companion.execute('PRAGMA synchronous = NORMAL')
    return drizzle(companion)
  })
  const close = client.close.bind(client)
  client.close = () => {
    companion?.close()
    close()
  }
}

export function openControlDb(location: DbLocation): ControlDb {
  const client = openClient(location)
  return drizzle(client, { schema: controlSchema })
}

/** Opens any tenant database, creating an empty file if there is none: for tests and tools that make one. */
export function openTenantDb(location: DbLocation): TenantDb {
  const client = openClient(location)
  if (embeddedFileOf(client)) withReadAuditConnection(client, location)
  return drizzle(client, { schema: tenantSchema })
}

/** A registered province's file is not where the registry says. */
export class TenantDbMissingError extends Error {
  override name = 'TenantDbMissingError'
}

/**
 * Opens a province database that must already exist. The embedded libSQL client creates a missing file on
 * open, which once let a deleted province come back empty after a restart (decision 0017): only onboarding's
 * provision step creates a file; everything else opens through here.
 */
export function openExistingTenantDb(location: DbLocation): TenantDb {
  if (fileIdentityOf(location) === null) throw new TenantDbMissingError(`No database file at ${filePathOf(location.url)}`)
  return openTenantDb(location)
}

/** The path of a `file:` URL as @libsql/client reads it, or undefined for a remote URL. */
export function filePathOf(url: string): string | undefined {
  if (!url.startsWith('file:')) return undefined
  const rest = url.slice('file:'.length).split('?')[0]!
  return rest.startsWith('//') ? rest.slice(2) : rest
}

/**
 * `dev:inode` of a `file:` database, null when there is no such file, undefined for a remote database. A file
 * deleted while open keeps answering through its open handle, and a file restored in its place is another
 * inode: comparing this on every resolve notices both (one stat call, microseconds).
 */
export function fileIdentityOf(location: DbLocation): string | null | undefined {
  const path = filePathOf(location.url)
  if (path === undefined) return undefined
  const stat = statSync(path, { throwIfNoEntry: false })
  return stat?.isFile() ? `${stat.dev}:${stat.ino}` : null
}
