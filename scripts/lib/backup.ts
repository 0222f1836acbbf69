// `npm run backup` and `npm run restore` (decision 0040): every database exported to files on a trusted machine,
// with a manifest and checksums; a province restored from them through the relocate path (scripts/lib/tenant-db.ts).
import { createHash } from 'node:crypto'
import { chmodSync, createReadStream, existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { inArray } from 'drizzle-orm'
import { filePathOf } from '../../db/client.node.ts'
import { tenants } from '../../db/control/schema/index.ts'
import type { DbLocation } from '../../db/types.ts'
import type { NodeConfig } from '../../worker/node-config.ts'
import type { NodePlatform } from '../../worker/provision/node-platform.ts'

export const MANIFEST = 'manifest.json'

export interface BackupEntry {
  /** `control`, or the province code. */
  database: string
  file: string
  /** `sqlite`: a database file made by VACUUM INTO; `sql`: the text dump a remote (Turso) database gives. */
  format: 'sqlite' | 'sql'
  bytes: number
  sha256: string
  /** The registry's identity of a province database: a restore must carry the same marker. */
  databaseId?: string | null
  schemaVersion?: string | null
}

export interface BackupManifest {
  format: 1
  createdAt: string
  entries: BackupEntry[]
}

export async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256')
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer)
  return hash.digest('hex')
}

/** A file of the backup: readable by this user only, whatever the umask. */
function privateFile(path: string) {
  chmodSync(path, 0o600)
}

/**
 * One database to one file. A file database: `VACUUM INTO`, a consistent copy taken inside one read
 * transaction while the server keeps writing (WAL), compacted, with no -wal of its own. A remote one
 * (libsql://, Turso): the server's SQL dump (`GET /dump`, what `turso db shell <db> .dump` reads).
 */
async function exportOne(location: DbLocation, run: (statement: string, args: string[]) => Promise<unknown>, target: string): Promise<'sqlite' | 'sql'> {
  if (filePathOf(location.url)) {
    await run('VACUUM INTO ?', [target])
    privateFile(target)
    return 'sqlite'
  }
  const base = location.url.replace(/^libsql:\/\//, 'https://').replace(/\/+$/, '')
  const res = await fetch(`${base}/dump`, {
    headers: location.authToken ? { authorization: `Bearer ${location.authToken}` } : {},
    signal: AbortSignal.timeout(10 * 60_000),
  })
  if (!res.ok) throw new Error(`dump answered ${res.status}`)
  writeFileSync(target, Buffer.from(await res.arrayBuffer()), { mode: 0o600 })
  privateFile(target)
  return 'sql'
}

export interface BackupResult {
  dir: string
  manifest: BackupManifest
  failed: { database: string; reason: string }[]
}

/** Exports the control database and every onboarded province into `dir` (created 0700; it must not exist yet). */
export async function backupAll(platform: NodePlatform, config: NodeConfig, dir: string, now: Date): Promise<BackupResult> {
  if (existsSync(dir)) throw new Error(`${dir} exists already: a backup goes into a new directory`)
  mkdirSync(dirname(dir), { recursive: true, mode: 0o700 })
  mkdirSync(dir, { mode: 0o700 })
  chmodSync(dir, 0o700)
  const manifest: BackupManifest = { format: 1, createdAt: now.toISOString(), entries: [] }
  const failed: BackupResult['failed'] = []

  const add = async (database: string, name: string, location: DbLocation, run: (s: string, a: string[]) => Promise<unknown>, extra: Partial<BackupEntry>) => {
    const ext = filePathOf(location.url) ? 'db' : 'sql'
    const file = `${name}.${ext}`
    try {
      const format = await exportOne(location, run, join(dir, file))
      const path = join(dir, file)
      manifest.entries.push({ database, file, format, bytes: statSync(path).size, sha256: await sha256Of(path), ...extra })
    } catch (err) {
      failed.push({ database, reason: err instanceof Error ? err.message : String(err) })
    }
  }

  await add('control', 'control', config.controlDb, (statement, args) => platform.control.$client.execute({ sql: statement, args }), {})
  const rows = await platform.control
    .select()
    .from(tenants)
    .where(inArray(tenants.status, ['active', 'suspended']))
    .orderBy(tenants.provinceCode)
  for (const row of rows) {
    let location: DbLocation
    try {
      location = platform.onboardDeps.locate(row)
    } catch (err) {
      failed.push({ database: row.provinceCode, reason: err instanceof Error ? err.message : String(err) })
      continue
    }
    const db = filePathOf(location.url) ? platform.onboardDeps.openTenant(location) : undefined
    try {
      await add(row.provinceCode, `binhan-p${row.provinceCode}`, location, async (statement, args) => db!.$client.execute({ sql: statement, args }), {
        databaseId: row.databaseId,
        schemaVersion: row.schemaVersion,
      })
    } finally {
      db?.$client.close()
    }
  }

  writeFileSync(join(dir, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 })
  // The same checksums in the form `sha256sum -c SHA256SUMS` reads, for a machine without this repository.
  writeFileSync(join(dir, 'SHA256SUMS'), manifest.entries.map((e) => `${e.sha256}  ${e.file}\n`).join(''), { mode: 0o600 })
  for (const name of [MANIFEST, 'SHA256SUMS']) privateFile(join(dir, name))
  return { dir, manifest, failed }
}

export function readManifest(dir: string): BackupManifest {
  const manifest = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as BackupManifest
  if (manifest.format !== 1 || !Array.isArray(manifest.entries)) throw new Error(`${MANIFEST} is not a Bình An backup manifest (format 1)`)
  return manifest
}
