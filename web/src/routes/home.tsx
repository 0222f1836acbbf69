import type { ComponentType } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import { endpoint } from '../api.ts'
import { useActor, useMe } from '../auth.tsx'
import { can } from '../../../kernel/policy.ts'
import { vietnamToday } from '../../../kernel/calendar.ts'
import { summarizeDueWork, type DueItem, type DueWorkKind, type DueWorkSummary } from '../../../kernel/domain/due-work.ts'
import { worksOffline } from '../lib/actor.ts'
import { OfflineGate } from '../components/offline-gate.tsx'
import { Empty, ErrorState, Loading } from '../components/states.tsx'
import { formatDate, formatNumber, useI18n, type MessageKey } from '../i18n/i18n.tsx'
import { useResource } from '../lib/use-resource.ts'
import { useSyncStatus } from '../offline/status.ts'
import { useLocalData } from '../offline/use-local.ts'
import { dueWorkOf } from '../offline/work.ts'

const PAGE = 50

/** The form that does each kind of work; a new kind adds its line here and its label in the catalogues. */
const FORM_OF: Record<DueWorkKind, (item: DueItem) => string> = {
  review: (i) => `/persons/${encodeURIComponent(i.personId)}?form=review`,
  post_rehab_contact: (i) => `/persons/${encodeURIComponent(i.personId)}?form=followUp`,
  management_ending: (i) => `/persons/${encodeURIComponent(i.personId)}`,
  // The person's page offers the plan, methadone and the referral the deadline calls for.
  registration_due: (i) => `/persons/${encodeURIComponent(i.personId)}`,
  handover_to_accept: () => '/handovers',
}

/** The officer's work: what is due and overdue in their scope, each item opening its form. Central roles: who they are. */
export default function Home() {
  const me = useMe()
  const actor = useActor()
  const { t } = useI18n()
  const province = me.province?.code ?? ''
  return (
    <section>
      <h1>{t('home.title', { name: me.displayName })}</h1>
      <p class="muted">
        {t(`role.${me.role}`)}
        {me.province ? ` · ${me.province.name}` : ''}
      </p>
      {me.communes.length > 0 && (
        <p class="muted">
          {t('home.communes')}: {me.communes.map((c) => c.name).join(', ')}
        </p>
      )}
      {!me.province && <p>{t('home.central')}</p>}
      {!me.province && can(actor, 'summary:read') && <CentralOverview />}
      {me.province && can(actor, 'person:read', { province }) && (worksOffline(actor) ? <LocalWork /> : <OnlineWork province={province} />)}
    </section>
  )
}

/** Central roles' home is the overview (decision 0042): its code and its words load only for them. */
function CentralOverview() {
  const [View, setView] = useState<ComponentType | null>(null)
  useEffect(() => {
    void import('../central/overview.tsx').then((m) => setView(() => m.Overview))
  }, [])
  return View ? <View /> : <Loading />
}

/**
 * A commune officer's: computed on the phone by the kernel's dueWork, as the server would, working offline too;
 * hand-overs to accept come from the phone's store like every other record (decision 0039).
 */
function LocalWork() {
  const me = useMe()
  const local = useLocalData()
  const { phase } = useSyncStatus()
  const { t } = useI18n()
  if (local.status === 'loading') return <Loading />
  const now = new Date()
  const items = dueWorkOf(local.view, vietnamToday(now), {
    policy: local.reviewPolicy,
    rules: local.caseRules,
    communes: new Set(me.communes.map((c) => c.code)),
    now,
  })
  const waiting = local.entries.length
  return (
    <OfflineGate complete={local.complete} phase={phase}>
      {waiting > 0 && (
        <p class="notice" role="status">
          <a href="/sync">{t('work.syncWaiting', { count: formatNumber(waiting) })}</a>
        </p>
      )}
      <WorkSummary summary={summarizeDueWork(items)} communeName={(code) => me.communes.find((c) => c.code === code)?.name ?? code} />
      <WorkList items={items} />
    </OfflineGate>
  )
}

/** Province roles read GET /work: the counts per commune, then the list a page at a time. */
function OnlineWork({ province }: { province: string }) {
  const [offset, setOffset] = useState(0)
  const { t } = useI18n()
  const [work, reload] = useResource(endpoint('GET /api/p/:province/work', { province }, { offset, limit: PAGE }))
  const [communes] = useResource(endpoint('GET /api/p/:province/communes', { province }))
  if (work.status === 'loading') return <Loading />
  if (work.status === 'error') return <ErrorState error={work.error} onRetry={reload} />
  const names = new Map(communes.status === 'ready' ? communes.data.data.map((c) => [c.code, c.name]) : [])
  const { data, summary, next, total } = work.data
  return (
    <>
      <WorkSummary summary={summary} communeName={(code) => names.get(code) ?? code} perCommune />
      <WorkList items={data} />
      {total > PAGE && (
        <div class="actions">
          <button type="button" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
            {t('work.previous')}
          </button>
          <span class="muted">{t('work.page', { from: formatNumber(offset + 1), to: formatNumber(offset + data.length), total: formatNumber(total) })}</span>
          <button type="button" disabled={next === null} onClick={() => next !== null && setOffset(next)}>
            {t('common.next')}
          </button>
        </div>
      )}
    </>
  )
}

function WorkSummary({ summary, communeName, perCommune }: { summary: DueWorkSummary; communeName: (code: string) => string; perCommune?: boolean }) {
  const { t } = useI18n()
  const kinds = Object.keys(summary.byKind) as DueWorkKind[]
  const communes = Object.entries(summary.byCommune).sort(([, a], [, b]) => b.overdue - a.overdue || b.due - a.due)
  return (
    <>
      <h2>{t('work.title')}</h2>
      <p data-testid="work-total">{t('work.total', { overdue: formatNumber(summary.total.overdue), due: formatNumber(summary.total.due) })}</p>
      <ul class="work-counts">
        {kinds.map((kind) => (
          <li key={kind}>
            {t(`work.kind.${kind}` as MessageKey)}: <strong>{formatNumber(summary.byKind[kind].overdue)}</strong> {t('review.overdue').toLowerCase()} ·{' '}
            {formatNumber(summary.byKind[kind].due)} {t('review.due').toLowerCase()}
          </li>
        ))}
      </ul>
      {perCommune && communes.length > 0 && (
        <table class="table">
          <thead>
            <tr>
              <th>{t('work.commune')}</th>
              <th>{t('review.overdue')}</th>
              <th>{t('review.due')}</th>
            </tr>
          </thead>
          <tbody>
            {communes.map(([code, counts]) => (
              <tr key={code}>
                <td>{communeName(code)}</td>
                <td>{formatNumber(counts.overdue)}</td>
                <td>{formatNumber(counts.due)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  )
}

function WorkList({ items }: { items: readonly DueItem[] }) {
  const { t } = useI18n()
  // A hand-over is counted by the hour (kernel handoverDue), as the hand-over screen shows it.
  const badge = (item: DueItem) =>
    item.hoursLeft !== undefined
      ? item.state === 'overdue'
        ? t('handover.hoursOverdue', { hours: formatNumber(-item.hoursLeft) })
        : t('handover.hoursLeft', { hours: formatNumber(item.hoursLeft) })
      : item.state === 'overdue'
        ? t('work.daysOverdue', { days: formatNumber(item.daysOverdue) })
        : t('review.due')
  if (items.length === 0) return <Empty>{t('work.empty')}</Empty>
  return (
    <ul class="cards" data-testid="work-list">
      {items.map((item) => (
        <li key={`${item.kind}-${item.refId}`} class="card">
          <p>
            <a href={FORM_OF[item.kind](item)}>
              <strong>{t(`work.action.${item.kind}` as MessageKey)}</strong>: {item.fullName}
            </a>{' '}
            <span class={`badge badge--${item.state}`}>{badge(item)}</span>
          </p>
          <p class="muted">{t(item.kind === 'management_ending' ? 'work.endsOn' : 'work.dueOn', { date: formatDate(item.dueOn) })}</p>
        </li>
      ))}
    </ul>
  )
}
