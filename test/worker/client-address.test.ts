import { serve, type ServerType } from '@hono/node-server'
import { and, eq } from 'drizzle-orm'
import { Hono } from 'hono'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashClientAddress } from '../../db/audit/append-audit.ts'
import { auditLog } from '../../db/control/schema/index.ts'
import { forwardedClient, nodeClientAddress } from '../../worker/client-address.node.ts'
import { readNodeConfig } from '../../worker/node-config.ts'
import { createTestApp, createTestPlatform, TEST_ORIGIN, type TestPlatform } from '../helpers/platform.ts'
import { createTestUser, TEST_PASSWORD } from '../helpers/users.ts'

// Real sockets: the address comes from @hono/node-server's connection info, as in `npm start`.
async function listen(fetch: (req: Request, env: unknown) => Response | Promise<Response>): Promise<{ url: string; close(): Promise<void> }> {
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
  })
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}`, close: () => new Promise((done) => server.close(() => done())) }
}

describe('the client address on Node', () => {
  it('takes the entry the trusted proxies appended, counted from the right', () => {
    expect(forwardedClient('198.51.100.9, 203.0.113.7', 1)).toBe('203.0.113.7')
    expect(forwardedClient('1.2.3.4, 198.51.100.9, 203.0.113.7', 2)).toBe('198.51.100.9')
    expect(forwardedClient('203.0.113.7', 2)).toBe('203.0.113.7')
    expect(forwardedClient('2001:db8::1', 1)).toBe('2001:db8::1')
    expect(forwardedClient('198.51.100.9, unknown', 1)).toBeUndefined()
    expect(forwardedClient(undefined, 1)).toBeUndefined()
  })

  it('ignores X-Forwarded-For without trusted hops, and what the client wrote with them', async () => {
    const seen = (hops: number) => {
      const app = new Hono().get('/', (c) => c.text(nodeClientAddress(hops)(c) ?? 'none'))
      return listen(app.fetch)
    }
    const direct = await seen(0)
    const proxied = await seen(1)
    try {
      const forged = { 'x-forwarded-for': '10.9.8.7' }
      expect(await (await fetch(direct.url, { headers: forged })).text()).toBe('127.0.0.1')
      expect(await (await fetch(proxied.url, { headers: { 'x-forwarded-for': '10.9.8.7, 203.0.113.7' } })).text()).toBe('203.0.113.7')
      // Without the header (a local probe that did not pass the proxy): the socket.
      expect(await (await fetch(proxied.url)).text()).toBe('127.0.0.1')
    } finally {
      await direct.close()
      await proxied.close()
    }
  })
})

describe('configuration of the proxy hops', () => {
  it('reads TRUST_PROXY_HOPS, defaulting to the socket address', () => {
    expect(readNodeConfig({ NODE_ENV: 'test' }).trustProxyHops).toBe(0)
    expect(readNodeConfig({ NODE_ENV: 'test', TRUST_PROXY_HOPS: '2' }).trustProxyHops).toBe(2)
    expect(() => readNodeConfig({ NODE_ENV: 'test', TRUST_PROXY_HOPS: 'yes' })).toThrow(/TRUST_PROXY_HOPS: must be a whole number/)
    expect(() => readNodeConfig({ NODE_ENV: 'test', TRUST_PROXY_HOPS: '9' })).toThrow(/TRUST_PROXY_HOPS: must be at most 5/)
  })

  it('refuses the old TRUST_PROXY at start-up instead of ignoring it', () => {
    expect(() => readNodeConfig({ NODE_ENV: 'test', TRUST_PROXY: '1' })).toThrow(/TRUST_PROXY: is no longer supported: set TRUST_PROXY_HOPS/)
  })

  it('requires an https public origin in production and defaults to this machine elsewhere', () => {
    const production = { NODE_ENV: 'production', AUDIT_SALT: 'a-production-secret-salt' }
    expect(() => readNodeConfig(production)).toThrow(/PUBLIC_ORIGIN is required in production/)
    expect(() => readNodeConfig({ ...production, PUBLIC_ORIGIN: 'http://binhan.example.gov.vn' })).toThrow(/https/)
    expect(() => readNodeConfig({ ...production, PUBLIC_ORIGIN: 'https://binhan.example.gov.vn/' })).toThrow(/PUBLIC_ORIGIN: must be a bare origin/)
    expect(readNodeConfig({ ...production, PUBLIC_ORIGIN: 'https://binhan.example.gov.vn' })).toMatchObject({
      publicOrigin: 'https://binhan.example.gov.vn',
      trustedOrigins: [],
    })
    expect(readNodeConfig({ NODE_ENV: 'development', PORT: '9000' })).toMatchObject({
      publicOrigin: 'http://localhost:9000',
      trustedOrigins: ['http://127.0.0.1:9000', 'http://[::1]:9000'],
    })
  })
})

describe('sign-in behind one trusted proxy', () => {
  let platform: TestPlatform
  let server: Awaited<ReturnType<typeof listen>>
  beforeAll(async () => {
    platform = await createTestPlatform()
    await createTestUser(platform.control, { username: 'test-officer', role: 'province_officer', province: '82' })
    const t = createTestApp(platform, { clientAddress: nodeClientAddress(1), clock: { now: () => new Date() } })
    server = await listen(t.app.fetch)
  })
  afterAll(async () => {
    await server.close()
    platform.cleanup()
  })

  it('throttles guesses whose forged left-most X-Forwarded-For changes every time, and audits the proxy-seen address', async () => {
    const statuses: number[] = []
    for (let i = 0; i < 15; i++) {
      const res = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: TEST_ORIGIN, 'x-forwarded-for': `10.0.0.${i}, 203.0.113.7` },
        body: JSON.stringify({ username: 'test-officer', password: i === 14 ? TEST_PASSWORD : 'wrong-password-123' }),
      })
      statuses.push(res.status)
    }
    expect(statuses).toEqual([...Array(5).fill(401), ...Array(10).fill(429)])
    const audited = await platform.control
      .select({ clientHash: auditLog.clientHash })
      .from(auditLog)
      .where(and(eq(auditLog.action, 'auth.login')))
    expect(audited).toHaveLength(5)
    expect(new Set(audited.map((row) => row.clientHash))).toEqual(new Set([hashClientAddress('203.0.113.7', 'test-only-audit-salt')]))
  })
})
