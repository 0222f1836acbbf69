// A cut upload over real HTTP (decision 0038): the Node app on a socket, a part whose bytes stop half-way
// (the connection dropped, as on a phone going into a tunnel), then the upload going on from what the server kept.
import { serve, type ServerType } from '@hono/node-server'
import { statSync } from 'node:fs'
import { connect, type AddressInfo } from 'node:net'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { ATTACHMENT_CHUNK_BYTES } from '../../kernel/domain/attachment-file.ts'
import { png, sha256 } from '../helpers/evidence-files.ts'
import { createTestApp, createTestPlatform, TEST_ORIGIN, type TestPlatform } from '../helpers/platform.ts'
import { createTestUser, sessionCookieFor } from '../helpers/users.ts'

let platform: TestPlatform
let server: ServerType
let base: string
let port: number
let cookie: string
let commune: string

beforeAll(async () => {
  platform = await createTestPlatform()
  await onboardTenant(platform.onboardDeps, '82')
  const t = createTestApp(platform)
  const db = (await t.deps.tenants.resolve('82'))!.db
  commune = (await db.query.communes.findFirst({ orderBy: (c, { asc }) => asc(c.code) }))!.code
  cookie = await sessionCookieFor(
    platform.control,
    await createTestUser(platform.control, { username: 'resume-officer', role: 'commune_officer', province: '82', communes: [commune] }),
  )
  server = await new Promise((resolve) => {
    const s = serve({ fetch: t.app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s))
  })
  port = (server.address() as AddressInfo).port
  base = `http://127.0.0.1:${port}/api/p/82/attachments`
})
afterAll(async () => {
  await new Promise<void>((done) => server.close(() => done()))
  platform.cleanup()
})

const headers = (type: string) => ({ cookie, origin: TEST_ORIGIN, 'content-type': type })
const state = async (id: string) => (await (await fetch(`${base}/${id}`, { headers: { cookie } })).json()).data as { received: number; state: string }

/** Sends the part's headers and only `sent` of its bytes, then drops the connection. */
function cutPart(id: string, offset: number, part: Uint8Array, sent: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      const head = [
        `PUT /api/p/82/attachments/${id}/content?offset=${offset} HTTP/1.1`,
        `Host: 127.0.0.1:${port}`,
        `Cookie: ${cookie}`,
        `Origin: ${TEST_ORIGIN}`,
        'Content-Type: application/octet-stream',
        `Content-Length: ${part.byteLength}`,
        '',
        '',
      ].join('\r\n')
      socket.write(head)
      socket.write(part.subarray(0, sent), () => setTimeout(() => socket.destroy(), 50))
    })
    socket.on('close', () => resolve())
    socket.on('error', reject)
  })
}

describe('an upload cut half-way', () => {
  it('keeps the parts that arrived whole, drops the cut one, and completes from there', async () => {
    const bytes = png(800, 800, true)
    const id = crypto.randomUUID()
    const announce = () =>
      fetch(base, {
        method: 'POST',
        headers: headers('application/json'),
        body: JSON.stringify({ id, ownerKind: 'commune', ownerId: commune, fileName: 'anh-bien-ban.png', size: bytes.byteLength, sha256: sha256(bytes) }),
      })
    expect((await announce()).status).toBe(201)
    const send = (offset: number) =>
      fetch(`${base}/${id}/content?offset=${offset}`, {
        method: 'PUT',
        headers: headers('application/octet-stream'),
        body: bytes.slice(offset, offset + ATTACHMENT_CHUNK_BYTES),
      })
    expect((await send(0)).status).toBe(200)
    // The second part: 100 KB of its 256 KB arrive, then the connection drops.
    await cutPart(id, ATTACHMENT_CHUNK_BYTES, bytes.subarray(ATTACHMENT_CHUNK_BYTES, 2 * ATTACHMENT_CHUNK_BYTES), 100_000)
    await new Promise((r) => setTimeout(r, 200))
    expect(await state(id)).toEqual(expect.objectContaining({ state: 'pending', received: ATTACHMENT_CHUNK_BYTES }))
    // The retry asks where to go on (announcing again) and sends only what is missing.
    const again = await announce()
    expect(again.status).toBe(200)
    const { received } = (await again.json()).data
    expect(received).toBe(ATTACHMENT_CHUNK_BYTES)
    let last: Response | undefined
    for (let offset = received; offset < bytes.byteLength; offset += ATTACHMENT_CHUNK_BYTES) last = await send(offset)
    expect((await last!.json()).data).toMatchObject({ state: 'complete', received: bytes.byteLength })
    const got = new Uint8Array(await (await fetch(`${base}/${id}/content`, { headers: { cookie } })).arrayBuffer())
    expect(sha256(got)).toBe(sha256(bytes))
    // The stored file is private to the server's user, as the databases are.
    const file = join(platform.dataDir, 'attachments', '82', id)
    expect(statSync(file).mode & 0o777).toBe(0o600)
    expect(statSync(join(platform.dataDir, 'attachments', '82')).mode & 0o777).toBe(0o700)
  })
})
