import { useState } from 'preact/hooks'
import { vietnamToday } from '../../../kernel/calendar.ts'
import type { ModelMemberRecord, ModelRecord, ModelSessionRecord } from '../../../kernel/community-records.ts'
import { can } from '../../../kernel/policy.ts'
import { endpoint } from '../api.ts'
import { useActor, useMe } from '../auth.tsx'
import { Dialog } from '../components/dialog.tsx'
import { MemberForm, SessionForm } from '../components/model-forms.tsx'
import { OfflineGate } from '../components/offline-gate.tsx'
import { Empty, ErrorState, Loading } from '../components/states.tsx'
import { formatDate, formatNumber, useI18n } from '../i18n/i18n.tsx'
import { worksOffline } from '../lib/actor.ts'
import { useResource } from '../lib/use-resource.ts'
import { addMember, recordSession, removeMember } from '../offline/community-writes.ts'
import { useSyncStatus } from '../offline/status.ts'
import { useLocalData } from '../offline/use-local.ts'

type Member = ModelMemberRecord & { fullName: string | null }

/** A model's page: its decision, helpers, sessions and the people it supports (decision 0033). */
export default function ModelRoute({ id }: { id: string }) {
  const actor = useActor()
  const me = useMe()
  return worksOffline(actor) ? <LocalModel id={id} /> : <OnlineModel id={id} province={me.province?.code ?? ''} />
}

function OnlineModel({ id, province }: { id: string; province: string }) {
  const [load, reload] = useResource(endpoint('GET /api/p/:province/models/:modelId', { province, modelId: id }))
  if (load.status === 'loading') return <Loading />
  if (load.status === 'error') return <ErrorState error={load.error} onRetry={reload} />
  const { members, sessions, ...model } = load.data.data
  return <ModelBody model={model} members={members} sessions={sessions} />
}

function LocalModel({ id }: { id: string }) {
  const { t } = useI18n()
  const actor = useActor()
  const local = useLocalData()
  const { phase } = useSyncStatus()
  const [panel, setPanel] = useState<'session' | 'member' | null>(null)
  if (local.status === 'loading') return <Loading />
  const view = local.view
  const model = view.models?.find((m) => m.id === id)
  if (!model) {
    return (
      <OfflineGate complete={local.complete} phase={phase}>
        <Empty>{t('error.notFound')}</Empty>
      </OfflineGate>
    )
  }
  const names = new Map(view.persons.map((p) => [p.id, p.fullName]))
  const members = (view.modelMembers ?? []).filter((m) => m.modelId === id).map((m) => ({ ...m, fullName: names.get(m.personId) ?? null }))
  const sessions = (view.modelSessions ?? []).filter((s) => s.modelId === id).sort((a, b) => b.heldOn.localeCompare(a.heldOn))
  const current = new Set(members.filter((m) => m.leftOn === null).map((m) => m.personId))
  const people = view.persons.filter((p) => !current.has(p.id)).sort((a, b) => a.fullName.localeCompare(b.fullName, 'vi'))
  const mayWrite = can(actor, 'community:write', { commune: model.communeCode }) && model.status === 'active'
  return (
    <OfflineGate complete={local.complete} phase={phase}>
      <ModelBody
        model={model}
        members={members}
        sessions={sessions}
        pending={view.pending}
        {...(mayWrite
          ? {
              onSession: () => setPanel('session'),
              onMember: people.length > 0 ? () => setPanel('member') : undefined,
              onLeave: (member: Member) => void removeMember(member, vietnamToday(new Date())),
            }
          : {})}
      />
      <Dialog title={t('model.newSession')} open={panel === 'session'} onClose={() => setPanel(null)}>
        {panel === 'session' && <SessionForm model={model} save={(body) => recordSession(model, body)} onDone={() => setPanel(null)} />}
      </Dialog>
      <Dialog title={t('model.addMember')} open={panel === 'member'} onClose={() => setPanel(null)}>
        {panel === 'member' && <MemberForm people={people} save={(body) => addMember(model, body)} onDone={() => setPanel(null)} />}
      </Dialog>
    </OfflineGate>
  )
}

function ModelBody({
  model,
  members,
  sessions,
  pending,
  onSession,
  onMember,
  onLeave,
}: {
  model: ModelRecord
  members: readonly Member[]
  sessions: readonly ModelSessionRecord[]
  pending?: ReadonlySet<string>
  onSession?: (() => void) | undefined
  onMember?: (() => void) | undefined
  onLeave?: ((member: Member) => void) | undefined
}) {
  const { t } = useI18n()
  const queued = (id: string) =>
    pending?.has(id) && (
      <>
        {' '}
        <span class="badge badge--queued">{t('sync.queued')}</span>
      </>
    )
  return (
    <section>
      <h1>{model.name}</h1>
      <p class="muted">
        {t(`model.kind.${model.kind}`)} · {t('models.decision', { number: model.decision.number, date: formatDate(model.decision.date) })}
        {model.status === 'dissolved' && model.dissolvedOn && ` · ${t('models.dissolved')} ${formatDate(model.dissolvedOn)}`}
      </p>
      <h2>{t('model.sessions')}</h2>
      {onSession && (
        <p>
          <button type="button" class="primary" onClick={onSession}>
            {t('model.newSession')}
          </button>
        </p>
      )}
      {sessions.length === 0 ? (
        <Empty>{t('model.sessionsEmpty')}</Empty>
      ) : (
        <ul class="cards">
          {sessions.map((s) => (
            <li key={s.id} class="card">
              <p>
                <strong>{formatDate(s.heldOn)}</strong> · {t('model.attendanceOf', { count: formatNumber(s.attendance) })}
                {queued(s.id)}
              </p>
              {s.clientsNew !== null && (
                <p class="muted">
                  {t('model.clientsOf', {
                    new: formatNumber(s.clientsNew),
                    returning: formatNumber(s.clientsReturning ?? 0),
                    counselled: formatNumber(s.counselled ?? 0),
                  })}
                </p>
              )}
              {s.topic && <p>{s.topic}</p>}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('model.members')}</h2>
      {onMember && (
        <p>
          <button type="button" onClick={onMember}>
            {t('model.addMember')}
          </button>
        </p>
      )}
      {members.length === 0 ? (
        <Empty>{t('model.membersEmpty')}</Empty>
      ) : (
        <ul class="cards">
          {members.map((m) => (
            <li key={m.id} class="card">
              <p>
                <a href={`/persons/${m.personId}`}>{m.fullName ?? '—'}</a>
                {queued(m.id)}
              </p>
              <p class="muted">{m.leftOn ? t('model.left', { date: formatDate(m.leftOn) }) : t('model.since', { date: formatDate(m.joinedOn) })}</p>
              {onLeave && !m.leftOn && (
                <button type="button" onClick={() => onLeave(m)}>
                  {t('model.leave')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      <h2>{t('model.helpers')}</h2>
      <ul>
        {model.helpers.map((h, i) => (
          <li key={i}>
            {h.name} — {h.organisation}, {h.role}
          </li>
        ))}
      </ul>
    </section>
  )
}
