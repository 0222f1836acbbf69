import * as v from 'valibot'

const IsoDate = v.pipe(
  v.string(),
  v.isoTimestamp('must be an ISO timestamp such as 2026-11-24T00:00:00Z'),
  v.transform((s) => new Date(s)),
)
const PositiveInt = v.pipe(v.string(), v.regex(/^[1-9]\d{0,15}$/, 'must be a positive whole number'), v.transform(Number))

export const AuditListQuery = v.object({
  /** Province trail: `records` (person-level reads and writes, in the province database) or `users` (accounts of the province). */
  trail: v.optional(v.picklist(['records', 'users'], 'must be records or users'), 'records'),
  action: v.optional(v.pipe(v.string(), v.regex(/^[a-z_]+\.[a-z_]+$/, 'must look like entity.verb, e.g. user.invite'))),
  actorId: v.optional(v.pipe(v.string(), v.uuid('must be a user id'))),
  entityType: v.optional(v.pipe(v.string(), v.regex(/^[a-z_]{1,40}$/, 'must be a lower-case word'))),
  entityId: v.optional(v.pipe(v.string(), v.maxLength(100))),
  outcome: v.optional(v.picklist(['success', 'failure'], 'must be success or failure')),
  from: v.optional(IsoDate),
  to: v.optional(IsoDate),
  before: v.optional(PositiveInt),
  limit: v.optional(v.pipe(PositiveInt, v.maxValue(100, 'must be at most 100')), '50'),
})
