// The case records as the API presents them (the JSON of the GET routes and of GET /sync/pull), with the
// vocabularies they use (kept in kernel/vocabulary.ts, which db/tenant/schema stores too); the
// commands (kernel/commands/) read and make these records, on the server and on the phone alike.

export {
  drugTestResults,
  followUpMethods,
  personCategories,
  personStatuses,
  planForms,
  planStatuses,
  postRehabStatuses,
  riskLevels,
  supportKinds,
  supportModels,
  managementStatuses,
  type PersonCategory,
  type PersonStatus,
  type PlanStatus,
} from './vocabulary.ts'
import type {
  drugTestResults,
  followUpMethods,
  managementStatuses,
  planForms,
  postRehabStatuses,
  riskLevels,
  supportKinds,
  supportModels,
  PersonCategory,
  PersonStatus,
  PlanStatus,
} from './vocabulary.ts'
import type { HandoverStatus, HandoverSubject } from './domain/handover.ts'
import type { LegalDecision } from './domain/legal-decision.ts'
import type { LegalRepresentative } from './domain/minor.ts'
import type { MonitoringContext } from './domain/monitoring.ts'
export type { HandoverSubject, LegalRepresentative }
export const planStages = ['withdrawal_detox', 'counselling_education', 'vocational_support', 'reintegration'] as const

/** Who made or last changed a record, and when (ISO timestamps). */
interface Stamps {
  version: number
  createdAt: string
  createdBy: string | null
  updatedAt: string
  updatedBy: string | null
}

export interface PersonRecord extends Stamps {
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
  assignedOfficerId: string | null
  notes: string | null
  /** A minor's legal representative (required when registered under 18; decision 0029). */
  legalRepresentative: LegalRepresentative | null
}

/** A rehab plan as stored (GET /plans/:id adds `allowedTransitions` and `transitions`: PlanView). */
export interface PlanRecord extends Stamps {
  id: string
  personId: string
  communeCode: string
  form: (typeof planForms)[number]
  registeredOn: string
  startOn: string
  plannedEndOn: string
  status: PlanStatus
  members: { name: string; role: string }[]
  stages: { stage: string; activities: string[] }[]
  completionNumber: string | null
  completionDate: string | null
  completionSigner: string | null
}

/** One status change of a plan, as a plan's `transitions` list shows it. */
export interface TransitionView {
  from: PlanStatus | null
  to: PlanStatus
  reason: string | null
  note: string | null
  at: string
  by: string | null
}
export interface PlanTransitionRecord extends TransitionView {
  planId: string
}
export type PlanView = PlanRecord & { allowedTransitions: readonly PlanStatus[]; transitions: TransitionView[] }

export interface ReviewRecord extends Stamps {
  id: string
  personId: string
  planId: string | null
  communeCode: string
  reviewedOn: string
  attended: boolean
  drugTest: (typeof drugTestResults)[number]
  substance: string | null
  counsellingNotes: string | null
  employed: boolean | null
  riskLevel: (typeof riskLevels)[number]
}

export interface PostRehabRecord extends Stamps {
  id: string
  personId: string
  communeCode: string
  planId: string | null
  startOn: string
  endOn: string
  supportModel: (typeof supportModels)[number]
  supporterName: string
  status: (typeof postRehabStatuses)[number]
  relapseOn: string | null
  relapseNote: string | null
}

export interface FollowUpRecord extends Stamps {
  id: string
  postRehabId: string
  personId: string
  communeCode: string
  contactedOn: string
  method: (typeof followUpMethods)[number]
  notes: string | null
}

export interface SupportRecord extends Stamps {
  id: string
  personId: string
  communeCode: string
  kind: (typeof supportKinds)[number]
  givenOn: string
  amountVnd: number | null
  note: string | null
}

export interface ManagementPeriodRecord extends Stamps {
  id: string
  personId: string
  communeCode: string
  startOn: string
  endOn: string
  measures: string
  status: (typeof managementStatuses)[number]
  endReason: string | null
}

/**
 * A hand-over of a person who moves (Law 120/2025, decision 0029). `communeCode` is the receiving commune (who
 * accepts); the sending commune sees it too. Across provinces the same id exists in both databases: in the
 * sending one with the person, in the receiving one without (`personId` null), only `subject` crossing.
 */
export interface HandoverRecord extends Stamps {
  id: string
  /** The person moving; null in the receiving province's copy of a move between provinces. */
  personId: string | null
  /** The receiving commune. */
  communeCode: string
  toProvinceCode: string
  fromCommuneCode: string
  fromProvinceCode: string
  movedOn: string
  /** When the receiving commune was notified: the hand-over reached the server (ISO). The acceptance clock starts here. */
  notifiedAt: string
  note: string | null
  /** The sending commune's reference for the move, if any (a police notice or a decision). */
  decision: LegalDecision | null
  /** The person as the receiving commune sees them: only the fields the law requires. */
  subject: HandoverSubject
  status: HandoverStatus
  respondedAt: string | null
  respondedBy: string | null
  declineReason: string | null
}

/** Electronic monitoring ordered by the commune police chief (Law 120/2025, decision 0029). */
export interface MonitoringRecord extends Stamps {
  id: string
  personId: string
  communeCode: string
  context: MonitoringContext
  startOn: string
  endOn: string | null
  status: 'active' | 'ended'
  decision: LegalDecision
  endDecision: LegalDecision | null
}

/** Every kind of case record a command can make or change, by collection (the names GET /sync/pull uses). */
export interface CaseRecords {
  persons: PersonRecord
  plans: PlanRecord
  planTransitions: PlanTransitionRecord
  reviews: ReviewRecord
  postRehab: PostRehabRecord
  followUps: FollowUpRecord
  support: SupportRecord
  managementPeriods: ManagementPeriodRecord
  handovers: HandoverRecord
  monitoring: MonitoringRecord
}
export type Collection = keyof CaseRecords
