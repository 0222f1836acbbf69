// The case records as the API presents them (the JSON of the GET routes and of GET /sync/pull), with the
// vocabularies they use (kept in kernel/vocabulary.ts, which db/tenant/schema stores too); the
// commands (kernel/commands/) read and make these records, on the server and on the phone alike.

export {
  drugTestResults,
  followUpMethods,
  personCategories,
  personStatuses,
  planForms,
  planStages,
  terminationReasons,
  planStatuses,
  postRehabStatuses,
  riskLevels,
  supportKinds,
  supportModels,
  managementStatuses,
  managementEndReasons,
  managementEarlyEndReasons,
  determinationTriggers,
  determinationResults,
  referralGrounds,
  referralStatuses,
  methadoneStatuses,
  methadoneEndReasons,
  type PersonCategory,
  type PersonStatus,
  type PlanStatus,
  type PlanStage,
} from './vocabulary.ts'
import type { LegalDecision } from './domain/legal-decision.ts'
import type {
  DeterminationResult,
  DeterminationTrigger,
  ManagementEndReason,
  MethadoneEndReason,
  MethadoneStatus,
  ReferralGround,
  ReferralStatus,
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
  PlanStage,
} from './vocabulary.ts'
import type { HandoverStatus, HandoverSubject } from './domain/handover.ts'
import type { LegalRepresentative } from './domain/minor.ts'
import type { MonitoringContext } from './domain/monitoring.ts'
export type { HandoverSubject, LegalRepresentative }
import type { CommunityRecords } from './community-records.ts'

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
  /** The date of registration; null = unknown (an imported list without it). Absent on records made before it was kept. */
  registeredOn?: string | null
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
  /** The date of the commune chair's decision that started it (draft → active); null before, or on older plans. */
  startDecisionOn: string | null
  status: PlanStatus
  members: { name: string; role: string }[]
  /** Always the five stages, in the law's order (plan-stages.ts). */
  stages: PlanStageRecord[]
  /** The completion certificate's number, date and signer (its whole decision is on the completing transition). */
  completionNumber: string | null
  completionDate: string | null
  completionSigner: string | null
}

/** One stage of a plan: what is planned, when it was planned and done, and who marked it done. */
export interface PlanStageRecord {
  stage: PlanStage
  activities: string[]
  plannedStartOn: string | null
  plannedEndOn: string | null
  actualStartOn: string | null
  actualEndOn: string | null
  done: boolean
  doneBy: string | null
  doneAt: string | null
}

/** One status change of a plan, as a plan's `transitions` list shows it, with the decision it rests on. */
export interface TransitionView {
  from: PlanStatus | null
  to: PlanStatus
  reason: string | null
  note: string | null
  at: string
  by: string | null
  decision: LegalDecision | null
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
  /** The commune chair's decision that opened it (null on records made before decisions were kept). */
  openDecision: LegalDecision | null
}

export interface FollowUpRecord extends Stamps {
  id: string
  postRehabId: string
  personId: string
  communeCode: string
  contactedOn: string
  method: (typeof followUpMethods)[number]
  notes: string | null
  /** Whether the person works, as the contact found; null: not recorded. Counted in reports (decision 0034). */
  employed: boolean | null
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
  /** The decision that placed the person under management (null on periods recorded before decisions were kept). */
  decision: LegalDecision | null
  /** Why it ended (ManagementEndReason; free text on periods ended before the list). */
  endReason: ManagementEndReason | string | null
  /** The day it ended: endOn's next day for an elapsed period, the ground's day for an early end. */
  endedOn: string | null
  /** The decision an early end cites (none when the period simply elapsed). */
  endDecision: LegalDecision | null
}

/** An addiction determination (xác định tình trạng nghiện): requested on a police dossier, concluded by a health facility. */
export interface DeterminationRecord extends Stamps {
  id: string
  personId: string
  communeCode: string
  trigger: DeterminationTrigger
  /** The day the commune police made the dossier. */
  dossierOn: string
  /** The health facility that determines. */
  facility: string
  resultOn: string | null
  result: DeterminationResult | null
  decision: LegalDecision | null
  /** A result of dependence: the last day to register voluntary rehab or methadone (5 working days). */
  registrationDueOn: string | null
  note: string | null
}

/** A referral to compulsory rehab and the return from it (DOMAIN.md §4.7: the dossier itself is police work). */
export interface ReferralRecord extends Stamps {
  id: string
  personId: string
  communeCode: string
  ground: ReferralGround
  /** The day the dossier was made, and the day it went to the court. */
  dossierOn: string
  submittedOn: string | null
  status: ReferralStatus
  /** The court's decision (signer role court). */
  courtDecision: LegalDecision | null
  facility: string | null
  admittedOn: string | null
  returnedOn: string | null
  /** The commune chair's decision opening post-rehab management on the return, and the record it opened. */
  returnDecision: LegalDecision | null
  postRehabId: string | null
  note: string | null
}

/** Substitution treatment (methadone), alongside whatever else the person is in. */
export interface MethadoneRecord extends Stamps {
  id: string
  personId: string
  communeCode: string
  facility: string
  startOn: string
  endOn: string | null
  status: MethadoneStatus
  endReason: MethadoneEndReason | null
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
export interface CaseRecords extends CommunityRecords {
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
  determinations: DeterminationRecord
  referrals: ReferralRecord
  methadone: MethadoneRecord
}
export type Collection = keyof CaseRecords
