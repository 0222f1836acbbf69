import { inArray, sql } from 'drizzle-orm'
import { loginThrottle } from '../../db/control/schema/index.ts'
import type { ControlDb } from '../../db/types.ts'

/** Failures allowed before backoff starts, per account and per client address. */
export const FREE_FAILURES = 5
const BASE_DELAY_MS = 30_000
const MAX_DELAY_MS = 60 * 60_000
/** A counter with no failure for this long starts again from zero. */
export const FAILURE_MEMORY_MS = 24 * 60 * 60_000

/** Pure: how long to refuse logins after the n-th consecutive failure (30 s, 1 min, 2 min, … capped at 1 h). */
export function backoffMs(failures: number): number {
  if (failures < FREE_FAILURES) return 0
  return Math.min(BASE_DELAY_MS * 2 ** (failures - FREE_FAILURES), MAX_DELAY_MS)
}

export function throttleKeys(username: string, clientHash: string | null): string[] {
  return clientHash ? [`user:${username}`, `addr:${clientHash}`] : [`user:${username}`]
}

/** Milliseconds until the longest block among `keys` ends, or 0 when a login may be attempted. */
export async function blockedForMs(control: ControlDb, keys: string[], now: Date): Promise<number> {
  const rows = await control.select({ blockedUntil: loginThrottle.blockedUntil }).from(loginThrottle).where(inArray(loginThrottle.key, keys))
  const until = Math.max(0, ...rows.map((row) => row.blockedUntil?.getTime() ?? 0))
  return Math.max(0, until - now.getTime())
}

/**
 * Counts a failure for every key in one atomic statement each (a race between isolates cannot lose a count),
 * then sets the block from the new count.
 */
export async function recordFailure(control: ControlDb, keys: string[], now: Date): Promise<void> {
  const nowMs = now.getTime()
  const forgetBefore = nowMs - FAILURE_MEMORY_MS
  for (const key of keys) {
    const [row] = await control
      .insert(loginThrottle)
      .values({ key, failures: 1, lastFailureAt: now, blockedUntil: null })
      .onConflictDoUpdate({
        target: loginThrottle.key,
        set: {
          failures: sql`case when ${loginThrottle.lastFailureAt} < ${forgetBefore} then 1 else ${loginThrottle.failures} + 1 end`,
          lastFailureAt: now,
        },
      })
      .returning({ failures: loginThrottle.failures })
    const delay = backoffMs(row?.failures ?? 1)
    if (delay > 0) {
      await control
        .update(loginThrottle)
        .set({ blockedUntil: new Date(nowMs + delay) })
        .where(sql`${loginThrottle.key} = ${key}`)
    }
  }
}

/** After a successful login the account's counter is cleared; the address counter is not (see README). */
export async function clearFailures(control: ControlDb, key: string): Promise<void> {
  await control.delete(loginThrottle).where(sql`${loginThrottle.key} = ${key}`)
}
