import { and, eq, sql } from 'drizzle-orm'
import { together } from '../../db/pipelined-client.ts'
import { importLocks } from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'
import { AppError } from '../errors.ts'

/** Longer than any import runs (a parse is stopped after 30 s; a 20,000-row commit takes a few seconds). */
export const IMPORT_LOCK_TTL_MS = 2 * 60_000

export const IMPORT_IN_PROGRESS = 'Another import of yours is still being checked or imported: wait for it to finish, then try again'

export interface LockedSteps<L, T> {
  /** Reads that do not need the lock: on a remote database they ride in the lock's round trip. */
  load(): Promise<L>
  /**
   * The work the lock guards. `release` frees the lock early, so that its statement can ride with the request's
   * last ones (its audit entry); once the analysis is done nothing the lock bounds is left to run.
   */
  run(loaded: L, release: () => Promise<void>): Promise<T>
}

/**
 * Runs `steps` holding the user's import lock, or answers 409 `import_in_progress` before any of the work it
 * guards (decision 0019). The lock is a row in the province's database, taken by one upsert that writes only where
 * there is no row or an expired one: two requests cannot both take it, whichever isolate or process they reach.
 * Released when `run` ends, however it ends, if not earlier; a release that fails is left to expire (reported to
 * `onReleaseError`).
 */
export async function withImportLock<L, T>(
  db: TenantDb,
  userId: string,
  now: Date,
  steps: LockedSteps<L, T>,
  onReleaseError: (error: unknown) => void,
): Promise<T> {
  const token = crypto.randomUUID()
  const expiresAt = new Date(now.getTime() + IMPORT_LOCK_TTL_MS)
  let taken: boolean | undefined
  let released: Promise<void> | undefined
  // By token, so a request never frees a lock another one took after its own expired; skipped only when surely not taken.
  const release = () =>
    (released ??=
      taken === false
        ? Promise.resolve()
        : db
            .delete(importLocks)
            .where(and(eq(importLocks.userId, userId), eq(importLocks.token, token)))
            .then(() => undefined, onReleaseError))
  try {
    const [rows, loaded] = await together(
      db,
      () =>
        db
          .insert(importLocks)
          .values({ userId, token, expiresAt })
          .onConflictDoUpdate({ target: importLocks.userId, set: { token, expiresAt }, setWhere: sql`${importLocks.expiresAt} <= ${now.getTime()}` })
          .returning({ token: importLocks.token }),
      // Settled, not thrown, so that a failed read answers only once the upsert has: the release then follows it.
      () =>
        steps.load().then(
          (value) => ({ value }),
          (error: unknown) => ({ error }),
        ),
    )
    taken = rows.length > 0
    if (!taken) throw new AppError('import_in_progress', 409, IMPORT_IN_PROGRESS)
    if ('error' in loaded) throw loaded.error
    return await steps.run(loaded.value, release)
  } finally {
    await release()
  }
}
