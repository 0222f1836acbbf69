import { useMemo } from 'preact/hooks'
import { vietnamToday } from '../../../kernel/calendar.ts'
import type { ModelRecord } from '../../../kernel/community-records.ts'
import { communityModelKinds } from '../../../kernel/vocabulary.ts'
import { useI18n } from '../i18n/i18n.tsx'
import { InvalidFields, useForm } from '../lib/use-form.ts'
import { Submit, TextArea, type Save } from './case-forms.tsx'
import { Field, SelectField } from './field.tsx'
import { ErrorState } from './states.tsx'

const num = (text: string) => (text.trim() === '' ? null : Number(text.trim().replace(/[.\s]/g, '')))

/** A model with its founding decision and helpers (officers and volunteers: one per line, "name; organisation; role"). */
export function ModelForm({ save, communes, onDone }: { save: Save; communes: { code: string; name: string }[]; onDone: () => void }) {
  const { t } = useI18n()
  const id = useMemo(() => crypto.randomUUID(), [])
  const form = useForm({
    kind: 'b93_club',
    communeCode: communes[0]?.code ?? '',
    name: '',
    number: '',
    date: vietnamToday(new Date()),
    signer: '',
    body: '',
    helpers: '',
  })
  const v = form.values
  const onSubmit = (e: Event) => {
    e.preventDefault()
    void form.submit(async () => {
      const lines = v.helpers
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean)
      const helpers = lines.map((line) => line.split(';').map((part) => part.trim()))
      if (helpers.some((parts) => parts.length !== 3 || parts.some((part) => !part))) throw new InvalidFields({ helpers: t('models.helpersError') })
      await save({
        id,
        communeCode: v.communeCode,
        kind: v.kind,
        name: v.name.trim(),
        decision: { number: v.number.trim(), date: v.date, signer: v.signer.trim(), signerRole: 'commune_chair', body: v.body.trim() },
        helpers: helpers.map(([name, organisation, role]) => ({ name, organisation, role })),
      })
      onDone()
    })
  }
  return (
    <form onSubmit={onSubmit} noValidate>
      <SelectField
        label={t('models.kind')}
        value={v.kind}
        onChange={form.set('kind')}
        error={form.errors.kind}
        options={communityModelKinds.map((k) => ({ value: k, label: t(`model.kind.${k}`) }))}
      />
      {communes.length > 1 && (
        <SelectField
          label={t('models.commune')}
          value={v.communeCode}
          onChange={form.set('communeCode')}
          error={form.errors.communeCode}
          options={communes.map((c) => ({ value: c.code, label: c.name }))}
        />
      )}
      <Field label={t('models.name')} value={v.name} onInput={form.set('name')} error={form.errors.name} />
      <Field label={t('models.decisionNumber')} value={v.number} onInput={form.set('number')} error={form.errors['decision.number']} />
      <Field label={t('models.decisionDate')} type="date" value={v.date} onInput={form.set('date')} error={form.errors['decision.date']} />
      <Field label={t('models.decisionSigner')} value={v.signer} onInput={form.set('signer')} error={form.errors['decision.signer']} />
      <Field label={t('models.decisionBody')} value={v.body} onInput={form.set('body')} error={form.errors['decision.body']} />
      <TextArea label={t('models.helpers')} value={v.helpers} onInput={form.set('helpers')} error={form.errors.helpers} />
      {form.failure !== null && <ErrorState error={form.failure} />}
      <Submit busy={form.busy} label={t('common.save')} />
    </form>
  )
}

/** A session of a model; a counselling point also counts its clients new and returning. */
export function SessionForm({ save, model, onDone }: { save: Save; model: ModelRecord; onDone: () => void }) {
  const { t } = useI18n()
  const id = useMemo(() => crypto.randomUUID(), [])
  const form = useForm({ heldOn: vietnamToday(new Date()), attendance: '', topic: '', clientsNew: '', clientsReturning: '', counselled: '', allowancesVnd: '' })
  const v = form.values
  const counselling = model.kind === 'counselling_point'
  const onSubmit = (e: Event) => {
    e.preventDefault()
    void form.submit(async () => {
      await save({
        id,
        heldOn: v.heldOn,
        attendance: num(v.attendance),
        ...(v.topic.trim() ? { topic: v.topic.trim() } : {}),
        ...(counselling ? { clientsNew: num(v.clientsNew), clientsReturning: num(v.clientsReturning), counselled: num(v.counselled) } : {}),
        ...(v.allowancesVnd.trim() ? { allowancesVnd: num(v.allowancesVnd) } : {}),
      })
      onDone()
    })
  }
  return (
    <form onSubmit={onSubmit} noValidate>
      <Field label={t('model.heldOn')} type="date" value={v.heldOn} onInput={form.set('heldOn')} error={form.errors.heldOn} />
      <Field label={t('model.attendance')} inputMode="numeric" value={v.attendance} onInput={form.set('attendance')} error={form.errors.attendance} />
      {counselling && (
        <>
          <Field label={t('model.clientsNew')} inputMode="numeric" value={v.clientsNew} onInput={form.set('clientsNew')} error={form.errors.clientsNew} />
          <Field
            label={t('model.clientsReturning')}
            inputMode="numeric"
            value={v.clientsReturning}
            onInput={form.set('clientsReturning')}
            error={form.errors.clientsReturning}
          />
          <Field label={t('model.counselled')} inputMode="numeric" value={v.counselled} onInput={form.set('counselled')} error={form.errors.counselled} />
        </>
      )}
      <Field label={`${t('model.topic')} ${t('common.optional')}`} value={v.topic} onInput={form.set('topic')} error={form.errors.topic} />
      <Field
        label={`${t('model.allowancesVnd')} ${t('common.optional')}`}
        inputMode="numeric"
        value={v.allowancesVnd}
        onInput={form.set('allowancesVnd')}
        error={form.errors.allowancesVnd}
      />
      {form.failure !== null && <ErrorState error={form.failure} />}
      <Submit busy={form.busy} label={t('common.save')} />
    </form>
  )
}

/** A person of the officer's scope joins the model. */
export function MemberForm({ save, people, onDone }: { save: Save; people: { id: string; fullName: string }[]; onDone: () => void }) {
  const { t } = useI18n()
  const id = useMemo(() => crypto.randomUUID(), [])
  const form = useForm({ personId: people[0]?.id ?? '', joinedOn: vietnamToday(new Date()) })
  const v = form.values
  const onSubmit = (e: Event) => {
    e.preventDefault()
    void form.submit(async () => {
      await save({ id, personId: v.personId, joinedOn: v.joinedOn })
      onDone()
    })
  }
  return (
    <form onSubmit={onSubmit} noValidate>
      <SelectField
        label={t('model.person')}
        value={v.personId}
        onChange={form.set('personId')}
        error={form.errors.personId}
        options={people.map((p) => ({ value: p.id, label: p.fullName }))}
      />
      <Field label={t('model.joinedOn')} type="date" value={v.joinedOn} onInput={form.set('joinedOn')} error={form.errors.joinedOn} />
      {form.failure !== null && <ErrorState error={form.failure} />}
      <Submit busy={form.busy} label={t('common.save')} />
    </form>
  )
}
