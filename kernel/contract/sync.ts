import type { AssessmentRecord, CriteriaSetRecord } from '../certification-records.ts'
import type { ActivityRecord, ModelMemberRecord, ModelRecord, ModelSessionRecord } from '../community-records.ts'
import type { ReviewPolicy } from '../domain/review-schedule.ts'
import type { SyncResultStatus } from '../vocabulary.ts'
import type { DeterminationRecord, HandoverRecord, ManagementPeriodRecord, MethadoneRecord, MonitoringRecord, ReferralRecord } from '../records.ts'
import type { FollowUpRecord, Person, Plan, PlanTransitionView, PostRehabRecordView, ReviewRecord, SupportRecord } from './cases.ts'

/** A person as GET /sync/pull and GET /persons/:id answer it (createdAt is there too). */
export type PersonRecord = Person & { createdAt: string }
/** A plan with its status history; an optimistic one made on the phone has no commune or creation time yet. */
export type PlanRecord = Plan & { transitions: PlanTransitionView[]; communeCode?: string; createdAt?: string }

export interface CommuneRecord {
  code: string
  name: string
}

/** The records a commune officer's phone keeps, by the names GET /sync/pull uses. */
export interface SyncRecords {
  persons: PersonRecord[]
  plans: PlanRecord[]
  reviews: ReviewRecord[]
  postRehab: PostRehabRecordView[]
  followUps: FollowUpRecord[]
  support: SupportRecord[]
  // The activity log and community models (decision 0033), as the kernel's records; absent: none held.
  activities?: ActivityRecord[]
  models?: ModelRecord[]
  modelMembers?: ModelMemberRecord[]
  modelSessions?: ModelSessionRecord[]
  /** A person's legal path (docs/decisions/0028): stored as the kernel's records, decisions included. */
  managementPeriods: ManagementPeriodRecord[]
  determinations: DeterminationRecord[]
  referrals: ReferralRecord[]
  methadone: MethadoneRecord[]
  /**
   * Hand-overs from and to the officer's communes and electronic-monitoring orders (decision 0029, stored on the
   * phone since decision 0039), as the kernel's records. Across provinces each side holds its own province's copy:
   * the receiving one only the fields the law lets cross. Absent: none held (an older server).
   */
  handovers?: HandoverRecord[]
  monitoring?: MonitoringRecord[]
  /** The commune's drug-free self-assessments (decision 0044). Absent: none held (an older server). */
  assessments?: AssessmentRecord[]
}

/** The drug-free criteria and figures a phone judges its dossiers by offline (decision 0044), as last pulled. */
export interface PulledCertification {
  /** Every confirmed version of the criteria, oldest first (none: only the shipped, unconfirmed set). */
  sets: CriteriaSetRecord[]
  /** The year the figures are for (today's, in Vietnam). */
  year: number
  /** Per commune of the scope: people under management and the population the province entered. */
  figures: Record<string, { managedPeople: number; population: { count: number; source: string } | null }>
}

/** The answer to one queued change, by its idempotency key. */
export interface PushResult {
  key: string
  status: SyncResultStatus
  record?: unknown
  error?: { code: string; message: string; details?: unknown } | undefined
  /** Not stored by the server: what the change depends on has not arrived there yet; send it again, same key (decision 0022). */
  retryable?: true | undefined
}

export interface PullPage extends Partial<SyncRecords> {
  cursor: string
  reset: boolean
  more: boolean
  communes?: CommuneRecord[] | undefined
  /** The province settings (every page from servers that send them; absent from older ones: keep what is stored). */
  settings?: { reviewPolicy?: ReviewPolicy | undefined; caseRules?: unknown } | undefined
  /** On the page that ends a pull (decision 0044); absent: keep what is stored. */
  certification?: PulledCertification | undefined
  deletes: { entity: string; id: string }[]
}
