import { endpoint } from '../api.ts'
import { useActor, useMe } from '../auth.tsx'
import { can } from '../../../kernel/policy.ts'
import { worksOffline } from '../lib/actor.ts'
import { OfflineGate } from '../components/offline-gate.tsx'
import { Empty, ErrorState, Loading } from '../components/states.tsx'
import { formatDate, formatNumber, useI18n } from '../i18n/i18n.tsx'
import { vietnamToday } from '../../../kernel/calendar.ts'
import type { Caseload } from '../../../kernel/contract/cases.ts'
import { useResource } from '../lib/use-resource.ts'
import { useSyncStatus } from '../offline/status.ts'
import { useLocalData } from '../offline/use-local.ts'
import { caseload } from '../offline/view.ts'

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

function OnlineCaseload({ province }: { province: string }) {
  const [load, reload] = useResource(endpoint('GET /api/p/:province/caseload', { province }))
  if (load.status === 'loading') return <Loading />
  if (load.status === 'error') return <ErrorState error={load.error} onRetry={reload} />
  return <CaseloadList caseload={load.data} />
}

/** Computed on the phone from the offline store, with the server's rule (kernel/domain/review-schedule.ts) and the province's pulled review policy. */
function LocalCaseload() {
  const local = useLocalData()
  const { phase } = useSyncStatus()
  if (local.status === 'loading') return <Loading />
  return (
    <OfflineGate complete={local.complete} phase={phase}>
      <CaseloadList caseload={caseload(local.view, vietnamToday(new Date()), local.reviewPolicy)} queued={new Set(local.entries.map((e) => e.personId))} />
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
        <ul class="cards">
          {data.map((row) => (
            <li key={row.planId} class="card">
              <p>
                <a href={`/persons/${row.personId}`}>
                  <strong>{row.fullName}</strong>
                </a>{' '}
                <span class={`badge badge--${row.nextReview.state}`}>{t(`review.${row.nextReview.state}`)}</span>
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
