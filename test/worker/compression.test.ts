// The Node server's JSON compression (worker/json-compression.node.ts, decision 0024) around the real app on
// real libSQL files, as worker/entry.node.ts wires it.
import { brotliDecompressSync, gunzipSync } from 'node:zlib'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { seedDemo } from '../../worker/provision/seed-demo.ts'
import { createApp } from '../../worker/app.ts'
import { chooseEncoding, withJsonCompression } from '../../worker/json-compression.node.ts'
import { createTestApp, createTestPlatform, type TestPlatform } from '../helpers/platform.ts'
import { createTestUser, sessionCookieFor } from '../helpers/users.ts'

let platform: TestPlatform
let fetch: (request: Request) => Promise<Response>
let admin: string
let officer: string
/** Enough people for a caseload answer over 64 KB, which is compressed on the thread pool instead of the event loop. */
const CASELOAD = 260

beforeAll(async () => {
  platform = await createTestPlatform()
  await onboardTenant(platform.onboardDeps, '82')
  const { deps } = createTestApp(platform)
  fetch = withJsonCompression(createApp(deps).fetch)
  admin = await sessionCookieFor(platform.control, await createTestUser(platform.control, { username: 'z-central', role: 'central_admin' }))
  const db = (await deps.tenants.resolve('82'))!.db
  const commune = (await db.query.communes.findFirst({ orderBy: (c, { asc }) => asc(c.code) }))!.code
  await seedDemo(db, { persons: CASELOAD, seed: 7, communes: [], now: new Date('2026-11-24T03:00:00.000Z'), caseloads: [{ commune, people: CASELOAD }] })
  officer = await sessionCookieFor(
    platform.control,
    await createTestUser(platform.control, { username: 'z-commune', role: 'commune_officer', province: '82', communes: [commune] }),
  )
})
afterAll(() => platform.cleanup())

const get = (path: string, cookie: string, acceptEncoding?: string) =>
  fetch(new Request(`http://localhost${path}`, { headers: { cookie, ...(acceptEncoding ? { 'accept-encoding': acceptEncoding } : {}) } }))

describe('JSON compression on Node', () => {
  it('gzips a large list when the client accepts gzip, and it decodes to the same JSON', async () => {
    const plain = await get('/api/p/82/communes', admin)
    const plainText = await plain.text()
    expect(plain.headers.get('content-encoding')).toBeNull()
    expect(Buffer.byteLength(plainText)).toBeGreaterThan(1024)

    const res = await get('/api/p/82/communes', admin, 'gzip')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-encoding')).toBe('gzip')
    expect(res.headers.get('vary')).toMatch(/accept-encoding/i)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    const wire = Buffer.from(await res.arrayBuffer())
    expect(Number(res.headers.get('content-length'))).toBe(wire.length)
    expect(wire.length).toBeLessThan(Buffer.byteLength(plainText) / 3)
    expect(JSON.parse(gunzipSync(wire).toString('utf8'))).toEqual(JSON.parse(plainText))
    // The headers every API answer carries survive the re-encoding.
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('prefers Brotli when the client accepts it, as browsers do', async () => {
    const res = await get('/api/p/82/communes', admin, 'gzip, deflate, br, zstd')
    expect(res.headers.get('content-encoding')).toBe('br')
    const decoded = JSON.parse(brotliDecompressSync(Buffer.from(await res.arrayBuffer())).toString('utf8')) as { total: number }
    expect(decoded.total).toBe(102)
  })

  it('compresses an answer over 64 KB (on the thread pool) to the same JSON', async () => {
    const plain = await (await get('/api/p/82/caseload?limit=500', officer)).text()
    expect(Buffer.byteLength(plain)).toBeGreaterThan(64 * 1024)
    for (const [accept, decode] of [
      ['br', brotliDecompressSync],
      ['gzip', gunzipSync],
    ] as const) {
      const res = await get('/api/p/82/caseload?limit=500', officer, accept)
      expect(res.headers.get('content-encoding')).toBe(accept)
      const decoded = JSON.parse(decode(Buffer.from(await res.arrayBuffer())).toString('utf8')) as { data: unknown[] }
      // Each read is audited, nothing else changes: the same rows.
      expect(decoded.data).toEqual((JSON.parse(plain) as { data: unknown[] }).data)
      expect(decoded.data).toHaveLength(CASELOAD)
    }
  })

  it('leaves a small answer, and an answer to a client that accepts no encoding, as they are', async () => {
    const small = await get('/api/me', admin, 'gzip, br')
    const text = await small.text()
    expect(small.status).toBe(200)
    expect(Buffer.byteLength(text)).toBeLessThan(1024)
    expect(small.headers.get('content-encoding')).toBeNull()
    expect(JSON.parse(text)).toMatchObject({ data: { username: 'z-central' } })

    const notFound = await get('/api/p/82/nothing-here', admin, 'gzip')
    expect(notFound.status).toBe(404)
    expect(notFound.headers.get('content-encoding')).toBeNull()
    expect(((await notFound.json()) as { error: { code: string } }).error.code).toBe('not_found')

    const identity = await get('/api/p/82/communes', admin, 'identity')
    expect(identity.headers.get('content-encoding')).toBeNull()
    expect(((await identity.json()) as { total: number }).total).toBe(102)
  })

  it('sends the sync pull, which compresses itself, encoded once', async () => {
    const res = await get('/api/p/82/sync/pull', officer, 'gzip, br')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-encoding')).toBe('gzip')
    const body = JSON.parse(gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8')) as { data: { persons: unknown[] } }
    expect(body.data.persons).toHaveLength(CASELOAD)
  })

  it('chooses by Accept-Encoding, refusing what q=0 refuses', () => {
    expect(chooseEncoding(undefined)).toBeUndefined()
    expect(chooseEncoding('gzip')).toBe('gzip')
    expect(chooseEncoding('br;q=0, gzip;q=0.5')).toBe('gzip')
    expect(chooseEncoding('gzip;q=0, deflate')).toBeUndefined()
    expect(chooseEncoding('*')).toBe('br')
    expect(chooseEncoding('*;q=0')).toBeUndefined()
  })
})
