// Sends one queued evidence file (decision 0038): announce it (idempotent: the server answers how many bytes
// it already has), then PUT the missing parts at their offsets. A cut connection loses at most the part in
// flight; the next try starts from what the server confirmed, never from zero.
import type { AttachmentView } from '../../../kernel/contract/attachments.ts'
import { ATTACHMENT_CHUNK_BYTES } from '../../../kernel/domain/attachment-file.ts'
import { ApiError, endpoint, sendJson } from '../api.ts'
import type { QueuedEvidence } from '../offline/types.ts'

export type Progress = (sent: number, size: number) => void

/** One part through XMLHttpRequest: fetch reports no upload progress. */
function putPart(url: string, body: Blob, onSent: (loaded: number) => void): Promise<AttachmentView> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest()
    xhr.open('PUT', url)
    xhr.setRequestHeader('Content-Type', 'application/octet-stream')
    xhr.setRequestHeader('Accept', 'application/json')
    xhr.upload.onprogress = (event) => onSent(event.loaded)
    xhr.onerror = () => reject(new ApiError('network', 0, 'network'))
    xhr.ontimeout = xhr.onerror
    xhr.onload = () => {
      let parsed: { data?: AttachmentView; error?: { code?: string; message?: string; details?: unknown } } = {}
      try {
        parsed = JSON.parse(xhr.responseText)
      } catch {
        // An answer without the API's shape: reported as http_error below.
      }
      if (xhr.status >= 200 && xhr.status < 300 && parsed.data) resolve(parsed.data)
      else
        reject(
          new ApiError(
            parsed.error?.code === undefined ? 'http_error' : (parsed.error.code as ApiError['code']),
            xhr.status,
            parsed.error?.message ?? '',
            parsed.error?.details,
          ),
        )
    }
    xhr.send(body)
  })
}

const receivedOf = (err: unknown): number | undefined => {
  const details = err instanceof ApiError && err.status === 409 ? err.details : undefined
  return typeof details === 'object' && details !== null && 'received' in details && typeof details.received === 'number' ? details.received : undefined
}

/** Uploads the file; `saveReceived` keeps each confirmed offset on the phone. Throws ApiError on failure. */
export async function uploadEvidence(item: QueuedEvidence, onProgress: Progress, saveReceived: (received: number) => Promise<void>): Promise<AttachmentView> {
  const { province, id } = item
  const announced = await sendJson(endpoint('POST /api/p/:province/attachments', { province }), {
    id,
    ownerKind: item.ownerKind,
    ownerId: item.ownerId,
    criterionCode: item.criterionCode,
    fileName: item.fileName,
    size: item.size,
    sha256: item.sha256,
  })
  let view = announced.data
  let offset = view.received
  const url = endpoint('PUT /api/p/:province/attachments/:id/content', { province, id }).url
  while (view.state !== 'complete') {
    onProgress(offset, item.size)
    const part = item.blob.slice(offset, offset + ATTACHMENT_CHUNK_BYTES)
    try {
      view = await putPart(`${url}?offset=${offset}`, part, (loaded) => onProgress(offset + loaded, item.size))
    } catch (err) {
      // Another tab sent a part meanwhile: go on from what the server has.
      const received = receivedOf(err)
      if (received === undefined) throw err
      view = { ...view, received }
    }
    offset = view.received
    await saveReceived(offset)
  }
  onProgress(item.size, item.size)
  return view
}
