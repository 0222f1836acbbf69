import { useState } from 'preact/hooks'
import { vietnamToday } from '../../../kernel/calendar.ts'
import type { ActivityRecord } from '../../../kernel/community-records.ts'
import { ACTIVITY_RULES, activityTotals } from '../../../kernel/domain/activity-rules.ts'
import { can } from '../../../kernel/policy.ts'
import { endpoint } from '../api.ts'
import { useActor, useMe } from '../auth.tsx'
import { ActivityForm } from '../components/activity-form.tsx'
import { Dialog } from '../components/dialog.tsx'
import { LazyEvidenceField } from '../components/evidence-field-lazy.tsx'
import { SelectField } from '../components/field.tsx'
import { OfflineGate } from '../components/offline-gate.tsx'
import { Empty, ErrorState, Loading } from '../components/states.tsx'
import { formatDate, formatNumber, useI18n, type MessageKey } from '../i18n/i18n.tsx'
import { worksOffline } from '../lib/actor.ts'
import { useResource } from '../lib/use-resource.ts'
import { recordActivity, updateActivity } from '../offline/community-writes.ts'
import { useSyncStatus } from '../offline/status.ts'
import { useLocalData } from '../offline/use-local.ts'

/** The commune's activity log (decision 0033): commune officers record offline; province roles read online. */
export default function ActivitiesPage() {
  const actor = useActor()
  const me = useMe()
  const { t } = useI18n()
  return (
    <section>
      <h1>{t('activities.title')}</h1>
      {worksOffline(actor) ? <LocalActivities /> : <OnlineActivities province={me.province?.code ?? ''} />}
    </section>
  )
}

function OnlineActivities({ province }: { province: string }) {
  const [load, reload] = useResource(endpoint('GET /api/p/:province/activities', { province }, { limit: '100' }))
  if (load.status === 'loading') return <Loading />
  if (load.status === 'error') return <ErrorState error={load.error} onRetry={reload} />
  return <ActivityList activities={load.data.data} />
}

function LocalActivities() {
  const { t } = useI18n()
  const actor = useActor()
  const local = useLocalData()
  const { phase } = useSyncStatus()
  const [editing, setEditing] = useState<ActivityRecord | 'new' | null>(null)
  const [commune, setCommune] = useState('')
  if (local.status === 'loading') return <Loading />
  const activities = [...(local.view.activities ?? [])]
    .filter((a) => !commune || a.communeCode === commune)
    .sort((a, b) => b.heldOn.localeCompare(a.heldOn) || b.createdAt.localeCompare(a.createdAt))
  const communes = local.communes.filter((c) => actor.communes.includes(c.code))
  const mayWrite = can(actor, 'community:write')
  return (
    <OfflineGate complete={local.complete} phase={phase}>
      {mayWrite && (
        <p>
          <button type="button" class="primary" onClick={() => setEditing('new')}>
            {t('activities.new')}
          </button>
        </p>
      )}
      {communes.length > 1 && (
        <SelectField
          label={t('activities.commune')}
          value={commune}
          onChange={(e) => setCommune(e.currentTarget.value)}
          options={[{ value: '', label: t('activities.allCommunes') }, ...communes.map((c) => ({ value: c.code, label: c.name }))]}
        />
      )}
      <QuarterTotals activities={activities} />
      <ActivityList activities={activities} pending={local.view.pending} onEdit={mayWrite ? setEditing : undefined} />
      {/* The commune's own documents (decision 0038: owner kind "commune"), e.g. the police figures' sources. */}
      {(commune || communes[0]) && (
        <LazyEvidenceField
          province={actor.province ?? ''}
          ownerKind="commune"
          ownerId={commune || (communes[0]?.code ?? '')}
          canAttach={can(actor, 'evidence:attach', { commune: commune || communes[0]?.code })}
        />
      )}
      <Dialog title={t(editing === 'new' ? 'activities.new' : 'activities.edit')} open={editing !== null} onClose={() => setEditing(null)}>
        {editing !== null && (
          <ActivityForm
            communes={communes}
            {...(editing === 'new' ? {} : { current: editing })}
            save={async (body) => {
              if (editing === 'new') await recordActivity(body)
              else await updateActivity(editing, body)
            }}
            onDone={() => setEditing(null)}
          />
        )}
      </Dialog>
    </OfflineGate>
  )
}

/** This quarter's totals per kind, as the report will count them (the kernel's activityTotals). */
function QuarterTotals({ activities }: { activities: readonly ActivityRecord[] }) {
  const { t } = useI18n()
  const today = vietnamToday(new Date())
  const month = Number(today.slice(5, 7))
  const first = Math.floor((month - 1) / 3) * 3 + 1
  const from = `${today.slice(0, 4)}-${String(first).padStart(2, '0')}-01`
  const totals = activityTotals(activities, { from, to: today }).filter((x) => x.entries > 0)
  if (totals.length === 0) return null
  return (
    <details class="card">
      <summary>{t('activities.quarterTotals')}</summary>
      <ul>
        {totals.map((x) => (
          <li key={x.kind}>
            {t(`activity.kind.${x.kind}`)}: {formatNumber(x.count)}
            {x.participants > 0 && ` · ${t('activities.participants')}: ${formatNumber(x.participants)}`}
            {x.kind === 'public_tips' && ` · ${t('activities.casesOpened')}: ${formatNumber(x.casesOpened)}`}
          </li>
        ))}
      </ul>
    </details>
  )
}

function ActivityList({
  activities,
  pending,
  onEdit,
}: {
  activities: readonly ActivityRecord[]
  pending?: ReadonlySet<string>
  onEdit?: ((activity: ActivityRecord) => void) | undefined
}) {
  const { t } = useI18n()
  if (activities.length === 0) return <Empty>{t('activities.empty')}</Empty>
  return (
    <ul class="cards">
      {activities.map((a) => (
        <li key={a.id} class="card">
          <p>
            <strong>{t(`activity.kind.${a.kind}`)}</strong> · {formatDate(a.heldOn)}
            {pending?.has(a.id) && (
              <>
                {' '}
                <span class="badge badge--queued">{t('sync.queued')}</span>
              </>
            )}
          </p>
          <p class="muted">
            {t(`activity.organiser.${a.organiser}`)} · {t(`activity.count.${ACTIVITY_RULES[a.kind].counts}` as MessageKey)}: {formatNumber(a.count)}
            {a.participants !== null && ` · ${t(a.kind === 'training' ? 'activities.trainees' : 'activities.participants')}: ${formatNumber(a.participants)}`}
            {a.casesOpened !== null && ` · ${t('activities.casesOpened')}: ${formatNumber(a.casesOpened)}`}
            {a.valueVnd !== null && ` · ${formatNumber(a.valueVnd)} đ`}
          </p>
          {a.topic && <p>{a.topic}</p>}
          {onEdit && (
            <p>
              <button type="button" onClick={() => onEdit(a)}>
                {t('activities.edit')}
              </button>{' '}
              <span class="muted">{t('activities.version', { version: a.version })}</span>
            </p>
          )}
        </li>
      ))}
    </ul>
  )
}
