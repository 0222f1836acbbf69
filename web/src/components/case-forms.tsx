import { useId, useMemo } from 'preact/hooks'
import { useI18n, type MessageKey } from '../i18n/i18n.tsx'
import type { Person, Plan } from '../../../kernel/contract/cases.ts'
import { DEFAULT_CASE_RULES, type CaseRules } from '../../../kernel/domain/case-rules.ts'
import { REQUIRED_STAGES } from '../../../kernel/domain/plan-stages.ts'
import { needsDecision, reasonsFor } from '../../../kernel/domain/plan-status.ts'
import type { PlanStageRecord } from '../../../kernel/records.ts'
import { planStages, type PlanStatus } from '../../../kernel/vocabulary.ts'
import { vietnamToday } from '../../../kernel/calendar.ts'
import { InvalidFields, useForm } from '../lib/use-form.ts'
import { DecisionFields, decisionDefaults, decisionOf } from './decision-fields.tsx'
import { Field, SelectField } from './field.tsx'
import { ErrorState } from './states.tsx'

const STAGES = planStages

/**
 * Where a form's body goes: for a commune officer, the offline outbox (web/src/offline/writes.ts), which answers
 * a refusal the way the API does, so each message lands next to its field. Creates carry the form's own `id`.
 */
export type Save = (body: Record<string, unknown>) => Promise<void>

export function Submit({ busy, label }: { busy: boolean; label: string }) {
  return (
    <button type="submit" class="primary" disabled={busy}>
      {label}
    </button>
  )
}

export function TextArea({ label, value, onInput, error }: { label: string; value: string; onInput: (e: Event) => void; error?: string | undefined }) {
  const id = useId()
  return (
    <div class={`field${error ? ' field--error' : ''}`}>
      <label for={id}>{label}</label>
      <textarea
        id={id}
        rows={3}
        value={value}
        onInput={onInput}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {error && (
        <p class="field__error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  )
}

/** A new rehab plan: form, dates (6–12 months, checked by the server too), the member in charge, stages. */
export function PlanForm({ save, onDone }: { save: Save; onDone: () => void }) {
  const { t } = useI18n()
  const id = useMemo(() => crypto.randomUUID(), [])
  const today = vietnamToday(new Date())
  const form = useForm({
    form: 'family',
    registeredOn: today,
    startOn: today,
    plannedEndOn: '',
    member: '',
    memberRole: '',
    ...Object.fromEntries(STAGES.map((s) => [s, ''])),
  } as Record<string, string>)
  const v = form.values
  const onSubmit = (e: Event) => {
    e.preventDefault()
    void form.submit(async () => {
      const stages = STAGES.filter((s) => v[s]!.trim()).map((stage) => ({
        stage,
        activities: v[stage]!.split('\n')
          .map((a) => a.trim())
          .filter(Boolean),
      }))
      await save({
        id,
        form: v.form,
        registeredOn: v.registeredOn,
        startOn: v.startOn,
        plannedEndOn: v.plannedEndOn,
        members: [{ name: v.member, role: v.memberRole }],
        stages,
      })
      onDone()
    })
  }
  return (
    <form onSubmit={onSubmit} noValidate>
      <SelectField
        label={t('plan.form')}
        value={v.form!}
        onChange={form.set('form')}
        error={form.errors.form}
        options={[
          { value: 'family', label: t('plan.form.family') },
          { value: 'community', label: t('plan.form.community') },
        ]}
      />
      <Field label={t('plan.registeredOn')} type="date" value={v.registeredOn!} onInput={form.set('registeredOn')} error={form.errors.registeredOn} />
      <Field label={t('plan.startOn')} type="date" value={v.startOn!} onInput={form.set('startOn')} error={form.errors.startOn} />
      <Field label={t('plan.plannedEndOn')} type="date" value={v.plannedEndOn!} onInput={form.set('plannedEndOn')} error={form.errors.plannedEndOn} />
      <Field label={t('plan.member')} value={v.member!} onInput={form.set('member')} error={form.errors['members.0.name'] ?? form.errors.members} />
      <Field label={t('plan.memberRole')} value={v.memberRole!} onInput={form.set('memberRole')} error={form.errors['members.0.role']} />
      <fieldset class="picker">
        <legend>{t('plan.stages')}</legend>
        {STAGES.map((s) => (
          <TextArea key={s} label={`${t(`plan.stage.${s}` as MessageKey)} — ${t('plan.activities')}`} value={v[s]!} onInput={form.set(s)} />
        ))}
      </fieldset>
      {form.failure !== null && <ErrorState error={form.failure} />}
      <Submit busy={form.busy} label={t('common.save')} />
    </form>
  )
}

/** The heading of a step's decision: the chair's decision on voluntary rehab for the start, the step's otherwise. */
const DECISION_LEGEND: Partial<Record<PlanStatus, MessageKey>> = {
  active: 'plan.activate',
  suspended: 'plan.suspend',
  terminated: 'plan.terminate',
  transferred: 'plan.transfer',
}

/**
 * One status change of a plan, with its reason when the law asks for one (termination: the reasons the
 * province enabled) and the decision it rests on (plan-status.ts needsDecision).
 */
export function TransitionForm({
  save,
  plan,
  to,
  onDone,
  rules = DEFAULT_CASE_RULES,
}: {
  save: Save
  plan: Plan
  to: PlanStatus
  onDone: () => void
  rules?: CaseRules
}) {
  const { t } = useI18n()
  const reasons = reasonsFor(to, rules.terminationReasons)
  const withDecision = needsDecision(plan.status, to)
  const form = useForm({ reason: reasons?.[0] ?? '', note: '', ...decisionDefaults('decision', vietnamToday(new Date())) } as Record<string, string>)
  const v = form.values
  const onSubmit = (e: Event) => {
    e.preventDefault()
    void form.submit(async () => {
      await save({
        to,
        version: plan.version,
        ...(reasons ? { reason: v.reason } : {}),
        ...(v.note!.trim() ? { note: v.note!.trim() } : {}),
        ...(withDecision ? { decision: decisionOf(v, 'decision') } : {}),
      })
      onDone()
    })
  }
  return (
    <form onSubmit={onSubmit} noValidate>
      {reasons && (
        <SelectField
          label={t('plan.reason')}
          value={v.reason!}
          onChange={form.set('reason')}
          error={form.errors.reason}
          options={reasons.map((r) => ({ value: r, label: t(`plan.reason.${r}` as MessageKey) }))}
        />
      )}
      {withDecision && (
        <DecisionFields
          legend={`${t('decision.legend')}: ${t(DECISION_LEGEND[to] ?? 'plan.decisions')}`}
          prefix="decision"
          values={v}
          set={form.set}
          errors={form.errors}
        />
      )}
      <TextArea label={`${t('plan.note')} ${t('common.optional')}`} value={v.note!} onInput={form.set('note')} error={form.errors.note} />
      {form.failure !== null && <ErrorState error={form.failure} />}
      <Submit busy={form.busy} label={t('common.save')} />
    </form>
  )
}

export function ReviewForm({ save, onDone }: { save: Save; onDone: () => void }) {
  const { t } = useI18n()
  const id = useMemo(() => crypto.randomUUID(), [])
  // Presence, the test result and the risk start unchosen: a default would let one careless tap record a false negative.
  const form = useForm({
    reviewedOn: vietnamToday(new Date()),
    attended: '',
    drugTest: '',
    substance: '',
    counsellingNotes: '',
    employed: false,
    riskLevel: '',
  } as Record<string, string | boolean>)
  const v = form.values
  const onSubmit = (e: Event) => {
    e.preventDefault()
    void form.submit(async () => {
      const unchosen = (['attended', 'drugTest', 'riskLevel'] as const).filter((field) => v[field] === '')
      if (unchosen.length > 0) throw new InvalidFields(Object.fromEntries(unchosen.map((field) => [field, t(`review.choose.${field}`)])))
      await save({
        id,
        reviewedOn: v.reviewedOn,
        attended: v.attended === 'yes',
        drugTest: v.drugTest,
        riskLevel: v.riskLevel,
        employed: v.employed,
        ...(v.drugTest === 'positive' ? { substance: v.substance } : {}),
        ...(String(v.counsellingNotes).trim() ? { counsellingNotes: v.counsellingNotes } : {}),
      })
      onDone()
    })
  }
  return (
    <form onSubmit={onSubmit} noValidate>
      <Field label={t('review.date')} type="date" value={String(v.reviewedOn)} onInput={form.set('reviewedOn')} error={form.errors.reviewedOn} />
      <SelectField
        label={t('review.attended')}
        value={String(v.attended)}
        onChange={form.set('attended')}
        error={form.errors.attended}
        placeholder={t('common.choose')}
        required
        options={[
          { value: 'yes', label: t('review.attended.yes') },
          { value: 'no', label: t('review.attended.no') },
        ]}
      />
      <SelectField
        label={t('review.drugTest')}
        value={String(v.drugTest)}
        onChange={form.set('drugTest')}
        error={form.errors.drugTest}
        placeholder={t('common.choose')}
        required
        options={(['negative', 'positive', 'refused', 'not_done'] as const).map((r) => ({ value: r, label: t(`review.test.${r}`) }))}
      />
      {v.drugTest === 'positive' && (
        <Field label={t('review.substance')} value={String(v.substance)} onInput={form.set('substance')} error={form.errors.substance} />
      )}
      <TextArea
        label={`${t('review.notes')} ${t('common.optional')}`}
        value={String(v.counsellingNotes)}
        onInput={form.set('counsellingNotes')}
        error={form.errors.counsellingNotes}
      />
      <label class="check">
        <input type="checkbox" checked={Boolean(v.employed)} onChange={form.set('employed')} /> {t('review.employed')}
      </label>
      <SelectField
        label={t('review.risk')}
        value={String(v.riskLevel)}
        onChange={form.set('riskLevel')}
        error={form.errors.riskLevel}
        placeholder={t('common.choose')}
        required
        options={(['low', 'medium', 'high'] as const).map((r) => ({ value: r, label: t(`review.risk.${r}`) }))}
      />
      {form.failure !== null && <ErrorState error={form.failure} />}
      <Submit busy={form.busy} label={t('common.save')} />
    </form>
  )
}

/** One stage of a plan: its planned and actual dates, activities and done mark (the plan's version is added by the save). */
export function StageForm({ save, stage, onDone }: { save: Save; stage: PlanStageRecord; onDone: () => void }) {
  const { t } = useI18n()
  const form = useForm({
    plannedStartOn: stage.plannedStartOn ?? '',
    plannedEndOn: stage.plannedEndOn ?? '',
    actualStartOn: stage.actualStartOn ?? '',
    actualEndOn: stage.actualEndOn ?? '',
    activities: stage.activities.join('\n'),
    done: stage.done,
  } as Record<string, string | boolean>)
  const v = form.values
  const day = (key: string) => (String(v[key]).trim() === '' ? null : String(v[key]))
  const onSubmit = (e: Event) => {
    e.preventDefault()
    void form.submit(async () => {
      await save({
        stage: stage.stage,
        plannedStartOn: day('plannedStartOn'),
        plannedEndOn: day('plannedEndOn'),
        actualStartOn: day('actualStartOn'),
        actualEndOn: day('actualEndOn'),
        activities: String(v.activities)
          .split('\n')
          .map((a) => a.trim())
          .filter(Boolean),
        done: Boolean(v.done),
      })
      onDone()
    })
  }
  const dateField = (key: 'plannedStartOn' | 'plannedEndOn' | 'actualStartOn' | 'actualEndOn') => (
    <Field label={t(`plan.stage.${key}`)} type="date" value={String(v[key])} onInput={form.set(key)} error={form.errors[key]} />
  )
  return (
    <form onSubmit={onSubmit} noValidate>
      {dateField('plannedStartOn')}
      {dateField('plannedEndOn')}
      {dateField('actualStartOn')}
      {dateField('actualEndOn')}
      <TextArea label={t('plan.activities')} value={String(v.activities)} onInput={form.set('activities')} error={form.errors.activities} />
      <label class="check">
        <input type="checkbox" checked={Boolean(v.done)} onChange={form.set('done')} /> {t('plan.stage.doneMark')}
      </label>
      {form.errors.done && <p class="field__error">{form.errors.done}</p>}
      {form.failure !== null && <ErrorState error={form.failure} />}
      <Submit busy={form.busy} label={t('common.save')} />
    </form>
  )
}

/** Whether a stage is one completion needs. */
export const isRequiredStage = (stage: string) => (REQUIRED_STAGES as readonly string[]).includes(stage)

/** The details an officer keeps up to date on the spot: address, phone, notes (an update based on `version`). */
export function PersonDetailsForm({ person, save, onDone }: { person: Person; save: Save; onDone: () => void }) {
  const { t } = useI18n()
  const form = useForm({ addressDetail: person.addressDetail ?? '', phone: person.phone ?? '', notes: person.notes ?? '' })
  const v = form.values
  const onSubmit = (e: Event) => {
    e.preventDefault()
    void form.submit(async () => {
      // Only what changed goes out: a field left alone cannot conflict with someone else's change to it.
      const changed = Object.fromEntries(
        (['addressDetail', 'phone', 'notes'] as const).filter((f) => v[f].trim() !== (person[f] ?? '')).map((f) => [f, v[f].trim() || null]),
      )
      if (Object.keys(changed).length > 0) await save(changed)
      onDone()
    })
  }
  return (
    <form onSubmit={onSubmit} noValidate>
      <Field
        label={`${t('person.address')} ${t('common.optional')}`}
        value={v.addressDetail}
        onInput={form.set('addressDetail')}
        error={form.errors.addressDetail}
      />
      <Field label={`${t('person.phone')} ${t('common.optional')}`} value={v.phone} onInput={form.set('phone')} error={form.errors.phone} />
      <TextArea label={`${t('person.notes')} ${t('common.optional')}`} value={v.notes} onInput={form.set('notes')} error={form.errors.notes} />
      {form.failure !== null && <ErrorState error={form.failure} />}
      <Submit busy={form.busy} label={t('common.save')} />
    </form>
  )
}
