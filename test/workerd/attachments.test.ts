import { exports } from 'cloudflare:workers'
import { describe, expect, inject, it } from 'vitest'
import { ATTACHMENT_CHUNK_BYTES } from '../../kernel/domain/attachment-file.ts'
import { sha256Hex } from '../../worker/storage/blob-store.ts'

// Evidence files through the Worker (decision 0038): the R2 blob store on miniflare's R2 bucket (wrangler.toml
// [[r2_buckets]] EVIDENCE), parts put and deleted, the whole file put with its SHA-256 and read back.
const ORIGIN = 'https://binhan.example'
const call = (path: string, init: RequestInit = {}, who: 'commune' | 'central' = 'commune') =>
  exports.default.fetch(`${ORIGIN}/api/p/82/attachments${path}`, {
    ...init,
    headers: { ...(init.headers as Record<string, string>), cookie: inject('cookies')[who], origin: ORIGIN },
  })

/** A PDF of three parts: a real header, filler comments, the end marker. */
function pdfOfParts(): Uint8Array<ArrayBuffer> {
  const size = 2 * ATTACHMENT_CHUNK_BYTES + 1000
  const bytes = new Uint8Array(size).fill(0x25)
  bytes.set(new TextEncoder().encode('%PDF-1.4\n'))
  bytes.set(new TextEncoder().encode('\n%%EOF\n'), size - 7)
  return bytes
}

describe('evidence files in workerd', () => {
  it('stores a file sent in parts in R2 and serves it back, checked against its SHA-256', async () => {
    const bytes = pdfOfParts()
    const id = crypto.randomUUID()
    const announced = await call('', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id,
        ownerKind: 'commune',
        ownerId: inject('communes').own,
        fileName: 'biên bản.pdf',
        size: bytes.byteLength,
        sha256: await sha256Hex(bytes),
      }),
    })
    expect(announced.status).toBe(201)
    let last: Response | undefined
    for (let offset = 0; offset < bytes.byteLength; offset += ATTACHMENT_CHUNK_BYTES) {
      last = await call(`/${id}/content?offset=${offset}`, {
        method: 'PUT',
        headers: { 'content-type': 'application/octet-stream' },
        body: bytes.slice(offset, offset + ATTACHMENT_CHUNK_BYTES),
      })
      expect(last.status).toBe(200)
    }
    expect(((await last!.json()) as { data: { state: string; contentType: string } }).data).toMatchObject({ state: 'complete', contentType: 'application/pdf' })
    const got = await call(`/${id}/content`)
    expect(got.status).toBe(200)
    expect(got.headers.get('content-disposition')).toContain("filename*=UTF-8''bi%C3%AAn%20b%E1%BA%A3n.pdf")
    expect(await sha256Hex(new Uint8Array(await got.arrayBuffer()))).toBe(await sha256Hex(bytes))
    expect((await call(`/${id}/content`, {}, 'central')).status).toBe(403)
  })

  it('refuses a file that is not a PDF, JPEG or PNG by its first bytes', async () => {
    const bytes = new TextEncoder().encode('MZ\x90\x00 not a document')
    const id = crypto.randomUUID()
    await call('', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({
        id,
        ownerKind: 'commune',
        ownerId: inject('communes').own,
        fileName: 'anh.jpg',
        size: bytes.byteLength,
        sha256: await sha256Hex(bytes),
      }),
    })
    const res = await call(`/${id}/content?offset=0`, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: bytes })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: { details: { issues: { field: string }[] } } }).error.details.issues[0]!.field).toBe('file')
  })
})
