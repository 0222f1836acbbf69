// Seeded provinces the benchmarks reuse (decision 0047): seeding 300,000 synthetic people takes minutes, and
// every run of a province-scale bench would otherwise seed the same people again.
//
// A seeded province file is kept in $BENCH_SEED_CACHE_DIR (default <os tmpdir>/binhan-bench-cache, never inside
// the repository), named <province>-<persons>-<seed>-<variant>-<hash>.db. The hash covers what decides the file's content:
// the tenant migrations (a schema change reseeds) and the generator and writer of the synthetic people. A file
// older than MAX_AGE_DAYS is seeded again (its dates are relative to the day it was seeded). BENCH_SEED_CACHE=0
// turns the cache off. The files hold synthetic people only, readable by their owner only.
import { createHash } from 'node:crypto'
import { copyFileSync, existsSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, isAbsolute, join, relative, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import Database from 'libsql'
import { ensurePrivateDir, PRIVATE_FILE_MODE, restrictDbFiles } from '../../db/private-files.ts'
import { DATABASE_ID_KEY } from '../../db/tenant/identity.ts'
import { tenantMigrations } from '../../db/tenant/migrations/bundle.ts'

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '../..')
const MAX_AGE_DAYS = 7
/** What the seeded rows are made from, besides the schema. */
const SEED_SOURCES = ['db/seed', 'worker/provision/seed-demo.ts', 'worker/provision/seed-writer.ts']

export function seedCacheDir(): string | undefined {
  if (process.env.BENCH_SEED_CACHE === '0') return undefined
  const dir = resolve(process.env.BENCH_SEED_CACHE_DIR || join(tmpdir(), 'binhan-bench-cache'))
  const inside = relative(REPO, dir)
  if (!inside.startsWith('..') && !isAbsolute(inside)) throw new Error(`BENCH_SEED_CACHE_DIR ${dir} is inside the repository: seeded files never go there`)
  return dir
}

/** The hash of the migration set and the seed sources (12 hex digits). */
export function seedSchemaHash(): string {
  const h = createHash('sha256')
  for (const m of tenantMigrations) h.update(`${m.tag}:${m.hash}\n`)
  const files = SEED_SOURCES.flatMap((source) => {
    const path = join(REPO, source)
    return statSync(path).isDirectory() ? readdirSync(path, { recursive: true }).map((f) => join(source, String(f))) : [source]
  })
  for (const file of files.sort()) {
    const path = join(REPO, file)
    if (statSync(path).isFile()) h.update(`${file}\n`).update(readFileSync(path))
  }
  return h.digest('hex').slice(0, 12)
}

export interface SeedKey {
  province: string
  persons: number
  seed: number
  /** How the people are placed (e.g. "spread", "caseload300"): part of the name. */
  variant: string
}

/** How the cached file was made (kept beside it as <file>.json): the seeding's own figures. */
export interface SeedInfo {
  seededAt: string
  seconds: number
  peakRssMiB: number | null
  loadAverage: number[]
}

/** The cached file for this key and how it was made, if a fresh one is there. */
export function cachedSeed(key: SeedKey): { file: string; info: SeedInfo } | undefined {
  const dir = seedCacheDir()
  if (!dir) return undefined
  const file = join(dir, fileName(key))
  if (!existsSync(file) || !existsSync(`${file}.json`)) return undefined
  if (Date.now() - statSync(file).mtimeMs > MAX_AGE_DAYS * 86_400_000) {
    rmSync(file, { force: true })
    rmSync(`${file}.json`, { force: true })
    return undefined
  }
  return { file, info: JSON.parse(readFileSync(`${file}.json`, 'utf8')) as SeedInfo }
}

/**
 * Puts the cached copy in place of a freshly onboarded province file (closed, or reopened by the resolver: a
 * new inode) and gives it that file's identity marker, so the registry still recognises it.
 */
export function restoreSeedFile(cached: string, target: string): void {
  const current = new Database(target, { readonly: true })
  const row = current.prepare('select value from tenant_meta where key = ?').get([DATABASE_ID_KEY]) as { value: string } | undefined
  current.close()
  const next = `${target}.restoring`
  copyFileSync(cached, next)
  const copy = new Database(next)
  if (row) copy.prepare('update tenant_meta set value = ? where key = ?').run([row.value, DATABASE_ID_KEY])
  // Into the file itself: only the file is moved into place, not its write-ahead log.
  copy.exec('PRAGMA wal_checkpoint(TRUNCATE)')
  copy.close()
  restrictDbFiles(next)
  for (const companion of ['-wal', '-shm']) {
    rmSync(`${next}${companion}`, { force: true })
    rmSync(`${target}${companion}`, { force: true })
  }
  renameSync(next, target)
}

/** Keeps a seeded province file (the seeding connection closed or checkpointed) for the next run. */
export function storeSeedFile(key: SeedKey, seeded: string, info: SeedInfo): void {
  const dir = seedCacheDir()
  if (!dir) return
  ensurePrivateDir(dir)
  const db = new Database(seeded)
  db.exec('PRAGMA wal_checkpoint(TRUNCATE)')
  db.close()
  const file = join(dir, fileName(key))
  const partial = `${file}.partial`
  copyFileSync(seeded, partial)
  restrictDbFiles(partial)
  renameSync(partial, file)
  writeFileSync(`${file}.json`, `${JSON.stringify(info)}\n`, { mode: PRIVATE_FILE_MODE })
  // Older copies of the same province and size (another schema or seed code) are of no further use.
  const keep = new Set([fileName(key), `${fileName(key)}.json`])
  for (const old of readdirSync(dir))
    if (old.startsWith(`${key.province}-${key.persons}-${key.seed}-${key.variant}-`) && !keep.has(old)) rmSync(join(dir, old), { force: true })
}

function fileName({ province, persons, seed, variant }: SeedKey): string {
  return `${province}-${persons}-${seed}-${variant}-${seedSchemaHash()}.db`
}
