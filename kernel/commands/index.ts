// Every write a phone may queue offline, by its sync change type: POST /sync/push runs these through the same
// runner as the HTTP routes, and the phone's view replays their decide step on its local records.
import type { SyncChangeType } from '../sync.ts'
import type { AnyCommand } from './command.ts'
import { determinationConclude } from './determination-conclude.ts'
import { determinationCreate } from './determination-create.ts'
import { followUpCreate } from './follow-up-create.ts'
import { handoverAccept, handoverDecline } from './handover-answer.ts'
import { handoverCreate } from './handover-create.ts'
import { monitoringCreate, monitoringEnd } from './monitoring.ts'
import { managementPeriodCreate } from './management-period-create.ts'
import { managementPeriodEnd } from './management-period-end.ts'
import { methadoneEnd } from './methadone-end.ts'
import { methadoneStart } from './methadone-start.ts'
import { personCreate } from './person-create.ts'
import { personUpdate } from './person-update.ts'
import { planComplete } from './plan-complete.ts'
import { planCreate } from './plan-create.ts'
import { planStageUpdate } from './plan-stage-update.ts'
import { planTransition } from './plan-transition.ts'
import { postRehabRelapse } from './post-rehab-relapse.ts'
import { referralAdmit } from './referral-admit.ts'
import { referralCreate } from './referral-create.ts'
import { referralRefuse } from './referral-refuse.ts'
import { referralReturn } from './referral-return.ts'
import { reviewCreate } from './review-create.ts'
import { supportCreate } from './support-create.ts'
import { communityCommands } from './community.ts'
import { certificationOfflineCommands } from './certification.ts'

export const offlineCommands: { readonly [T in SyncChangeType]: AnyCommand & { type: T } } = {
  'person.create': personCreate,
  'person.update': personUpdate,
  'plan.create': planCreate,
  'plan.transition': planTransition,
  'plan.complete': planComplete,
  'plan.stage_update': planStageUpdate,
  'review.create': reviewCreate,
  'follow_up.create': followUpCreate,
  'post_rehab.relapse': postRehabRelapse,
  'support.create': supportCreate,
  'handover.create': handoverCreate,
  'handover.accept': handoverAccept,
  'handover.decline': handoverDecline,
  'monitoring.create': monitoringCreate,
  'monitoring.end': monitoringEnd,
  ...communityCommands,
  ...certificationOfflineCommands,
  'management_period.create': managementPeriodCreate,
  'management_period.end': managementPeriodEnd,
  'determination.create': determinationCreate,
  'determination.conclude': determinationConclude,
  'referral.create': referralCreate,
  'referral.admit': referralAdmit,
  'referral.return': referralReturn,
  'methadone.start': methadoneStart,
  'methadone.end': methadoneEnd,
  'referral.refuse': referralRefuse,
}
