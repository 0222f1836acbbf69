// How seedDemo writes a batch of synthetic people (issue #19.6): each batch one transaction of multi-row INSERTs.
//
// On an embedded file the batch goes through its own native `libsql` connection with prepared statements kept
// for the whole run. Through @libsql/client every statement is prepared anew and its native side is freed only
// when V8 collects the small JavaScript object in front of it, which a heap of a few MB rarely does: the process
// grew by about 14 KB a person (749 MiB at 30,000 people) although the JavaScript heap stayed flat. Kept
// statements are prepared once, so memory is bounded by the number of statement shapes, and the seed is faster.
// A remote database (Turso, libsql-server) gets the same statements as one @libsql/client write batch.
import Database from 'libsql'
import type { TenantDb } from '../../db/types.ts'
import { BUSY_TIMEOUT_MS, embeddedFileOf } from '../../db/client.node.ts'
import { fileOfUrl } from '../../db/private-files.ts'

export interface WriteStatement {
  sql: string
  params: unknown[]
}

export interface SeedWriter {
  /** Runs the statements in one transaction: all of them or none. */
  write(statements: readonly WriteStatement[]): Promise<void>
  close(): void
}

/** The seeding connection's page cache (KiB): indexes of a large province stay in memory while they are filled. */
const SEED_CACHE_KIB = 65_536

/**
 * Statements a run keeps prepared. seedDemo's rows come in a few shapes (a table, and a row count that is a
 * power of two: see rowsPerInsert), about ten per table, so the cache holds them all; the bound only guards
 * against a caller with many more shapes, whose statements then come and go instead of piling up.
 */
const MAX_PREPARED = 400

export function openSeedWriter(db: TenantDb): SeedWriter {
  const url = embeddedFileOf(db.$client)
  const file = url === undefined ? undefined : fileOfUrl(url)
  return file === undefined ? clientWriter(db) : nativeWriter(file)
}

function nativeWriter(file: string): SeedWriter {
  const native = new Database(file, { timeout: BUSY_TIMEOUT_MS })
  native.exec(`PRAGMA cache_size = -${SEED_CACHE_KIB}`)
  // A batch is committed without waiting for the disk (WAL: the file stays consistent; a power cut may lose the
  // last batches of synthetic people, which a new run adds again).
  native.exec('PRAGMA synchronous = NORMAL')
  const prepared = new Map<string, Database.Statement>()
  const statement = (sql: string) => {
    let stmt = prepared.get(sql)
    if (!stmt) {
      if (prepared.size >= MAX_PREPARED) prepared.delete(prepared.keys().next().value!)
      stmt = native.prepare(sql)
      prepared.set(sql, stmt)
    }
    return stmt
  }
  // IMMEDIATE: the write lock is taken (or waited for, up to the busy timeout) before the first insert.
  const inTransaction = native.transaction((statements: readonly WriteStatement[]) => {
    for (const { sql, params } of statements) statement(sql).run(params)
  }).immediate
  return {
    async write(statements) {
      inTransaction(statements)
    },
    close() {
      prepared.clear()
      native.close()
    },
  }
}

function clientWriter(db: TenantDb): SeedWriter {
  return {
    async write(statements) {
      if (statements.length === 0) return
      await db.$client.batch(
        statements.map(({ sql, params }) => ({ sql, args: params as never })),
        'write',
      )
    },
    close() {},
  }
}

/**
 * Splits n rows into INSERT sizes: as many `max` as fit, then powers of two for the rest (500 = 256 + 128 + 64 +
 * 32 + 16 + 4 with max 256), so every batch reuses the same few statements.
 */
export function rowsPerInsert(n: number, max: number): number[] {
  const sizes: number[] = []
  let left = n
  while (left >= max) {
    sizes.push(max)
    left -= max
  }
  for (let size = 2 ** Math.floor(Math.log2(Math.max(1, max))); size >= 1; size /= 2) {
    if (left >= size) {
      sizes.push(size)
      left -= size
    }
  }
  return sizes
}
