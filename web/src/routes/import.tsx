import { useId, useState } from 'preact/hooks'
import { ApiError, getJson, sendForm, sendFormForBlob } from '../api.ts'
import { getSyncStatus, loadOffline } from '../offline/status.ts'
import { useMe } from '../auth.tsx'
import { Empty, ErrorState, Loading } from '../components/states.tsx'
import { formatDateTime, formatNumber, useI18n, type MessageKey } from '../i18n/i18n.tsx'
import { serverMessage } from '../lib/form-errors.ts'
import { useResource } from '../lib/use-resource.ts'

type Reason = 'missing_value' | 'invalid_value' | 'unknown_address' | 'ambiguous_address' | 'other_province' | 'out_of_scope' | 'duplicate_in_file' | 'already_registered'
interface Problem {
  column: string | null
  reason: Reason
  message: string
  candidates?: { code: string; name: string }[]
}
interface ImportRecord {
  id: string
  fileName: string | null
  createdAt: string
  rowsTotal: number
  imported: number
  rejected: number
}
interface Preview {
  dryRun: boolean
  alreadyImported?: boolean
  import?: ImportRecord
  format: 'csv' | 'xlsx'
  ignoredColumns: string[]
  counts: { rows: number; accepted: number; rejected: number; byReason: Partial<Record<Reason, number>>; mappedFromOldAddress: number }
  problems: { rowNumber: number; problems: Problem[] }[]
  problemsTruncated: boolean
  accepted: { rowNumber: number; fullName: string; communeName: string | null; communeVia: string }[]
  previousImports: ImportRecord[]
}

const MAX_BYTES = 10 * 1024 * 1024

/**
 * Legacy-list import: choose a CSV/XLSX file → preview (a dry run: counts, every problem row with its column
 * and reason, a sample of what would be imported) → choose communes for split old addresses → import.
 * The file stays in the page: the preview and the import send the same bytes; the server keeps nothing
 * between the two.
 */
export default function ImportPage() {
  const me = useMe()
  const { t, locale } = useI18n()
  const fileId = useId()
  const base = `/api/p/${me.province?.code ?? ''}/imports`
  const [file, setFile] = useState<File | null>(null)
  const [fileError, setFileError] = useState<string | null>(null)
  const [busy, setBusy] = useState<'preview' | 'commit' | 'download' | null>(null)
  const [preview, setPreview] = useState<Preview | null>(null)
  const [result, setResult] = useState<Preview | null>(null)
  const [failure, setFailure] = useState<unknown>(null)
  const [choices, setChoices] = useState<Record<number, string>>({})
  const [history, reloadHistory] = useResource<{ data: ImportRecord[] }>(base)

  const form = () => {
    const data = new FormData()
    data.append('file', file!)
    const chosen = Object.fromEntries(Object.entries(choices).filter(([, code]) => code))
    if (Object.keys(chosen).length > 0) data.append('resolutions', JSON.stringify(chosen))
    return data
  }
  const fail = (err: unknown) => {
    const issue = err instanceof ApiError ? err.fieldIssues().find((i) => i.field === 'file' || i.field === 'form.file') : undefined
    if (issue) {
      // The server names the columns or the cell concerned; the sentence around them is translated here.
      const raw = (err as ApiError).details as { issues?: { columns?: string[]; cell?: string }[] } | undefined
      const extra = raw?.issues?.[0]?.columns?.join(', ') ?? raw?.issues?.[0]?.cell
      const text = issue.code && FILE_ERROR_CODES.includes(issue.code) ? t(`import.fileError.${issue.code}` as MessageKey) : issue.message
      setFileError(extra ? `${text} ${extra}` : text)
    }
    else if (err instanceof ApiError && err.status === 413) setFileError(t('import.tooLarge'))
    else if (err instanceof ApiError && err.code === 'import_in_progress') setFileError(t('import.inProgress'))
    else setFailure(err)
  }
  const run = async (kind: 'preview' | 'commit') => {
    if (!file) return setFileError(t('import.chooseFile'))
    setBusy(kind)
    setFailure(null)
    setFileError(null)
    try {
      const body = await sendForm<{ data: Preview }>(kind === 'preview' ? `${base}?dryRun=true` : base, form())
      if (kind === 'preview') setPreview(body.data)
      else {
        setResult(body.data)
        setPreview(null)
        reloadHistory()
        // A commune officer's lists read the offline store: bring the imported people onto the phone.
        if (getSyncStatus().active) void loadOffline().then((offline) => offline.syncNow())
      }
    } catch (err) {
      fail(err)
    } finally {
      setBusy(null)
    }
  }
  const downloadRejected = async () => {
    if (!file) return
    setBusy('download')
    try {
      const blob = await sendFormForBlob(`${base}/rejected`, form())
      const url = URL.createObjectURL(blob)
      const a = document.createElement('a')
      a.href = url
      a.download = 'dong-bi-tu-choi.xlsx'
      a.click()
      setTimeout(() => URL.revokeObjectURL(url), 10_000)
    } catch (err) {
      fail(err)
    } finally {
      setBusy(null)
    }
  }
  const choose = (event: Event) => {
    const input = event.currentTarget as HTMLInputElement
    const chosen = input.files?.[0] ?? null
    setPreview(null)
    setResult(null)
    setChoices({})
    setFailure(null)
    setFileError(chosen && chosen.size > MAX_BYTES ? t('import.tooLarge') : null)
    setFile(chosen && chosen.size <= MAX_BYTES ? chosen : null)
  }
  const pendingChoices = preview ? preview.problems.filter((p) => p.problems.some((x) => x.reason === 'ambiguous_address') && choices[p.rowNumber]).length : 0

  return (
    <section>
      <div class="page-head">
        <h1>{t('import.title')}</h1>
        <a class="button" href={`${base}/template.xlsx`} download>
          {t('import.template')}
        </a>
      </div>
      <p class="muted">{t(me.role === 'commune_officer' ? 'import.introCommune' : 'import.introProvince')}</p>

      <div class={`field${fileError ? ' field--error' : ''}`}>
        <label for={fileId}>{t('import.file')}</label>
        <input
          id={fileId}
          type="file"
          accept=".csv,.txt,.xlsx,text/csv,text/plain,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
          aria-invalid={fileError ? 'true' : undefined}
          aria-describedby={`${fileId}-hint${fileError ? ` ${fileId}-error` : ''}`}
          onChange={choose}
        />
        <p class="field__hint" id={`${fileId}-hint`}>
          {t('import.fileHint')}
        </p>
        {fileError && (
          <p class="field__error" id={`${fileId}-error`}>
            {fileError}
          </p>
        )}
      </div>
      <div class="actions">
        <button type="button" class="primary" disabled={!file || busy !== null} onClick={() => void run('preview')}>
          {busy === 'preview' ? t('import.previewing') : t('import.preview')}
        </button>
      </div>
      {busy === 'commit' && <Loading />}
      {failure !== null && <ErrorState error={failure} />}

      {result && (
        <div class="card" role="status">
          <h2>{result.alreadyImported ? t('import.alreadyTitle') : t('import.doneTitle')}</h2>
          <p>
            {result.alreadyImported
              ? t('import.alreadyText', { date: formatDateTime(result.import!.createdAt) })
              : t('import.doneText', { imported: formatNumber(result.import!.imported), rejected: formatNumber(result.import!.rejected) })}
          </p>
          <div class="actions">
            <a class="button" href="/persons">
              {t('import.seePeople')}
            </a>
            {result.counts.rejected > 0 && (
              <button type="button" disabled={busy !== null} onClick={() => void downloadRejected()}>
                {t('import.downloadRejected')}
              </button>
            )}
          </div>
        </div>
      )}

      {preview && (
        <div>
          <h2>{t('import.previewTitle')}</h2>
          {preview.previousImports.length > 0 && (
            <p class="banner" role="note">
              {t('import.seenBefore', { date: formatDateTime(preview.previousImports[0]!.createdAt) })}
            </p>
          )}
          <dl class="summary">
            <dt>{t('import.rows')}</dt>
            <dd>{formatNumber(preview.counts.rows)}</dd>
            <dt>{t('import.accepted')}</dt>
            <dd>{formatNumber(preview.counts.accepted)}</dd>
            <dt>{t('import.rejected')}</dt>
            <dd>{formatNumber(preview.counts.rejected)}</dd>
            <dt>{t('import.mappedOld')}</dt>
            <dd>{formatNumber(preview.counts.mappedFromOldAddress)}</dd>
          </dl>
          {Object.keys(preview.counts.byReason).length > 0 && (
            <ul>
              {Object.entries(preview.counts.byReason).map(([reason, n]) => (
                <li key={reason}>
                  {t(`import.reason.${reason}` as MessageKey)}: {formatNumber(n)}
                </li>
              ))}
            </ul>
          )}
          {preview.ignoredColumns.length > 0 && <p class="muted">{t('import.ignored', { columns: preview.ignoredColumns.join(', ') })}</p>}

          <div class="actions">
            <button type="button" class="primary" disabled={busy !== null || (preview.counts.accepted === 0 && pendingChoices === 0)} onClick={() => void run('commit')}>
              {t('import.commit', { n: formatNumber(preview.counts.accepted + pendingChoices) })}
            </button>
            {pendingChoices > 0 && (
              <button type="button" disabled={busy !== null} onClick={() => void run('preview')}>
                {t('import.applyChoices')}
              </button>
            )}
            {preview.counts.rejected > 0 && (
              <button type="button" disabled={busy !== null} onClick={() => void downloadRejected()}>
                {t('import.downloadRejected')}
              </button>
            )}
          </div>

          {preview.problems.length > 0 && (
            <div class="table-wrap">
              <table>
                <caption>{t('import.problemRows')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('import.row')}</th>
                    <th scope="col">{t('import.column')}</th>
                    <th scope="col">{t('import.reasonCol')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.problems.flatMap((row) =>
                    row.problems.map((p, i) => (
                      <tr key={`${row.rowNumber}-${i}`}>
                        <td>{i === 0 ? row.rowNumber : ''}</td>
                        <td>{p.column ?? '—'}</td>
                        <td>
                          {t(`import.reason.${p.reason}` as MessageKey)}
                          {p.reason === 'invalid_value' && <span class="muted"> ({serverMessage(p.message, locale) ?? p.message})</span>}
                          {p.candidates && (
                            <label class="inline-choice">
                              <span>{t('import.chooseCommune')}</span>
                              <select value={choices[row.rowNumber] ?? ''} onChange={(e) => setChoices({ ...choices, [row.rowNumber]: e.currentTarget.value })}>
                                <option value="">—</option>
                                {p.candidates.map((c) => (
                                  <option key={c.code} value={c.code}>
                                    {c.name}
                                  </option>
                                ))}
                              </select>
                            </label>
                          )}
                        </td>
                      </tr>
                    )),
                  )}
                </tbody>
              </table>
              {preview.problemsTruncated && <p class="muted">{t('import.truncated')}</p>}
            </div>
          )}

          {preview.accepted.length > 0 && (
            <div class="table-wrap">
              <table>
                <caption>{t('import.acceptedRows')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('import.row')}</th>
                    <th scope="col">{t('import.name')}</th>
                    <th scope="col">{t('import.commune')}</th>
                  </tr>
                </thead>
                <tbody>
                  {preview.accepted.map((r) => (
                    <tr key={r.rowNumber}>
                      <td>{r.rowNumber}</td>
                      <td>{r.fullName}</td>
                      <td>
                        {r.communeName}
                        {r.communeVia === 'old' && <span class="muted"> ({t('import.fromOld')})</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          )}
        </div>
      )}

      <h2>{t('import.history')}</h2>
      {history.status === 'loading' && <Loading />}
      {history.status === 'error' && <ErrorState error={history.error} onRetry={reloadHistory} />}
      {history.status === 'ready' && history.data.data.length === 0 && <Empty>{t('import.noHistory')}</Empty>}
      {history.status === 'ready' && history.data.data.length > 0 && (
        <ul class="list">
          {history.data.data.map((i) => (
            <li key={i.id}>
              <strong>{i.fileName ?? '—'}</strong> — {formatDateTime(i.createdAt)} — {t('import.historyCounts', { imported: formatNumber(i.imported), rejected: formatNumber(i.rejected) })}
              <ImportRows base={base} record={i} />
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}

interface ImportRow {
  rowNumber: number
  outcome: 'imported' | 'rejected'
  problems: { column: string | null; reason: Reason }[] | null
  person: { id: string; fullName: string } | null
}

/** An earlier import's rows, on demand and a page at a time: the person each row created, or why it was not imported. */
function ImportRows({ base, record }: { base: string; record: ImportRecord }) {
  const { t } = useI18n()
  const [rows, setRows] = useState<ImportRow[] | null>(null)
  const [next, setNext] = useState<string | null>(null)
  const [state, setState] = useState<{ loading: boolean; error: unknown }>({ loading: false, error: null })
  const load = async (cursor: string | null) => {
    setState({ loading: true, error: null })
    try {
      const page = await getJson<{ data: ImportRow[]; next: string | null }>(`${base}/${record.id}/rows?limit=100${cursor ? `&cursor=${cursor}` : ''}`)
      setRows((prev) => [...(cursor && prev ? prev : []), ...page.data])
      setNext(page.next)
      setState({ loading: false, error: null })
    } catch (error) {
      setState({ loading: false, error })
    }
  }
  if (rows === null) {
    return (
      <>
        {' '}
        <button type="button" disabled={state.loading} onClick={() => void load(null)} aria-label={`${t('persons.more')}: ${record.fileName ?? ''}`}>
          {t('persons.more')}
        </button>
        {state.error !== null && <ErrorState error={state.error} onRetry={() => void load(null)} />}
      </>
    )
  }
  return (
    <div class="table-wrap">
      <table>
        <caption>{record.fileName ?? '—'}</caption>
        <thead>
          <tr>
            <th scope="col">{t('import.row')}</th>
            <th scope="col">{t('import.name')}</th>
            <th scope="col">{t('import.reasonCol')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.rowNumber}>
              <td>{r.rowNumber}</td>
              <td>{r.person ? <a href={`/persons/${r.person.id}`}>{r.person.fullName}</a> : '—'}</td>
              <td>{r.problems?.map((p) => `${p.column ? `${p.column}: ` : ''}${t(`import.reason.${p.reason}` as MessageKey)}`).join('; ') ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {state.loading && <Loading />}
      {state.error !== null && <ErrorState error={state.error} onRetry={() => void load(next)} />}
      {next && !state.loading && (
        <button type="button" onClick={() => void load(next)}>
          {t('common.next')}
        </button>
      )}
    </div>
  )
}

const FILE_ERROR_CODES = ['empty', 'not_a_spreadsheet', 'legacy_xls', 'encrypted', 'bad_encoding', 'too_many_rows', 'formula', 'cell_error', 'too_large', 'missing_columns', 'duplicate_columns', 'nothing_to_import']
