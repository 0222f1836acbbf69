import * as v from 'valibot'
import { dueWorkKinds } from '../../kernel/domain/due-work.ts'
import { CommuneCode, Limit } from './common.ts'

export const WorkQuery = v.object({
  commune: v.optional(CommuneCode),
  kind: v.optional(v.picklist(dueWorkKinds, `must be one of ${dueWorkKinds.join(', ')}`)),
  /** Items to skip: the list is computed whole and sliced, so an offset is exact (no cursor to carry). */
  offset: v.optional(v.pipe(v.string(), v.regex(/^\d+$/, 'must be a whole number'), v.transform(Number), v.maxValue(100_000, 'must be at most 100000')), '0'),
  limit: Limit(200, 50),
  /** `true`: every open record, upcoming ones too (the caseload's post-rehab and management lists). */
  upcoming: v.optional(v.picklist(['true', 'false'], 'must be true or false')),
})
