import { and, eq, sql } from 'drizzle-orm'
import { importLocks } from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'
import { AppError } from '../errors.ts'

/** Longer than any import runs (a parse is stopped after 30 s; a 20,000-row commit takes a few seconds). */
export const IMPORT_LOCK_TTL_MS = 2 * 60_000

export const IMPORT_IN_PROGRESS = 'Another import of yours is still being checked or imported: wait for it to finish, then try again'

/**
 * Runs `run` holding the user's import lock, or answers 409 `import_in_progress` at once (decision 0019). The
 * lock is a row in the province's database, taken by one upsert that writes only where there is no row or an
 * expired one: two requests cannot both take it, whichever isolate or process they reach. Released when `run`
 * ends, however it ends; a release that fails is left to expire (reported to `onReleaseError`).
 */
export async function withImportLock<T>(db: TenantDb, userId: string, now: Date, run: () => Promise<T>, onReleaseError: (error: unknown) => void): Promise<T> {
  const token = crypto.randomUUID()
  const expiresAt = new Date(now.getTime() + IMPORT_LOCK_TTL_MS)
  const taken = await db
    .insert(importLocks)
    .values({ userId, token, expiresAt })
    .onConflictDoUpdate({ target: importLocks.userId, set: { token, expiresAt }, setWhere: sql`${importLocks.expiresAt} <= ${now.getTime()}` })
    .returning({ token: importLocks.token })
  if (taken.length === 0) throw new AppError('import_in_progress', 409, IMPORT_IN_PROGRESS)
  try {
    return await run()
  } finally {
    await db
      .delete(importLocks)
      .where(and(eq(importLocks.userId, userId), eq(importLocks.token, token)))
      .catch(onReleaseError)
  }
}
