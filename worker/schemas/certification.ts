import * as v from 'valibot'
import { CommuneCode } from './common.ts'

const YearParam = v.pipe(
  v.string(),
  v.regex(/^\d{4}$/, 'must be a year such as 2026'),
  v.transform(Number),
  v.minValue(2020, 'must be 2020 or later'),
  v.maxValue(2100, 'must be 2100 or earlier'),
)
const Id = v.pipe(v.string(), v.uuid('must be an id (UUID)'))

export const YearQuery = v.object({ year: YearParam })
export const PopulationQuery = v.object({ year: v.optional(YearParam), commune: v.optional(CommuneCode) })
export const FlagQuery = v.object({ status: v.optional(v.picklist(['open', 'reviewed'], 'must be open or reviewed')), commune: v.optional(CommuneCode) })
export const CommuneParams = v.object({ code: CommuneCode })
export const AssessmentParams = v.object({ code: CommuneCode, id: Id })
export const IdParams = v.object({ id: Id })
