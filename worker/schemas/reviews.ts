import * as v from 'valibot'
import { drugTestResults, riskLevels } from '../../db/tenant/schema/index.ts'
import { TextField } from '../../kernel/text-hygiene.ts'
import { IsoDate, PersonId } from './persons.ts'

export const CreateReviewBody = v.object({
  id: v.optional(PersonId),
  reviewedOn: IsoDate,
  attended: v.boolean('must be true or false'),
  drugTest: v.picklist(drugTestResults, `must be one of ${drugTestResults.join(', ')}`),
  substance: v.optional(v.nullable(v.pipe(TextField('line'), v.maxLength(100, 'must be at most 100 characters')))),
  counsellingNotes: v.optional(v.nullable(v.pipe(TextField('multiline'), v.maxLength(2000, 'must be at most 2000 characters')))),
  employed: v.optional(v.nullable(v.boolean('must be true or false'))),
  riskLevel: v.picklist(riskLevels, `must be one of ${riskLevels.join(', ')}`),
})
export type CreateReviewInput = v.InferOutput<typeof CreateReviewBody>
