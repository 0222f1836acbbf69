import { useEffect, useState } from 'preact/hooks'
import { getJson } from '../api.ts'
import { useMe } from '../auth.tsx'
import { SelectField } from '../components/field.tsx'
import { Empty, ErrorState, Loading } from '../components/states.tsx'
import { formatDate, useI18n, type MessageKey } from '../i18n/i18n.tsx'
import type { Person } from '../lib/types.ts'

const CATEGORIES = ['drug_user', 'dependent', 'post_rehab'] as const
const STATUSES = ['under_management', 'in_rehab', 'post_rehab', 'compulsory_rehab', 'transferred', 'closed'] as const

/** People of the officer's scope: search by name (diacritics optional) or citizen ID, filters, "show more". */
export default function PersonsList() {
  const me = useMe()
  const { t } = useI18n()
  const [q, setQ] = useState('')
  const [category, setCategory] = useState('')
  const [status, setStatus] = useState('')
  const [rows, setRows] = useState<Person[]>([])
  const [next, setNext] = useState<string | null>(null)
  const [state, setState] = useState<{ loading: boolean; error: unknown }>({ loading: true, error: null })

  const query = (cursor: string | null) => {
    const params = new URLSearchParams({ limit: '50' })
    if (q.trim()) params.set('q', q.trim())
    if (category) params.set('category', category)
    if (status) params.set('status', status)
    if (cursor) params.set('cursor', cursor)
    return `/api/p/${me.province?.code ?? ''}/persons?${params}`
  }
  const load = async (cursor: string | null, signal?: AbortSignal) => {
    setState({ loading: true, error: null })
    try {
      const page = await getJson<{ data: Person[]; next: string | null }>(query(cursor), signal)
      setRows((prev) => (cursor ? [...prev, ...page.data] : page.data))
      setNext(page.next)
      setState({ loading: false, error: null })
    } catch (error) {
      if (!signal?.aborted) setState({ loading: false, error })
    }
  }
  useEffect(() => {
    const ctrl = new AbortController()
    // A short pause while typing keeps a slow connection from carrying every keystroke.
    const timer = setTimeout(() => void load(null, ctrl.signal), 300)
    return () => {
      clearTimeout(timer)
      ctrl.abort()
    }
  }, [q, category, status])

  return (
    <section>
      <div class="page-head">
        <h1>{t('persons.title')}</h1>
        {me.role === 'commune_officer' && (
          <a class="button primary" href="/persons/new">
            {t('persons.register')}
          </a>
        )}
      </div>
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="person-search">{t('persons.search')}</label>
          <input id="person-search" type="search" value={q} onInput={(e) => setQ(e.currentTarget.value)} />
        </div>
        <SelectField label={t('persons.category')} value={category} onChange={(e) => setCategory(e.currentTarget.value)} options={[{ value: '', label: t('users.all') }, ...CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}` as MessageKey) }))]} />
        <SelectField label={t('persons.status')} value={status} onChange={(e) => setStatus(e.currentTarget.value)} options={[{ value: '', label: t('users.all') }, ...STATUSES.map((s) => ({ value: s, label: t(`pstatus.${s}` as MessageKey) }))]} />
      </form>
      {state.error !== null && <ErrorState error={state.error} onRetry={() => void load(null)} />}
      {!state.loading && state.error === null && rows.length === 0 && <Empty>{t('persons.empty')}</Empty>}
      {rows.length > 0 && (
        <ul class="cards">
          {rows.map((p) => (
            <li key={p.id} class="card">
              <p>
                <a href={`/persons/${p.id}`}>
                  <strong>{p.fullName}</strong>
                </a>{' '}
                <span class="muted">{formatDate(p.birthDate)}</span>
              </p>
              <p>
                {t(`category.${p.category}` as MessageKey)} · {t(`pstatus.${p.status}` as MessageKey)}
              </p>
            </li>
          ))}
        </ul>
      )}
      {state.loading && <Loading />}
      {!state.loading && next && (
        <button type="button" onClick={() => void load(next)}>
          {t('persons.more')}
        </button>
      )}
    </section>
  )
}
