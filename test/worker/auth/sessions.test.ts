import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { auditLog, loginThrottle, sessions } from '../../../db/control/schema/index.ts'
import { onboardTenant } from '../../../db/provision/onboard-tenant.ts'
import { hashToken } from '../../../worker/auth/tokens.ts'
import { SESSION_LIFETIME_MS } from '../../../worker/auth/session.ts'
import { createTestApp, createTestPlatform, jsonBody, type TestApp, type TestPlatform } from '../../helpers/platform.ts'
import { createTestUser, TEST_PASSWORD } from '../../helpers/users.ts'

const DAY = 24 * 60 * 60 * 1000
const START = new Date('2026-11-24T03:00:00.000Z')

let platform: TestPlatform
let t: TestApp
let now = START
let officerId: string

beforeAll(async () => {
  platform = await createTestPlatform()
  await onboardTenant(platform.onboardDeps, '82')
  t = createTestApp(platform, { clock: { now: () => now } })
  officerId = await createTestUser(platform.control, { username: 'test-officer', role: 'province_officer', province: '82' })
})
afterAll(() => platform.cleanup())
beforeEach(async () => {
  now = START
  await platform.control.delete(loginThrottle)
})

function cookieFrom(res: Response): string {
  const header = res.headers.get('set-cookie') ?? ''
  const match = /binhan_session=([^;]*)/.exec(header)
  if (!match) throw new Error(`no session cookie in "${header}"`)
  return `binhan_session=${match[1]}`
}

async function logIn(username = 'test-officer', password = TEST_PASSWORD, address = '192.0.2.10') {
  return t.request('/api/auth/login', jsonBody('POST', { username, password }, { 'x-test-client-address': address }))
}

const me = (cookie: string) => t.request('/api/me', { headers: { cookie } })

describe('signing in', () => {
  it('sets an HttpOnly, SameSite=Lax, Path=/ session cookie and answers with the user', async () => {
    const res = await logIn()
    expect(res.status).toBe(200)
    const header = res.headers.get('set-cookie')!
    expect(header).toMatch(/HttpOnly/)
    expect(header).toMatch(/SameSite=Lax/)
    expect(header).toMatch(/Path=\//)
    expect(header).not.toMatch(/Secure/) // the public origin is http://localhost
    const body = await res.json()
    expect(body.data).toMatchObject({ username: 'test-officer', role: 'province_officer', province: { code: '82', name: 'Đồng Tháp' }, communes: [] })
    expect(body.data.passwordHash).toBeUndefined()
  })

  it('marks the cookie Secure when the public origin is https, whatever the Host header says', async () => {
    const behindProxy = createTestApp(platform, { clock: { now: () => now } })
    behindProxy.deps.config = { ...behindProxy.deps.config, publicOrigin: 'https://binhan.example.gov.vn' }
    // The proxy forwards to http://127.0.0.1: the request URL (from Host) is internal and plain http.
    const res = await behindProxy.request(
      'http://127.0.0.1:8787/api/auth/login',
      jsonBody(
        'POST',
        { username: 'test-officer', password: TEST_PASSWORD },
        { origin: 'https://binhan.example.gov.vn', 'x-test-client-address': '192.0.2.20' },
      ),
    )
    expect(res.status).toBe(200)
    expect(res.headers.get('set-cookie')).toMatch(/; Secure/)
  })

  it('does not drop Secure for a request whose Host claims to be localhost', async () => {
    const behindProxy = createTestApp(platform, { clock: { now: () => now } })
    behindProxy.deps.config = { ...behindProxy.deps.config, publicOrigin: 'https://binhan.example.gov.vn' }
    const res = await behindProxy.request('http://localhost/api/auth/logout', { method: 'POST', headers: { origin: 'https://binhan.example.gov.vn' } })
    expect(res.headers.get('set-cookie')).toMatch(/binhan_session=;.*Secure/)
  })

  it('stores only the SHA-256 of the token, never the token', async () => {
    const cookie = cookieFrom(await logIn())
    const token = cookie.split('=')[1]!
    expect(token).toMatch(/^[a-z2-7]{40}$/)
    const rows = await platform.control.select().from(sessions).where(eq(sessions.userId, officerId))
    expect(rows.map((r) => r.id)).toContain(hashToken(token))
    expect(rows.map((r) => r.id)).not.toContain(token)
  })

  it('answers a wrong password and an unknown username identically', async () => {
    const wrongPassword = await logIn('test-officer', 'not-the-password-at-all', '192.0.2.11')
    const unknownUser = await logIn('nobody-here', 'not-the-password-at-all', '192.0.2.12')
    expect(wrongPassword.status).toBe(401)
    expect(unknownUser.status).toBe(401)
    expect(await wrongPassword.json()).toEqual(await unknownUser.json())
  })

  it('records logins in the platform audit trail without the attempted username', async () => {
    await logIn('typed-my-password-here', 'whatever-1234567', '192.0.2.13')
    const entries = await platform.control.select().from(auditLog).where(eq(auditLog.action, 'auth.login'))
    expect(entries.some((e) => e.outcome === 'failure' && e.actorId === null)).toBe(true)
    expect(entries.some((e) => e.outcome === 'success' && e.actorId === officerId)).toBe(true)
    expect(JSON.stringify(entries)).not.toContain('typed-my-password-here')
    expect(JSON.stringify(entries)).not.toContain('192.0.2.13')
  })
})

describe('session lifetime', () => {
  it('expires after 30 days and deletes the expired session', async () => {
    const cookie = cookieFrom(await logIn())
    now = new Date(START.getTime() + SESSION_LIFETIME_MS + 1)
    const res = await me(cookie)
    expect(res.status).toBe(401)
    expect(res.headers.get('set-cookie')).toMatch(/binhan_session=;/)
    const id = hashToken(cookie.split('=')[1]!)
    expect(await platform.control.select().from(sessions).where(eq(sessions.id, id))).toEqual([])
  })

  it('is not renewed while more than 15 days remain', async () => {
    const cookie = cookieFrom(await logIn())
    now = new Date(START.getTime() + 14 * DAY)
    const res = await me(cookie)
    expect(res.status).toBe(200)
    expect(res.headers.get('set-cookie')).toBeNull()
  })

  it('is extended to a full 30 days once less than 15 days remain, and the cookie is re-sent', async () => {
    const cookie = cookieFrom(await logIn())
    now = new Date(START.getTime() + 16 * DAY)
    const res = await me(cookie)
    expect(res.status).toBe(200)
    expect(res.headers.get('set-cookie')).toMatch(/binhan_session=/)
    const [row] = await platform.control
      .select()
      .from(sessions)
      .where(eq(sessions.id, hashToken(cookie.split('=')[1]!)))
    expect(row!.expiresAt.getTime()).toBe(now.getTime() + SESSION_LIFETIME_MS)
    // Still valid well past the original 30 days.
    now = new Date(START.getTime() + 40 * DAY)
    expect((await me(cookie)).status).toBe(200)
  })

  it('ends at logout', async () => {
    const cookie = cookieFrom(await logIn())
    const res = await t.request('/api/auth/logout', { method: 'POST', headers: { cookie } })
    expect(res.status).toBe(200)
    expect(res.headers.get('set-cookie')).toMatch(/binhan_session=;.*Max-Age=0/)
    expect((await me(cookie)).status).toBe(401)
  })
})

describe('CSRF and content type', () => {
  it('refuses a state-changing request without an Origin header', async () => {
    const res = await t.request('/api/auth/login', { ...jsonBody('POST', { username: 'test-officer', password: TEST_PASSWORD }), origin: null })
    expect(res.status).toBe(403)
    expect((await res.json()).error.code).toBe('origin_rejected')
  })

  it('refuses a state-changing request from another origin, even with a valid session', async () => {
    const cookie = cookieFrom(await logIn())
    const res = await t.request('/api/auth/logout', { method: 'POST', headers: { cookie, origin: 'https://evil.example' } })
    expect(res.status).toBe(403)
    expect((await me(cookie)).status).toBe(200)
  })

  it('accepts a configured trusted origin', async () => {
    const proxied = createTestApp(platform, { clock: { now: () => now } })
    proxied.deps.config = { ...proxied.deps.config, trustedOrigins: ['https://binhan.example.gov.vn'] }
    const res = await proxied.request(
      '/api/auth/login',
      jsonBody('POST', { username: 'test-officer', password: TEST_PASSWORD }, { origin: 'https://binhan.example.gov.vn' }),
    )
    expect(res.status).toBe(200)
  })

  it('takes its own origin from configuration: a Host header matching a foreign Origin does not pass', async () => {
    const res = await t.request(
      'https://evil.example/api/auth/login',
      jsonBody('POST', { username: 'test-officer', password: TEST_PASSWORD }, { origin: 'https://evil.example' }),
    )
    expect(res.status).toBe(403)
    expect((await res.json()).error.code).toBe('origin_rejected')
  })

  it('refuses a body that is not JSON with 415', async () => {
    const res = await t.request('/api/auth/login', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'username=test-officer&password=x',
    })
    expect(res.status).toBe(415)
    expect((await res.json()).error.code).toBe('unsupported_media_type')
  })

  it('names the missing field of a malformed login', async () => {
    const res = await t.request('/api/auth/login', jsonBody('POST', { username: 'test-officer' }))
    expect(res.status).toBe(400)
    expect((await res.json()).error.details.issues[0].field).toBe('json.password')
  })
})

describe('security headers', () => {
  it('sends a strict CSP, HSTS, nosniff, a referrer policy and no framing', async () => {
    const res = await t.request('/health')
    const csp = res.headers.get('content-security-policy') ?? ''
    expect(csp).toContain("default-src 'self'")
    expect(csp).toContain("script-src 'self'")
    expect(csp).not.toContain('unsafe-inline')
    expect(csp).toContain("frame-ancestors 'none'")
    expect(res.headers.get('strict-transport-security')).toMatch(/max-age=\d{7,}/)
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('referrer-policy')).toBe('no-referrer')
  })

  it('never lets API answers be cached', async () => {
    const res = await t.request('/api/me')
    expect(res.headers.get('cache-control')).toBe('no-store')
  })
})
