// The shape of a write (docs/decisions/0022). A command is defined once, here in the kernel: its input schema,
// what it acts on (so the server and the phone load it), the action it needs, and a pure decide step. The
// server's runner (worker/commands/run.ts) does parse → load → authorize → check → decide → persist with the
// audit entry (and, for a sync change, the receipt) in one transaction; the phone's view (web/src/offline/view.ts)
// runs the same decide on its local records.
import { issuesMessage, type FieldIssue } from '../issues.ts'
import type { Action } from '../policy.ts'
import type { CaseRules } from '../domain/case-rules.ts'
import type { StatusFacts } from '../domain/person-status.ts'
import type {
  CaseRecords,
  Collection,
  DeterminationRecord,
  HandoverRecord,
  ManagementPeriodRecord,
  MethadoneRecord,
  MonitoringRecord,
  PersonRecord,
  PlanRecord,
  PostRehabRecord,
  ReferralRecord,
} from '../records.ts'
import type { CommandInputs } from './inputs.ts'
import type { ActivityRecord, ModelMemberRecord, ModelRecord } from '../community-records.ts'
import type { AssessmentRecord, CertificationFlagRecord, CriteriaSetRecord, StatusPeriodRecord } from '../certification-records.ts'
import type { AssessmentFigures } from '../domain/certification/evaluate.ts'

/** Every write, by the name a sync change carries (management periods: online only). */
export type CommandType = keyof CommandInputs

// ── What decide reads: the facts both the server's rows and the phone's local records carry ──────────────

export type PersonFacts = Omit<PersonRecord, 'createdAt' | 'createdBy' | 'updatedAt' | 'updatedBy' | 'assignedOfficerId' | 'legalRepresentative'> & {
  assignedOfficerId?: string | null | undefined
  /** When the record was made (the server's row: a Date; the phone's: ISO): a move names the day first registered from it. */
  createdAt?: string | Date | undefined
}
export type PlanFacts = Pick<PlanRecord, 'id' | 'personId' | 'status' | 'version' | 'startOn'>
export type PostRehabFacts = Pick<PostRehabRecord, 'id' | 'personId' | 'status' | 'version' | 'startOn'>
export type HandoverFacts = Pick<
  HandoverRecord,
  'id' | 'personId' | 'communeCode' | 'toProvinceCode' | 'fromCommuneCode' | 'fromProvinceCode' | 'status' | 'version' | 'movedOn' | 'subject'
>
export type MonitoringFacts = Pick<MonitoringRecord, 'id' | 'personId' | 'communeCode' | 'context' | 'status' | 'version' | 'startOn'>
export type ManagementFacts = Pick<ManagementPeriodRecord, 'id' | 'personId' | 'status' | 'version'>
export type ManagementTargetFacts = Pick<ManagementPeriodRecord, 'id' | 'personId' | 'status' | 'version' | 'startOn' | 'endOn'>
export type DeterminationFacts = Pick<DeterminationRecord, 'id' | 'personId' | 'version' | 'dossierOn' | 'result' | 'trigger'>
export type ReferralFacts = Pick<ReferralRecord, 'id' | 'personId' | 'version' | 'status' | 'dossierOn' | 'admittedOn'>
export type MethadoneFacts = Pick<MethadoneRecord, 'id' | 'personId' | 'version' | 'status' | 'startOn'>
/** A record already under a create's client-made id: enough to tell a replay from an id that is taken. */
export interface ExistingFacts {
  personId?: string | undefined
  postRehabId?: string | undefined
  communeCode?: string | undefined
  createdBy?: string | null | undefined
  /** A model's member or session: the model it belongs to. */
  modelId?: string | undefined
}

/** The records a command can act on, and their facts. */
export interface TargetFacts {
  persons: PersonFacts
  /** A plan acted on carries what completion and the stage rules read. */
  plans: PlanFacts & Pick<PlanRecord, 'stages' | 'startDecisionOn'>
  postRehab: PostRehabFacts
  handovers: HandoverFacts
  monitoring: MonitoringFacts
  // The activity log and community models (decision 0033): records of a commune, not of a person.
  activities: ActivityRecord
  models: ModelRecord
  modelMembers: ModelMemberRecord
  managementPeriods: ManagementTargetFacts
  // Drug-free communes (decision 0037): records of a commune.
  assessments: AssessmentRecord
  statusPeriods: StatusPeriodRecord
  certificationFlags: CertificationFlagRecord
  determinations: DeterminationFacts
  referrals: ReferralFacts
  methadone: MethadoneFacts
}
export type TargetCollection = keyof TargetFacts

/**
 * Everything decide may look at: the record acted on, the person concerned and what of theirs a rule needs.
 * The server reads it inside the change's write transaction; the phone from its store with the queued changes.
 */
export interface State<T> {
  /** The record the change acts on (a create's parent: the person, or the post-rehab record of a contact). */
  target: T
  /** The person concerned (the target itself when it is a person). */
  person: PersonFacts | undefined
  /** The person's open plans (draft, active, suspended): at most one. */
  openPlans: readonly PlanFacts[]
  /** The person's active post-rehab records. */
  activePostRehab: readonly PostRehabFacts[]
  /** The person's active management periods (the server's; the phone holds none). */
  activeManagement: readonly ManagementFacts[]
  /** The person's active electronic monitoring (the server's; a phone knows those of its communes). */
  activeMonitoring?: readonly MonitoringFacts[]
  /** The person's pending hand-overs (a move already recorded). */
  pendingHandovers?: readonly HandoverFacts[]
  /**
   * A hand-over received from another province: the person of this province with its citizen ID, if any (accepting
   * links the hand-over to them instead of registering them again; decision 0039). Null: none; absent: not looked up.
   */
  sameCitizen?: Pick<PersonFacts, 'id' | 'communeCode'> | null
  /**
   * Every record of the person the status follows from (kernel/domain/person-status.ts): the status is settled
   * from these after decide (kernel/commands/decide.ts), and rules such as "a determination is pending" read them.
   * Absent (older callers): only the open and active records above are known.
   */
  facts?: StatusFacts | undefined
  /** The record already under a create's client id, if any. */
  existing: ExistingFacts | undefined
  /** What a drug-free commune write reads (decision 0037), loaded for commands that ask (`certification`). */
  certification?: CertificationFacts | undefined
  /** The commune the change acts in (the target's): a new record belongs there. */
  commune: string
}

/** The province's criteria and a commune's figures for a year, read in the change's transaction. */
export interface CertificationFacts {
  /** Every confirmed version of the criteria, oldest first (none: only the shipped, unconfirmed set). */
  sets: readonly CriteriaSetRecord[]
  /** The case-data and population figures of the commune and year (the police's are on the assessment). */
  figures: Pick<AssessmentFigures, 'managedPeople' | 'population'>
  /** The commune's open drug-free status period, if any. */
  openPeriod: StatusPeriodRecord | undefined
  /** The complete evidence files of the assessment acted on (decision 0038); absent where nobody loaded them. */
  attachments?: readonly string[] | undefined
}

export interface DecideContext {
  /** Who (null: the system, e.g. a script); stamped as createdBy / updatedBy. */
  actorId: string | null
  now: Date
  /** The province's case rules (settings, kernel/domain/case-rules.ts): the server's, or the phone's last pulled. */
  rules: CaseRules
  /** The province's code: the server always gives it; a phone's view may not (a move records it then as ''). */
  province?: string
  /** A new record id, for a record the client did not name (a completion's post-rehab record made online). */
  newId(): string
}

export interface RecordRef {
  collection: Collection
  id: string
}

export type Insert = { [C in Collection]: { collection: C; record: CaseRecords[C] } }[Collection]
export type Update = { [C in Collection]: { collection: C; id: string; set: Partial<CaseRecords[C]> } }[Collection]

export interface AuditEvent {
  action: string
  entityType: string
  entityId: string
  details?: Record<string, string | number | boolean | null>
}

/** What a change does: records made and changed, its audit entry, and the record it answers with. */
export interface Decision {
  rejected: false
  inserts: Insert[]
  updates: Update[]
  /** Absent when nothing changes (a replayed create, answered with the record it made). */
  event?: AuditEvent
  answer: RecordRef
}

export type RejectionKind = 'invalid' | 'conflict' | 'not_found' | 'forbidden'
/**
 * The API codes a command answers; a broken rule's own codes (completion's, a plan needing a determination) are
 * 409 like `conflict`, named so the screen can tell them apart.
 */
export type RejectionCode =
  | 'validation_failed'
  | 'conflict'
  | 'not_found'
  | 'forbidden'
  | 'completion_too_early'
  | 'stages_incomplete'
  | 'determination_required'
  /** An order the 2025 drug law allows, dated before that law came into force (409). */
  | 'law_not_in_force'
  // Drug-free communes (decision 0037)
  /** No confirmed criteria set applies to the assessment (409). */
  | 'criteria_unconfirmed'
  /** Returning or deciding an assessment one submitted (403). */
  | 'separation_of_duties'

/**
 * Why a change is refused. `kind` is what a sync change is answered (`invalid`, `conflict` for a stale version,
 * `not_found`, `forbidden`); `code` the API's error code, from which the HTTP status follows
 * (validation_failed 400, conflict 409, not_found 404, forbidden 403).
 */
export interface Rejection {
  rejected: true
  kind: RejectionKind
  code: RejectionCode
  message: string
  details?: Record<string, unknown>
  /** A stale version: the record as it is now, answered with the refusal. */
  current?: RecordRef
  /**
   * Nothing is wrong with the change: what it depends on has not arrived yet (the record it acts on does not
   * exist, or its version is ahead of the record's). A sync change so answered is not stored: sent again after
   * the change it depends on, it applies (docs/decisions/0022).
   */
  retryable?: true
}

type TargetOf<C> = C extends TargetCollection ? TargetFacts[C] : undefined

/**
 * A write's rules. Its input is the schema `commandInputs[type]` (inputs.ts: the runner parses with it, and the
 * type of `input` below is its output); kept apart from the rules so that the phone, which replays decide, does
 * not carry the schemas.
 */
export interface Command<T extends CommandType, C extends TargetCollection | null> {
  type: T
  action: Action
  /** The record the change acts on; missing → not_found. null: person.create, which acts on no record. */
  target: C extends TargetCollection ? { collection: C; id(input: CommandInputs[T], entityId: string): string } : null
  /** Communes the change places the person in: they must be communes of the province, and in the caller's scope. */
  communes?(input: CommandInputs[T]): string[]
  /**
   * Communes the change points to without acting in them (a move's destination): they must exist (in this
   * province, or in the named one), but need not be in the caller's scope. `field` names the input field.
   */
  destinations?(input: CommandInputs[T]): { province: string | undefined; commune: string; field: string }[]
  /**
   * A person the change links to its target (a model's member): missing or outside the caller's scope is
   * not_found, as a path to them would be; loaded as the state's `person`.
   */
  links?(input: CommandInputs[T]): string
  /** A drug-free commune write: the commune and year whose criteria and figures decide reads (state.certification). */
  certification?(input: CommandInputs[T], target: TargetOf<C>): { communeCode: string; year: number; assessmentId?: string } | null
  /**
   * The record a create makes under a client-made id, loaded to tell a replay from an id already taken. Its id
   * is the change's entityId (the create's own id), unless `id` names another (a completion's post-rehab record).
   */
  creates?: { collection: Collection; id?(input: CommandInputs[T]): string | undefined }
  /**
   * Rules on the input alone (and today), checked after authorization and before decide. The phone checked
   * them when the change was queued (web/src/offline/checks.ts); its view replays decide only.
   */
  check?(input: CommandInputs[T], today: string): Rejection | undefined
  /** A method, so that the registry holds commands of every input type (method parameters are bivariant). */
  decide(state: State<TargetOf<C>>, input: CommandInputs[T], entityId: string, ctx: DecideContext): Decision | Rejection
}

/**
 * Any command, as the registry (kernel/commands/index.ts), the runner and the phone's view hold them: the input
 * is the runner's parsed `commandInputs[type]`, or on the phone the queued data its form made and checked.
 * Every command is one of these (its methods' parameters are bivariant).
 */
export interface AnyCommand {
  type: CommandType
  action: Action
  target: { collection: TargetCollection; id(input: unknown, entityId: string): string } | null
  communes?(input: unknown): string[]
  destinations?(input: unknown): { province: string | undefined; commune: string; field: string }[]
  links?(input: unknown): string
  certification?(input: unknown, target: unknown): { communeCode: string; year: number; assessmentId?: string } | null
  creates?: { collection: Collection; id?(input: unknown): string | undefined }
  check?(input: unknown, today: string): Rejection | undefined
  decide(state: State<TargetOf<TargetCollection | null>>, input: unknown, entityId: string, ctx: DecideContext): Decision | Rejection
}

// ── Building decisions and rejections ───────────────────────────────────────────────────────────────────

export function decided(answer: RecordRef, parts: { inserts?: Insert[]; updates?: Update[]; event?: AuditEvent } = {}): Decision {
  return { rejected: false, inserts: parts.inserts ?? [], updates: parts.updates ?? [], ...(parts.event ? { event: parts.event } : {}), answer }
}

/** A 400 naming the fields (as a valibot failure does). */
export function invalidFields(issues: FieldIssue[]): Rejection {
  return { rejected: true, kind: 'invalid', code: 'validation_failed', message: issuesMessage(issues), details: { issues } }
}

export function invalidField(field: string, message: string): Rejection {
  return invalidFields([{ field, message }])
}

/** A rule of the domain (409): the officer must change the data, not choose between two versions. */
export function ruleBroken(message: string, details?: Record<string, unknown>, code: RejectionCode = 'conflict'): Rejection {
  return { rejected: true, kind: 'invalid', code, message, ...(details ? { details } : {}) }
}

/**
 * The change was based on `version` but the record is at `current.version`: 409 with the current record. A
 * version ahead of the record's is a change that depends on one not received yet: retryable.
 */
export function staleVersion(ref: RecordRef, version: number, current: number, message: string): Rejection {
  return { rejected: true, kind: 'conflict', code: 'conflict', message, current: ref, ...(version > current ? { retryable: true as const } : {}) }
}

/**
 * A client-made id that already names a different record. A true replay is answered with the stored record;
 * anything else must not be, or knowing an id would be enough to read a record outside one's scope.
 */
export function idTaken(field = 'json.id'): Rejection {
  return ruleBroken(`Invalid ${field}: this id is already used by another record; generate a new one`, {
    issues: [{ field, message: 'is already used by another record' }],
  })
}

export function notFound(retryable = false): Rejection {
  return { rejected: true, kind: 'not_found', code: 'not_found', message: 'Not found', ...(retryable ? { retryable: true as const } : {}) }
}

export function forbidden(message: string): Rejection {
  return { rejected: true, kind: 'forbidden', code: 'forbidden', message }
}

export const isRejection = (outcome: Decision | Rejection): outcome is Rejection => outcome.rejected

/** Stamps of a record made now. */
export function created(ctx: Pick<DecideContext, 'actorId' | 'now'>) {
  const at = ctx.now.toISOString()
  return { version: 1, createdAt: at, createdBy: ctx.actorId, updatedAt: at, updatedBy: ctx.actorId }
}

/** Stamps of a change made now to a record at `version`. */
export function changed(version: number, ctx: Pick<DecideContext, 'actorId' | 'now'>) {
  return { version: version + 1, updatedAt: ctx.now.toISOString(), updatedBy: ctx.actorId }
}
