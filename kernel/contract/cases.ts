import type { DueItem, DueWorkSummary } from '../domain/due-work.ts'
import type { LegalDecision } from '../domain/legal-decision.ts'
import type { ReviewState } from '../domain/review-schedule.ts'
import type { PlanStageRecord } from '../records.ts'
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
  /** Who registered the person (absent on a registration still queued on the phone). */
  createdBy?: string | null | undefined
  /** 'handover': registered here by accepting a move from another province (decision 0039). */
  source?: 'handover' | null | undefined
  /** The day first registered, when before this record (kept from the sending province). */
  registeredOn?: string | null | undefined
}

export interface Plan {
  id: string
  personId: string
  status: PlanStatus
  form: PlanForm
  registeredOn: string
  startOn: string
  plannedEndOn: string
  /** The start decision's date: the minimum duration counts from it (else from startOn). */
  startDecisionOn: string | null
  version: number
  members: { name: string; role: string }[]
  /** The law's five stages, in order, with their dates and done marks. */
  stages: PlanStageRecord[]
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
  /** The decision the step rests on (none for a draft made, a resume, or steps recorded before decisions were kept). */
  decision?: LegalDecision | null
  /** Who recorded it (a user id; the person's timeline gives the name). */
  by?: string | null | undefined
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
  'determination',
  'referral',
  'methadone',
] as const

export interface TimelineEvent {
  /** The day in Vietnam. */
  on: string
  at: string
  kind: (typeof timelineEventKinds)[number]
  summary: Record<string, string | number | boolean | null>
  refId: string
  /** Who recorded it (a user id; null: the system, e.g. an import or the daily job), and their display name. */
  by?: string | null | undefined
  byName?: string | null | undefined
}

/** A post-rehab record with its contacts (GET /persons/:id/post-rehab). */
export interface PostRehabRecord {
  id: string
  status: PostRehabStatus
  startOn: string
  endOn: string
  supportModel: string
  supporterName: string
  openDecision: LegalDecision | null
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
  createdBy?: string | null | undefined
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
  /** The commune chair's decision that opened it. */
  openDecision?: LegalDecision | null
  version: number
  createdAt: string
  createdBy?: string | null | undefined
}

export interface FollowUpRecord {
  id: string
  postRehabId: string
  personId: string
  contactedOn: string
  method: string
  notes: string | null
  createdAt: string
  createdBy?: string | null | undefined
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
  createdBy?: string | null | undefined
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
  /** Days the review is overdue (0 unless `state` is overdue). */
  daysOverdue: number
}

/** GET /api/p/:province/caseload: one page of rows, overdue and due first, and the whole caseload's counts. */
export interface Caseload {
  data: CaseloadRow[]
  summary: { overdue: number; due: number; total: number }
  /** The next page's cursor (null: the last page; the phone computes its whole caseload at once). */
  next: string | null
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

/** GET /api/p/:province/work: one page of what is due and overdue (most overdue first), counts over the whole scope. */
export interface DueWork {
  data: DueItem[]
  summary: DueWorkSummary
  /** Items of the listed kind (all kinds without `kind`). */
  total: number
  /** The `offset` of the next page; null on the last. */
  next: number | null
}
