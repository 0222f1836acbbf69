import { useMemo } from 'preact/hooks'
import { vietnamToday } from '../../../kernel/calendar.ts'
import { useI18n } from '../i18n/i18n.tsx'
import { useForm } from '../lib/use-form.ts'
import { Submit, TextArea, type Save } from './case-forms.tsx'
import { Field, SelectField } from './field.tsx'
import { ErrorState } from './states.tsx'

/**
 * The sending commune records a move (Law 120/2025, decision 0029): the destination commune's code (and the
 * province's, when it is another one), the day, a note that stays in this province. Queued like every write.
 */
export function MoveForm({ save, onDone }: { save: Save; onDone: () => void }) {
  const { t } = useI18n()
  const id = useMemo(() => crypto.randomUUID(), [])
  const form = useForm({ toCommuneCode: '', toProvinceCode: '', movedOn: vietnamToday(new Date()), note: '' })
  const v = form.values
  const onSubmit = (e: Event) => {
    e.preventDefault()
    void form.submit(async () => {
      await save({
        id,
        toCommuneCode: v.toCommuneCode.trim(),
        ...(v.toProvinceCode.trim() ? { toProvinceCode: v.toProvinceCode.trim() } : {}),
        movedOn: v.movedOn,
        ...(v.note.trim() ? { note: v.note.trim() } : {}),
      })
      onDone()
    })
  }
  return (
    <form onSubmit={onSubmit} noValidate>
      <Field
        label={t('handover.toCommune')}
        required
        inputMode="numeric"
        value={v.toCommuneCode}
        onInput={form.set('toCommuneCode')}
        error={form.errors.toCommuneCode}
      />
      <Field
        label={`${t('handover.toProvince')} ${t('common.optional')}`}
        inputMode="numeric"
        value={v.toProvinceCode}
        onInput={form.set('toProvinceCode')}
        error={form.errors.toProvinceCode}
      />
      <Field label={t('handover.movedOn')} type="date" required value={v.movedOn} onInput={form.set('movedOn')} error={form.errors.movedOn} />
      <TextArea label={`${t('handover.note')} ${t('common.optional')}`} value={v.note} onInput={form.set('note')} error={form.errors.note} />
      {form.failure !== null && <ErrorState error={form.failure} />}
      <Submit busy={form.busy} label={t('common.save')} />
    </form>
  )
}

const CONTEXTS = ['community_rehab', 'substitution', 'post_rehab'] as const

/**
 * The commune police chief's order of electronic monitoring (Law 120/2025): its context, start and the order
 * itself. The signer's role is the police chief's by law, so it is not asked. Queued like every write.
 */
export function MonitoringForm({ save, onDone }: { save: Save; onDone: () => void }) {
  const { t } = useI18n()
  const id = useMemo(() => crypto.randomUUID(), [])
  const today = vietnamToday(new Date())
  const form = useForm({ context: 'community_rehab', startOn: today, number: '', date: today, signer: '', body: '' })
  const v = form.values
  const onSubmit = (e: Event) => {
    e.preventDefault()
    void form.submit(async () => {
      await save({
        id,
        context: v.context,
        startOn: v.startOn,
        decision: { number: v.number.trim(), date: v.date, signer: v.signer.trim(), signerRole: 'commune_police_chief', body: v.body.trim() },
      })
      onDone()
    })
  }
  return (
    <form onSubmit={onSubmit} noValidate>
      <SelectField
        label={t('monitoring.context')}
        value={v.context}
        onChange={form.set('context')}
        error={form.errors.context}
        options={CONTEXTS.map((c) => ({ value: c, label: t(`monitoring.context.${c}`) }))}
      />
      <Field label={t('monitoring.startOn')} type="date" required value={v.startOn} onInput={form.set('startOn')} error={form.errors.startOn} />
      <Field label={t('monitoring.number')} required value={v.number} onInput={form.set('number')} error={form.errors['decision.number']} />
      <Field label={t('monitoring.date')} type="date" required value={v.date} onInput={form.set('date')} error={form.errors['decision.date']} />
      <Field label={t('monitoring.signer')} required value={v.signer} onInput={form.set('signer')} error={form.errors['decision.signer']} />
      <Field label={t('monitoring.body')} required value={v.body} onInput={form.set('body')} error={form.errors['decision.body']} />
      {form.failure !== null && <ErrorState error={form.failure} />}
      <Submit busy={form.busy} label={t('common.save')} />
    </form>
  )
}
