// SQLite's own consistency checks of a province database, bounded in time. Runs in both runtimes.
import type { TenantDb } from '../../db/types.ts'
import { isCorruptionError } from '../../db/sqlite-errors.ts'
import type { TenantDbProblem } from '../../db/tenant/identity.ts'
import type { DbLocation } from '../../db/types.ts'

/** quick: `PRAGMA quick_check` (the health route); full: `PRAGMA integrity_check` (the daily job, tenant:check). */
export type DeepCheckDepth = 'quick' | 'full'

export type DeepCheckResult =
  | { ok: true }
  | {
      ok: false
      problem: Extract<TenantDbProblem, 'quick_check_failed' | 'integrity_check_failed' | 'database_corrupt' | 'check_timed_out' | 'unreachable'>
      detail?: string | undefined
    }

export type DeepCheck = (location: DbLocation, db: TenantDb, depth: DeepCheckDepth) => Promise<DeepCheckResult>

/**
 * Bounds, chosen from a measurement (decision 0017): on this machine quick_check read a 2-million-row file in
 * 0.3 s and integrity_check in 6.4 s. A province is far smaller for years; the bounds leave a wide margin and
 * still answer a health probe within seconds.
 */
export const DEEP_CHECK_TIMEOUT_MS: Record<DeepCheckDepth, number> = { quick: 10_000, full: 600_000 }

export const PRAGMA_OF: Record<DeepCheckDepth, string> = { quick: 'quick_check', full: 'integrity_check' }
export const CHECK_FAILED = { quick: 'quick_check_failed', full: 'integrity_check_failed' } as const

/**
 * What SQLite's answer means: a single "ok" row, or the list of problems it found (table and page numbers,
 * never row contents). At most the first problem is kept, cut to 200 characters.
 */
export function readPragmaAnswer(depth: DeepCheckDepth, values: unknown[]): DeepCheckResult {
  if (values.length === 1 && values[0] === 'ok') return { ok: true }
  const first = String(values[0] ?? 'no answer')
    .replace(/\s+/g, ' ')
    .slice(0, 200)
  return { ok: false, problem: CHECK_FAILED[depth], detail: first }
}

/**
 * Over the database's own client: what a remote (Turso, Hrana) database gets, on Workers and Node alike. sqld
 * serves both pragmas (libsql-server's query analysis lists them). The bound stops the wait, not the server.
 */
export const remoteDeepCheck =
  (timeoutMs: Record<DeepCheckDepth, number> = DEEP_CHECK_TIMEOUT_MS): DeepCheck =>
  async (_location, db, depth) => {
    let timer: ReturnType<typeof setTimeout> | undefined
    const timedOut = new Promise<DeepCheckResult>((resolve) => {
      timer = setTimeout(() => resolve({ ok: false, problem: 'check_timed_out' }), timeoutMs[depth])
    })
    const run = db.$client.execute(`PRAGMA ${PRAGMA_OF[depth]}`).then(
      (result) =>
        readPragmaAnswer(
          depth,
          result.rows.map((row) => row[0]),
        ),
      // A damaged page can make the pragma itself fail instead of listing problems: that is its finding too.
      (err: unknown): DeepCheckResult =>
        isCorruptionError(err)
          ? { ok: false, problem: CHECK_FAILED[depth], detail: err instanceof Error ? err.message.slice(0, 200) : undefined }
          : { ok: false, problem: 'unreachable' },
    )
    try {
      return await Promise.race([run, timedOut])
    } finally {
      clearTimeout(timer)
    }
  }
