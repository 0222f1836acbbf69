import * as nodeCrypto from 'node:crypto'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest'
import { openControlDb } from '../../../db/client.node.ts'
import { loginThrottle } from '../../../db/control/schema/index.ts'
import type { ControlDb } from '../../../db/types.ts'
import { hashClientAddress } from '../../../db/audit/append-audit.ts'
import { backoffMs, releaseAfterSuccess, reserveAttempt, THROTTLE_RULES, throttleKeys, type Reservation } from '../../../worker/auth/login-throttle.ts'
import { CURRENT_PARAMS } from '../../../worker/auth/password.ts'
import { runHousekeeping } from '../../../worker/jobs/housekeeping.ts'
import { createTestApp, createTestPlatform, jsonBody, type TestApp, type TestPlatform } from '../../helpers/platform.ts'
import { createTestUser, TEST_PASSWORD } from '../../helpers/users.ts'

// The real scrypt, observed: every password verification (and the equal-cost dummy for unknown users) is one
// scrypt call with the current parameters, so counting calls counts attempts that were really evaluated.
vi.mock('node:crypto', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:crypto')>()
  return { ...actual, scrypt: vi.fn(actual.scrypt) }
})
const scryptSpy = vi.mocked(nodeCrypto.scrypt)
const evaluations = () => scryptSpy.mock.calls.filter((call) => (call[3] as nodeCrypto.ScryptOptions).N === 2 ** CURRENT_PARAMS.ln).length

const START = new Date('2026-11-24T03:00:00.000Z')
const SECOND = 1000
const WRONG = 'wrong-password-123'
const SALT = 'test-only-audit-salt'

let platform: TestPlatform
let t: TestApp
/** A second app on its own connection pool to the same file, as a second Node process would have. */
let other: TestApp
let otherControl: ControlDb
let now = START

beforeAll(async () => {
  platform = await createTestPlatform()
  t = createTestApp(platform, { clock: { now: () => now } })
  otherControl = openControlDb(platform.config.controlDb)
  other = createTestApp(platform, { clock: { now: () => now }, control: otherControl })
  await createTestUser(platform.control, { username: 'test-officer', role: 'province_officer', province: '82' })
  await createTestUser(platform.control, { username: 'test-neighbour', role: 'province_officer', province: '82' })
})
afterAll(() => {
  otherControl.$client.close()
  platform.cleanup()
})
beforeEach(async () => {
  now = START
  await platform.control.delete(loginThrottle)
  scryptSpy.mockClear()
})

function logIn(username: string, password: string, address: string, app: TestApp = t) {
  return app.request('/api/auth/login', jsonBody('POST', { username, password }, { 'x-test-client-address': address }))
}
const later = (ms: number) => {
  now = new Date(now.getTime() + ms)
}

const keysFor = (username: string, address: string) => throttleKeys(username, hashClientAddress(address, SALT), SALT)
const reserve = (username: string, address: string, db: ControlDb = platform.control) => reserveAttempt(db, keysFor(username, address), now)
const retryAfter = (r: Reservation) => (r.granted ? 0 : r.retryAfterMs)
async function reserveTimes(n: number, username: (i: number) => string, address: (i: number) => string) {
  for (let i = 0; i < n; i++) expect((await reserve(username(i), address(i))).granted).toBe(true)
}

describe('the rules', () => {
  it('blocks after the allowance, doubling per further attempt, up to each cap', () => {
    expect([4, 5, 6, 7].map((n) => backoffMs(THROTTLE_RULES.pair, n))).toEqual([0, 30 * SECOND, 60 * SECOND, 120 * SECOND])
    expect(backoffMs(THROTTLE_RULES.pair, 40)).toBe(60 * 60 * SECOND)
    expect([19, 20, 21].map((n) => backoffMs(THROTTLE_RULES.account, n))).toEqual([0, 60 * SECOND, 120 * SECOND])
    expect(backoffMs(THROTTLE_RULES.account, 40)).toBe(15 * 60 * SECOND)
    expect([19, 20].map((n) => backoffMs(THROTTLE_RULES.client, n))).toEqual([0, 30 * SECOND])
  })

  it('stores neither the username nor the address', () => {
    const keys = keysFor('nguyen-van-a', '203.0.113.9')
    expect(JSON.stringify(keys)).not.toMatch(/nguyen|203\.0/)
    expect(keys.map((k) => k.scope)).toEqual(['pair', 'account', 'client'])
  })
})

describe('the counters', () => {
  it('block one account from one client at its 5th attempt for 30 s, then double', async () => {
    await reserveTimes(
      5,
      () => 'officer',
      () => '203.0.113.1',
    )
    expect(retryAfter(await reserve('officer', '203.0.113.1'))).toBe(30 * SECOND)
    expect((await reserve('officer', '198.51.100.1')).granted).toBe(true)
    later(30 * SECOND)
    expect((await reserve('officer', '203.0.113.1')).granted).toBe(true)
    expect(retryAfter(await reserve('officer', '203.0.113.1'))).toBe(60 * SECOND)
  })

  it('block one account from every client at its 20th attempt for a minute', async () => {
    await reserveTimes(
      20,
      () => 'officer',
      (i) => `198.18.1.${i}`,
    )
    expect(retryAfter(await reserve('officer', '198.18.2.1'))).toBe(60 * SECOND)
    expect((await reserve('neighbour', '198.18.2.1')).granted).toBe(true)
    later(60 * SECOND)
    expect((await reserve('officer', '198.18.2.1')).granted).toBe(true)
  })

  it('block one client against every account at its 20th attempt for 30 s', async () => {
    await reserveTimes(
      20,
      (i) => `someone-${i}`,
      () => '198.18.0.1',
    )
    expect(retryAfter(await reserve('officer', '198.18.0.1'))).toBe(30 * SECOND)
    expect((await reserve('officer', '198.18.0.2')).granted).toBe(true)
  })

  it('forget a counter after 24 hours without an attempt', async () => {
    await reserveTimes(
      5,
      () => 'officer',
      () => '203.0.113.4',
    )
    later(24 * 60 * 60 * SECOND + SECOND)
    await reserveTimes(
      4,
      () => 'officer',
      () => '203.0.113.4',
    )
    const [row] = await platform.control
      .select()
      .from(loginThrottle)
      .where(eq(loginThrottle.key, keysFor('officer', '203.0.113.4')[0]!.key))
    expect(row).toMatchObject({ failures: 4, blockedUntil: null })
  })

  it('clear the pair after a success, and give the client and the account back only that attempt', async () => {
    await reserveTimes(
      10,
      (i) => `guess-${i}`,
      () => '198.18.0.3',
    )
    await reserveTimes(
      4,
      () => 'officer',
      () => '198.18.0.3',
    )
    const keys = keysFor('officer', '198.18.0.3')
    expect((await reserveAttempt(platform.control, keys, now)).granted).toBe(true) // the 5th: blocks the pair…
    await releaseAfterSuccess(platform.control, keys) // …until it turns out right
    const rows = new Map((await platform.control.select().from(loginThrottle)).map((row) => [row.key, row]))
    expect(rows.has(keys[0]!.key)).toBe(false)
    expect(rows.get(keys[1]!.key)).toMatchObject({ failures: 4, blockedUntil: null })
    expect(rows.get(keys[2]!.key)).toMatchObject({ failures: 14, blockedUntil: null })
    expect((await reserveAttempt(platform.control, keys, now)).granted).toBe(true)
  })

  it('let an office behind one address sign in all day: successes do not add up', async () => {
    for (let i = 0; i < 30; i++) {
      const keys = keysFor(i % 2 ? 'officer' : 'neighbour', '198.18.0.4')
      expect((await reserveAttempt(platform.control, keys, now)).granted).toBe(true)
      await releaseAfterSuccess(platform.control, keys)
    }
    await reserveTimes(
      19,
      (i) => `guess-${i}`,
      () => '198.18.0.4',
    )
    expect((await reserve('officer', '198.18.0.4')).granted).toBe(true)
    expect((await reserve('officer', '198.18.0.5')).granted).toBe(true)
  })

  it('are pruned by housekeeping once forgotten and not blocking', async () => {
    await reserveTimes(
      5,
      () => 'officer',
      () => '203.0.113.8',
    )
    await reserveTimes(
      1,
      () => 'neighbour',
      () => '203.0.113.9',
    )
    later(24 * 60 * 60 * SECOND + SECOND)
    await reserveTimes(
      1,
      () => 'neighbour',
      () => '203.0.113.9',
    )
    await runHousekeeping({ control: platform.control, tenants: t.deps.tenants, logger: t.logger, now })
    const left = (await platform.control.select({ key: loginThrottle.key }).from(loginThrottle)).map((row) => row.key).sort()
    expect(left).toEqual(
      keysFor('neighbour', '203.0.113.9')
        .map((k) => k.key)
        .sort(),
    )
    expect(t.logger.lines).toContainEqual({ level: 'info', event: 'login_throttle_pruned', fields: { count: 3 } })
  })

  it('grant exactly the allowance to 100 reservations sent at once through two connection pools', async () => {
    const all = (make: (i: number) => [string, string]) =>
      Promise.all(Array.from({ length: 100 }, (_, i) => reserve(...make(i), i % 2 ? otherControl : platform.control)))
    const granted = (list: Reservation[]) => list.filter((r) => r.granted).length
    expect(granted(await all(() => ['officer', '203.0.113.50']))).toBe(5)
    expect(granted(await all((i) => [`sprayed-${i}`, '203.0.113.51']))).toBe(20)
    expect(granted(await all((i) => ['neighbour', `198.51.100.${i}`]))).toBe(20)
  })
})

describe('signing in', () => {
  it('refuses the sixth attempt from one client with 429 and Retry-After, even with the right password, and only there', async () => {
    for (let i = 0; i < 5; i++) expect((await logIn('test-officer', WRONG, '203.0.113.1')).status).toBe(401)
    const blocked = await logIn('test-officer', TEST_PASSWORD, '203.0.113.1')
    expect(blocked.status).toBe(429)
    expect(blocked.headers.get('retry-after')).toBe('30')
    expect((await blocked.json()).error.code).toBe('too_many_requests')
    expect(evaluations()).toBe(5)
    expect((await logIn('test-officer', TEST_PASSWORD, '198.51.100.7')).status).toBe(200)
    later(31 * SECOND)
    expect((await logIn('test-officer', TEST_PASSWORD, '203.0.113.1')).status).toBe(200)
  })
})

describe('concurrent bursts', () => {
  type Answer = { status: number; retryAfter: string | null; right: boolean }
  async function burst(requests: (() => Promise<Response>)[], right: number[] = []): Promise<Answer[]> {
    const responses = await Promise.all(requests.map((send) => send()))
    return responses.map((res, i) => ({ status: res.status, retryAfter: res.headers.get('retry-after'), right: right.includes(i) }))
  }

  it('evaluates only 5 of 30 wrong passwords and the right one sent together, across two connection pools', async () => {
    const requests = Array.from({ length: 31 }, (_, i) => () => logIn('test-officer', i === 30 ? TEST_PASSWORD : WRONG, '203.0.113.66', i % 2 ? other : t))
    const answers = await burst(requests, [30])
    // The right password is sent last, so it is beyond the allowance: refused like the wrong ones.
    expect(evaluations()).toBe(5)
    expect(answers.filter((a) => a.status === 401)).toHaveLength(5)
    const refused = answers.filter((a) => a.status === 429)
    expect(refused).toHaveLength(26)
    expect(refused.every((a) => Number(a.retryAfter) > 0)).toBe(true)
    expect(answers.find((a) => a.right)?.status).toBe(429)
    expect((await logIn('test-officer', TEST_PASSWORD, '203.0.113.66')).status).toBe(429)
    expect(evaluations()).toBe(5)
  })

  it('evaluates only 20 of 40 guesses sent at once from one client across 40 accounts', async () => {
    const answers = await burst(Array.from({ length: 40 }, (_, i) => () => logIn(`sprayed-${i}`, WRONG, '203.0.113.77', i % 2 ? other : t)))
    expect(evaluations()).toBe(20)
    expect(answers.filter((a) => a.status === 401)).toHaveLength(20)
    expect(answers.filter((a) => a.status === 429)).toHaveLength(20)
  })

  it('evaluates only 20 of 40 guesses sent at once on one account from 40 clients', async () => {
    const answers = await burst(Array.from({ length: 40 }, (_, i) => () => logIn('test-officer', WRONG, `198.51.100.${100 + i}`, i % 2 ? other : t)))
    expect(evaluations()).toBe(20)
    expect(answers.filter((a) => a.status === 401)).toHaveLength(20)
    expect(answers.filter((a) => a.status === 429)).toHaveLength(20)
    expect((await logIn('test-officer', TEST_PASSWORD, '198.51.100.250')).status).toBe(429)
  })
})
