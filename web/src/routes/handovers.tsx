import { useState } from 'preact/hooks'
import { endpoint } from '../api.ts'
import { useActor, useMe } from '../auth.tsx'
import { Field } from '../components/field.tsx'
import { Empty, ErrorState, Loading } from '../components/states.tsx'
import { formatDate, formatDateTime, formatNumber, useI18n, type MessageKey } from '../i18n/i18n.tsx'
import { OfflineGate } from '../components/offline-gate.tsx'
import { useOnline } from '../lib/use-online.ts'
import { useLocalData } from '../offline/use-local.ts'
import { useSyncStatus } from '../offline/status.ts'
import { handoverDue } from '../../../kernel/domain/handover.ts'
import { worksOffline } from '../lib/actor.ts'
import { useForm } from '../lib/use-form.ts'
import { useResource } from '../lib/use-resource.ts'
import { answerHandover } from '../offline/writes.ts'
import type { Handover } from '../../../kernel/contract/cases.ts'

/**
 * Hand-overs of people who move (Law 120/2025, decision 0029): those to accept, overdue first, and the moves the
 * officer's communes sent. A commune officer offline reads the phone's store with the queued answers laid over
 * (decision 0039); online, and for other roles, the server's list. An answer goes through the outbox like every
 * other write, so it is kept when the connection drops while answering.
 */
export default function Handovers() {
  const actor = useActor()
  const online = useOnline()
  return worksOffline(actor) && !online ? <LocalHandovers /> : <ServerHandovers />
}

function ServerHandovers() {
  const me = useMe()
  const province = me.province?.code ?? ''
  const [list, reload] = useResource(endpoint('GET /api/p/:province/handovers', { province }, { pending: 'true' }))
  if (list.status === 'loading') return <Loading />
  if (list.status === 'error') return <ErrorState error={list.error} onRetry={reload} />
  return <HandoverLists rows={list.data.data} onAnswered={reload} />
}

function LocalHandovers() {
  const local = useLocalData()
  const { phase } = useSyncStatus()
  if (local.status === 'loading') return <Loading />
  const now = new Date()
  // The same count as the server's list and the home screen's (kernel handoverDue).
  const rows: Handover[] = (local.view.handovers ?? [])
    .filter((h) => h.status === 'pending')
    .map((h) => ({
      id: h.id,
      personId: h.personId,
      communeCode: h.communeCode,
      toProvinceCode: h.toProvinceCode,
      fromCommuneCode: h.fromCommuneCode,
      fromProvinceCode: h.fromProvinceCode,
      movedOn: h.movedOn,
      notifiedAt: h.notifiedAt,
      status: h.status,
      subject: h.subject,
      version: h.version,
      due: handoverDue(h, local.caseRules, now),
    }))
  return (
    <OfflineGate complete={local.complete} phase={phase}>
      <HandoverLists rows={rows} onAnswered={() => undefined} pending={local.view.pending} />
    </OfflineGate>
  )
}

function HandoverLists({ rows: list, onAnswered, pending }: { rows: readonly Handover[]; onAnswered: () => void; pending?: ReadonlySet<string> }) {
  const me = useMe()
  const actor = useActor()
  const { t } = useI18n()
  const mine = new Set(me.communes.map((c) => c.code))
  const name = (code: string) => me.communes.find((c) => c.code === code)?.name ?? code
  const rows = [...list].sort((a, b) => Number(b.due.overdue) - Number(a.due.overdue) || a.due.dueAt.localeCompare(b.due.dueAt))
  const incoming = rows.filter((h) => mine.size === 0 || mine.has(h.communeCode))
  const outgoing = rows.filter((h) => mine.size > 0 && !mine.has(h.communeCode))
  const mayAnswer = worksOffline(actor)
  return (
    <section>
      <h1>{t('handover.incoming')}</h1>
      {incoming.length === 0 && <Empty>{t('handover.none')}</Empty>}
      <ul class="list">
        {incoming.map((h) => (
          <HandoverItem
            key={h.id}
            handover={h}
            from={name(h.fromCommuneCode)}
            to={name(h.communeCode)}
            mayAnswer={mayAnswer}
            onAnswered={onAnswered}
            queued={pending?.has(h.id) ?? false}
          />
        ))}
      </ul>
      {outgoing.length > 0 && (
        <>
          <h2>{t('handover.title')}</h2>
          <ul class="list">
            {outgoing.map((h) => (
              <HandoverItem
                key={h.id}
                handover={h}
                from={name(h.fromCommuneCode)}
                to={name(h.communeCode)}
                mayAnswer={false}
                onAnswered={onAnswered}
                queued={pending?.has(h.id) ?? false}
              />
            ))}
          </ul>
        </>
      )}
    </section>
  )
}

function HandoverItem({
  handover: h,
  from,
  to,
  mayAnswer,
  onAnswered,
  queued,
}: {
  handover: Handover
  from: string
  to: string
  mayAnswer: boolean
  onAnswered: () => void
  /** Recorded on this phone and not sent yet. */
  queued: boolean
}) {
  const { t } = useI18n()
  const [declining, setDeclining] = useState(false)
  const [done, setDone] = useState(false)
  const form = useForm({ reason: '' })
  const answer = (value: { accept: true } | { reason: string }) =>
    void form.submit(async () => {
      await answerHandover(h, value)
      setDone(true)
      onAnswered()
    })
  return (
    <li class="card" data-handover={h.id}>
      <p>
        <strong>{h.subject.fullName}</strong> · {formatDate(h.subject.birthDate)} · {h.subject.citizenId}
        {h.due.overdue && (
          <span class="badge badge--overdue">
            {' '}
            {t('handover.overdue')} · {t('handover.hoursOverdue', { hours: formatNumber(-(h.due.hoursLeft ?? 0)) })}
          </span>
        )}
        {queued && <span class="badge badge--queued"> {t('sync.queued')}</span>}
      </p>
      <p class="muted">
        {t(`category.${h.subject.category}` as MessageKey)} · {t(`pstatus.${h.subject.status}` as MessageKey)}
      </p>
      <p class="muted">
        {h.fromProvinceCode !== h.toProvinceCode
          ? `${t('handover.from', { commune: `${from} (${h.fromProvinceCode})` })}`
          : t('handover.from', { commune: from })}{' '}
        → {t('handover.to', { commune: to })} · {t('handover.movedOn')}: {formatDate(h.movedOn)}
      </p>
      <p class="muted">{t('handover.dueAt', { at: formatDateTime(h.due.dueAt) })}</p>
      {done && <p role="status">{t('handover.queued')}</p>}
      {mayAnswer && !done && (
        <div class="actions">
          <button type="button" class="primary" disabled={form.busy} onClick={() => answer({ accept: true })}>
            {t('handover.accept')}
          </button>
          <button type="button" disabled={form.busy} onClick={() => setDeclining(true)}>
            {t('handover.decline')}
          </button>
        </div>
      )}
      {mayAnswer && !done && declining && (
        <form
          onSubmit={(event) => {
            event.preventDefault()
            answer({ reason: form.values.reason })
          }}
          noValidate
        >
          <Field label={t('handover.declineReason')} required value={form.values.reason} onInput={form.set('reason')} error={form.errors.reason} />
          <button type="submit" disabled={form.busy}>
            {t('handover.decline')}
          </button>
        </form>
      )}
      {form.failure !== null && <ErrorState error={form.failure} />}
    </li>
  )
}
