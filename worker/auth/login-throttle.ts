import { sha256 } from '@oslojs/crypto/sha2'
import { encodeHexLowerCase } from '@oslojs/encoding'
import { inArray, sql } from 'drizzle-orm'
import { retryWhileBusy } from '../../db/audit/append-audit.ts'
import { loginThrottle } from '../../db/control/schema/index.ts'
import type { ControlDb } from '../../db/types.ts'

// Sign-in throttling (README "Security", docs/decisions/0016). An attempt is counted as a failure from the
// moment it is reserved, before the ~200 ms password hash, by one statement that counts and decides for every
// counter at once; a success gives its attempt back. So however many guesses arrive together, at most the
// allowance of each counter is ever hashed, in Node and in Workers alike (SQLite runs one writing statement
// at a time, whichever process or isolate sends it).

export interface ThrottleRule {
  /** Attempts allowed before the first block. */
  free: number
  /** The block after the `free`-th attempt; each further counted attempt doubles it. */
  baseMs: number
  maxMs: number
}

export const THROTTLE_RULES = {
  /** One account from one client: the owner's own typos, or one guesser on one account. */
  pair: { free: 5, baseMs: 30_000, maxMs: 60 * 60_000 },
  /**
   * One account from every client: a guesser spread over many addresses. Later and shorter than the pair's,
   * so that turning it into a lockout of the real user takes many addresses and lasts at most 15 minutes.
   */
  account: { free: 20, baseMs: 60_000, maxMs: 15 * 60_000 },
  /** One client against every account: password spraying from one address. */
  client: { free: 20, baseMs: 30_000, maxMs: 60 * 60_000 },
} as const satisfies Record<string, ThrottleRule>

export type ThrottleScope = keyof typeof THROTTLE_RULES

/** A counter with no attempt for this long starts again from zero. */
export const FAILURE_MEMORY_MS = 24 * 60 * 60_000

/** Pure: how long the n-th counted attempt blocks its counter (0 while within the allowance). */
export function backoffMs(rule: ThrottleRule, attempts: number): number {
  if (attempts < rule.free) return 0
  return Math.min(rule.baseMs * 2 ** (attempts - rule.free), rule.maxMs)
}

export interface ThrottleKey {
  scope: ThrottleScope
  key: string
}

const salted = (salt: string, ...parts: string[]) => encodeHexLowerCase(sha256(new TextEncoder().encode([salt, ...parts].join('\u0000'))))

/**
 * The counters one attempt is charged to. Usernames are stored hashed with the audit salt: people type
 * passwords into the username field. A request without a known address shares one "unknown" client.
 */
export function throttleKeys(username: string, clientHash: string | null, salt: string): ThrottleKey[] {
  const client = clientHash ?? 'unknown'
  return [
    { scope: 'pair', key: `pair:${salted(salt, username, client)}` },
    { scope: 'account', key: `account:${salted(salt, username)}` },
    { scope: 'client', key: `client:${client}` },
  ]
}

export type Reservation = { granted: true } | { granted: false; retryAfterMs: number }

const column = (c: { name: string }) => sql.identifier(c.name)
const KEY = column(loginThrottle.key)
const COUNT = column(loginThrottle.failures)
const LAST = column(loginThrottle.lastFailureAt)
const UNTIL = column(loginThrottle.blockedUntil)

/**
 * Counts this attempt against every counter and decides, in one statement: when no counter is blocked, each
 * gets one more attempt (a counter reaching its allowance blocks at once, before this attempt is even
 * hashed) and the rows come back; when any is blocked, nothing is written and nothing comes back.
 */
function reserveStatement(keys: ThrottleKey[], nowMs: number) {
  const rules = sql.join(
    keys.map(({ scope, key }) => sql`(${key}, ${THROTTLE_RULES[scope].free}, ${THROTTLE_RULES[scope].baseMs}, ${THROTTLE_RULES[scope].maxMs})`),
    sql`, `,
  )
  return sql`
    with rule(k, free, base, cap) as (values ${rules}),
    counted as (
      select rule.k, rule.free, rule.base, rule.cap,
        case when t.${KEY} is null or t.${LAST} < ${nowMs - FAILURE_MEMORY_MS} then 1 else t.${COUNT} + 1 end as n
      from rule left join ${loginThrottle} t on t.${KEY} = rule.k
    )
    insert into ${loginThrottle} (${KEY}, ${COUNT}, ${LAST}, ${UNTIL})
    select k, n, ${nowMs}, case when n >= free then ${nowMs} + min(cap, base << min(n - free, 30)) end
    from counted
    where not exists (select 1 from ${loginThrottle} b join rule on b.${KEY} = rule.k where b.${UNTIL} > ${nowMs})
    on conflict (${KEY}) do update set ${COUNT} = excluded.${COUNT}, ${LAST} = excluded.${LAST}, ${UNTIL} = excluded.${UNTIL}
    returning ${KEY} as k`
}

/** Reserves one attempt for `keys` or says how long the longest block among them still runs. */
export async function reserveAttempt(control: ControlDb, keys: ThrottleKey[], now: Date): Promise<Reservation> {
  const reserved = await retryWhileBusy(() => control.all<{ k: string }>(reserveStatement(keys, now.getTime())))
  if (reserved.length === keys.length) return { granted: true }
  return { granted: false, retryAfterMs: Math.max(1000, await blockedForMs(control, keys, now)) }
}

/** Milliseconds until the longest block among `keys` ends, or 0. */
export async function blockedForMs(control: ControlDb, keys: ThrottleKey[], now: Date): Promise<number> {
  const rows = await control
    .select({ blockedUntil: loginThrottle.blockedUntil })
    .from(loginThrottle)
    .where(
      inArray(
        loginThrottle.key,
        keys.map((k) => k.key),
      ),
    )
  const until = Math.max(0, ...rows.map((row) => row.blockedUntil?.getTime() ?? 0))
  return Math.max(0, until - now.getTime())
}

/**
 * After a correct password: the account-from-this-client counter is cleared (its owner is back), the
 * account's and the client's get this one attempt back and lose a block it alone caused. The client's other
 * failures stay, so signing in to one's own account cannot reset an address that is guessing others'.
 */
export async function releaseAfterSuccess(control: ControlDb, keys: ThrottleKey[]): Promise<void> {
  const statements = keys.map(({ scope, key }) =>
    scope === 'pair'
      ? control.delete(loginThrottle).where(sql`${KEY} = ${key}`)
      : control
          .update(loginThrottle)
          .set({
            failures: sql`max(${COUNT} - 1, 0)`,
            blockedUntil: sql`case when ${COUNT} - 1 < ${THROTTLE_RULES[scope].free} then null else ${UNTIL} end`,
          })
          .where(sql`${KEY} = ${key}`),
  )
  const [first, ...rest] = statements
  if (first) await retryWhileBusy(() => control.batch([first, ...rest]))
}

/** Housekeeping: counters past their memory and not blocking are deleted (there is one per account and client). */
export async function pruneLoginThrottle(control: ControlDb, now: Date): Promise<number> {
  const nowMs = now.getTime()
  const deleted = await control
    .delete(loginThrottle)
    .where(sql`${LAST} < ${nowMs - FAILURE_MEMORY_MS} and (${UNTIL} is null or ${UNTIL} <= ${nowMs})`)
    .returning({ key: loginThrottle.key })
  return deleted.length
}
