// The vocabulary of offline sync (POST /sync/push), shared by the server, its receipts table and the phone.

/** The writes a phone may queue offline: each is a command (kernel/commands/index.ts). */
export const syncChangeTypes = [
  'person.create',
  'person.update',
  'plan.create',
  'plan.transition',
  'plan.complete',
  'plan.stage_update',
  'review.create',
  'follow_up.create',
  'post_rehab.relapse',
  'support.create',
  'handover.create',
  'handover.accept',
  'handover.decline',
  'monitoring.create',
  'monitoring.end',
  // The activity log and community models (decision 0033)
  'activity.create',
  'activity.update',
  'model.create',
  'model.update',
  'model.member_add',
  'model.member_remove',
  'model_session.create',
  // The commune's drug-free self-assessment (decision 0037)
  'assessment.create',
  'assessment.update',
  'management_period.create',
  'management_period.end',
  'determination.create',
  'determination.conclude',
  'referral.create',
  'referral.admit',
  'referral.return',
  'methadone.start',
  'methadone.end',
  // decision 0039
  'referral.refuse',
  // decision 0044: the server decides a submission at sync (its figures, its criteria)
  'assessment.submit',
] as const
export type SyncChangeType = (typeof syncChangeTypes)[number]

/**
 * How a pushed change was answered (README "Offline sync (server)"). Every answer is stored under its key except
 * `error` and an answer marked `retryable` (docs/decisions/0022).
 */
export { syncResultStatuses, type SyncResultStatus } from './vocabulary.ts'
