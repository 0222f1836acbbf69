import type { ReviewState } from '../domain/review-schedule.ts'
import type { PersonCategory, PersonStatus, PlanForm, PlanStatus, PostRehabStatus } from '../vocabulary.ts'

/** A person under management, as GET /persons/:id answers (the screens' fields; the API sends a few more). */
export interface Person {
  id: string
  fullName: string
  birthDate: string
  sex: 'male' | 'female'
  citizenId: string
  communeCode: string
  addressDetail: string | null
  phone: string | null
  category: PersonCategory
  status: PersonStatus
  addictionDeterminedOn: string | null
  addictionDeterminedBy: string | null
  notes: string | null
  /** A minor's legal representative (decision 0029); absent from records a phone kept before it existed. */
  legalRepresentative?: { name: string; relation: string; phone: string } | null
  version: number
  updatedAt: string
}

export interface Plan {
  id: string
  personId: string
  status: PlanStatus
  form: PlanForm
  registeredOn: string
  startOn: string
  plannedEndOn: string
  version: number
  members: { name: string; role: string }[]
  stages: { stage: string; activities: string[] }[]
  /** Where the plan may go from its status (kernel/domain/plan-status.ts). */
  allowedTransitions: readonly PlanStatus[]
  completionNumber: string | null
  completionDate: string | null
}

export interface PlanTransitionView {
  from: PlanStatus | null
  to: PlanStatus
  reason: string | null
  note: string | null
  at: string
}

export const timelineEventKinds = [
  'registered',
  'plan_status',
  'review',
  'support',
  'post_rehab',
  'follow_up',
  'management_period',
  'handover',
  'monitoring',
] as const

export interface TimelineEvent {
  /** The day in Vietnam. */
  on: string
  at: string
  kind: (typeof timelineEventKinds)[number]
  summary: Record<string, string | number | boolean | null>
  refId: string
}

/** A post-rehab record with its contacts (GET /persons/:id/post-rehab). */
export interface PostRehabRecord {
  id: string
  status: PostRehabStatus
  startOn: string
  endOn: string
  version: number
  followUps: { id: string; contactedOn: string; method: string; notes: string | null }[]
}

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
  status: PostRehabStatus
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

/** A person on an active plan, with when their next review is due. */
export interface CaseloadRow {
  personId: string
  fullName: string
  communeCode: string
  planId: string
  startOn: string
  lastReviewOn: string | null
  nextReview: { dueOn: string; state: ReviewState }
}

/** GET /api/p/:province/caseload: the rows, overdue and due first, and their counts. */
export interface Caseload {
  data: CaseloadRow[]
  summary: { overdue: number; due: number; total: number }
}

/** A hand-over of a person who moves (Law 120/2025, decision 0029), as GET /handovers lists it. */
export interface Handover {
  id: string
  /** Null in the receiving province's copy of a move between provinces. */
  personId: string | null
  /** The receiving commune. */
  communeCode: string
  toProvinceCode: string
  fromCommuneCode: string
  fromProvinceCode: string
  movedOn: string
  notifiedAt: string
  status: 'pending' | 'accepted' | 'declined'
  subject: { fullName: string; birthDate: string; citizenId: string; category: string; status: string }
  version: number
  due: { dueAt: string; overdue: boolean; hoursLeft: number | null }
}
