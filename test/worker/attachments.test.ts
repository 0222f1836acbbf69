// Evidence files through the API (decision 0038): checked by content, not by name; a size limit; the checksum;
// parts at an offset so a cut upload goes on where it stopped; downloads only in the owner's scope, each audited.
import { and, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { attachments, auditLog } from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'
import { ATTACHMENT_CHUNK_BYTES, MAX_ATTACHMENT_BYTES } from '../../kernel/domain/attachment-file.ts'
import { existsSync } from 'node:fs'
import { join } from 'node:path'
import { ABANDONED_UPLOAD_DAYS } from '../../worker/jobs/discard-abandoned-uploads.ts'
import { runHousekeeping } from '../../worker/jobs/housekeeping.ts'
import { executable, JPEG, pdf, png, sha256 } from '../helpers/evidence-files.ts'
import { createTestApp, createTestPlatform, jsonBody, type TestApp, type TestPlatform } from '../helpers/platform.ts'
import { createTestUser, sessionCookieFor } from '../helpers/users.ts'

let platform: TestPlatform
let t: TestApp
let db: TenantDb
let mine: string
let theirs: string
const who = ['officer', 'other', 'province', 'admin', 'central'] as const
const cookies = {} as Record<(typeof who)[number], string>

const as =
  (name: keyof typeof cookies) =>
  (path: string, init: RequestInit = {}) =>
    t.request(`/api/p/82/attachments${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), cookie: cookies[name] } })

const announce = (bytes: Uint8Array, over: Record<string, unknown> = {}, name: keyof typeof cookies = 'officer') =>
  as(name)(
    '',
    jsonBody('POST', {
      id: crypto.randomUUID(),
      ownerKind: 'commune',
      ownerId: mine,
      fileName: 'bien-ban.jpg',
      size: bytes.byteLength,
      sha256: sha256(bytes),
      ...over,
    }),
  )

const part = (id: string, offset: number, bytes: Uint8Array<ArrayBuffer>, name: keyof typeof cookies = 'officer') =>
  as(name)(`/${id}/content?offset=${offset}`, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: bytes })

/** Announces and sends the file in parts; the last answer. */
async function upload(bytes: Uint8Array<ArrayBuffer>, fileName: string): Promise<Response> {
  const created = await announce(bytes, { fileName })
  expect(created.status).toBe(201)
  const { id } = (await created.json()).data
  let res = created
  for (let offset = 0; offset < bytes.byteLength; offset += ATTACHMENT_CHUNK_BYTES) {
    res = await part(id, offset, bytes.subarray(offset, offset + ATTACHMENT_CHUNK_BYTES))
    if (res.status !== 200) return res
  }
  return res
}

const downloads = async (id: string) =>
  (
    await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'attachment.download'), eq(auditLog.entityId, id)))
  ).length

beforeAll(async () => {
  platform = await createTestPlatform()
  await onboardTenant(platform.onboardDeps, '82')
  t = createTestApp(platform)
  db = (await t.deps.tenants.resolve('82'))!.db
  const list = await db.query.communes.findMany({ orderBy: (c, { asc }) => asc(c.code), limit: 2 })
  ;[mine, theirs] = [list[0]!.code, list[1]!.code]
  const user = async (username: string, role: 'commune_officer' | 'province_officer' | 'province_admin' | 'central_admin', communes: string[] = []) =>
    sessionCookieFor(platform.control, await createTestUser(platform.control, { username, role, province: role === 'central_admin' ? null : '82', communes }))
  cookies.officer = await user('evidence-officer', 'commune_officer', [mine])
  cookies.other = await user('evidence-other', 'commune_officer', [theirs])
  cookies.province = await user('evidence-province', 'province_officer')
  cookies.admin = await user('evidence-admin', 'province_admin')
  cookies.central = await user('evidence-central', 'central_admin')
})
afterAll(() => platform.cleanup())

describe('what an evidence file may be', () => {
  it('accepts a real JPEG, PNG and PDF, typed by their content whatever their names say', async () => {
    const files = [
      [JPEG, 'anh-chup.pdf', 'image/jpeg'],
      [png(), 'so-lieu.jpg', 'image/png'],
      [pdf(), 'bien-ban', 'application/pdf'],
    ] as const
    for (const [bytes, name, type] of files) {
      const res = await upload(bytes, name)
      const body = await res.json()
      expect(res.status, JSON.stringify(body)).toBe(200)
      expect(body.data).toMatchObject({
        state: 'complete',
        contentType: type,
        fileName: name,
        size: bytes.byteLength,
        sha256: sha256(bytes),
        communeCode: mine,
      })
      expect(body.data).not.toHaveProperty('storageKey')
      const got = await as('officer')(`/${body.data.id}/content`)
      expect(got.headers.get('content-type')).toBe(type)
      expect(got.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent(name)}`)
      expect(new Uint8Array(await got.arrayBuffer())).toEqual(bytes)
    }
  })

  it('refuses a renamed executable and a text file named .pdf with 400 naming file, storing nothing', async () => {
    const text = new TextEncoder().encode('Đây không phải là PDF, chỉ là văn bản (thử nghiệm).\n')
    for (const [bytes, name] of [
      [executable(), 'bien-ban.jpg'],
      [text, 'bien-ban.pdf'],
    ] as const) {
      const res = await upload(bytes, name)
      expect(res.status).toBe(400)
      const { error } = await res.json()
      expect(error.code).toBe('validation_failed')
      expect(error.details.issues).toEqual([expect.objectContaining({ field: 'file', code: 'type_not_accepted' })])
    }
    const rows = await as('officer')(`?ownerKind=commune&ownerId=${mine}`).then((r) => r.json())
    expect(rows.data.filter((r: { received: number; state: string }) => r.received > 0 && r.state === 'pending')).toEqual([])
  })

  it(`refuses a file over ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB with 413 naming file, before a byte is sent`, async () => {
    const res = await announce(new Uint8Array(1), { size: MAX_ATTACHMENT_BYTES + 1 })
    expect(res.status).toBe(413)
    const { error } = await res.json()
    expect(error).toMatchObject({ code: 'payload_too_large', details: { maxBytes: MAX_ATTACHMENT_BYTES, issues: [{ field: 'file', code: 'too_large' }] } })
    // A part larger than a part may be is refused by the body limit.
    const ok = await announce(png())
    const { id } = (await ok.json()).data
    expect((await part(id, 0, new Uint8Array(ATTACHMENT_CHUNK_BYTES + 1))).status).toBe(413)
  })

  it('refuses a file whose bytes do not match the announced SHA-256, and starts that upload over', async () => {
    const bytes = png(400, 400, true)
    const created = await announce(bytes, { sha256: sha256(png()) })
    const { id } = (await created.json()).data
    let res: Response = created
    for (let offset = 0; offset < bytes.byteLength; offset += ATTACHMENT_CHUNK_BYTES)
      res = await part(id, offset, bytes.subarray(offset, offset + ATTACHMENT_CHUNK_BYTES))
    expect(res.status).toBe(400)
    expect((await res.json()).error.details.issues).toEqual([expect.objectContaining({ field: 'file', code: 'checksum_mismatch' })])
    expect((await as('officer')(`/${id}`).then((r) => r.json())).data).toMatchObject({ state: 'pending', received: 0 })
    expect((await as('officer')(`/${id}/content`)).status).toBe(409)
  })
})

describe('an upload in parts', () => {
  it('goes on from where it stopped: a part at the wrong offset answers 409 with the bytes received', async () => {
    const bytes = png(800, 800, true)
    expect(bytes.byteLength).toBeGreaterThan(2 * ATTACHMENT_CHUNK_BYTES)
    const body = { id: crypto.randomUUID(), fileName: 'anh.png' }
    const { id } = (await (await announce(bytes, body)).json()).data
    expect((await part(id, 0, bytes.subarray(0, ATTACHMENT_CHUNK_BYTES))).status).toBe(200)
    // The phone lost its connection and the answer: announcing again tells it where to go on.
    const again = await announce(bytes, body)
    expect(again.status).toBe(200)
    expect((await again.json()).data).toMatchObject({ state: 'pending', received: ATTACHMENT_CHUNK_BYTES })
    const stale = await part(id, 0, bytes.subarray(0, ATTACHMENT_CHUNK_BYTES))
    expect(stale.status).toBe(409)
    expect((await stale.json()).error.details.received).toBe(ATTACHMENT_CHUNK_BYTES)
    let res = stale
    for (let offset = ATTACHMENT_CHUNK_BYTES; offset < bytes.byteLength; offset += ATTACHMENT_CHUNK_BYTES)
      res = await part(id, offset, bytes.subarray(offset, offset + ATTACHMENT_CHUNK_BYTES))
    expect((await res.json()).data).toMatchObject({ state: 'complete', received: bytes.byteLength })
    // The last part's answer lost too: its retry answers the complete file.
    const last = Math.floor(bytes.byteLength / ATTACHMENT_CHUNK_BYTES) * ATTACHMENT_CHUNK_BYTES
    expect((await (await part(id, last, bytes.subarray(last))).json()).data.state).toBe('complete')
    expect(new Uint8Array(await (await as('officer')(`/${id}/content`)).arrayBuffer())).toEqual(bytes)
  })

  it('refuses the same id for another file with 409', async () => {
    const body = { id: crypto.randomUUID() }
    expect((await announce(JPEG, body)).status).toBe(201)
    expect((await announce(png(), body)).status).toBe(409)
  })
})

describe('who reaches an evidence file', () => {
  let id: string
  beforeAll(async () => {
    id = (await (await upload(JPEG, 'bien-ban-ky.jpg')).json()).data.id
  })

  it('lets the commune’s officers and the province’s roles download it, auditing each download', async () => {
    const before = await downloads(id)
    for (const name of ['officer', 'province', 'admin'] as const) expect((await as(name)(`/${id}/content`)).status, name).toBe(200)
    expect(await downloads(id)).toBe(before + 3)
    const [entry] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'attachment.download'), eq(auditLog.entityId, id)))
      .limit(1)
    expect(entry).toMatchObject({ entityType: 'attachment', outcome: 'success' })
  })

  it('hides it from another commune’s officer (404) and refuses central staff (403), auditing no download', async () => {
    const before = await downloads(id)
    expect((await as('other')(`/${id}/content`)).status).toBe(404)
    expect((await as('other')(`/${id}`)).status).toBe(404)
    expect((await as('other')(`?ownerKind=commune&ownerId=${mine}`)).status).toBe(404)
    expect((await as('central')(`/${id}/content`)).status).toBe(403)
    expect((await as('central')(`?ownerKind=commune&ownerId=${mine}`)).status).toBe(403)
    expect(await downloads(id)).toBe(before)
  })

  it('lets only the commune’s officers attach: another commune 404, province roles 403', async () => {
    expect((await announce(JPEG, { ownerId: theirs })).status).toBe(404)
    expect((await announce(JPEG, {}, 'province')).status).toBe(403)
    expect((await announce(JPEG, {}, 'admin')).status).toBe(403)
    expect((await part(id, 0, JPEG, 'other')).status).toBe(404)
  })

  it('answers 404 for an owner that does not exist and 400 naming an unknown owner kind', async () => {
    expect((await announce(JPEG, { ownerId: '99999' })).status).toBe(404)
    const res = await announce(JPEG, { ownerKind: 'person' })
    expect(res.status).toBe(400)
    expect((await res.json()).error.details.issues[0].field).toBe('json.ownerKind')
  })
})

describe('uploads never completed', () => {
  it(`are discarded with their parts after ${ABANDONED_UPLOAD_DAYS} days; complete files and recent uploads stay`, async () => {
    const bytes = png(800, 800, true)
    const { id: stale } = (await (await announce(bytes)).json()).data
    expect((await part(stale, 0, bytes.subarray(0, ATTACHMENT_CHUNK_BYTES))).status).toBe(200)
    const partFile = join(platform.dataDir, 'attachments', '82', `${stale}.part0`)
    expect(existsSync(partFile)).toBe(true)
    const kept = (await (await upload(JPEG, 'giu-lai.jpg')).json()).data.id
    const later = new Date(t.deps.clock.now().getTime() + (ABANDONED_UPLOAD_DAYS + 1) * 86_400_000)
    await runHousekeeping({ control: platform.control, tenants: t.deps.tenants, logger: t.logger, now: later, blobs: t.deps.blobs })
    expect((await as('officer')(`/${stale}`)).status).toBe(404)
    expect(existsSync(partFile)).toBe(false)
    expect((await as('officer')(`/${kept}/content`)).status).toBe(200)
    expect(t.logger.lines.some((line) => line.event === 'abandoned_uploads_discarded')).toBe(true)
    // The phone still holding the file announces it again and starts over.
    const again = await announce(bytes, { id: stale })
    expect(again.status).toBe(201)
    expect((await again.json()).data.received).toBe(0)
  })
})

// Sent twice at once (two tabs, a phone retrying while its first request still runs), against the real file: an
// announcement and a completion each stored once with one entry; a file marked complete is always the one announced.
describe('an evidence file sent twice at once', () => {
  const entries = async (id: string, stage: string) =>
    (
      await db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.action, 'attachment.upload'), eq(auditLog.entityId, id), sql`json_extract(${auditLog.details}, '$.stage') = ${stage}`))
    ).length
  /** Announces the file and sends every part but the last: the last part's offset. */
  async function allButLast(id: string, bytes: Uint8Array<ArrayBuffer>): Promise<number> {
    expect((await announce(bytes, { id })).status).toBe(201)
    const last = Math.floor((bytes.byteLength - 1) / ATTACHMENT_CHUNK_BYTES) * ATTACHMENT_CHUNK_BYTES
    for (let offset = 0; offset < last; offset += ATTACHMENT_CHUNK_BYTES)
      expect((await part(id, offset, bytes.subarray(offset, offset + ATTACHMENT_CHUNK_BYTES))).status).toBe(200)
    return last
  }
  const rowOf = async (id: string) => (await db.select().from(attachments).where(eq(attachments.id, id)))[0]!
  const download = async (id: string) => new Uint8Array(await (await as('officer')(`/${id}/content`)).arrayBuffer())

  it('is announced once: one answers 201, the others the stored row as a retry would (200), with one entry', async () => {
    const bytes = png()
    const id = crypto.randomUUID()
    const answers = await Promise.all(Array.from({ length: 4 }, () => announce(bytes, { id })))
    expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 200, 201])
    for (const res of answers) expect((await res.json()).data).toMatchObject({ id, state: 'pending', received: 0 })
    expect(await entries(id, 'announced')).toBe(1)
  })

  it('is completed once by its last part: one entry, and the others answer the file complete or 409', async () => {
    const bytes = png(800, 800, true)
    const id = crypto.randomUUID()
    const last = await allButLast(id, bytes)
    const statuses = (await Promise.all(Array.from({ length: 3 }, () => part(id, last, bytes.subarray(last))))).map((r) => r.status)
    expect(statuses).toContain(200)
    expect(statuses.filter((s) => s !== 200 && s !== 409)).toEqual([])
    expect(await entries(id, 'complete')).toBe(1)
    expect(await rowOf(id)).toMatchObject({ state: 'complete', received: bytes.byteLength, contentType: 'image/png' })
    expect(await download(id)).toEqual(bytes)
  })

  it('with a damaged copy of its last part beside a sound one: complete only as the file announced, else started over', async () => {
    const bytes = png(800, 800, true)
    const id = crypto.randomUUID()
    const last = await allButLast(id, bytes)
    const damaged = bytes.slice(last)
    damaged[damaged.length - 1]! ^= 0xff
    const statuses = (await Promise.all([part(id, last, bytes.subarray(last)), part(id, last, damaged)])).map((r) => r.status)
    expect(statuses.filter((s) => s !== 200 && s !== 400 && s !== 409)).toEqual([])
    const row = await rowOf(id)
    if (row.state === 'complete') {
      expect(row.received).toBe(bytes.byteLength)
      expect(await entries(id, 'complete')).toBe(1)
      expect(await download(id)).toEqual(bytes)
    } else {
      expect(row).toMatchObject({ state: 'pending', received: 0 })
      expect(await entries(id, 'complete')).toBe(0)
    }
  })
})
