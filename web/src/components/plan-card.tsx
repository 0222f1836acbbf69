// What is saved of a plan, shown on the person's page: the working group, the law's five stages with their dates
// and done marks, each step's decision and who recorded it, and whether it may be completed yet.
import type { Plan, PlanTransitionView, TimelineEvent } from '../../../kernel/contract/cases.ts'
import type { CaseRules } from '../../../kernel/domain/case-rules.ts'
import { completionCheck, normalizeStages } from '../../../kernel/domain/plan-stages.ts'
import type { PlanStageRecord } from '../../../kernel/records.ts'
import { formatDate, useI18n, type MessageKey } from '../i18n/i18n.tsx'
import { isRequiredStage } from './case-forms.tsx'
import { DecisionLine } from './decision-fields.tsx'

const day = (value: string | null) => (value ? formatDate(value) : '…')

/** The earliest completion day and the required stages not done, for the day `on` (today, or the certificate's date). */
export function CompletionReadiness({ plan, rules, on }: { plan: Plan; rules: CaseRules; on: string }) {
  const { t } = useI18n()
  const check = completionCheck({ startedOn: plan.startDecisionOn ?? plan.startOn, stages: normalizeStages(plan.stages) }, on, rules.minRehabMonths)
  return (
    <div class="notice" role="status">
      <p>{t('plan.earliestCompletion', { date: formatDate(check.earliestOn) })}</p>
      {check.missing.length > 0 && <p>{t('plan.missingStages', { stages: check.missing.map((s) => t(`plan.stage.${s}` as MessageKey)).join('; ') })}</p>}
      {check.unmet.length === 0 && <p>{t('plan.readyToComplete')}</p>}
    </div>
  )
}

function StageItem({ stage, onEdit }: { stage: PlanStageRecord; onEdit?: (() => void) | undefined }) {
  const { t } = useI18n()
  return (
    <li>
      <strong>{t(`plan.stage.${stage.stage}` as MessageKey)}</strong> {isRequiredStage(stage.stage) && <span class="muted">{t('plan.stage.required')}</span>} ·{' '}
      <span class={stage.done ? 'badge badge--completed' : 'badge'}>{stage.done ? t('plan.stage.done') : t('plan.stage.notDone')}</span>
      {stage.done && stage.doneAt && <span class="muted"> {t('plan.stage.doneAt', { date: formatDate(stage.doneAt) })}</span>}
      {(stage.plannedStartOn || stage.plannedEndOn) && (
        <div class="muted">{t('plan.stage.planned', { from: day(stage.plannedStartOn), to: day(stage.plannedEndOn) })}</div>
      )}
      {(stage.actualStartOn || stage.actualEndOn) && (
        <div class="muted">{t('plan.stage.actual', { from: day(stage.actualStartOn), to: day(stage.actualEndOn) })}</div>
      )}
      {stage.activities.length > 0 && <div class="muted">{stage.activities.join('; ')}</div>}
      {onEdit && (
        <button type="button" onClick={onEdit} aria-label={`${t('plan.stage.edit')}: ${t(`plan.stage.${stage.stage}` as MessageKey)}`}>
          {t('plan.stage.edit')}
        </button>
      )}
    </li>
  )
}

/** Who recorded a step, by name: the person's timeline names them (a plan record carries the user id only). */
function recorderOf(tr: PlanTransitionView, planId: string, events: readonly TimelineEvent[]): string | null {
  const event = events.find((e) => e.kind === 'plan_status' && e.refId === planId && e.at === tr.at && e.summary.to === tr.to)
  return typeof event?.summary.byName === 'string' ? event.summary.byName : null
}

export function PlanDetails({
  plan,
  events,
  onEditStage,
}: {
  plan: Plan & { transitions?: PlanTransitionView[] }
  events: readonly TimelineEvent[]
  onEditStage?: ((stage: PlanStageRecord) => void) | undefined
}) {
  const { t } = useI18n()
  const decided = (plan.transitions ?? []).filter((tr) => tr.decision)
  return (
    <>
      <h3>{t('plan.members')}</h3>
      <ul>
        {plan.members.map((m) => (
          <li key={`${m.name}-${m.role}`}>
            {m.name} · {m.role}
          </li>
        ))}
      </ul>
      <h3>{t('plan.stages')}</h3>
      <ol class="stages">
        {normalizeStages(plan.stages).map((stage) => (
          <StageItem key={stage.stage} stage={stage} onEdit={onEditStage ? () => onEditStage(stage) : undefined} />
        ))}
      </ol>
      {decided.length > 0 && (
        <>
          <h3>{t('plan.decisions')}</h3>
          <ul class="decisions">
            {decided.map((tr) => {
              const name = recorderOf(tr, plan.id, events)
              return (
                <li key={`${tr.to}-${tr.at}`}>
                  <strong>{tr.to === 'completed' ? t('plan.certificate') : t(`plan.${tr.to}` as MessageKey)}</strong>: <DecisionLine decision={tr.decision!} />
                  {name && <span class="muted"> · {t('decision.recordedBy', { name })}</span>}
                </li>
              )
            })}
          </ul>
        </>
      )}
    </>
  )
}
