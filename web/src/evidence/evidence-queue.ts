// Evidence files waiting on the phone (decision 0038), in the offline database's `evidence` store: picked,
// checked and shrunk at once, uploaded when there is a connection, in the order they were picked.
import { MAX_ATTACHMENT_BYTES, SNIFF_BYTES, sniffContentType } from '../../../kernel/domain/attachment-file.ts'
import { ApiError } from '../api.ts'
import { openOfflineDb, type OfflineDb } from '../offline/store.ts'
import type { QueuedEvidence } from '../offline/types.ts'
import { shrinkPhoto } from './shrink-photo.ts'
import { uploadEvidence } from './upload.ts'

export interface Owner {
  province: string
  ownerKind: string
  ownerId: string
  criterionCode?: string | null | undefined
}

/** Why a picked file is refused on the phone, before it is queued. */
export class RefusedFile extends Error {
  readonly reason: 'type' | 'too_large'
  constructor(reason: 'type' | 'too_large') {
    super(reason)
    this.reason = reason
  }
}

let dbPromise: Promise<OfflineDb> | undefined
const db = () => (dbPromise ??= openOfflineDb())

/** Bytes sent of each file uploading now; listeners redraw on every change of the queue or of a progress. */
export const progress = new Map<string, number>()
/** 'queue': a file was added, sent or refused (lists change); 'progress': only bytes sent moved. */
export type Change = 'queue' | 'progress'
const listeners = new Set<(change: Change) => void>()
const changed = (change: Change = 'queue') => {
  for (const listener of listeners) listener(change)
}
export function subscribe(listener: (change: Change) => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

async function sha256Hex(blob: Blob): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()))
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('')
}

/** Checks the file by its first bytes (as the server will), shrinks a photo, and queues it. */
export async function queueEvidence(owner: Owner, file: File): Promise<QueuedEvidence> {
  const type = sniffContentType(new Uint8Array(await file.slice(0, SNIFF_BYTES).arrayBuffer()))
  if (!type) throw new RefusedFile('type')
  const blob = type === 'application/pdf' ? file : (await shrinkPhoto(file)).blob
  if (blob.size > MAX_ATTACHMENT_BYTES) throw new RefusedFile('too_large')
  const fileName = type === 'application/pdf' || blob === file ? file.name : file.name.replace(/\.[^.]*$/, '') + '.jpg'
  const item: QueuedEvidence = {
    id: crypto.randomUUID(),
    province: owner.province,
    ownerKind: owner.ownerKind,
    ownerId: owner.ownerId,
    criterionCode: owner.criterionCode ?? null,
    fileName,
    blob,
    size: blob.size,
    sha256: await sha256Hex(blob),
    received: 0,
    state: 'waiting',
    error: null,
    queuedAt: new Date().toISOString(),
  }
  await (await db()).put('evidence', item)
  changed()
  return item
}

export async function queuedFor(owner: Owner): Promise<QueuedEvidence[]> {
  const all = await (await db()).getAll('evidence')
  return all
    .filter((e) => e.ownerKind === owner.ownerKind && e.ownerId === owner.ownerId && e.province === owner.province)
    .sort((a, b) => a.queuedAt.localeCompare(b.queuedAt))
}

export async function removeQueued(id: string): Promise<void> {
  await (await db()).delete('evidence', id)
  progress.delete(id)
  changed()
}

/** Lets a refused file try again (after the officer fixed what was wrong, or to see the answer again). */
export async function retryQueued(id: string): Promise<void> {
  const store = await db()
  const item = await store.get('evidence', id)
  if (item) await store.put('evidence', { ...item, state: 'waiting', error: null })
  changed()
}

/** The server refused the file itself: no retry helps. Anything else (offline, 5xx, owner not synced yet) waits. */
const isRefusal = (err: unknown) => err instanceof ApiError && (err.status === 400 || err.status === 413 || err.status === 403)

let flushing: Promise<void> | undefined
let again = false

/**
 * Uploads every waiting file, one at a time; a file that cannot go yet stays for the next time (its owner not on
 * the server yet: a dossier started offline, until the outbox has sent it). Asked again while running: once more
 * after, so a file the running pass had already found not ready is tried again.
 */
export function flushEvidence(): Promise<void> {
  if (flushing) {
    again = true
    return flushing
  }
  flushing = (async () => {
    try {
      const store = await db()
      for (const item of (await store.getAll('evidence')).sort((a, b) => a.queuedAt.localeCompare(b.queuedAt))) {
        if (item.state !== 'waiting' || !navigator.onLine) continue
        try {
          await uploadEvidence(
            item,
            (sent) => {
              progress.set(item.id, sent)
              changed('progress')
            },
            async (received) => {
              const current = await store.get('evidence', item.id)
              if (current) await store.put('evidence', { ...current, received })
            },
          )
          await store.delete('evidence', item.id)
        } catch (err) {
          if (isRefusal(err)) {
            const issue = err instanceof ApiError ? (err.fieldIssues()[0]?.code ?? err.code) : 'http_error'
            const current = (await store.get('evidence', item.id)) ?? item
            await store.put('evidence', { ...current, state: 'failed', error: issue })
          }
        } finally {
          progress.delete(item.id)
          changed()
        }
      }
    } finally {
      flushing = undefined
      if (again) {
        again = false
        void flushEvidence()
      }
    }
  })()
  return flushing
}

// Back online: what waited goes out without the officer asking.
if (typeof window !== 'undefined') window.addEventListener('online', () => void flushEvidence())
