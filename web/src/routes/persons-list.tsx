import { useEffect, useState } from 'preact/hooks'
import { endpoint, getJson } from '../api.ts'
import { useActor, useMe } from '../auth.tsx'
import { can } from '../../../kernel/policy.ts'
import { worksOffline } from '../lib/actor.ts'
import { SelectField } from '../components/field.tsx'
import { More } from '../components/more.tsx'
import { OfflineGate } from '../components/offline-gate.tsx'
import { Empty, ErrorState, Loading } from '../components/states.tsx'
import { formatDate, useI18n, type MessageKey } from '../i18n/i18n.tsx'
import type { Person } from '../../../kernel/contract/cases.ts'
import { useSyncStatus } from '../offline/status.ts'
import { useLocalData } from '../offline/use-local.ts'
import { searchPersons } from '../offline/view.ts'

const CATEGORIES = ['drug_user', 'dependent', 'post_rehab'] as const
const STATUSES = ['under_management', 'in_rehab', 'post_rehab', 'compulsory_rehab', 'transferred', 'closed'] as const
const PAGE = 50

interface Filter {
  q: string
  category: string
  status: string
}

/** People of the officer's scope: search by name (diacritics optional) or citizen ID, filters, "show more". */
export default function PersonsList() {
  const me = useMe()
  const actor = useActor()
  const { t } = useI18n()
  const [filter, setFilter] = useState<Filter>({ q: '', category: '', status: '' })
  const set = (key: keyof Filter) => (e: { currentTarget: { value: string } }) => setFilter((f) => ({ ...f, [key]: e.currentTarget.value }))
  return (
    <section>
      <div class="page-head">
        <h1>{t('persons.title')}</h1>
        {can(actor, 'person:write') && (
          <a class="button primary" href="/persons/new">
            {t('persons.register')}
          </a>
        )}
      </div>
      <form class="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <div class="field">
          <label for="person-search">{t('persons.search')}</label>
          <input id="person-search" type="search" value={filter.q} onInput={set('q')} />
        </div>
        <SelectField
          label={t('persons.category')}
          value={filter.category}
          onChange={set('category')}
          options={[{ value: '', label: t('users.all') }, ...CATEGORIES.map((c) => ({ value: c, label: t(`category.${c}` as MessageKey) }))]}
        />
        <SelectField
          label={t('persons.status')}
          value={filter.status}
          onChange={set('status')}
          options={[{ value: '', label: t('users.all') }, ...STATUSES.map((s) => ({ value: s, label: t(`pstatus.${s}` as MessageKey) }))]}
        />
      </form>
      {worksOffline(actor) ? <LocalPersons filter={filter} /> : <OnlinePersons filter={filter} province={me.province?.code ?? ''} />}
    </section>
  )
}

/** Searched on the phone, with the server's folding of names (diacritics and đ ignored). */
function LocalPersons({ filter }: { filter: Filter }) {
  const local = useLocalData()
  const { phase } = useSyncStatus()
  const [shown, setShown] = useState(PAGE)
  useEffect(() => setShown(PAGE), [filter.q, filter.category, filter.status])
  if (local.status === 'loading') return <Loading />
  const rows = searchPersons(local.view.persons, filter)
  return (
    <OfflineGate complete={local.complete} phase={phase}>
      <PersonCards rows={rows.slice(0, shown)} pending={local.view.pending} />
      <More loading={false} onMore={rows.length > shown ? () => setShown((n) => n + PAGE) : null} />
    </OfflineGate>
  )
}

function OnlinePersons({ filter, province }: { filter: Filter; province: string }) {
  const [rows, setRows] = useState<Person[]>([])
  const [next, setNext] = useState<string | null>(null)
  const [state, setState] = useState<{ loading: boolean; error: unknown }>({ loading: true, error: null })
  const query = (cursor: string | null) =>
    endpoint(
      'GET /api/p/:province/persons',
      { province },
      { limit: PAGE, q: filter.q.trim(), category: filter.category, status: filter.status, cursor: cursor ?? undefined },
    )
  const load = async (cursor: string | null, signal?: AbortSignal) => {
    setState({ loading: true, error: null })
    try {
      const page = await getJson(query(cursor), signal)
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
  }, [filter.q, filter.category, filter.status])
  return (
    <>
      {state.error !== null && <ErrorState error={state.error} onRetry={() => void load(null)} />}
      {state.error === null && <PersonCards rows={rows} loading={state.loading} />}
      {state.loading && <Loading />}
      <More loading={state.loading} onMore={next ? () => void load(next) : null} />
    </>
  )
}

function PersonCards({ rows, loading = false, pending }: { rows: Person[]; loading?: boolean; pending?: ReadonlySet<string> }) {
  const { t } = useI18n()
  if (rows.length === 0) return loading ? null : <Empty>{t('persons.empty')}</Empty>
  return (
    <ul class="cards">
      {rows.map((p) => (
        <li key={p.id} class="card">
          <p>
            <a href={`/persons/${p.id}`}>
              <strong>{p.fullName}</strong>
            </a>{' '}
            <span class="muted">{formatDate(p.birthDate)}</span>
            {pending?.has(p.id) && (
              <>
                {' '}
                <span class="badge badge--queued">{t('sync.queued')}</span>
              </>
            )}
          </p>
          <p>
            {t(`category.${p.category}` as MessageKey)} · {t(`pstatus.${p.status}` as MessageKey)}
          </p>
        </li>
      ))}
    </ul>
  )
}
