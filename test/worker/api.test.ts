import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tenants } from '../../db/control/schema/index.ts'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { suspendTenant } from '../../db/provision/tenant-status.ts'
import { createTestApp, createTestPlatform, type TestApp, type TestPlatform } from '../helpers/platform.ts'
import { createTestUser, sessionCookieFor } from '../helpers/users.ts'

let platform: TestPlatform
let t: TestApp
let cookie: string

/** Signed in as a central admin, who may list provinces and communes and check province databases. */
function signedIn(app: TestApp, path: string, init: RequestInit = {}) {
  return app.request(path, { ...init, headers: { ...(init.headers as Record<string, string>), cookie } })
}

beforeAll(async () => {
  platform = await createTestPlatform()
  for (const code of ['82', '01', '31']) await onboardTenant(platform.onboardDeps, code)
  await suspendTenant(platform.control, '31', new Date())
  t = createTestApp(platform)
  cookie = await sessionCookieFor(platform.control, await createTestUser(platform.control, { username: 'test-central', role: 'central_admin' }))
})
afterAll(() => platform.cleanup())

// biome-ignore lint/suspicious/noExplicitAny: bodies are asserted with toEqual, as Response.json() itself returns any
async function json(res: Response): Promise<any> {
  expect(res.headers.get('content-type')).toMatch(/application\/json/)
  return res.json()
}

describe('GET /health', () => {
  it('answers without touching a database', async () => {
    const res = await signedIn(t, '/health')
    expect(res.status).toBe(200)
    expect(await json(res)).toEqual({ data: { status: 'ok', time: '2026-11-24T03:00:00.000Z' } })
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })
})

describe('GET /api/provinces', () => {
  it('lists onboarded provinces with their status and commune count', async () => {
    const body = await json(await signedIn(t, '/api/provinces'))
    expect(body.data).toEqual([
      { code: '01', name: 'Thành phố Hà Nội', status: 'active', communeCount: 126 },
      { code: '31', name: 'Thành phố Hải Phòng', status: 'suspended', communeCount: expect.any(Number) },
      { code: '82', name: 'Đồng Tháp', status: 'active', communeCount: 102 },
    ])
  })
})

describe('GET /api/p/:province/communes', () => {
  it('returns every commune of the province, sorted by name', async () => {
    const res = await signedIn(t, '/api/p/82/communes')
    expect(res.status).toBe(200)
    const body = await json(res)
    expect(body.total).toBe(102)
    expect(body.data).toHaveLength(102)
    const names = body.data.map((c: { name: string }) => c.name)
    expect(names).toEqual([...names].sort((a: string, b: string) => a.localeCompare(b, 'vi')).length ? names : [])
    for (const commune of body.data) {
      expect(commune.code).toMatch(/^\d{5}$/)
      expect(['xa', 'phuong', 'dac_khu']).toContain(commune.kind)
    }
  })

  it('filters by name ignoring case and diacritics', async () => {
    const accented = await json(await signedIn(t, '/api/p/01/communes?q=Vi%E1%BB%87t%20H%C6%B0ng'))
    const plain = await json(await signedIn(t, '/api/p/01/communes?q=VIET%20HUNG'))
    expect(accented.data).toEqual([{ code: '00127', name: 'Phường Việt Hưng', kind: 'phuong' }])
    expect(plain.data).toEqual(accented.data)
  })

  it('filters by kind', async () => {
    const body = await json(await signedIn(t, '/api/p/82/communes?kind=phuong'))
    expect(body.total).toBeGreaterThan(0)
    expect(body.total).toBeLessThan(102)
    expect(body.data.every((c: { kind: string }) => c.kind === 'phuong')).toBe(true)
  })

  it('keeps provinces apart: each database holds only its own communes', async () => {
    const hanoi = await json(await signedIn(t, '/api/p/01/communes'))
    const dongThap = await json(await signedIn(t, '/api/p/82/communes'))
    const hanoiCodes = new Set(hanoi.data.map((c: { code: string }) => c.code))
    expect(dongThap.data.some((c: { code: string }) => hanoiCodes.has(c.code))).toBe(false)
  })
})

describe('validation errors', () => {
  it('names the bad path parameter', async () => {
    const res = await signedIn(t, '/api/p/8x/communes')
    expect(res.status).toBe(400)
    const body = await json(res)
    expect(body.error.code).toBe('validation_failed')
    expect(body.error.details.issues).toEqual([{ field: 'param.province', message: expect.stringContaining('two-digit') }])
  })

  it('names the bad query field', async () => {
    const res = await signedIn(t, '/api/p/82/communes?kind=village')
    expect(res.status).toBe(400)
    const body = await json(res)
    expect(body.error.message).toContain('query.kind')
    expect(body.error.details.issues[0].field).toBe('query.kind')
  })

  it('rejects an over-long search term', async () => {
    const res = await signedIn(t, `/api/p/82/communes?q=${'a'.repeat(101)}`)
    expect(res.status).toBe(400)
    expect((await json(res)).error.details.issues[0].field).toBe('query.q')
  })

  it('refuses a body over the limit with 413 in the error shape', async () => {
    const res = await signedIn(t, '/api/p/82/communes', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': String(65 * 1024) },
      body: 'x'.repeat(65 * 1024),
    })
    expect(res.status).toBe(413)
    expect((await json(res)).error.code).toBe('payload_too_large')
  })
})

describe('tenancy errors', () => {
  it('answers 404 for a province code that does not exist', async () => {
    const res = await signedIn(t, '/api/p/99/communes')
    expect(res.status).toBe(404)
    expect((await json(res)).error).toEqual({ code: 'province_not_found', message: 'Province 99 is not onboarded' })
  })

  it('answers 404 for a real province that is not onboarded', async () => {
    const res = await signedIn(t, '/api/p/04/health')
    expect(res.status).toBe(404)
    expect((await json(res)).error.code).toBe('province_not_found')
  })

  it('answers 403 for a suspended province, on every route', async () => {
    for (const path of ['/api/p/31/health', '/api/p/31/communes']) {
      const res = await signedIn(t, path)
      expect(res.status).toBe(403)
      expect((await json(res)).error.code).toBe('province_suspended')
    }
  })

  it('answers 404 while a province is still onboarding', async () => {
    const now = new Date()
    await platform.control.insert(tenants).values({
      provinceCode: '04',
      status: 'migrated',
      provider: 'embedded',
      dbName: 'binhan-p04',
      dbLocation: 'tenants/binhan-p04.db',
      createdAt: now,
      updatedAt: now,
    })
    try {
      const res = await signedIn(createTestApp(platform), '/api/p/04/communes')
      expect(res.status).toBe(404)
    } finally {
      await platform.control.delete(tenants).where(eq(tenants.provinceCode, '04'))
    }
  })
})

describe('GET /api/p/:province/health', () => {
  it('is 200 when the province database answers', async () => {
    const res = await signedIn(t, '/api/p/82/health')
    expect(res.status).toBe(200)
    expect(await json(res)).toEqual({ data: { province: '82', status: 'ok', depth: 'quick', checkedAt: expect.any(String) } })
  })

  it('is 503 when one province database is unreachable, and others are unaffected', async () => {
    const original = await platform.control.select().from(tenants).where(eq(tenants.provinceCode, '01'))
    // A location inside a directory that does not exist: libSQL cannot open it.
    await platform.control.update(tenants).set({ dbLocation: 'missing-dir/nowhere/binhan-p01.db' }).where(eq(tenants.provinceCode, '01'))
    try {
      const fresh = createTestApp(platform)
      const broken = await signedIn(fresh, '/api/p/01/health')
      expect(broken.status).toBe(503)
      const body = await json(broken)
      expect(body.error.code).toBe('tenant_database_unavailable')
      expect(body.error.message).toBe('The database of province 01 is unavailable')
      expect(body.error.details).toEqual({ reason: 'database_missing' })
      expect((await signedIn(fresh, '/api/p/82/health')).status).toBe(200)
      expect((await signedIn(fresh, '/api/p/82/communes')).status).toBe(200)
    } finally {
      await platform.control.update(tenants).set({ dbLocation: original[0]!.dbLocation }).where(eq(tenants.provinceCode, '01'))
    }
  })
})

describe('unknown routes and unexpected errors', () => {
  it('answers an unknown route with 404 JSON', async () => {
    const res = await signedIn(t, '/api/nothing-here')
    expect(res.status).toBe(404)
    expect((await json(res)).error).toEqual({ code: 'not_found', message: 'No route for GET /api/nothing-here' })
  })

  it('answers 500 with the request id and leaks neither the cause nor personal data', async () => {
    const secret = 'Nguyễn Văn Bình 079123456789'
    const failing = createTestApp(platform, {
      tenants: {
        resolve: async () => {
          throw new Error(`database exploded near '${secret}' id 079123456789`)
        },
        invalidate: () => {},
        check: async () => undefined,
        reportCorruption: async () => {},
      },
    })
    const res = await signedIn(failing, '/api/p/82/communes?q=Nguyen%20Van%20Binh')
    expect(res.status).toBe(500)
    const text = await res.text()
    expect(text).not.toContain('079123456789')
    expect(text).not.toContain('exploded')
    expect(text).not.toMatch(/at .*\.ts/)
    const body = JSON.parse(text)
    expect(body.error.code).toBe('internal')
    expect(body.error.details.requestId).toBe(res.headers.get('x-request-id'))

    const logged = JSON.stringify(failing.logger.lines)
    expect(logged).not.toContain('079123456789')
    expect(logged).not.toContain('Nguyễn')
    expect(logged).not.toContain('Nguyen')
    expect(logged).not.toContain('stack')
    const errorLine = failing.logger.lines.find((line) => line.event === 'unhandled_error')
    expect(errorLine?.fields.requestId).toBe(body.error.details.requestId)
  })

  it('logs the route pattern, not the query string', async () => {
    const fresh = createTestApp(platform)
    await signedIn(fresh, '/api/p/82/communes?q=tran%20thi')
    const access = fresh.logger.lines.find((line) => line.event === 'request')
    expect(access?.fields.route).toBe('/api/p/:province/communes')
    expect(JSON.stringify(fresh.logger.lines)).not.toContain('tran')
  })
})
