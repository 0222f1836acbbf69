// The input schemas of the case writes (valibot, with the API's field messages). The HTTP routes and the
// sync changes are checked with the very same schemas, by the runner (worker/commands/run.ts).
import * as v from 'valibot'
import { TextField, type TextKind } from '../text-hygiene.ts'
import { communityInputs, type CommunityInputs } from './community-inputs.ts'
import { LOAN_AMOUNT_RULE, loanAmountMatches } from '../domain/after-care.ts'
import { DecisionInput } from '../domain/legal-decision-input.ts'
import { monitoringContexts } from '../domain/monitoring.ts'
import { normalizePhone, PHONE_MESSAGE, PHONE_PATTERN } from '../domain/phone.ts'
import { personProblems } from '../domain/person-rules.ts'
import { legalRepresentativeProblems, type LegalRepresentative } from '../domain/minor.ts'
import type { FieldIssue } from '../issues.ts'
import {
  determinationResults,
  determinationTriggers,
  drugTestResults,
  followUpMethods,
  managementEarlyEndReasons,
  methadoneEndReasons,
  referralGrounds,
  personCategories,
  planStages,
  planStatuses,
  riskLevels,
  supportKinds,
  supportModels,
} from '../records.ts'

const DAY = /^\d{4}-\d{2}-\d{2}$/
const isEmpty = (input: unknown) => input === undefined || input === null || input === ''

/** YYYY-MM-DD that is a real calendar day; an empty one is "is required", not "must be a date". */
export const IsoDate = v.pipe(
  v.string((issue) => (isEmpty(issue.input) ? 'is required' : 'must be a date YYYY-MM-DD')),
  v.regex(DAY, (issue) => (isEmpty(issue.input) ? 'is required' : 'must be a date YYYY-MM-DD')),
  // Only for a well-formed day (a malformed one already has its message: one per field).
  v.check((s) => {
    if (!DAY.test(s)) return true
    const d = new Date(`${s}T00:00:00Z`)
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
  }, 'is not a real calendar date'),
)

/** A record id (UUID; made by the client for offline creates). */
export const RecordId = v.pipe(v.string(), v.uuid('must be an id (UUID)'))

/** Five-digit official commune code. */
export const CommuneCode = v.pipe(v.string(), v.regex(/^\d{5}$/, 'must be a five-digit commune code'))

// Trimmed, NFC and clean (kernel/text-hygiene.ts, decision 0019): names and addresses on one line, notes free.
const Trimmed = (max: number, kind: TextKind = 'line') => v.pipe(TextField(kind), v.maxLength(max, `must be at most ${max} characters`))
const Required = (max: number, kind: TextKind = 'line') =>
  v.pipe(TextField(kind, 'is required'), v.minLength(1, 'is required'), v.maxLength(max, `must be at most ${max} characters`))
const OptionalText = (max: number, kind: TextKind = 'line') => v.optional(v.nullable(Trimmed(max, kind)))
const oneOf = <T extends readonly [string, ...string[]]>(values: T) => v.picklist(values, `must be one of ${values.join(', ')}`)

// ── People ────────────────────────────────────────────────────────────────────────────────────────────

const personFields = {
  fullName: v.pipe(Trimmed(100), v.minLength(2, 'is required')),
  birthDate: IsoDate,
  sex: v.picklist(['male', 'female'], 'must be male or female'),
  citizenId: v.pipe(
    v.string('is required'),
    v.trim(),
    v.regex(/^\d{12}$/, (issue) => (issue.input === '' ? 'is required' : 'must be 12 digits')),
  ),
  communeCode: CommuneCode,
  category: oneOf(personCategories),
  addressDetail: OptionalText(200),
  phone: v.optional(
    v.nullable(
      v.pipe(
        v.string(PHONE_MESSAGE),
        v.transform((text: string) => normalizePhone(text)),
        v.regex(PHONE_PATTERN, PHONE_MESSAGE),
      ),
    ),
  ),
  addictionDeterminedOn: v.optional(v.nullable(IsoDate)),
  addictionDeterminedBy: OptionalText(200),
  assignedOfficerId: v.optional(v.nullable(v.pipe(v.string(), v.uuid('must be a user id')))),
  notes: OptionalText(2000, 'multiline'),
  /** A minor's legal representative: required when the person is under 18 on the registration day (decision 0029). */
  legalRepresentative: v.optional(
    v.nullable(
      v.object(
        {
          name: Required(100),
          relation: Required(50),
          phone: v.pipe(
            v.string('is required'),
            v.transform((text: string) => normalizePhone(text)),
            v.regex(PHONE_PATTERN, PHONE_MESSAGE),
          ),
        },
        'must be the legal representative: { name, relation, phone }',
      ),
    ),
  ),
}

export const CreatePersonBody = v.object({
  /** Client-generated for offline registration; the server makes one otherwise. */
  id: v.optional(RecordId),
  ...personFields,
  /** The date of registration (decision 0034); the day it is recorded when left out. An import gives the list's, or none. */
  registeredOn: v.optional(IsoDate),
})
export type CreatePersonInput = v.InferOutput<typeof CreatePersonBody>

export const UpdatePersonBody = v.object({
  /** The version this change was based on: a stale one answers 409 with the current record. */
  version: v.pipe(v.number('must be the record version (a number)'), v.integer('must be a whole number'), v.minValue(1, 'must be at least 1')),
  ...v.partial(v.object(personFields)).entries,
  // Refused, not stripped: a status is derived from the person's records (plan, post-rehab, management…), and a
  // client that sends one must learn it was not applied.
  status: v.optional(v.never("cannot be set: a person's status follows from their records")),
})
export type UpdatePersonInput = v.InferOutput<typeof UpdatePersonBody>

// ── Rehab plans ───────────────────────────────────────────────────────────────────────────────────────

const MemberText = (max: number) => Required(max)

export const CreatePlanBody = v.object({
  id: v.optional(RecordId),
  form: v.picklist(['family', 'community'], 'must be family or community'),
  registeredOn: IsoDate,
  startOn: IsoDate,
  plannedEndOn: IsoDate,
  members: v.pipe(
    v.array(v.object({ name: MemberText(100), role: MemberText(100) }), 'must be a list of { name, role }'),
    v.minLength(1, 'must name at least one working-group member'),
    v.maxLength(20, 'must list at most 20 members'),
  ),
  /** The stages planned (any left out is kept empty: a plan always has the law's five). */
  stages: v.pipe(
    v.array(
      v.object({
        stage: oneOf(planStages),
        activities: v.pipe(v.array(MemberText(300)), v.maxLength(30, 'must list at most 30 activities')),
        plannedStartOn: v.optional(v.nullable(IsoDate)),
        plannedEndOn: v.optional(v.nullable(IsoDate)),
      }),
    ),
    v.check((stages) => new Set(stages.map((s) => s.stage)).size === stages.length, 'must not repeat a stage'),
  ),
})
/** A plan for a person: the person's id comes from the path (HTTP) or the change's data (sync). */
export const CreatePlanInput = v.object({ personId: RecordId, ...CreatePlanBody.entries })
export type CreatePlanInput = v.InferOutput<typeof CreatePlanInput>

export const TransitionBody = v.object({
  to: oneOf(planStatuses),
  /** The plan version this decision was based on. */
  version: v.pipe(v.number('must be the plan version (a number)'), v.integer(), v.minValue(1)),
  reason: v.optional(v.pipe(TextField('line'), v.maxLength(40))),
  note: v.optional(Trimmed(1000, 'multiline')),
  /** Required for the steps the law ties to a decision (plan-status.ts needsDecision): checked in decide. */
  decision: v.optional(DecisionInput),
})
export type TransitionInput = v.InferOutput<typeof TransitionBody>

const RecordVersion = v.pipe(v.number('must be the record version (a number)'), v.integer(), v.minValue(1))

export const CompletePlanBody = v.object({
  version: RecordVersion,
  /**
   * The id of the post-rehab record the completion opens, when the client makes it (optional; the server makes
   * one otherwise): a phone that completes a plan offline can then queue follow-ups and a relapse of that record.
   */
  postRehabId: v.optional(RecordId),
  /** The completion certificate: its date is the completion date. */
  decision: DecisionInput,
  /**
   * Only when the province opens post-rehab after voluntary rehab (case rule postRehabAfterVoluntary), then
   * required (checked in decide, which knows the rules): how the person is supported and the chair's decision.
   */
  supportModel: v.optional(oneOf(supportModels)),
  supporterName: v.optional(Required(100)),
  openDecision: v.optional(DecisionInput),
})
export type CompletePlanInput = v.InferOutput<typeof CompletePlanBody>

const OptionalDay = v.optional(v.nullable(IsoDate))

/** One stage of a plan: its dates, activities and done mark; a field left out is unchanged, null clears it. */
export const StageUpdateBody = v.object({
  version: RecordVersion,
  stage: oneOf(planStages),
  activities: v.optional(v.pipe(v.array(MemberText(300), 'must be a list of activities'), v.maxLength(30, 'must list at most 30 activities'))),
  plannedStartOn: OptionalDay,
  plannedEndOn: OptionalDay,
  actualStartOn: OptionalDay,
  actualEndOn: OptionalDay,
  done: v.optional(v.boolean('must be true or false')),
})
export type StageUpdateInput = v.InferOutput<typeof StageUpdateBody>

// ── Reviews ───────────────────────────────────────────────────────────────────────────────────────────

export const CreateReviewBody = v.object({
  id: v.optional(RecordId),
  reviewedOn: IsoDate,
  attended: v.boolean('must be true or false'),
  drugTest: oneOf(drugTestResults),
  substance: v.optional(v.nullable(Trimmed(100))),
  counsellingNotes: OptionalText(2000, 'multiline'),
  employed: v.optional(v.nullable(v.boolean('must be true or false'))),
  riskLevel: oneOf(riskLevels),
})
export const CreateReviewInput = v.object({ personId: RecordId, ...CreateReviewBody.entries })
export type CreateReviewInput = v.InferOutput<typeof CreateReviewInput>

// ── After care ────────────────────────────────────────────────────────────────────────────────────────

export const FollowUpBody = v.object({
  id: v.optional(RecordId),
  contactedOn: IsoDate,
  method: oneOf(followUpMethods),
  notes: v.optional(v.nullable(Trimmed(2000, 'multiline'))),
  employed: v.optional(v.nullable(v.boolean('must be true or false'))),
})
export const FollowUpInput = v.object({ postRehabId: RecordId, ...FollowUpBody.entries })
export type FollowUpInput = v.InferOutput<typeof FollowUpInput>

export const RelapseBody = v.object({
  version: RecordVersion,
  relapseOn: IsoDate,
  note: v.optional(Trimmed(1000, 'multiline')),
})
export type RelapseInput = v.InferOutput<typeof RelapseBody>

const supportEntries = {
  id: v.optional(RecordId),
  kind: oneOf(supportKinds),
  givenOn: IsoDate,
  amountVnd: v.optional(
    v.nullable(
      v.pipe(
        v.number('must be an amount in VND'),
        v.integer('must be a whole number of VND'),
        v.minValue(1, 'must be positive'),
        v.maxValue(10_000_000_000, 'is implausibly large'),
      ),
    ),
  ),
  note: v.optional(v.nullable(Trimmed(500, 'multiline'))),
}
export const SupportBody = v.pipe(
  v.object(supportEntries),
  v.forward(
    v.check((s) => loanAmountMatches(s), LOAN_AMOUNT_RULE),
    ['amountVnd'],
  ),
)
export const SupportInput = v.pipe(
  v.object({ personId: RecordId, ...supportEntries }),
  v.forward(
    v.check((s) => loanAmountMatches(s), LOAN_AMOUNT_RULE),
    ['amountVnd'],
  ),
)
export type SupportInput = v.InferOutput<typeof SupportInput>

export const ManagementPeriodBody = v.object({
  id: v.optional(RecordId),
  startOn: IsoDate,
  measures: Required(1000, 'multiline'),
  /** The decision placing the person under management. */
  decision: DecisionInput,
})
export const ManagementPeriodInput = v.object({ personId: RecordId, ...ManagementPeriodBody.entries })
export type ManagementPeriodInput = v.InferOutput<typeof ManagementPeriodInput>

// ── Moving, and electronic monitoring (Law 120/2025, decision 0029) ────────────────────────────────────

export const HandoverBody = v.object({
  id: v.optional(RecordId),
  /** Another province's two-digit code; absent: a commune of this province. */
  toProvinceCode: v.optional(v.pipe(v.string(), v.regex(/^\d{2}$/, 'must be a two-digit province code'))),
  toCommuneCode: CommuneCode,
  movedOn: IsoDate,
  note: OptionalText(1000, 'multiline'),
  decision: v.optional(v.nullable(DecisionInput)),
})
export const HandoverInput = v.object({ personId: RecordId, ...HandoverBody.entries })
export type HandoverInput = v.InferOutput<typeof HandoverInput>

export const HandoverAcceptBody = v.object({ version: RecordVersion })
export type HandoverAcceptInput = v.InferOutput<typeof HandoverAcceptBody>
export const HandoverDeclineBody = v.object({ version: RecordVersion, reason: Required(500, 'multiline') })
export type HandoverDeclineInput = v.InferOutput<typeof HandoverDeclineBody>

/** Law 120/2025: electronic monitoring is ordered (and ended) by the commune police chief. */
const MonitoringOrder = v.object(
  {
    ...DecisionInput.entries,
    signerRole: v.literal('commune_police_chief', 'must be commune_police_chief (the commune police chief orders electronic monitoring)'),
  },
  'must be the order: { number, date, signer, signerRole, body }',
)

export const MonitoringBody = v.object({
  id: v.optional(RecordId),
  context: oneOf(monitoringContexts),
  startOn: IsoDate,
  decision: MonitoringOrder,
})
export const MonitoringInput = v.object({ personId: RecordId, ...MonitoringBody.entries })
export type MonitoringInput = v.InferOutput<typeof MonitoringInput>
export const MonitoringEndBody = v.object({ version: RecordVersion, endOn: IsoDate, decision: MonitoringOrder })
export type MonitoringEndInput = v.InferOutput<typeof MonitoringEndBody>
/** An early end of a management period, for one of the law's grounds (the elapsed year is the daily job's). */
export const EndManagementBody = v.object({
  version: RecordVersion,
  endedOn: IsoDate,
  reason: oneOf(managementEarlyEndReasons),
  decision: DecisionInput,
})
export type EndManagementInput = v.InferOutput<typeof EndManagementBody>

// ── Addiction determination, compulsory-rehab referral, substitution treatment ──────────────────────────

export const DeterminationBody = v.object({
  id: v.optional(RecordId),
  trigger: oneOf(determinationTriggers),
  dossierOn: IsoDate,
  facility: Required(200),
  note: OptionalText(1000, 'multiline'),
})
export const DeterminationInput = v.object({ personId: RecordId, ...DeterminationBody.entries })
export type DeterminationInput = v.InferOutput<typeof DeterminationInput>

export const ConcludeDeterminationBody = v.object({
  version: RecordVersion,
  resultOn: IsoDate,
  result: oneOf(determinationResults),
  decision: DecisionInput,
})
export type ConcludeDeterminationInput = v.InferOutput<typeof ConcludeDeterminationBody>

export const ReferralBody = v.object({
  id: v.optional(RecordId),
  ground: oneOf(referralGrounds),
  dossierOn: IsoDate,
  submittedOn: v.optional(v.nullable(IsoDate)),
  note: OptionalText(1000, 'multiline'),
})
export const ReferralInput = v.object({ personId: RecordId, ...ReferralBody.entries })
export type ReferralInput = v.InferOutput<typeof ReferralInput>

/** The court's decision and the admission to the facility. */
export const AdmitReferralBody = v.object({
  version: RecordVersion,
  decision: DecisionInput,
  facility: Required(200),
  admittedOn: IsoDate,
})
export type AdmitReferralInput = v.InferOutput<typeof AdmitReferralBody>

/** The return from compulsory rehab: the commune chair's decision opens post-rehab management. */
export const ReturnReferralBody = v.object({
  version: RecordVersion,
  returnedOn: IsoDate,
  /** The post-rehab record's id when the client makes it (offline), as a completion's. */
  postRehabId: v.optional(RecordId),
  decision: DecisionInput,
  supportModel: oneOf(supportModels),
  supporterName: Required(100),
})
export type ReturnReferralInput = v.InferOutput<typeof ReturnReferralBody>

export const MethadoneBody = v.object({
  id: v.optional(RecordId),
  facility: Required(200),
  startOn: IsoDate,
})
export const MethadoneInput = v.object({ personId: RecordId, ...MethadoneBody.entries })
export type MethadoneInput = v.InferOutput<typeof MethadoneInput>

export const EndMethadoneBody = v.object({
  version: RecordVersion,
  endOn: IsoDate,
  reason: oneOf(methadoneEndReasons),
})
export type EndMethadoneInput = v.InferOutput<typeof EndMethadoneBody>

// ── Each command's input ──────────────────────────────────────────────────────────────────────────────

/** What each command's input is once parsed (the type its rules see). */
export interface CommandInputs extends CommunityInputs {
  'person.create': CreatePersonInput
  'person.update': UpdatePersonInput
  'plan.create': CreatePlanInput
  'plan.transition': TransitionInput
  'plan.complete': CompletePlanInput
  'plan.stage_update': StageUpdateInput
  'review.create': CreateReviewInput
  'follow_up.create': FollowUpInput
  'post_rehab.relapse': RelapseInput
  'support.create': SupportInput
  'management_period.create': ManagementPeriodInput
  'handover.create': HandoverInput
  'handover.accept': HandoverAcceptInput
  'handover.decline': HandoverDeclineInput
  'monitoring.create': MonitoringInput
  'monitoring.end': MonitoringEndInput
  'management_period.end': EndManagementInput
  'determination.create': DeterminationInput
  'determination.conclude': ConcludeDeterminationInput
  'referral.create': ReferralInput
  'referral.admit': AdmitReferralInput
  'referral.return': ReturnReferralInput
  'methadone.start': MethadoneInput
  'methadone.end': EndMethadoneInput
}

/**
 * The schema each command's input is parsed with: the HTTP route's body (with the parent's id the path gives)
 * and a sync change's `data` alike. The server's runner takes it from here; the phone never loads this module.
 */
export const commandInputs: { readonly [T in keyof CommandInputs]: v.GenericSchema<unknown, CommandInputs[T]> } = {
  'person.create': CreatePersonBody,
  'person.update': UpdatePersonBody,
  'plan.create': CreatePlanInput,
  'plan.transition': TransitionBody,
  'plan.complete': CompletePlanBody,
  'plan.stage_update': StageUpdateBody,
  'review.create': CreateReviewInput,
  'follow_up.create': FollowUpInput,
  'post_rehab.relapse': RelapseBody,
  'support.create': SupportInput,
  'management_period.create': ManagementPeriodInput,
  'handover.create': HandoverInput,
  'handover.accept': HandoverAcceptBody,
  'handover.decline': HandoverDeclineBody,
  'monitoring.create': MonitoringInput,
  'monitoring.end': MonitoringEndBody,
  'management_period.end': EndManagementBody,
  'determination.create': DeterminationInput,
  'determination.conclude': ConcludeDeterminationBody,
  'referral.create': ReferralInput,
  'referral.admit': AdmitReferralBody,
  'referral.return': ReturnReferralBody,
  'methadone.start': MethadoneInput,
  'methadone.end': EndMethadoneBody,
  ...communityInputs,
}

/** The fields of `raw` that pass their own schema, with their parsed values (absent or empty ones left out). */
function wellFormed(raw: unknown, fields: Readonly<Record<string, v.GenericSchema>>): Record<string, unknown> {
  const out: Record<string, unknown> = {}
  if (typeof raw !== 'object' || raw === null) return out
  for (const [key, schema] of Object.entries(fields)) {
    const parsed = v.safeParse(schema, (raw as Record<string, unknown>)[key])
    if (parsed.success && parsed.output !== undefined && parsed.output !== null) out[key] = parsed.output
  }
  return out
}

/**
 * Rules across fields run on the fields that did parse when others did not: the runner adds them to a schema
 * failure, so one 400 names every problem (a future birth date together with a citizen ID of 11 digits) instead
 * of one round per schema. Commands without an entry answer the schema's issues alone.
 */
export const partialRules: { readonly [T in keyof CommandInputs]?: (raw: unknown, today: string) => FieldIssue[] } = {
  'person.create': (raw, today) => {
    const fields = wellFormed(raw, personFields)
    // A minor's missing representative comes in the same round (decision 0029). The representative is not
    // well formed when it lacks a field, so its parts are read as sent: legalRepresentativeProblems names each.
    const rep = typeof raw === 'object' && raw !== null ? (raw as Record<string, unknown>).legalRepresentative : undefined
    const minor =
      typeof fields.birthDate === 'string'
        ? legalRepresentativeProblems(
            { birthDate: fields.birthDate, legalRepresentative: typeof rep === 'object' && rep !== null ? (rep as Partial<LegalRepresentative>) : null },
            today,
          )
        : []
    return [...personProblems(fields as Parameters<typeof personProblems>[0], today), ...minor]
  },
}
