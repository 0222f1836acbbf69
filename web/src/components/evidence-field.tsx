import { useCallback, useEffect, useState } from 'preact/hooks'
import type { AttachmentView } from '../../../kernel/contract/attachments.ts'
import { endpoint, getJson } from '../api.ts'
import { flushEvidence, progress, queuedFor, queueEvidence, RefusedFile, removeQueued, retryQueued, subscribe } from '../evidence/evidence-queue.ts'
import { evidenceLabel, reasonKey, type EvidenceLabel } from '../evidence/labels.ts'
import { formatNumber, useI18n } from '../i18n/i18n.tsx'
import { useOnline } from '../lib/use-online.ts'
import type { QueuedEvidence } from '../offline/types.ts'

/**
 * Evidence files of one record (decision 0038), for any screen to embed through evidence-field-lazy.tsx: the
 * files the server has (download links), the ones waiting on the phone (waiting, progress, failed + retry), and a
 * picker that checks, shrinks and queues a photo or PDF, offline too.
 */
export interface EvidenceFieldProps {
  province: string
  /** The owner kind contract (worker/attachments/owner-kinds.ts): 'assessment', 'commune'… */
  ownerKind: string
  ownerId: string
  /** The criterion the files prove, when the owner has criteria. */
  criterionCode?: string | undefined
  /** Whether the caller may attach (kernel policy 'evidence:attach'); readers get the list only. */
  canAttach: boolean
  label?: string | undefined
}

const kb = (bytes: number) => `${formatNumber(Math.max(1, Math.round(bytes / 1000)))} KB`

export function EvidenceField(props: EvidenceFieldProps) {
  const { locale } = useI18n()
  const l = (key: EvidenceLabel, params?: Record<string, string | number>) => evidenceLabel(locale, key, params)
  const online = useOnline()
  const owner = { province: props.province, ownerKind: props.ownerKind, ownerId: props.ownerId, criterionCode: props.criterionCode }
  const [files, setFiles] = useState<AttachmentView[] | 'error' | null>(null)
  const [queued, setQueued] = useState<QueuedEvidence[]>([])
  const [, redraw] = useState(0)
  const [preparing, setPreparing] = useState(false)
  const [refused, setRefused] = useState<string | null>(null)

  const reload = useCallback(async () => {
    // Readers never queue: their browser's offline database is left alone.
    if (props.canAttach) setQueued(await queuedFor(owner))
    if (!navigator.onLine) return
    const query = { ownerKind: props.ownerKind, ownerId: props.ownerId }
    try {
      const answer = await getJson(endpoint('GET /api/p/:province/attachments', { province: props.province }, query))
      setFiles(answer.data.filter((f) => !props.criterionCode || f.criterionCode === props.criterionCode))
    } catch {
      setFiles('error')
    }
  }, [props.province, props.ownerKind, props.ownerId, props.criterionCode, props.canAttach])

  useEffect(() => {
    void reload()
    // A file queued, sent or refused changes the lists; bytes sent only move a progress bar.
    return subscribe((change) => (change === 'queue' ? void reload() : redraw((n) => n + 1)))
  }, [reload])
  useEffect(() => {
    if (online && props.canAttach) void flushEvidence().then(reload)
  }, [online, reload, props.canAttach])

  const pick = async (event: Event) => {
    const input = event.currentTarget as HTMLInputElement
    const file = input.files?.[0]
    input.value = ''
    if (!file) return
    setRefused(null)
    setPreparing(true)
    try {
      await queueEvidence(owner, file)
      void flushEvidence()
    } catch (err) {
      setRefused(err instanceof RefusedFile ? err.reason : 'other')
    } finally {
      setPreparing(false)
    }
  }

  const uploaded = Array.isArray(files) ? files.filter((f) => !queued.some((q) => q.id === f.id)) : []
  return (
    <fieldset class="evidence">
      <legend>{props.label ?? l('title')}</legend>
      {!online && files === null && <p class="muted">{l('offlineList')}</p>}
      {files === 'error' && <p role="alert">{l('loadFailed')}</p>}
      <ul class="evidence-files" aria-live="polite">
        {uploaded.map((f) => (
          <li key={f.id}>
            {f.state === 'complete' ? (
              <a href={endpoint('GET /api/p/:province/attachments/:id/content', { province: props.province, id: f.id }).url} download={f.fileName}>
                {f.fileName}
              </a>
            ) : (
              <span>{f.fileName}</span>
            )}{' '}
            <span class="muted">
              {kb(f.size)}
              {f.state !== 'complete' && ` · ${l('incomplete')}`}
            </span>
          </li>
        ))}
        {queued.map((q) => (
          <QueuedLine key={q.id} item={q} sent={progress.get(q.id)} online={online} l={l} />
        ))}
      </ul>
      {Array.isArray(files) && uploaded.length === 0 && queued.length === 0 && <p class="muted">{l('empty')}</p>}
      {props.canAttach && (
        <div class="field">
          <label for={`evidence-${props.ownerId}-${props.criterionCode ?? ''}`}>{l('pick')}</label>
          <input
            id={`evidence-${props.ownerId}-${props.criterionCode ?? ''}`}
            type="file"
            accept="image/jpeg,image/png,application/pdf"
            disabled={preparing}
            onChange={(e) => void pick(e)}
          />
          {preparing && <p class="muted">{l('preparing')}</p>}
          {refused && <p role="alert">{l('failed', { reason: l(reasonKey(refused)) })}</p>}
        </div>
      )}
    </fieldset>
  )
}

interface QueuedLineProps {
  item: QueuedEvidence
  sent: number | undefined
  online: boolean
  l: (key: EvidenceLabel, params?: Record<string, string | number>) => string
}

function QueuedLine({ item, sent, online, l }: QueuedLineProps) {
  const percent = Math.floor(((sent ?? item.received) / item.size) * 100)
  return (
    <li data-state={item.state}>
      <span>{item.fileName}</span> <span class="muted">{kb(item.size)}</span>{' '}
      {item.state === 'failed' ? (
        <>
          <span role="alert">{l('failed', { reason: l(reasonKey(item.error)) })}</span>{' '}
          <button type="button" onClick={() => void retryQueued(item.id).then(() => flushEvidence())}>
            {l('retry')}
          </button>{' '}
          <button type="button" onClick={() => void removeQueued(item.id)}>
            {l('remove')}
          </button>
        </>
      ) : sent !== undefined ? (
        <>
          <progress max={item.size} value={sent} /> <span>{l('uploading', { percent })}</span>
        </>
      ) : (
        <span class="muted">{l(online ? 'queued' : 'waiting')}</span>
      )}
    </li>
  )
}

export default EvidenceField
