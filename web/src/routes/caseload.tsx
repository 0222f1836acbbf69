import { useMe } from '../auth.tsx'
import { Empty, ErrorState, Loading } from '../components/states.tsx'
import { formatDate, formatNumber, useI18n } from '../i18n/i18n.tsx'
import type { CaseloadRow } from '../lib/types.ts'
import { useResource } from '../lib/use-resource.ts'

/** The officer's day: people on an active plan, overdue and due reviews first. */
export default function Caseload() {
  const me = useMe()
  const { t } = useI18n()
  const [load, reload] = useResource<{ data: CaseloadRow[]; summary: { overdue: number; due: number; total: number } }>(`/api/p/${me.province?.code ?? ''}/caseload`)
  return (
    <section>
      <div class="page-head">
        <h1>{t('caseload.title')}</h1>
        {me.role === 'commune_officer' && (
          <a class="button primary" href="/persons/new">
            {t('persons.register')}
          </a>
        )}
      </div>
      {load.status === 'loading' && <Loading />}
      {load.status === 'error' && <ErrorState error={load.error} onRetry={reload} />}
      {load.status === 'ready' && (
        <>
          <p class="muted">
            {t('caseload.summary', { overdue: formatNumber(load.data.summary.overdue), due: formatNumber(load.data.summary.due), total: formatNumber(load.data.summary.total) })}
          </p>
          {load.data.data.length === 0 ? (
            <Empty>{t('caseload.empty')}</Empty>
          ) : (
            <ul class="cards">
              {load.data.data.map((row) => (
                <li key={row.planId} class="card">
                  <p>
                    <a href={`/persons/${row.personId}`}>
                      <strong>{row.fullName}</strong>
                    </a>{' '}
                    <span class={`badge badge--${row.nextReview.state}`}>{t(`review.${row.nextReview.state}`)}</span>
                  </p>
                  <p class="muted">{t('caseload.nextReview', { date: formatDate(row.nextReview.dueOn) })}</p>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  )
}
