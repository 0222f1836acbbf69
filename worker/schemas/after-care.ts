import * as v from 'valibot'
import { followUpMethods, supportKinds, supportModels } from '../../db/tenant/schema/index.ts'
import { LOAN_AMOUNT_RULE, loanAmountMatches } from '../../kernel/domain/after-care.ts'
import { TextField } from '../../kernel/text-hygiene.ts'
import { IsoDate, PersonId } from './persons.ts'

const Text = (max: number, kind: 'line' | 'multiline' = 'line') => v.pipe(TextField(kind, 'is required'), v.minLength(1, 'is required'), v.maxLength(max, `must be at most ${max} characters`))
const Note = (max: number) => v.pipe(TextField('multiline'), v.maxLength(max, `must be at most ${max} characters`))
const Version = v.pipe(v.number('must be the record version (a number)'), v.integer(), v.minValue(1))

export const CompletePlanBody = v.object({
  version: Version,
  /**
   * The id of the post-rehab record the completion opens, when the client makes it (optional; the server makes
   * one otherwise): a phone that completes a plan offline can then queue follow-ups and a relapse of that record.
   */
  postRehabId: v.optional(PersonId),
  completionNumber: Text(50),
  completionDate: IsoDate,
  signer: Text(100),
  supportModel: v.picklist(supportModels, `must be one of ${supportModels.join(', ')}`),
  supporterName: Text(100),
})
export type CompletePlanInput = v.InferOutput<typeof CompletePlanBody>

export const PostRehabParams = v.object({ province: v.string(), recordId: PersonId })

export const FollowUpBody = v.object({
  id: v.optional(PersonId),
  contactedOn: IsoDate,
  method: v.picklist(followUpMethods, `must be one of ${followUpMethods.join(', ')}`),
  notes: v.optional(v.nullable(Note(2000))),
})
export type FollowUpInput = v.InferOutput<typeof FollowUpBody>

export const RelapseBody = v.object({
  version: Version,
  relapseOn: IsoDate,
  note: v.optional(Note(1000)),
})
export type RelapseInput = v.InferOutput<typeof RelapseBody>

/** A support record's fields; the offline change adds the person's id (worker/schemas/sync.ts). */
export const SupportEntries = {
  id: v.optional(PersonId),
  kind: v.picklist(supportKinds, `must be one of ${supportKinds.join(', ')}`),
  givenOn: IsoDate,
  amountVnd: v.optional(v.nullable(v.pipe(v.number('must be an amount in VND'), v.integer('must be a whole number of VND'), v.minValue(1, 'must be positive'), v.maxValue(10_000_000_000, 'is implausibly large')))),
  note: v.optional(v.nullable(Note(500))),
}

export const SupportBody = v.pipe(v.object(SupportEntries), v.forward(v.check((s) => loanAmountMatches(s), LOAN_AMOUNT_RULE), ['amountVnd']))
export type SupportInput = v.InferOutput<typeof SupportBody>

export const ManagementPeriodBody = v.object({
  id: v.optional(PersonId),
  startOn: IsoDate,
  measures: Text(1000, 'multiline'),
})
export type ManagementPeriodInput = v.InferOutput<typeof ManagementPeriodBody>
