import { useMemo } from 'preact/hooks'
import { vietnamToday } from '../../../kernel/calendar.ts'
import type { ActivityRecord } from '../../../kernel/community-records.ts'
import { ACTIVITY_RULES } from '../../../kernel/domain/activity-rules.ts'
import { activityKinds, activityOrganisers, traineeGroups, type ActivityKind } from '../../../kernel/vocabulary.ts'
import { useI18n, type MessageKey } from '../i18n/i18n.tsx'
import { useForm } from '../lib/use-form.ts'
import { Submit, type Save } from './case-forms.tsx'
import { Field, SelectField } from './field.tsx'
import { ErrorState } from './states.tsx'

const num = (text: string) => (text.trim() === '' ? null : Number(text.trim().replace(/[.\s]/g, '')))
const str = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n))

/**
 * One line of the activity log. Only the counts its kind takes are shown (kernel/domain/activity-rules.ts); a
 * tip from the public has no text field at all, so nothing invites writing down who gave it (decision 0033).
 */
export function ActivityForm({
  save,
  communes,
  current,
  onDone,
}: {
  save: Save
  communes: { code: string; name: string }[]
  current?: ActivityRecord
  onDone: () => void
}) {
  const { t } = useI18n()
  const id = useMemo(() => crypto.randomUUID(), [])
  const form = useForm({
    kind: current?.kind ?? 'awareness_session',
    communeCode: current?.communeCode ?? communes[0]?.code ?? '',
    heldOn: current?.heldOn ?? vietnamToday(new Date()),
    organiser: current?.organiser ?? 'commune',
    count: current ? String(current.count) : '1',
    participants: str(current?.participants),
    traineeGroup: current?.traineeGroup ?? 'commune_officials',
    casesOpened: str(current?.casesOpened),
    valueVnd: str(current?.valueVnd),
    topic: current?.topic ?? '',
  })
  const v = form.values
  const kind = v.kind as ActivityKind
  const rule = ACTIVITY_RULES[kind]
  const takes = (field: 'participants' | 'traineeGroup' | 'casesOpened' | 'valueVnd' | 'topic') => rule[field] !== 'none'
  const onSubmit = (e: Event) => {
    e.preventDefault()
    void form.submit(async () => {
      // The counts a kind does not take are sent empty: changing a line's kind clears them.
      const body: Record<string, unknown> = {
        kind,
        heldOn: v.heldOn,
        organiser: v.organiser,
        count: num(v.count),
        participants: takes('participants') ? num(v.participants) : null,
        traineeGroup: takes('traineeGroup') ? v.traineeGroup : null,
        casesOpened: takes('casesOpened') ? num(v.casesOpened) : null,
        valueVnd: takes('valueVnd') ? num(v.valueVnd) : null,
        topic: takes('topic') && v.topic.trim() ? v.topic.trim() : null,
      }
      await save(current ? body : { id, communeCode: v.communeCode, ...body })
      onDone()
    })
  }
  return (
    <form onSubmit={onSubmit} noValidate>
      <SelectField
        label={t('activities.kind')}
        value={v.kind}
        onChange={form.set('kind')}
        error={form.errors.kind}
        options={activityKinds.map((k) => ({ value: k, label: t(`activity.kind.${k}`) }))}
      />
      {!current && communes.length > 1 && (
        <SelectField
          label={t('activities.commune')}
          value={v.communeCode}
          onChange={form.set('communeCode')}
          error={form.errors.communeCode}
          options={communes.map((c) => ({ value: c.code, label: c.name }))}
        />
      )}
      <Field label={t('activities.heldOn')} type="date" value={v.heldOn} onInput={form.set('heldOn')} error={form.errors.heldOn} />
      <SelectField
        label={t('activities.organiser')}
        value={v.organiser}
        onChange={form.set('organiser')}
        error={form.errors.organiser}
        options={activityOrganisers.map((o) => ({ value: o, label: t(`activity.organiser.${o}`) }))}
      />
      <Field
        label={t(`activity.count.${rule.counts}` as MessageKey)}
        inputMode="numeric"
        value={v.count}
        onInput={form.set('count')}
        error={form.errors.count}
      />
      {takes('participants') && (
        <Field
          label={`${t(kind === 'training' ? 'activities.trainees' : 'activities.participants')}${rule.participants === 'optional' ? ` ${t('common.optional')}` : ''}`}
          inputMode="numeric"
          value={v.participants}
          onInput={form.set('participants')}
          error={form.errors.participants}
        />
      )}
      {takes('traineeGroup') && (
        <SelectField
          label={t('activities.traineeGroup')}
          value={v.traineeGroup}
          onChange={form.set('traineeGroup')}
          error={form.errors.traineeGroup}
          options={traineeGroups.map((g) => ({ value: g, label: t(`activity.traineeGroup.${g}`) }))}
        />
      )}
      {takes('casesOpened') && (
        <Field
          label={t('activities.casesOpened')}
          inputMode="numeric"
          value={v.casesOpened}
          onInput={form.set('casesOpened')}
          error={form.errors.casesOpened}
          hint={t('activities.tipsNote')}
        />
      )}
      {takes('valueVnd') && (
        <Field
          label={`${t('activities.valueVnd')} ${t('common.optional')}`}
          inputMode="numeric"
          value={v.valueVnd}
          onInput={form.set('valueVnd')}
          error={form.errors.valueVnd}
        />
      )}
      {takes('topic') && (
        <Field label={`${t('activities.topic')} ${t('common.optional')}`} value={v.topic} onInput={form.set('topic')} error={form.errors.topic} />
      )}
      {form.failure !== null && <ErrorState error={form.failure} />}
      <Submit busy={form.busy} label={t('common.save')} />
    </form>
  )
}
