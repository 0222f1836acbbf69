import { useEffect, useState } from 'preact/hooks'
import { endpoint, getJson } from '../api.ts'
import { useActor, useMe } from '../auth.tsx'
import { can } from '../../../kernel/policy.ts'
import { worksOffline } from '../lib/actor.ts'
import { More } from '../components/more.tsx'
import { OfflineGate } from '../components/offline-gate.tsx'
import { Empty, ErrorState, Loading } from '../components/states.tsx'
import { formatDate, formatNumber, useI18n } from '../i18n/i18n.tsx'
import { vietnamToday } from '../../../kernel/calendar.ts'
import type { Caseload } from '../../../kernel/contract/cases.ts'
import { useResource } from '../lib/use-resource.ts'
import { useSyncStatus } from '../offline/status.ts'
import { useLocalData } from '../offline/use-local.ts'
import { caseload } from '../offline/view.ts'
import { openWorkOf } from '../offline/work.ts'
import type { DueItem } from '../../../kernel/domain/due-work.ts'

/** The officer's day: people on an active plan, overdue and due reviews first. */
export default function CaseloadPage() {
  const me = useMe()
  const actor = useActor()
  const { t } = useI18n()
  return (
    <section>
      <div class="page-head">
        <h1>{t('caseload.title')}</h1>
        {can(actor, 'person:write') && (
          <a class="button primary" href="/persons/new">
            {t('persons.register')}
          </a>
        )}
      </div>
      {worksOffline(actor) ? <LocalCaseload /> : <OnlineCaseload province={me.province?.code ?? ''} />}
    </section>
  )
}

/** A page of the online caseload. */
const PAGE = 100
/** At most this many post-rehab and management records are listed online (the home screen pages what is due). */
const OPEN_LIMIT = 200

function OnlineCaseload({ province }: { province: string }) {
  const [pages, setPages] = useState<Caseload | null>(null)
  const [state, setState] = useState<{ loading: boolean; error: unknown }>({ loading: true, error: null })
  const [open, reloadOpen] = useResource(endpoint('GET /api/p/:province/work', { province }, { upcoming: 'true', limit: OPEN_LIMIT }))
  // A province's caseload comes a page at a time as the officer scrolls; the counts are the whole caseload's.
  const load = async (cursor: string | null, signal?: AbortSignal) => {
    setState({ loading: true, error: null })
    try {
      const page = await getJson(endpoint('GET /api/p/:province/caseload', { province }, { limit: PAGE, cursor: cursor ?? undefined }), signal)
      setPages((prev) => (cursor && prev ? { ...page, data: [...prev.data, ...page.data] } : page))
      setState({ loading: false, error: null })
    } catch (error) {
      if (!signal?.aborted) setState({ loading: false, error })
    }
  }
  useEffect(() => {
    const ctrl = new AbortController()
    void load(null, ctrl.signal)
    return () => ctrl.abort()
  }, [province])
  if (state.error !== null && !pages) return <ErrorState error={state.error} onRetry={() => void load(null)} />
  if (!pages) return <Loading />
  return (
    <>
      <CaseloadList caseload={pages} />
      {state.loading && <Loading />}
      {state.error !== null && <ErrorState error={state.error} onRetry={() => void load(pages.next)} />}
      <More loading={state.loading || state.error !== null} onMore={pages.next ? () => void load(pages.next) : null} />
      {open.status === 'loading' && <Loading />}
      {open.status === 'error' && <ErrorState error={open.error} onRetry={reloadOpen} />}
      {open.status === 'ready' && <OpenRecords items={open.data.data} />}
    </>
  )
}

/** Computed on the phone from the offline store, with the server's rule (kernel/domain/review-schedule.ts) and the province's pulled review policy. */
function LocalCaseload() {
  const local = useLocalData()
  const { phase } = useSyncStatus()
  if (local.status === 'loading') return <Loading />
  return (
    <OfflineGate complete={local.complete} phase={phase}>
      <CaseloadList caseload={caseload(local.view, vietnamToday(new Date()), local.reviewPolicy)} queued={new Set(local.entries.map((e) => e.personId))} />
      <OpenRecords items={openWorkOf(local.view, vietnamToday(new Date()), { policy: local.reviewPolicy })} />
    </OfflineGate>
  )
}

function CaseloadList({ caseload: { data, summary }, queued }: { caseload: Caseload; queued?: ReadonlySet<string> }) {
  const { t } = useI18n()
  return (
    <>
      <p class="muted">
        {t('caseload.summary', { overdue: formatNumber(summary.overdue), due: formatNumber(summary.due), total: formatNumber(summary.total) })}
      </p>
      {data.length === 0 ? (
        <Empty>{t('caseload.empty')}</Empty>
      ) : (
        <ul class="cards" aria-label={t('caseload.title')}>
          {data.map((row) => (
            <li key={row.planId} class="card">
              <p>
                <a href={`/persons/${row.personId}`}>
                  <strong>{row.fullName}</strong>
                </a>{' '}
                <StateBadge state={row.nextReview.state} daysOverdue={row.daysOverdue} />
                {queued?.has(row.personId) && (
                  <>
                    {' '}
                    <span class="badge badge--queued">{t('sync.queued')}</span>
                  </>
                )}
              </p>
              <p class="muted">{t('caseload.nextReview', { date: formatDate(row.nextReview.dueOn) })}</p>
            </li>
          ))}
        </ul>
      )}
    </>
  )
}

function StateBadge({ state, daysOverdue }: { state: DueItem['state']; daysOverdue: number }) {
  const { t } = useI18n()
  return <span class={`badge badge--${state}`}>{state === 'overdue' ? t('work.daysOverdue', { days: formatNumber(daysOverdue) }) : t(`review.${state}`)}</span>
}

/** People under post-rehab management and illegal drug users under management, with their next contact or end. */
function OpenRecords({ items }: { items: readonly DueItem[] }) {
  const { t } = useI18n()
  const sections = [
    { kind: 'post_rehab_contact', title: t('caseload.postRehab'), next: 'caseload.nextContact', form: '?form=followUp' },
    { kind: 'management_ending', title: t('caseload.management'), next: 'work.endsOn', form: '' },
  ] as const
  return (
    <>
      {sections.map((section) => {
        const rows = items.filter((i) => i.kind === section.kind)
        return (
          <div key={section.kind}>
            <h2>{section.title}</h2>
            {rows.length === 0 ? (
              <Empty>{t('caseload.noneOpen')}</Empty>
            ) : (
              <ul class="cards" aria-label={section.title}>
                {rows.map((row) => (
                  <li key={row.refId} class="card">
                    <p>
                      <a href={`/persons/${encodeURIComponent(row.personId)}${section.form}`}>
                        <strong>{row.fullName}</strong>
                      </a>{' '}
                      <StateBadge state={row.state} daysOverdue={row.daysOverdue} />
                    </p>
                    <p class="muted">{t(section.next, { date: formatDate(row.dueOn) })}</p>
                  </li>
                ))}
              </ul>
            )}
          </div>
        )
      })}
    </>
  )
}
