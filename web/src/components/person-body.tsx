import type { ComponentChildren } from 'preact'
import { useEffect, useState } from 'preact/hooks'
import type { Save } from './case-forms.tsx'
import { DecisionLine } from './decision-line.tsx'
import type { PersonDialogs } from './person-dialogs.tsx'
import { CompletionReadiness, PlanDetails } from './plan-card.tsx'
import { DEFAULT_CASE_RULES, type CaseRules } from '../../../kernel/domain/case-rules.ts'
import { vietnamToday } from '../../../kernel/calendar.ts'
import type { PlanStageRecord } from '../../../kernel/records.ts'
import { isOpen } from '../../../kernel/domain/plan-status.ts'
import { isMinorOn } from '../../../kernel/domain/minor.ts'
import { formatDate, useI18n, type MessageKey } from '../i18n/i18n.tsx'
import type { Person, Plan, PostRehabRecordView, TimelineEvent } from '../../../kernel/contract/cases.ts'
import type { PlanStatus } from '../../../kernel/vocabulary.ts'

export type Panel =
  | { kind: 'plan' }
  | { kind: 'move'; to: PlanStatus }
  | { kind: 'complete' }
  | { kind: 'review' }
  | { kind: 'followUp' }
  | { kind: 'relapse' }
  | { kind: 'support' }
  | { kind: 'details' }
  | { kind: 'handover' }
  | { kind: 'monitoring' }
  | { kind: 'stage'; stage: PlanStageRecord }
  | null

const MOVE_LABEL: Record<PlanStatus, MessageKey> = {
  draft: 'plan.draft',
  active: 'plan.activate',
  suspended: 'plan.suspend',
  completed: 'plan.complete',
  terminated: 'plan.terminate',
  transferred: 'plan.transfer',
}

/** What a commune officer can do on the page; absent for read-only roles. */
export interface PersonActions {
  createPlan: Save
  transition(plan: Plan): Save
  complete(plan: Plan): Save
  updateStage(plan: Plan): Save
  createReview: Save
  createFollowUp(recordId: string): Save
  recordRelapse(recordId: string): Save
  addSupport: Save
  updateDetails: Save
  /** The move to another commune (Law 120/2025): absent where the role may not record it. */
  recordMove?: Save
  /** The commune police chief's order of electronic monitoring (Law 120/2025). */
  startMonitoring?: Save
}

export interface PersonData {
  person: Person
  /** Oldest first. */
  plans: Plan[]
  activeRecordId: string | null
  events: TimelineEvent[]
  /** Ids of records a queued change creates or changes. */
  pending?: ReadonlySet<string>
  /** The person's post-rehab records, newest first (their period, support model and supporter are shown). */
  postRehab?: readonly Pick<PostRehabRecordView, 'id' | 'status' | 'startOn' | 'endOn' | 'supportModel' | 'supporterName' | 'openDecision'>[]
  /** The province's case rules (the phone's last pulled; the defaults where unknown). */
  rules?: CaseRules
}

/**
 * The forms are a chunk of their own, loaded as soon as the page can act (the service worker precaches it, so
 * offline too): reading a person should not wait for every form the officer might open.
 */
function usePersonDialogs(wanted: boolean): typeof PersonDialogs | null {
  const [dialogs, setDialogs] = useState<typeof PersonDialogs | null>(null)
  useEffect(() => {
    if (wanted && !dialogs) void import('./person-dialogs.tsx').then((m) => setDialogs(() => m.PersonDialogs))
  }, [wanted, dialogs])
  return dialogs
}

function PendingBadge({ id, pending }: { id: string; pending: ReadonlySet<string> | undefined }) {
  const { t } = useI18n()
  return pending?.has(id) ? <span class="badge badge--queued">{t('sync.queued')}</span> : null
}

/**
 * One person: details, the open plan and what can be done with it, post-rehab management, the timeline.
 * `links`: what the reader may open from here besides the record (e.g. who saw it), under the heading.
 */
export function PersonBody({
  data,
  actions,
  onChanged,
  links,
}: {
  data: PersonData
  actions: PersonActions | null
  onChanged?: () => void
  links?: ComponentChildren
}) {
  const { t } = useI18n()
  // The home screen's due list links straight to a form: `?form=review` or `?form=followUp`.
  const [panel, setPanel] = useState<Panel>(() => {
    const form = new URLSearchParams(window.location.search).get('form')
    return form === 'review' ? { kind: 'review' } : form === 'followUp' ? { kind: 'followUp' } : null
  })
  const { person, plans, events, pending } = data
  const done = () => {
    setPanel(null)
    onChanged?.()
  }
  const open = plans.find((p) => isOpen(p.status))
  // Without an open plan, the latest ended one: a completed plan is not "no plan yet".
  const plan = open ?? plans[plans.length - 1]
  const rules = data.rules ?? DEFAULT_CASE_RULES
  const Dialogs = usePersonDialogs(actions !== null)
  const moveLabel = (to: PlanStatus) => (to === 'active' && open?.status === 'suspended' ? t('plan.resume') : t(MOVE_LABEL[to]))

  return (
    <section>
      <h1>{person.fullName}</h1>
      {links}
      <div class="card">
        <p>
          {t(`category.${person.category}` as MessageKey)} · {t(`pstatus.${person.status}` as MessageKey)} <PendingBadge id={person.id} pending={pending} />
        </p>
        <p class="muted">
          {t('person.birthDate')}: {formatDate(person.birthDate)} · {t('person.citizenId')}: {person.citizenId}
        </p>
        {person.source === 'handover' && (
          <p class="muted" data-testid="person-source">
            {t('handover.createdPerson')}
            {person.registeredOn ? ` · ${t('handover.registeredOn', { date: formatDate(person.registeredOn) })}` : ''}
          </p>
        )}
        {isMinorOn(person.birthDate, vietnamToday(new Date())) && (
          <p>
            <span class="badge badge--minor">{t('person.minor')}</span>
          </p>
        )}
        {person.legalRepresentative && (
          <p class="muted">
            {t('person.legalRepresentative')}: {person.legalRepresentative.name} ({person.legalRepresentative.relation}) · {person.legalRepresentative.phone}
          </p>
        )}
        {person.addressDetail && <p class="muted">{person.addressDetail}</p>}
        {person.phone && (
          <p class="muted">
            {t('person.phone')}: {person.phone}
          </p>
        )}
        {person.notes && (
          <p>
            {t('person.notes')}: {person.notes}
          </p>
        )}
        {actions && (
          <div class="actions">
            <button type="button" onClick={() => setPanel({ kind: 'details' })}>
              {t('person.edit')}
            </button>
            <button type="button" onClick={() => setPanel({ kind: 'support' })}>
              {t('support.new')}
            </button>
            {actions.recordMove && (
              <button type="button" onClick={() => setPanel({ kind: 'handover' })}>
                {t('handover.record')}
              </button>
            )}
            {actions.startMonitoring && (
              <button type="button" onClick={() => setPanel({ kind: 'monitoring' })}>
                {t('monitoring.new')}
              </button>
            )}
          </div>
        )}
      </div>

      <h2>{t('person.plans')}</h2>
      {!plan && <p class="muted">{t('person.noPlan')}</p>}
      {plan && (
        <div class="card">
          <p>
            <span class={`badge badge--${plan.status}`}>{t(`plan.${plan.status}` as MessageKey)}</span> {t(`plan.form.${plan.form}` as MessageKey)} ·{' '}
            {formatDate(plan.startOn)} – {formatDate(plan.plannedEndOn)} <PendingBadge id={plan.id} pending={pending} />
          </p>
          {person.legalRepresentative && (
            <p class="muted">
              {t('person.legalRepresentative')}: {person.legalRepresentative.name} ({person.legalRepresentative.relation})
            </p>
          )}
          {plan.completionNumber && plan.completionDate && (
            <p class="muted">
              {t('plan.completionNumber')}: {plan.completionNumber} · {formatDate(plan.completionDate)}
            </p>
          )}
          {open && open.status !== 'draft' && <CompletionReadiness plan={open} rules={rules} on={vietnamToday(new Date())} />}
          <PlanDetails
            plan={plan}
            events={events}
            onEditStage={actions && open && open.id === plan.id ? (stage) => setPanel({ kind: 'stage', stage }) : undefined}
          />
          {actions && open && (
            <div class="actions">
              {open.allowedTransitions.map((to) =>
                to === 'completed' ? (
                  <button key={to} type="button" class="primary" onClick={() => setPanel({ kind: 'complete' })}>
                    {t('plan.complete')}
                  </button>
                ) : (
                  <button key={to} type="button" class={to === 'terminated' ? 'danger' : ''} onClick={() => setPanel({ kind: 'move', to })}>
                    {moveLabel(to)}
                  </button>
                ),
              )}
              {open.status !== 'draft' && (
                <button type="button" onClick={() => setPanel({ kind: 'review' })}>
                  {t('review.new')}
                </button>
              )}
            </div>
          )}
        </div>
      )}
      {actions && !open && person.category === 'dependent' && (
        <button type="button" class="primary" onClick={() => setPanel({ kind: 'plan' })}>
          {t('plan.new')}
        </button>
      )}
      {(data.postRehab ?? []).map((record) => (
        <div class="card" key={record.id}>
          <p>
            {t('postRehab.period', { from: formatDate(record.startOn), to: formatDate(record.endOn) })} · {t(`postRehab.status.${record.status}` as MessageKey)}
          </p>
          <p class="muted">{t('postRehab.model', { model: t(`plan.model.${record.supportModel}` as MessageKey), name: record.supporterName })}</p>
          {record.openDecision && (
            <p class="muted">
              {t('decision.legend')}: <DecisionLine decision={record.openDecision} />
            </p>
          )}
        </div>
      ))}
      {actions && data.activeRecordId && (
        <div class="actions">
          <button type="button" onClick={() => setPanel({ kind: 'followUp' })}>
            {t('followUp.new')}
          </button>
          <button type="button" class="danger" onClick={() => setPanel({ kind: 'relapse' })}>
            {t('postRehab.relapse')}
          </button>
        </div>
      )}

      <h2>{t('person.timeline')}</h2>
      <ol class="timeline">
        {events.map((event) => (
          <li key={`${event.kind}-${event.refId}-${event.at}`}>
            <span class="muted">{formatDate(event.on)}</span> —{' '}
            <strong>
              {event.kind === 'plan_status'
                ? t('event.plan_status', { to: t(`plan.${String(event.summary.to)}` as MessageKey) })
                : t(`event.${event.kind}` as MessageKey)}
            </strong>
            {event.kind === 'review' &&
              ` · ${t(`review.test.${String(event.summary.drugTest)}` as MessageKey)} · ${t(`review.risk.${String(event.summary.riskLevel)}` as MessageKey)}`}
            {event.kind === 'plan_status' && event.summary.reason ? ` · ${t(`plan.reason.${String(event.summary.reason)}` as MessageKey)}` : ''}
            {typeof event.summary.decisionNumber === 'string' && (
              <span class="muted">
                {' '}
                ·{' '}
                <DecisionLine
                  decision={{
                    number: event.summary.decisionNumber,
                    date: String(event.summary.decisionDate),
                    signer: String(event.summary.decisionSigner),
                    signerRole: String(event.summary.decisionSignerRole) as 'other',
                    body: String(event.summary.decisionBody),
                  }}
                />
              </span>
            )}
            {typeof event.summary.byName === 'string' && <span class="muted"> · {t('decision.recordedBy', { name: event.summary.byName })}</span>}
            {event.kind === 'support' && ` · ${t(`support.kind.${String(event.summary.kind)}` as MessageKey)}`}
            {event.kind === 'handover' &&
              ` · ${t('handover.to', { commune: String(event.summary.to) })} · ${t(`handover.status.${String(event.summary.status)}` as MessageKey)}`}
            {event.kind === 'monitoring' &&
              ` · ${t(`monitoring.context.${String(event.summary.context)}` as MessageKey)}${event.summary.decisionNumber ? ` · ${t('monitoring.since', { date: formatDate(String(event.summary.decisionDate)), number: String(event.summary.decisionNumber) })}` : ''}${event.summary.endOn ? ` · ${t('monitoring.ended', { date: formatDate(String(event.summary.endOn)) })}` : ''}`}
            {event.kind === 'determination' && event.summary.result && ` · ${t(`legal.result.${String(event.summary.result)}` as MessageKey)}`}
            {event.kind === 'referral' && ` · ${t(`legal.referral.${String(event.summary.status)}` as MessageKey)}`}
            {event.kind === 'methadone' && ` · ${String(event.summary.facility)}`}
            {event.kind === 'post_rehab' && event.summary.relapseOn
              ? ` · ${t('postRehab.relapsedOn', { date: formatDate(String(event.summary.relapseOn)) })}`
              : ''}
            {event.byName && <span class="muted"> · {t('event.by', { name: event.byName })}</span>}
            {event.kind !== 'plan_status' && event.kind !== 'registered' && (
              <>
                {' '}
                <PendingBadge id={event.refId} pending={pending} />
              </>
            )}
          </li>
        ))}
      </ol>

      {actions && Dialogs && (
        <Dialogs panel={panel} setPanel={setPanel} done={done} open={open} data={data} actions={actions} rules={rules} moveLabel={moveLabel} />
      )}
    </section>
  )
}
