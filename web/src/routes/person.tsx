import { useRoute } from 'preact-iso'
import { useState } from 'preact/hooks'
import { useMe } from '../auth.tsx'
import { CompleteForm, FollowUpForm, PlanForm, ReviewForm, TransitionForm } from '../components/case-forms.tsx'
import { Dialog } from '../components/dialog.tsx'
import { ErrorState, Loading } from '../components/states.tsx'
import { formatDate, useI18n, type MessageKey } from '../i18n/i18n.tsx'
import type { Person, Plan, PlanStatus, PostRehabRecord, TimelineEvent } from '../lib/types.ts'
import { useResource } from '../lib/use-resource.ts'

type Panel = { kind: 'plan' } | { kind: 'move'; to: PlanStatus } | { kind: 'complete' } | { kind: 'review' } | { kind: 'followUp'; record: PostRehabRecord } | null

const MOVE_LABEL: Record<PlanStatus, MessageKey> = {
  draft: 'plan.draft',
  active: 'plan.activate',
  suspended: 'plan.suspend',
  completed: 'plan.complete',
  terminated: 'plan.terminate',
  transferred: 'plan.transfer',
}

/** One person: details, the open plan and what can be done with it, post-rehab management, the timeline. */
export default function PersonPage() {
  const me = useMe()
  const { t } = useI18n()
  const { params } = useRoute()
  const province = me.province?.code ?? ''
  const personUrl = `/api/p/${province}/persons/${params.id ?? ''}`
  const [timeline, reloadTimeline] = useResource<{ data: { person: Person; events: TimelineEvent[] } }>(personUrl + '/timeline')
  const [plans, reloadPlans] = useResource<{ data: Plan[] }>(personUrl + '/plans')
  const [records, reloadRecords] = useResource<{ data: PostRehabRecord[] }>(personUrl + '/post-rehab')
  const [panel, setPanel] = useState<Panel>(null)
  const canWrite = me.role === 'commune_officer'
  const done = () => {
    setPanel(null)
    reloadTimeline()
    reloadPlans()
    reloadRecords()
  }

  if (timeline.status === 'loading') return <Loading />
  if (timeline.status === 'error') return <ErrorState error={timeline.error} onRetry={reloadTimeline} />
  const { person, events } = timeline.data.data
  const open = plans.status === 'ready' ? plans.data.data.find((p) => ['draft', 'active', 'suspended'].includes(p.status)) : undefined
  // Without an open plan, the latest ended one (plans come oldest first): a completed plan is not "no plan yet".
  const plan = open ?? (plans.status === 'ready' ? plans.data.data[plans.data.data.length - 1] : undefined)
  const activeRecord = records.status === 'ready' ? records.data.data.find((r) => r.status === 'active') : undefined
  const planUrl = open ? `/api/p/${province}/plans/${open.id}` : ''
  const moveLabel = (to: PlanStatus) => (to === 'active' && open?.status === 'suspended' ? t('plan.resume') : t(MOVE_LABEL[to]))

  return (
    <section>
      <h1>{person.fullName}</h1>
      <div class="card">
        <p>
          {t(`category.${person.category}` as MessageKey)} · {t(`pstatus.${person.status}` as MessageKey)}
        </p>
        <p class="muted">
          {t('person.birthDate')}: {formatDate(person.birthDate)} · {t('person.citizenId')}: {person.citizenId}
        </p>
        {person.addressDetail && <p class="muted">{person.addressDetail}</p>}
      </div>

      <h2>{t('person.plans')}</h2>
      {plans.status === 'error' && <ErrorState error={plans.error} onRetry={reloadPlans} />}
      {plans.status === 'ready' && !plan && <p class="muted">{t('person.noPlan')}</p>}
      {plan && (
        <div class="card">
          <p>
            <span class={`badge badge--${plan.status}`}>{t(`plan.${plan.status}` as MessageKey)}</span> {t(`plan.form.${plan.form}` as MessageKey)} · {formatDate(plan.startOn)} – {formatDate(plan.plannedEndOn)}
          </p>
          {plan.completionNumber && plan.completionDate && (
            <p class="muted">
              {t('plan.completionNumber')}: {plan.completionNumber} · {formatDate(plan.completionDate)}
            </p>
          )}
          {canWrite && open && (
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
      {canWrite && plans.status === 'ready' && !open && person.category === 'dependent' && (
        <button type="button" class="primary" onClick={() => setPanel({ kind: 'plan' })}>
          {t('plan.new')}
        </button>
      )}
      {canWrite && activeRecord && (
        <p>
          <button type="button" onClick={() => setPanel({ kind: 'followUp', record: activeRecord })}>
            {t('followUp.new')}
          </button>
        </p>
      )}

      <h2>{t('person.timeline')}</h2>
      <ol class="timeline">
        {events.map((event) => (
          <li key={`${event.kind}-${event.refId}-${event.at}`}>
            <span class="muted">{formatDate(event.on)}</span> — <strong>{event.kind === 'plan_status' ? t('event.plan_status', { to: t(`plan.${String(event.summary.to)}` as MessageKey) }) : t(`event.${event.kind}` as MessageKey)}</strong>
            {event.kind === 'review' && ` · ${t(`review.test.${String(event.summary.drugTest)}` as MessageKey)} · ${t(`review.risk.${String(event.summary.riskLevel)}` as MessageKey)}`}
            {event.kind === 'plan_status' && event.summary.reason ? ` · ${t(`plan.reason.${String(event.summary.reason)}` as MessageKey)}` : ''}
          </li>
        ))}
      </ol>

      <Dialog title={t('plan.new')} open={panel?.kind === 'plan'} onClose={() => setPanel(null)}>
        <PlanForm base={personUrl} onDone={done} />
      </Dialog>
      <Dialog title={panel?.kind === 'move' ? moveLabel(panel.to) : ''} open={panel?.kind === 'move'} onClose={() => setPanel(null)}>
        {panel?.kind === 'move' && open && <TransitionForm planUrl={planUrl} plan={open} to={panel.to} onDone={done} />}
      </Dialog>
      <Dialog title={t('plan.complete')} open={panel?.kind === 'complete'} onClose={() => setPanel(null)}>
        {open && <CompleteForm planUrl={planUrl} plan={open} onDone={done} />}
      </Dialog>
      <Dialog title={t('review.new')} open={panel?.kind === 'review'} onClose={() => setPanel(null)}>
        <ReviewForm personUrl={personUrl} onDone={done} />
      </Dialog>
      <Dialog title={t('followUp.new')} open={panel?.kind === 'followUp'} onClose={() => setPanel(null)}>
        {panel?.kind === 'followUp' && <FollowUpForm recordUrl={`/api/p/${province}/post-rehab/${panel.record.id}`} onDone={done} />}
      </Dialog>
    </section>
  )
}
