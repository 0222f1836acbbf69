import { useMemo } from 'preact/hooks'
import { useI18n } from '../i18n/i18n.tsx'
import type { Plan } from '../../../kernel/contract/cases.ts'
import { DEFAULT_CASE_RULES, type CaseRules } from '../../../kernel/domain/case-rules.ts'
import { vietnamToday } from '../../../kernel/calendar.ts'
import { useForm } from '../lib/use-form.ts'
import { Submit, TextArea, type Save } from './case-forms.tsx'
import { DecisionFields, decisionDefaults, decisionOf } from './decision-fields.tsx'
import { CompletionReadiness } from './plan-card.tsx'
import { Field, SelectField } from './field.tsx'
import { ErrorState } from './states.tsx'

const SUPPORT_MODELS = ['b93_club', 'five_plus_one', 'volunteers', 'other'] as const
const SUPPORT_KINDS = ['vocational_training', 'job_placement', 'preferential_loan', 'health_insurance', 'counselling'] as const

/**
 * The completion certificate (a decision: its date is the completion date) closes the plan, once the minimum
 * duration has passed and the required stages are done (shown before the officer tries). Where the province opens
 * post-rehab management after voluntary rehab, it opens with the chair's decision; the form makes that record's id
 * (`postRehabId`) once, so a phone offline can record contacts and a relapse of it before the server has answered.
 */
export function CompleteForm({ save, plan, onDone, rules = DEFAULT_CASE_RULES }: { save: Save; plan: Plan; onDone: () => void; rules?: CaseRules }) {
  const { t } = useI18n()
  const postRehabId = useMemo(() => crypto.randomUUID(), [])
  const today = vietnamToday(new Date())
  const opens = rules.postRehabAfterVoluntary
  const form = useForm({
    ...decisionDefaults('decision', today),
    ...decisionDefaults('openDecision', today),
    supportModel: 'b93_club',
    supporterName: '',
  } as Record<string, string>)
  const v = form.values
  const onSubmit = (e: Event) => {
    e.preventDefault()
    void form.submit(async () => {
      await save({
        version: plan.version,
        decision: decisionOf(v, 'decision'),
        ...(opens ? { postRehabId, supportModel: v.supportModel, supporterName: v.supporterName, openDecision: decisionOf(v, 'openDecision') } : {}),
      })
      onDone()
    })
  }
  return (
    <form onSubmit={onSubmit} noValidate>
      <CompletionReadiness plan={plan} rules={rules} on={String(v['decision.date'] || today)} />
      <DecisionFields legend={t('plan.certificate')} prefix="decision" values={v} set={form.set} errors={form.errors} />
      {opens ? (
        <fieldset class="picker">
          <legend>{t('plan.postRehabOpens')}</legend>
          <SelectField
            label={t('plan.supportModel')}
            value={v.supportModel!}
            onChange={form.set('supportModel')}
            error={form.errors.supportModel}
            options={SUPPORT_MODELS.map((m) => ({ value: m, label: t(`plan.model.${m}`) }))}
          />
          <Field label={t('plan.supporter')} value={v.supporterName!} onInput={form.set('supporterName')} error={form.errors.supporterName} />
          <DecisionFields legend={t('decision.legend')} prefix="openDecision" values={v} set={form.set} errors={form.errors} />
        </fieldset>
      ) : (
        <p class="muted">{t('plan.noPostRehab')}</p>
      )}
      {form.failure !== null && <ErrorState error={form.failure} />}
      <Submit busy={form.busy} label={t('plan.complete')} />
    </form>
  )
}

export function FollowUpForm({ save, onDone }: { save: Save; onDone: () => void }) {
  const { t } = useI18n()
  const id = useMemo(() => crypto.randomUUID(), [])
  const form = useForm({ contactedOn: vietnamToday(new Date()), method: 'visit', notes: '', employed: '' })
  const onSubmit = (e: Event) => {
    e.preventDefault()
    void form.submit(async () => {
      await save({
        id,
        contactedOn: form.values.contactedOn,
        method: form.values.method,
        ...(form.values.notes.trim() ? { notes: form.values.notes } : {}),
        // Counted in the reports' employment with the plan reviews' (decision 0034); left out when not asked.
        ...(form.values.employed ? { employed: form.values.employed === 'yes' } : {}),
      })
      onDone()
    })
  }
  return (
    <form onSubmit={onSubmit} noValidate>
      <Field label={t('followUp.date')} type="date" value={form.values.contactedOn} onInput={form.set('contactedOn')} error={form.errors.contactedOn} />
      <SelectField
        label={t('followUp.method')}
        value={form.values.method}
        onChange={form.set('method')}
        options={(['visit', 'phone', 'meeting'] as const).map((m) => ({ value: m, label: t(`followUp.${m}`) }))}
      />
      <SelectField
        label={t('followUp.employed')}
        value={form.values.employed}
        onChange={form.set('employed')}
        options={[
          { value: '', label: t('followUp.employedUnknown') },
          { value: 'yes', label: t('followUp.employedYes') },
          { value: 'no', label: t('followUp.employedNo') },
        ]}
      />
      <TextArea label={`${t('person.notes')} ${t('common.optional')}`} value={form.values.notes} onInput={form.set('notes')} error={form.errors.notes} />
      {form.failure !== null && <ErrorState error={form.failure} />}
      <Submit busy={form.busy} label={t('common.save')} />
    </form>
  )
}

/** A relapse ends post-rehab management (the record's version is added by the save). */
export function RelapseForm({ save, onDone }: { save: Save; onDone: () => void }) {
  const { t } = useI18n()
  const form = useForm({ relapseOn: vietnamToday(new Date()), note: '' })
  const onSubmit = (e: Event) => {
    e.preventDefault()
    void form.submit(async () => {
      await save({ relapseOn: form.values.relapseOn, ...(form.values.note.trim() ? { note: form.values.note.trim() } : {}) })
      onDone()
    })
  }
  return (
    <form onSubmit={onSubmit} noValidate>
      <Field label={t('postRehab.relapseOn')} type="date" value={form.values.relapseOn} onInput={form.set('relapseOn')} error={form.errors.relapseOn} />
      <TextArea label={`${t('plan.note')} ${t('common.optional')}`} value={form.values.note} onInput={form.set('note')} error={form.errors.note} />
      {form.failure !== null && <ErrorState error={form.failure} />}
      <Submit busy={form.busy} label={t('common.save')} />
    </form>
  )
}

/** "20.000.000" or "20000000" → 20000000; anything else goes as typed, and the check names the field. */
const amountOf = (text: string): number | string | null =>
  text.trim() === '' ? null : /^\d{1,3}([.\s]?\d{3})*$/.test(text.trim()) ? Number(text.replace(/\D/g, '')) : text.trim()

/** Support given to the person; a preferential loan with its amount. */
export function SupportForm({ save, onDone }: { save: Save; onDone: () => void }) {
  const { t } = useI18n()
  const id = useMemo(() => crypto.randomUUID(), [])
  const form = useForm({ kind: 'vocational_training', givenOn: vietnamToday(new Date()), amountVnd: '', note: '' })
  const v = form.values
  const isLoan = v.kind === 'preferential_loan'
  const onSubmit = (e: Event) => {
    e.preventDefault()
    void form.submit(async () => {
      await save({
        id,
        kind: v.kind,
        givenOn: v.givenOn,
        ...(isLoan ? { amountVnd: amountOf(v.amountVnd) } : {}),
        ...(v.note.trim() ? { note: v.note.trim() } : {}),
      })
      onDone()
    })
  }
  return (
    <form onSubmit={onSubmit} noValidate>
      <SelectField
        label={t('support.kind')}
        value={v.kind}
        onChange={form.set('kind')}
        error={form.errors.kind}
        options={SUPPORT_KINDS.map((k) => ({ value: k, label: t(`support.kind.${k}`) }))}
      />
      <Field label={t('support.givenOn')} type="date" value={v.givenOn} onInput={form.set('givenOn')} error={form.errors.givenOn} />
      {isLoan && <Field label={t('support.amount')} inputMode="numeric" value={v.amountVnd} onInput={form.set('amountVnd')} error={form.errors.amountVnd} />}
      <TextArea label={`${t('plan.note')} ${t('common.optional')}`} value={v.note} onInput={form.set('note')} error={form.errors.note} />
      {form.failure !== null && <ErrorState error={form.failure} />}
      <Submit busy={form.busy} label={t('common.save')} />
    </form>
  )
}
