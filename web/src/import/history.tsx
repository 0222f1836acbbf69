import { useState } from 'preact/hooks'
import { endpoint, getJson } from '../api.ts'
import { Empty, ErrorState, Loading } from '../components/states.tsx'
import { formatDateTime, formatNumber, useI18n, type MessageKey } from '../i18n/i18n.tsx'
import type { Resource } from '../lib/use-resource.ts'
import type { ImportRecord, ImportRow } from './types.ts'

/** Earlier imports (a commune officer's own), newest first, each with its rows on demand. */
export function ImportHistory({
  province,
  history,
  reload,
}: {
  province: string
  history: Resource<{ data: ImportRecord[]; next: string | null }>
  reload: () => void
}) {
  const { t } = useI18n()
  return (
    <>
      <h2>{t('import.history')}</h2>
      {history.status === 'loading' && <Loading />}
      {history.status === 'error' && <ErrorState error={history.error} onRetry={reload} />}
      {history.status === 'ready' && history.data.data.length === 0 && <Empty>{t('import.noHistory')}</Empty>}
      {history.status === 'ready' && history.data.data.length > 0 && (
        <ul class="list">
          {history.data.data.map((i) => (
            <li key={i.id}>
              <strong>{i.fileName ?? '—'}</strong> — {formatDateTime(i.createdAt)} —{' '}
              {t('import.historyCounts', { imported: formatNumber(i.imported), rejected: formatNumber(i.rejected) })}
              <ImportRows province={province} record={i} />
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

/** An earlier import's rows, on demand and a page at a time: the person each row created, or why it was not imported. */
function ImportRows({ province, record }: { province: string; record: ImportRecord }) {
  const { t } = useI18n()
  const [rows, setRows] = useState<ImportRow[] | null>(null)
  const [next, setNext] = useState<string | null>(null)
  const [state, setState] = useState<{ loading: boolean; error: unknown }>({ loading: false, error: null })
  const load = async (cursor: string | null) => {
    setState({ loading: true, error: null })
    try {
      const page = await getJson(
        endpoint('GET /api/p/:province/imports/:importId/rows', { province, importId: record.id }, { limit: 100, cursor: cursor ?? undefined }),
      )
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
