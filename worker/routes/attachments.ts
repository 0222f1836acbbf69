import { Hono, type Context } from 'hono'
import { ATTACHMENT_CHUNK_BYTES } from '../../kernel/domain/attachment-file.ts'
import { auditContextOf } from '../audit-context.ts'
import type { AppEnv } from '../env.ts'
import { AppError } from '../errors.ts'
import { actorOf, guard } from '../middleware/auth.ts'
import { auditRead } from '../reads.ts'
import { listAttachments } from '../repo/attachments.ts'
import { AttachmentParams, ContentQuery, CreateAttachmentBody, OwnerQuery } from '../schemas/attachments.ts'
import { validate } from '../schemas/validate.ts'
import {
  announceAttachment,
  attachmentInScope,
  ownerInScope,
  presentAttachment,
  readContent,
  receivePart,
  type AttachmentScope,
} from '../services/attachments.ts'

// Evidence files under /api/p/:province/attachments (decision 0038): announce, send the parts, list, download.

function scopeOf(c: Context<AppEnv>): AttachmentScope {
  const store = c.var.deps.blobs
  if (!store) throw new AppError('not_available', 503, 'File storage is not configured on this server')
  return { db: c.var.tenant.db, store, province: c.var.tenant.code, actor: actorOf(c), audit: auditContextOf(c) }
}

/** RFC 6266 / 5987: the name as given, for every browser, without letting it break the header. */
function disposition(fileName: string): string {
  const ascii =
    fileName
      .normalize('NFD')
      .replace(/[^\x20-\x7e]/g, '')
      .replace(/["\\]/g, '_') || 'tep-dinh-kem'
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(fileName)}`
}

export const attachmentRoutes = new Hono<AppEnv>()
  .post('/', guard('evidence:attach'), validate('json', CreateAttachmentBody), async (c) => {
    const { row, created } = await announceAttachment(scopeOf(c), c.req.valid('json'))
    return c.json({ data: presentAttachment(row) }, created ? 201 : 200)
  })
  .get('/', guard('evidence:read'), validate('query', OwnerQuery), async (c) => {
    const { ownerKind, ownerId } = c.req.valid('query')
    await ownerInScope(scopeOf(c), ownerKind, ownerId, 'evidence:read')
    const rows = await listAttachments(c.var.tenant.db, ownerKind, ownerId)
    return c.json({ data: rows.map(presentAttachment) })
  })
  .get('/:id', guard('evidence:read'), validate('param', AttachmentParams), async (c) => {
    const row = await attachmentInScope(scopeOf(c), c.req.valid('param').id, 'evidence:read')
    return c.json({ data: presentAttachment(row) })
  })
  .put('/:id/content', guard('evidence:attach'), validate('param', AttachmentParams), validate('query', ContentQuery), async (c) => {
    if (!/^application\/octet-stream(\s*;|$)/i.test(c.req.header('content-type') ?? ''))
      throw new AppError('unsupported_media_type', 415, 'Send the file part as application/octet-stream')
    const bytes = new Uint8Array(await c.req.arrayBuffer())
    if (bytes.byteLength > ATTACHMENT_CHUNK_BYTES) throw new AppError('payload_too_large', 413, `A part is at most ${ATTACHMENT_CHUNK_BYTES} bytes`)
    const row = await receivePart(scopeOf(c), c.req.valid('param').id, c.req.valid('query').offset, bytes)
    return c.json({ data: presentAttachment(row) })
  })
  .get('/:id/content', guard('evidence:read'), validate('param', AttachmentParams), async (c) => {
    const scope = scopeOf(c)
    const row = await attachmentInScope(scope, c.req.valid('param').id, 'evidence:read')
    const bytes = await readContent(scope, row)
    await auditRead(c, 'attachment.download', { type: 'attachment', id: row.id }, { ownerKind: row.ownerKind, ownerId: row.ownerId, size: row.size })
    return c.body(bytes, 200, {
      'Content-Type': row.contentType ?? 'application/octet-stream',
      'Content-Length': String(bytes.byteLength),
      'Content-Disposition': disposition(row.fileName),
    })
  })
