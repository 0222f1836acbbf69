// The input schemas of the drug-free commune writes (decision 0037), merged into commandInputs (inputs.ts).
import * as v from 'valibot'
import { comparators, criterionGroups, criterionKinds, criterionMetrics, evidenceTypes, policeMetrics } from '../domain/certification/criteria.ts'
import { DecisionInput } from '../domain/legal-decision-input.ts'
import { TextField } from '../text-hygiene.ts'

const RecordId = v.pipe(v.string(), v.uuid('must be an id (UUID)'))
const CommuneCode = v.pipe(v.string(), v.regex(/^\d{5}$/, 'must be a five-digit commune code'))
const Version = v.pipe(v.number('must be the record version (a number)'), v.integer('must be a whole number'), v.minValue(1, 'must be at least 1'))
const oneOf = <T extends readonly [string, ...string[]]>(values: T) => v.picklist(values, `must be one of ${values.join(', ')}`)
const Line = (max: number) => v.pipe(TextField('line', 'is required'), v.minLength(1, 'is required'), v.maxLength(max, `must be at most ${max} characters`))
const Note = (max: number) =>
  v.pipe(TextField('multiline', 'is required'), v.minLength(1, 'is required'), v.maxLength(max, `must be at most ${max} characters`))
const Count = (max: number) =>
  v.pipe(v.number('must be a number'), v.integer('must be a whole number'), v.minValue(0, 'must not be negative'), v.maxValue(max, 'is implausibly large'))
const maybe = <S extends v.GenericSchema>(schema: S) => v.optional(v.nullable(schema))
export const Year = v.pipe(
  v.number('must be a year'),
  v.integer('must be a year'),
  v.minValue(2020, 'must be 2020 or later'),
  v.maxValue(2100, 'must be 2100 or earlier'),
)

const Criterion = v.object({
  code: v.pipe(v.string('is required'), v.regex(/^[A-Z0-9.]{1,12}$/, 'must be a short code (A–Z, 0–9, dots)')),
  group: oneOf(criterionGroups),
  textVi: Note(500),
  textEn: Note(500),
  kind: oneOf(criterionKinds),
  metric: oneOf(criterionMetrics),
  comparator: oneOf(comparators),
  threshold: v.pipe(v.number('must be a number'), v.minValue(0, 'must not be negative'), v.maxValue(1_000_000, 'is implausibly large')),
  evidenceRequired: v.pipe(v.array(oneOf(evidenceTypes), 'must be a list of evidence types'), v.maxLength(6, 'must list at most 6 types')),
  placeholder: v.boolean('must be true or false'),
})

export const CriteriaSetContentSchema = v.pipe(
  v.object({
    name: Line(200),
    legalBasis: Note(500),
    minimumMet: v.object({ key_complex_1: Count(10), key_complex_2: Count(10), key_complex_3: Count(10) }),
    targetSharePercent: v.pipe(v.number('must be a percent'), v.minValue(0, 'must be 0 or more'), v.maxValue(100, 'must be at most 100')),
    reviewerLabel: Line(100),
    criteria: v.pipe(
      v.array(Criterion, 'must be a list of criteria'),
      v.minLength(1, 'must list at least one criterion'),
      v.maxLength(60, 'must list at most 60'),
    ),
  }),
  v.check((s) => new Set(s.criteria.map((c) => c.code)).size === s.criteria.length, 'must not repeat a criterion code'),
)

export const ConfirmCriteriaBody = v.object({
  /** The version the admin reviewed (0: the shipped set): a newer one in between answers 409. */
  basedOnVersion: v.pipe(v.number('must be a version'), v.integer('must be a whole number'), v.minValue(0, 'must not be negative')),
  content: CriteriaSetContentSchema,
  note: maybe(Note(500)),
})
export type ConfirmCriteriaInput = v.InferOutput<typeof ConfirmCriteriaBody>

export const PopulationBody = v.object({
  communeCode: CommuneCode,
  year: Year,
  population: v.pipe(
    v.number('must be a number'),
    v.integer('must be a whole number'),
    v.minValue(1, 'must be at least 1'),
    v.maxValue(2_000_000, 'is implausibly large'),
  ),
  source: Line(300),
})
export type PopulationInput = v.InferOutput<typeof PopulationBody>

const Sourced = v.object({ value: Count(10_000_000), source: Line(300) })
const Answer = v.object({
  value: maybe(v.boolean('must be true or false')),
  documentRef: maybe(Line(200)),
  note: maybe(Note(1000)),
  attachmentIds: v.optional(v.pipe(v.array(RecordId, 'must be a list of attachment ids'), v.maxLength(20, 'must list at most 20'))),
})
const Prepared = {
  police: v.optional(
    v.object(
      Object.fromEntries(policeMetrics.map((m) => [m, v.optional(Sourced)])) as Record<
        (typeof policeMetrics)[number],
        v.OptionalSchema<typeof Sourced, undefined>
      >,
    ),
  ),
  drugRoute: maybe(v.object({ value: v.boolean('must be true or false'), source: Line(300) })),
  answers: v.optional(v.pipe(v.record(v.pipe(v.string(), v.maxLength(12)), Answer, 'must be answers by criterion code'))),
}

export const CreateAssessmentBody = v.object({ id: v.optional(RecordId), communeCode: CommuneCode, year: Year, ...Prepared })
export type CreateAssessmentInput = v.InferOutput<typeof CreateAssessmentBody>
export const UpdateAssessmentBody = v.object({ version: Version, ...Prepared })
export type UpdateAssessmentInput = v.InferOutput<typeof UpdateAssessmentBody>
export const SubmitAssessmentBody = v.object({ version: Version, note: maybe(Note(1000)) })
export type SubmitAssessmentInput = v.InferOutput<typeof SubmitAssessmentBody>
export const ReturnAssessmentBody = v.object({
  version: Version,
  reason: Note(1000),
  /** Comments by criterion code; at least one. */
  comments: v.pipe(
    v.record(v.pipe(v.string(), v.maxLength(12)), Note(1000), 'must be comments by criterion code'),
    v.check((c) => Object.keys(c).length > 0, 'must comment on at least one criterion'),
  ),
})
export type ReturnAssessmentInput = v.InferOutput<typeof ReturnAssessmentBody>
export const DecideAssessmentBody = v.object({
  version: Version,
  outcome: oneOf(['recognised', 'not_recognised'] as const),
  reason: Note(1000),
  decision: maybe(DecisionInput),
})
export type DecideAssessmentInput = v.InferOutput<typeof DecideAssessmentBody>
export const RevokeStatusBody = v.object({ version: Version, reason: Note(1000), decision: DecisionInput })
export type RevokeStatusInput = v.InferOutput<typeof RevokeStatusBody>
export const ReviewFlagBody = v.object({ version: Version, note: Note(1000) })
export type ReviewFlagInput = v.InferOutput<typeof ReviewFlagBody>

export interface CertificationInputs {
  'criteria.confirm': ConfirmCriteriaInput
  'population.record': PopulationInput
  'assessment.create': CreateAssessmentInput
  'assessment.update': UpdateAssessmentInput
  'assessment.submit': SubmitAssessmentInput
  'assessment.return': ReturnAssessmentInput
  'assessment.decide': DecideAssessmentInput
  'status_period.revoke': RevokeStatusInput
  'flag.review': ReviewFlagInput
}

export const certificationInputs: { readonly [T in keyof CertificationInputs]: v.GenericSchema<unknown, CertificationInputs[T]> } = {
  'criteria.confirm': ConfirmCriteriaBody,
  'population.record': PopulationBody,
  'assessment.create': CreateAssessmentBody,
  'assessment.update': UpdateAssessmentBody,
  'assessment.submit': SubmitAssessmentBody,
  'assessment.return': ReturnAssessmentBody,
  'assessment.decide': DecideAssessmentBody,
  'status_period.revoke': RevokeStatusBody,
  'flag.review': ReviewFlagBody,
}
