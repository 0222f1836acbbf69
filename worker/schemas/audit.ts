import * as v from 'valibot'

const IsoDate = v.pipe(
  v.string(),
  v.isoTimestamp('must be an ISO timestamp such as 2026-11-24T00:00:00Z'),
  v.transform((s) => new Date(s)),
)
const PositiveInt = v.pipe(v.string(), v.regex(/^[1-9]\d{0,15}$/, 'must be a positive whole number'), v.transform(Number))
const Limit = v.optional(v.pipe(PositiveInt, v.maxValue(100, 'must be at most 100')), '50')

export const AuditListQuery = v.object({
  /** Province trail: `records` (person-level reads and writes, in the province database) or `users` (accounts of the province). */
  trail: v.optional(v.picklist(['records', 'users'], 'must be records or users'), 'records'),
  // Codes have two or three parts (`user.invite`, `import.rows.read`).
  action: v.optional(v.pipe(v.string(), v.regex(/^[a-z_]+(\.[a-z_]+){1,2}$/, 'must look like entity.verb, e.g. user.invite'))),
  actorId: v.optional(v.pipe(v.string(), v.uuid('must be a user id'))),
  entityType: v.optional(v.pipe(v.string(), v.regex(/^[a-z_]{1,40}$/, 'must be a lower-case word'))),
  entityId: v.optional(v.pipe(v.string(), v.maxLength(100))),
  outcome: v.optional(v.picklist(['success', 'failure'], 'must be success or failure')),
  from: v.optional(IsoDate),
  to: v.optional(IsoDate),
  before: v.optional(PositiveInt),
  limit: Limit,
  /** Repeated reads as one line with a count (decision 0020); `limit` then counts lines. */
  grouped: v.optional(
    v.pipe(
      v.picklist(['true', 'false'], 'must be true or false'),
      v.transform((s) => s === 'true'),
    ),
    'false',
  ),
})

/** GET /api/p/:province/persons/:personId/access-log: newest first, paged like the trail. */
export const AccessLogQuery = v.object({
  before: v.optional(PositiveInt),
  limit: Limit,
})
