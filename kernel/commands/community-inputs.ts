// The input schemas of the activity log's and the community models' writes (decision 0033), merged into
// commandInputs (inputs.ts): the HTTP routes and the sync changes are parsed with these very schemas.
import * as v from 'valibot'
import { DecisionInput } from '../domain/legal-decision.ts'
import { TextField } from '../text-hygiene.ts'
import { activityKinds, activityOrganisers, communityModelKinds, communityModelStatuses, traineeGroups } from '../vocabulary.ts'

// Repeated from inputs.ts, which imports this module (an import back would be a cycle).
const IsoDate = v.pipe(
  v.string('must be a date YYYY-MM-DD'),
  v.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD'),
  v.check((s) => {
    const d = new Date(`${s}T00:00:00Z`)
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s
  }, 'is not a real calendar date'),
)
const RecordId = v.pipe(v.string(), v.uuid('must be an id (UUID)'))
const CommuneCode = v.pipe(v.string(), v.regex(/^\d{5}$/, 'must be a five-digit commune code'))
const Version = v.pipe(v.number('must be the record version (a number)'), v.integer('must be a whole number'), v.minValue(1, 'must be at least 1'))
const oneOf = <T extends readonly [string, ...string[]]>(values: T) => v.picklist(values, `must be one of ${values.join(', ')}`)
const Line = (max: number) => v.pipe(TextField('line', 'is required'), v.minLength(1, 'is required'), v.maxLength(max, `must be at most ${max} characters`))
const Count = (min: number, max = 1_000_000) =>
  v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(min, `must be at least ${min}`), v.maxValue(max, 'is implausibly large'))
const Vnd = v.pipe(
  v.number('must be an amount in VND'),
  v.integer('must be a whole number of VND'),
  v.minValue(0, 'must not be negative'),
  v.maxValue(100_000_000_000, 'is implausibly large'),
)
const maybe = <S extends v.GenericSchema>(schema: S) => v.optional(v.nullable(schema))

// ── The activity log ──────────────────────────────────────────────────────────────────────────────────

const activityFields = {
  kind: oneOf(activityKinds),
  heldOn: IsoDate,
  organiser: oneOf(activityOrganisers),
  /** What it was about; refused on public tips (activity-rules.ts). */
  topic: maybe(Line(200)),
  count: Count(1),
  participants: maybe(Count(0)),
  traineeGroup: maybe(oneOf(traineeGroups)),
  casesOpened: maybe(Count(0)),
  valueVnd: maybe(Vnd),
}

export const CreateActivityInput = v.object({ id: v.optional(RecordId), communeCode: CommuneCode, ...activityFields })
export type CreateActivityInput = v.InferOutput<typeof CreateActivityInput>

export const UpdateActivityInput = v.object({ version: Version, ...v.partial(v.object(activityFields)).entries })
export type UpdateActivityInput = v.InferOutput<typeof UpdateActivityInput>

// ── Community models ──────────────────────────────────────────────────────────────────────────────────

const Helpers = v.pipe(
  v.array(v.object({ name: Line(100), organisation: Line(100), role: Line(100) }), 'must be a list of { name, organisation, role }'),
  v.maxLength(300, 'must list at most 300 helpers'),
)

export const CreateModelInput = v.object({
  id: v.optional(RecordId),
  communeCode: CommuneCode,
  kind: oneOf(communityModelKinds),
  name: Line(150),
  decision: DecisionInput,
  helpers: Helpers,
})
export type CreateModelInput = v.InferOutput<typeof CreateModelInput>

export const UpdateModelInput = v.object({
  version: Version,
  name: v.optional(Line(150)),
  decision: v.optional(DecisionInput),
  helpers: v.optional(Helpers),
  status: v.optional(oneOf(communityModelStatuses)),
  dissolvedOn: maybe(IsoDate),
})
export type UpdateModelInput = v.InferOutput<typeof UpdateModelInput>

/** A person the model supports; the model's id from the path (HTTP) or the change's data (sync). */
export const AddModelMemberInput = v.object({ modelId: RecordId, id: v.optional(RecordId), personId: RecordId, joinedOn: IsoDate })
export type AddModelMemberInput = v.InferOutput<typeof AddModelMemberInput>

export const RemoveModelMemberInput = v.object({ version: Version, leftOn: IsoDate })
export type RemoveModelMemberInput = v.InferOutput<typeof RemoveModelMemberInput>

export const CreateModelSessionInput = v.object({
  modelId: RecordId,
  id: v.optional(RecordId),
  heldOn: IsoDate,
  attendance: Count(0, 10_000),
  topic: maybe(Line(200)),
  clientsNew: maybe(Count(0, 10_000)),
  clientsReturning: maybe(Count(0, 10_000)),
  counselled: maybe(Count(0, 10_000)),
  allowancesVnd: maybe(Vnd),
})
export type CreateModelSessionInput = v.InferOutput<typeof CreateModelSessionInput>

export interface CommunityInputs {
  'activity.create': CreateActivityInput
  'activity.update': UpdateActivityInput
  'model.create': CreateModelInput
  'model.update': UpdateModelInput
  'model.member_add': AddModelMemberInput
  'model.member_remove': RemoveModelMemberInput
  'model_session.create': CreateModelSessionInput
}

export const communityInputs: { readonly [T in keyof CommunityInputs]: v.GenericSchema<unknown, CommunityInputs[T]> } = {
  'activity.create': CreateActivityInput,
  'activity.update': UpdateActivityInput,
  'model.create': CreateModelInput,
  'model.update': UpdateModelInput,
  'model.member_add': AddModelMemberInput,
  'model.member_remove': RemoveModelMemberInput,
  'model_session.create': CreateModelSessionInput,
}
