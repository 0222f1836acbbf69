// Evidence files (decision 0038): announced with their size and SHA-256, sent in parts of
// ATTACHMENT_CHUNK_BYTES at an offset, checked by content and checksum once complete. A cut upload resumes at
// `received`; nothing is readable before the whole file is there and has passed every check.
import type { AuditDetails, AuditInput } from '../../db/audit/append-audit.ts'
import type { TenantDb } from '../../db/types.ts'
import { ATTACHMENT_CHUNK_BYTES, cleanFileName, MAX_ATTACHMENT_BYTES, sniffContentType } from '../../kernel/domain/attachment-file.ts'
import type { Actor } from '../../kernel/policy.ts'
import type { AuditContext } from '../audit-context.ts'
import { loadThenWrite, persisted, tenantWrites } from '../commands/persist.ts'
import { ownerKinds, type AttachmentOwner, type OwnerKind } from '../attachments/owner-kinds.ts'
import { AppError, fieldError } from '../errors.ts'
import { authorize } from '../policy.ts'
import { advanceReceived, completeAttachment, findAttachment, insertAttachment, resetReceived, type AttachmentRow } from '../repo/attachments.ts'
import type { CreateAttachmentInput } from '../schemas/attachments.ts'
import { sha256Hex, type BlobStore } from '../storage/blob-store.ts'

export interface AttachmentScope {
  db: TenantDb
  store: BlobStore
  province: string
  actor: Actor
  audit: AuditContext
}

const MB = MAX_ATTACHMENT_BYTES / (1024 * 1024)

/** One action for the upload's two steps (`stage`: announced, complete): one label fewer in the first load. */
const uploadEntry = (s: AttachmentScope, row: AttachmentRow, stage: 'announced' | 'complete', more: AuditDetails = {}): AuditInput => ({
  ...s.audit,
  action: 'attachment.upload',
  entityType: 'attachment',
  entityId: row.id,
  outcome: 'success',
  details: { stage, ownerKind: row.ownerKind, ownerId: row.ownerId, size: row.size, ...more },
})

/** The owner in the caller's scope for `action`, or the error: 404 when missing or outside the scope. */
export async function ownerInScope(
  s: AttachmentScope,
  kind: OwnerKind,
  ownerId: string,
  action: 'evidence:attach' | 'evidence:read',
): Promise<AttachmentOwner> {
  const owner = await ownerKinds[kind](s.db, ownerId)
  if (!owner) throw new AppError('not_found', 404, 'Not found')
  authorize(s.actor, action, { province: s.province, commune: owner.communeCode })
  return owner
}

/** An attachment the caller may see for `action` (404 outside the scope, as its owner would be). */
export async function attachmentInScope(s: AttachmentScope, id: string, action: 'evidence:attach' | 'evidence:read'): Promise<AttachmentRow> {
  const row = await findAttachment(s.db, id)
  if (!row) throw new AppError('not_found', 404, 'Not found')
  authorize(s.actor, action, { province: s.province, commune: row.communeCode })
  return row
}

const tooLarge = () =>
  new AppError('payload_too_large', 413, `Invalid file: is larger than ${MB} MB`, {
    maxBytes: MAX_ATTACHMENT_BYTES,
    issues: [{ field: 'file', code: 'too_large', message: `is larger than ${MB} MB` }],
  })
const notAccepted = () => fieldError('file', 'is not a PDF, JPEG or PNG file (its content is checked, not its name)', { code: 'type_not_accepted' })

/**
 * Announces a file. The same id with the same file again (the phone retrying after a lost answer) answers the
 * row as it is, with how much was received: the upload goes on from there. The owner and the id are read at
 * once and the row goes with its entry as one batch (decision 0049's addendum of 2026-12-07); two announcements
 * of one id at once store it once, and the other answers it as a retry would.
 */
export async function announceAttachment(s: AttachmentScope, input: CreateAttachmentInput): Promise<{ row: AttachmentRow; created: boolean }> {
  return persisted(tenantWrites(s.db), async (tx: TenantDb, audit) => {
    const [owner, existing] = await Promise.all([
      ownerInScope({ ...s, db: tx }, input.ownerKind, input.ownerId, 'evidence:attach'),
      findAttachment(tx, input.id),
    ])
    if (input.size > MAX_ATTACHMENT_BYTES) throw tooLarge()
    const criterionCode = input.criterionCode ?? null
    if (criterionCode && owner.criteria && !owner.criteria.includes(criterionCode)) throw fieldError('json.criterionCode', 'is not a criterion of this record')
    if (existing) {
      const same =
        existing.ownerKind === input.ownerKind && existing.ownerId === input.ownerId && existing.sha256 === input.sha256 && existing.size === input.size
      if (!same) throw new AppError('conflict', 409, 'Another file already has this id')
      return { row: existing, created: false }
    }
    if (!owner.acceptsFiles) throw new AppError('conflict', 409, 'This record takes no more files')
    const row: AttachmentRow = {
      id: input.id,
      ownerKind: input.ownerKind,
      ownerId: input.ownerId,
      communeCode: owner.communeCode,
      criterionCode,
      fileName: cleanFileName(input.fileName),
      contentType: null,
      size: input.size,
      sha256: input.sha256,
      received: 0,
      state: 'pending',
      storageKey: `${s.province}/${input.id}`,
      uploadedBy: s.actor.userId,
      uploadedAt: s.audit.at,
      completedAt: null,
    }
    // The entry before the row: when another announcement of this id got in first, the batch then fails on the
    // entry's guard (read again, answered as a retry) rather than on the row's key (a 500).
    await audit(uploadEntry(s, row, 'announced'))
    await insertAttachment(tx, row)
    return { row, created: true }
  })
}

const partKey = (row: AttachmentRow, index: number) => `${row.storageKey}.part${index}`
const partCount = (size: number) => Math.ceil(size / ATTACHMENT_CHUNK_BYTES)

const movedMeanwhile = (row: AttachmentRow) =>
  new AppError('conflict', 409, 'Another request sent this part meanwhile; ask for the attachment and go on', { received: row.received })

/** What the last part leaves to the batch: the row as first read and the file's type. */
interface Completing {
  row: AttachmentRow
  contentType: string | null
}

/** A part's answer; `completed` when it completed the file, whose parts are then discarded. */
interface Received {
  answer: AttachmentRow
  completed?: true
}

/**
 * Stores one part at `offset`. Parts are whole ATTACHMENT_CHUNK_BYTES except the last, so part n starts at
 * n × chunk and the server keeps no list of them. The part that completes the file assembles and checks it.
 *
 * The row is read beside the audit tail; the blobs are written once, between that read and the database's write
 * (`prepare`: the whole file is stored only once it matches its checksum, so a completed row always points at a
 * checked file). A part that completes nothing is counted by its own conditional update, with no entry to guard;
 * the last part's completion and its entry are one batch, guarded by the tail: another request completing the
 * file meanwhile moved the trail, and the row is read again to answer 409 as the conditional update did.
 */
export async function receivePart(s: AttachmentScope, id: string, offset: number, bytes: Uint8Array<ArrayBuffer>): Promise<AttachmentRow> {
  const end = offset + bytes.byteLength
  const done = await loadThenWrite<TenantDb, AttachmentRow, Received | Completing, Received>(tenantWrites(s.db), {
    load: (db) => attachmentInScope({ ...s, db }, id, 'evidence:attach'),
    async prepare(row): Promise<Received | Completing> {
      // The last part's answer was lost: its retry finds the file complete.
      if (row.state === 'complete') return { answer: row }
      if (offset !== row.received)
        throw new AppError('conflict', 409, `Send the file from byte ${row.received}`, {
          received: row.received,
          issues: [{ field: 'query.offset', message: `must be ${row.received}` }],
        })
      const expected = Math.min(ATTACHMENT_CHUNK_BYTES, row.size - offset)
      if (bytes.byteLength !== expected)
        throw fieldError('file', `this part must be ${expected} bytes (the file was announced as ${row.size} bytes)`, { code: 'wrong_part_size' })
      let contentType = row.contentType
      if (offset === 0) {
        contentType = sniffContentType(bytes) ?? null
        if (!contentType) throw notAccepted()
      }
      await s.store.put(partKey(row, offset / ATTACHMENT_CHUNK_BYTES), bytes)
      if (end < row.size) {
        const moved = await advanceReceived(s.db, row.id, offset, end, offset === 0 ? contentType : null)
        if (!moved) throw movedMeanwhile(row)
        return { answer: { ...row, received: end, contentType } }
      }
      await assemble(s, row, offset)
      return { row, contentType }
    },
    answered: (prepared) => ('answer' in prepared ? prepared : undefined),
    async write(tx, latest, prepared, audit): Promise<Received> {
      if (!('row' in prepared)) throw new Error('a part answered before its write')
      const { row, contentType } = prepared
      if (latest.state !== 'pending' || latest.received !== offset) throw movedMeanwhile(row)
      const completedAt = s.audit.at
      await completeAttachment(tx, row.id, row.size, offset === 0 ? contentType : null, completedAt)
      await audit(uploadEntry(s, row, 'complete', { contentType }))
      return { answer: { ...row, received: end, contentType, state: 'complete', completedAt }, completed: true }
    },
  })
  if (done.completed) await discardParts(s, done.answer)
  return done.answer
}

const discardParts = (s: AttachmentScope, row: AttachmentRow) =>
  Promise.all(Array.from({ length: partCount(row.size) }, (_, i) => s.store.delete(partKey(row, i))))

/**
 * Puts the parts together and stores the whole file once it matches its SHA-256. A mismatch starts the upload
 * over, by the request that sent the last part (the conditional reset): which part was damaged cannot be told.
 */
async function assemble(s: AttachmentScope, row: AttachmentRow, lastOffset: number): Promise<void> {
  const whole = new Uint8Array(row.size)
  const parts = partCount(row.size)
  for (let i = 0; i < parts; i++) {
    const part = await s.store.get(partKey(row, i))
    if (!part) {
      // Another request sending this last part completed the file, or started it over, and discarded the parts.
      const now = await findAttachment(s.db, row.id)
      if (now?.state !== 'pending' || now.received !== lastOffset) throw movedMeanwhile(row)
      throw new Error('An attachment part is missing from the blob store')
    }
    whole.set(part.bytes, i * ATTACHMENT_CHUNK_BYTES)
  }
  if ((await sha256Hex(whole)) !== row.sha256) {
    if (!(await resetReceived(s.db, row.id, lastOffset))) throw movedMeanwhile(row)
    await discardParts(s, row)
    throw fieldError('file', 'does not match its SHA-256: the file changed or was damaged on the way; send it again', { code: 'checksum_mismatch' })
  }
  await s.store.put(row.storageKey, whole)
}

/** The complete file's bytes, checked against the checksum stored at upload: a changed file is never served. */
export async function readContent(s: AttachmentScope, row: AttachmentRow): Promise<Uint8Array<ArrayBuffer>> {
  if (row.state !== 'complete') throw new AppError('conflict', 409, 'This file has not been uploaded completely yet', { received: row.received })
  const blob = await s.store.get(row.storageKey)
  if (!blob || blob.sha256 !== row.sha256) throw new Error('A stored attachment is missing or does not match its checksum')
  return blob.bytes
}

/** What the API shows of an attachment: never its storage key. */
export function presentAttachment(row: AttachmentRow) {
  const { storageKey: _key, uploadedAt, completedAt, ...rest } = row
  return { ...rest, uploadedAt: uploadedAt.toISOString(), completedAt: completedAt?.toISOString() ?? null }
}
