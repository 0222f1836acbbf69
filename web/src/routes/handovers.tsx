import { useState } from 'preact/hooks'
import { endpoint } from '../api.ts'
import { useActor, useMe } from '../auth.tsx'
import { Field } from '../components/field.tsx'
import { Empty, ErrorState, Loading } from '../components/states.tsx'
import { formatDate, formatDateTime, useI18n, type MessageKey } from '../i18n/i18n.tsx'
import { worksOffline } from '../lib/actor.ts'
import { useForm } from '../lib/use-form.ts'
import { useResource } from '../lib/use-resource.ts'
import { answerHandover } from '../offline/writes.ts'
import type { Handover } from '../../../kernel/contract/cases.ts'

/**
 * Hand-overs of people who move (Law 120/2025, decision 0029): those to accept, overdue first, and the moves the
 * officer's communes sent. Read online (the phone keeps no copy yet); a commune officer's answer goes through the
 * outbox like every other write, so it is kept when the connection drops while answering.
 */
export default function Handovers() {
  const me = useMe()
  const actor = useActor()
  const { t } = useI18n()
  const province = me.province?.code ?? ''
  const [list, reload] = useResource(endpoint('GET /api/p/:province/handovers', { province }, { pending: 'true' }))
  const mine = new Set(me.communes.map((c) => c.code))
  const name = (code: string) => me.communes.find((c) => c.code === code)?.name ?? code
  if (list.status === 'loading') return <Loading />
  if (list.status === 'error') return <ErrorState error={list.error} onRetry={reload} />
  const rows = [...list.data.data].sort((a, b) => Number(b.due.overdue) - Number(a.due.overdue) || a.due.dueAt.localeCompare(b.due.dueAt))
  const incoming = rows.filter((h) => mine.size === 0 || mine.has(h.communeCode))
  const outgoing = rows.filter((h) => mine.size > 0 && !mine.has(h.communeCode))
  const mayAnswer = worksOffline(actor)
  return (
    <section>
      <h1>{t('handover.incoming')}</h1>
      {incoming.length === 0 && <Empty>{t('handover.none')}</Empty>}
      <ul class="list">
        {incoming.map((h) => (
          <HandoverItem key={h.id} handover={h} from={name(h.fromCommuneCode)} to={name(h.communeCode)} mayAnswer={mayAnswer} onAnswered={reload} />
        ))}
      </ul>
      {outgoing.length > 0 && (
        <>
          <h2>{t('handover.title')}</h2>
          <ul class="list">
            {outgoing.map((h) => (
              <HandoverItem key={h.id} handover={h} from={name(h.fromCommuneCode)} to={name(h.communeCode)} mayAnswer={false} onAnswered={reload} />
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
}: {
  handover: Handover
  from: string
  to: string
  mayAnswer: boolean
  onAnswered: () => void
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
        {h.due.overdue && <span class="badge badge--overdue"> {t('handover.overdue')}</span>}
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
