// Shapes of the offline store and of /api/p/:province/sync (worker/routes/sync.ts is the truth).
import type { ReviewPolicy } from '../../../kernel/domain/review-schedule.ts'
import type { SyncChangeType, SyncResultStatus } from '../../../kernel/sync.ts'
import type { Person, Plan, PlanStatus } from '../lib/types.ts'

/** The writes a phone queues: the kernel's offline commands (kernel/commands/index.ts). */
export type ChangeType = SyncChangeType
export type ResultStatus = SyncResultStatus

/** A person as GET /persons/:id answers it (createdAt is there too). */
export type PersonRecord = Person & { createdAt: string }

export interface PlanTransitionView {
  from: PlanStatus | null
  to: PlanStatus
  reason: string | null
  note: string | null
  at: string
}

export type PlanRecord = Plan & { transitions: PlanTransitionView[]; communeCode?: string; createdAt?: string }

export interface ReviewRecord {
  id: string
  personId: string
  planId: string | null
  reviewedOn: string
  attended: boolean
  drugTest: string
  substance: string | null
  counsellingNotes: string | null
  employed: boolean | null
  riskLevel: string
  version: number
  createdAt: string
}

export interface PostRehabRecordView {
  id: string
  personId: string
  planId: string | null
  status: 'active' | 'ended' | 'relapsed'
  startOn: string
  endOn: string
  supportModel: string
  supporterName: string
  relapseOn: string | null
  relapseNote: string | null
  version: number
  createdAt: string
}

export interface FollowUpRecord {
  id: string
  postRehabId: string
  personId: string
  contactedOn: string
  method: string
  notes: string | null
  createdAt: string
}

export interface SupportRecord {
  id: string
  personId: string
  kind: string
  givenOn: string
  amountVnd: number | null
  note: string | null
  version: number
  createdAt: string
}

export interface CommuneRecord {
  code: string
  name: string
}

/** The record stores, by the names GET /sync/pull uses. */
export interface Records {
  persons: PersonRecord[]
  plans: PlanRecord[]
  reviews: ReviewRecord[]
  postRehab: PostRehabRecordView[]
  followUps: FollowUpRecord[]
  support: SupportRecord[]
}
export type Collection = keyof Records
export const COLLECTIONS: readonly Collection[] = ['persons', 'plans', 'reviews', 'postRehab', 'followUps', 'support']

/** change_log entity names (deletes) → store. */
export const ENTITY_COLLECTION: Record<string, Collection> = {
  person: 'persons',
  plan: 'plans',
  review: 'reviews',
  post_rehab: 'postRehab',
  follow_up: 'followUps',
  support: 'support',
}

/** Which store the `record` of an answered change belongs to. */
export const RESULT_COLLECTION: Record<ChangeType, Collection> = {
  'person.create': 'persons',
  'person.update': 'persons',
  'plan.create': 'plans',
  'plan.transition': 'plans',
  // The completed plan; the post-rehab record it opens and the person come with the pull after the push.
  'plan.complete': 'plans',
  'review.create': 'reviews',
  'follow_up.create': 'followUps',
  'post_rehab.relapse': 'postRehab',
  'support.create': 'support',
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
  /** Every change belongs to one person: changes of one person go out one at a time, in order. */
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

export interface PushResult {
  key: string
  status: ResultStatus
  record?: unknown
  error?: { code: string; message: string; details?: unknown }
  /** Not stored by the server: what the change depends on has not arrived there yet; send it again, same key. */
  retryable?: true
}

export interface PullPage extends Partial<Records> {
  cursor: string
  reset: boolean
  more: boolean
  communes?: CommuneRecord[]
  /** The province settings (every page from servers that send them; absent from older ones: keep what is stored). */
  settings?: { reviewPolicy?: ReviewPolicy }
  deletes: { entity: string; id: string }[]
}

export interface SyncMeta {
  deviceId: string
  userId: string | null
  cursor: string | null
  /** The last full download finished (a pull answered `more: false`). */
  complete: boolean
  lastSyncedAt: string | null
  /** The province's review policy as last pulled; absent: DEFAULT_REVIEW_POLICY (settings.ts). */
  reviewPolicy?: ReviewPolicy
}
