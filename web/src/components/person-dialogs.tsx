import { CompleteForm, FollowUpForm, RelapseForm, SupportForm } from './after-care-forms.tsx'
import { PersonDetailsForm, PlanForm, ReviewForm, StageForm, TransitionForm } from './case-forms.tsx'
import { Dialog } from './dialog.tsx'
import { MonitoringForm, MoveForm } from './move-form.tsx'
import type { CaseRules } from '../../../kernel/domain/case-rules.ts'
import type { Plan } from '../../../kernel/contract/cases.ts'
import type { PlanStatus } from '../../../kernel/vocabulary.ts'
import { useI18n, type MessageKey } from '../i18n/i18n.tsx'
import type { Panel, PersonActions, PersonData } from './person-body.tsx'

/** The person page's forms, each in its dialog (a chunk of its own: person-body.tsx loads it). */
export function PersonDialogs({
  panel,
  setPanel,
  done,
  open,
  data,
  actions,
  rules,
  moveLabel,
}: {
  panel: Panel
  setPanel: (panel: Panel) => void
  done: () => void
  open: Plan | undefined
  data: PersonData
  actions: PersonActions
  rules: CaseRules
  moveLabel: (to: PlanStatus) => string
}) {
  const { t } = useI18n()
  const { person } = data
  return (
    <>
      <Dialog title={t('person.edit')} open={panel?.kind === 'details'} onClose={() => setPanel(null)}>
        <PersonDetailsForm person={person} save={actions.updateDetails} onDone={done} />
      </Dialog>
      <Dialog title={t('plan.new')} open={panel?.kind === 'plan'} onClose={() => setPanel(null)}>
        <PlanForm save={actions.createPlan} onDone={done} />
      </Dialog>
      <Dialog title={panel?.kind === 'move' ? moveLabel(panel.to) : ''} open={panel?.kind === 'move'} onClose={() => setPanel(null)}>
        {panel?.kind === 'move' && open && <TransitionForm save={actions.transition(open)} plan={open} to={panel.to} onDone={done} rules={rules} />}
      </Dialog>
      <Dialog title={t('plan.complete')} open={panel?.kind === 'complete'} onClose={() => setPanel(null)}>
        {open && <CompleteForm save={actions.complete(open)} plan={open} onDone={done} rules={rules} />}
      </Dialog>
      <Dialog
        title={panel?.kind === 'stage' ? `${t('plan.stage.edit')}: ${t(`plan.stage.${panel.stage.stage}` as MessageKey)}` : ''}
        open={panel?.kind === 'stage'}
        onClose={() => setPanel(null)}
      >
        {panel?.kind === 'stage' && open && <StageForm save={actions.updateStage(open)} stage={panel.stage} onDone={done} />}
      </Dialog>
      <Dialog title={t('review.new')} open={panel?.kind === 'review'} onClose={() => setPanel(null)}>
        <ReviewForm save={actions.createReview} onDone={done} />
      </Dialog>
      <Dialog title={t('followUp.new')} open={panel?.kind === 'followUp'} onClose={() => setPanel(null)}>
        {panel?.kind === 'followUp' && data.activeRecordId && <FollowUpForm save={actions.createFollowUp(data.activeRecordId)} onDone={done} />}
      </Dialog>
      <Dialog title={t('postRehab.relapse')} open={panel?.kind === 'relapse'} onClose={() => setPanel(null)}>
        {panel?.kind === 'relapse' && data.activeRecordId && <RelapseForm save={actions.recordRelapse(data.activeRecordId)} onDone={done} />}
      </Dialog>
      <Dialog title={t('support.new')} open={panel?.kind === 'support'} onClose={() => setPanel(null)}>
        {panel?.kind === 'support' && <SupportForm save={actions.addSupport} onDone={done} />}
      </Dialog>
      {actions.recordMove && (
        <Dialog title={t('handover.record')} open={panel?.kind === 'handover'} onClose={() => setPanel(null)}>
          {panel?.kind === 'handover' && <MoveForm save={actions.recordMove} onDone={done} />}
        </Dialog>
      )}
      {actions.startMonitoring && (
        <Dialog title={t('monitoring.new')} open={panel?.kind === 'monitoring'} onClose={() => setPanel(null)}>
          {panel?.kind === 'monitoring' && <MonitoringForm save={actions.startMonitoring} onDone={done} />}
        </Dialog>
      )}
    </>
  )
}
