import { useMemo } from 'preact/hooks'
import { vietnamToday } from '../../../kernel/calendar.ts'
import { useI18n } from '../i18n/i18n.tsx'
import { useForm } from '../lib/use-form.ts'
import { Submit, TextArea, type Save } from './case-forms.tsx'
import { Field } from './field.tsx'
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
