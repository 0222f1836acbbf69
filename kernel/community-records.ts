// The commune's activity log and its community models as the API presents them (GET routes and GET /sync/pull),
// kept apart from records.ts so that the case records and these grow without touching each other (decision 0033).
import type { LegalDecision } from './domain/legal-decision.ts'
import type { ActivityKind, ActivityOrganiser, CommunityModelKind, CommunityModelStatus, TraineeGroup } from './vocabulary.ts'

interface Stamps {
  version: number
  createdAt: string
  createdBy: string | null
  updatedAt: string
  updatedBy: string | null
}

/**
 * One line of the activity log: an event (or a batch of one kind on one day) and its counts. No field names a
 * person: a tip from the public is a count and how many led to a case, never who gave it.
 */
export interface ActivityRecord extends Stamps {
  id: string
  communeCode: string
  kind: ActivityKind
  heldOn: string
  organiser: ActivityOrganiser
  /** What it was about ("Luật Phòng, chống ma túy 2021"); never on public tips. */
  topic: string | null
  /** Sessions, broadcasts, articles, leaflets, screenings, events, tips, gifts or people reached (activity-rules.ts). */
  count: number
  /** People who attended (trainees for a training). */
  participants: number | null
  traineeGroup: TraineeGroup | null
  /** Public tips only: how many led to a case. */
  casesOpened: number | null
  /** Gifts only: their total value. */
  valueVnd: number | null
}

/** An activity as it was before an edit: every version stays, so an edit of a reported figure is traceable. */
export interface ActivityVersionRecord {
  activityId: string
  version: number
  /** The record as it was at `version`. */
  record: ActivityRecord
  replacedAt: string
  replacedBy: string | null
}

/** A helper of a model: an officer or a volunteer (never a person under management). */
export interface ModelHelper {
  name: string
  organisation: string
  role: string
}

export interface ModelRecord extends Stamps {
  id: string
  communeCode: string
  kind: CommunityModelKind
  name: string
  /** The founding decision (for a volunteer team, the decision naming its roster). */
  decision: LegalDecision
  helpers: ModelHelper[]
  status: CommunityModelStatus
  dissolvedOn: string | null
}

/** A person the model supports, from `joinedOn` until `leftOn`. */
export interface ModelMemberRecord extends Stamps {
  id: string
  modelId: string
  personId: string
  communeCode: string
  joinedOn: string
  leftOn: string | null
}

export interface ModelSessionRecord extends Stamps {
  id: string
  modelId: string
  communeCode: string
  heldOn: string
  attendance: number
  topic: string | null
  /** Counselling points only: clients seen for the first time, returning, and counselled. */
  clientsNew: number | null
  clientsReturning: number | null
  counselled: number | null
  /** Allowances paid to the helpers (a volunteer team's, mostly) for this session, VND. */
  allowancesVnd: number | null
}

/** The collections these commands make and change (merged into CaseRecords). */
export interface CommunityRecords {
  activities: ActivityRecord
  activityVersions: ActivityVersionRecord
  models: ModelRecord
  modelMembers: ModelMemberRecord
  modelSessions: ModelSessionRecord
}
