// Shapes of the offline store. What /api/p/:province/sync sends is the kernel's contract (kernel/contract/sync.ts).
import type { CaseRules } from '../../../kernel/domain/case-rules.ts'
import type { ReviewPolicy } from '../../../kernel/domain/review-schedule.ts'
import type { PulledCertification, SyncRecords } from '../../../kernel/contract/sync.ts'
import type { SyncChangeType, SyncResultStatus } from '../../../kernel/sync.ts'

export type { FollowUpRecord, PlanTransitionView, PostRehabRecordView, ReviewRecord, SupportRecord } from '../../../kernel/contract/cases.ts'
export type { ActivityRecord, ModelMemberRecord, ModelRecord, ModelSessionRecord } from '../../../kernel/community-records.ts'
export type { CommuneRecord, PersonRecord, PlanRecord, PullPage, PushResult } from '../../../kernel/contract/sync.ts'

/** The writes a phone queues: the kernel's offline commands (kernel/commands/index.ts). */
export type ChangeType = SyncChangeType
export type ResultStatus = SyncResultStatus

/** The record stores, by the names GET /sync/pull uses. */
export type Records = SyncRecords
export type Collection = keyof Records
export const COLLECTIONS: readonly Collection[] = [
  'persons',
  'plans',
  'reviews',
  'postRehab',
  'followUps',
  'support',
  // decision 0033
  'activities',
  'models',
  'modelMembers',
  'modelSessions',
  // decision 0028
  'managementPeriods',
  'determinations',
  'referrals',
  'methadone',
  // decision 0039
  'handovers',
  'monitoring',
  // decision 0044
  'assessments',
]

/** change_log entity names (deletes) → store. */
export const ENTITY_COLLECTION: Record<string, Collection> = {
  person: 'persons',
  plan: 'plans',
  review: 'reviews',
  post_rehab: 'postRehab',
  follow_up: 'followUps',
  support: 'support',
  activity: 'activities',
  model: 'models',
  model_member: 'modelMembers',
  model_session: 'modelSessions',
  management_period: 'managementPeriods',
  determination: 'determinations',
  referral: 'referrals',
  methadone: 'methadone',
  handover: 'handovers',
  monitoring: 'monitoring',
  assessment: 'assessments',
}

/** Which store the `record` of an answered change belongs to. */
export const RESULT_COLLECTION: Record<ChangeType, Collection | null> = {
  'person.create': 'persons',
  'person.update': 'persons',
  'plan.create': 'plans',
  'plan.transition': 'plans',
  // The completed plan; the post-rehab record it opens and the person come with the pull after the push.
  'plan.complete': 'plans',
  'plan.stage_update': 'plans',
  'review.create': 'reviews',
  'follow_up.create': 'followUps',
  'post_rehab.relapse': 'postRehab',
  'support.create': 'support',
  // The hand-over or order; a person an accepted hand-over moves or makes comes with the pull after the push.
  'handover.create': 'handovers',
  'handover.accept': 'handovers',
  'handover.decline': 'handovers',
  'monitoring.create': 'monitoring',
  'monitoring.end': 'monitoring',
  'activity.create': 'activities',
  'activity.update': 'activities',
  'model.create': 'models',
  'model.update': 'models',
  'model.member_add': 'modelMembers',
  'model.member_remove': 'modelMembers',
  'model_session.create': 'modelSessions',
  // The commune's self-assessment (decision 0044): the server decides a submission at sync.
  'assessment.create': 'assessments',
  'assessment.update': 'assessments',
  'assessment.submit': 'assessments',
  'management_period.create': 'managementPeriods',
  'management_period.end': 'managementPeriods',
  'determination.create': 'determinations',
  'determination.conclude': 'determinations',
  'referral.create': 'referrals',
  'referral.admit': 'referrals',
  // The returned referral; the post-rehab record it opens and the person come with the pull after the push.
  'referral.return': 'referrals',
  'methadone.start': 'methadone',
  'methadone.end': 'methadone',
  'referral.refuse': 'referrals',
}

export interface EntryError {
  status: ResultStatus
  code: string
  message: string
  details?: unknown
}

/**
 * One queued change. `seq` orders the outbox (IndexedDB auto-increment). `key` is the idempotency key: kept
 * while the change may have reached the server, renewed only when the officer re-sends a change the server
 * answered (a retry after a refusal, "keep mine" after a conflict), because the server stores every answer.
 */
export interface OutboxEntry {
  seq: number
  key: string
  type: ChangeType
  entityId: string
  /**
   * Every change belongs to one person: changes of one person go out one at a time, in order. A change of the
   * activity log or of a model carries the activity's or the model's id here instead (decision 0033).
   */
  personId: string
  data: Record<string, unknown>
  queuedAt: string
  state: 'pending' | 'failed' | 'conflict'
  /**
   * A versioned change queued behind another change of the same record (or, for a person, behind a plan status
   * change, which moves the person's version on the server): its `version` is set once that one is applied.
   */
  chained: boolean
  attempts: number
  error?: EntryError
  /** A conflict: the server's current record. */
  server?: Record<string, unknown>
}

export type NewEntry = Omit<OutboxEntry, 'seq'>

export interface SyncMeta {
  deviceId: string
  userId: string | null
  cursor: string | null
  /** The last full download finished (a pull answered `more: false`). */
  complete: boolean
  lastSyncedAt: string | null
  /** The province's review policy as last pulled; absent: DEFAULT_REVIEW_POLICY (settings.ts). */
  reviewPolicy?: ReviewPolicy
  /** The province's case rules as last pulled; absent: the defaults (kernel/domain/case-rules.ts). */
  caseRules?: CaseRules
  /** The drug-free criteria and this year's figures of the officer's communes as last pulled (decision 0044). */
  certification?: PulledCertification
}

/**
 * An evidence file waiting on the phone (decision 0038): its bytes (already shrunk), what the server was told,
 * and how far the upload got, so a retry sends only the rest. Removed once the server has the whole file.
 */
export interface QueuedEvidence {
  id: string
  province: string
  ownerKind: string
  ownerId: string
  criterionCode: string | null
  fileName: string
  blob: Blob
  size: number
  sha256: string
  /** Bytes the server confirmed. */
  received: number
  /** 'failed': the server refused the file (type, size, checksum); retrying cannot help until it is replaced. */
  state: 'waiting' | 'failed'
  error: string | null
  queuedAt: string
}
