import * as v from 'valibot'
import { syncChangeTypes, type SyncChangeType } from '../../db/tenant/schema/index.ts'
import { LOAN_AMOUNT_RULE, loanAmountMatches } from '../../kernel/domain/after-care.ts'
import { CompletePlanBody, FollowUpBody, RelapseBody, SupportEntries } from './after-care.ts'
import { CreatePersonBody, PersonId, UpdatePersonBody } from './persons.ts'
import { CreatePlanBody, TransitionBody } from './plans.ts'
import { CreateReviewBody } from './reviews.ts'

/** Changes per POST /sync/push: a device with more queued sends several batches, in order. */
export const MAX_PUSH_CHANGES = 100
/** Records per GET /sync/pull page, by default and at most. */
export const PULL_LIMIT = { default: 500, max: 1000 }

const Uuid = (what: string) => v.pipe(v.string(`must be ${what} (UUID)`), v.uuid(`must be ${what} (UUID)`))

/**
 * The envelope of one queued change. Its `data` is checked change by change (a bad one is answered `invalid`
 * in the results, the others still apply); a bad envelope refuses the whole request (400).
 */
export const SyncChange = v.object({
  key: Uuid('an idempotency key'),
  type: v.picklist(syncChangeTypes, `must be one of ${syncChangeTypes.join(', ')}`),
  entityId: Uuid('an id'),
  data: v.pipe(
    v.looseObject({}, 'must be an object'),
    v.check((data) => !Array.isArray(data), 'must be an object'),
  ),
})
export type SyncChangeInput = v.InferOutput<typeof SyncChange>

export const PushBody = v.object({
  deviceId: Uuid('a device id'),
  changes: v.pipe(
    v.array(SyncChange, 'must be a list of changes'),
    v.minLength(1, 'must hold at least one change'),
    v.maxLength(MAX_PUSH_CHANGES, `must hold at most ${MAX_PUSH_CHANGES} changes (send the rest in another batch)`),
  ),
})

/**
 * Each change's `data` is the body of the ordinary route, checked with the very same schema: person.create is
 * POST /persons (its `id` is the change's entityId), person.update PATCH /persons/:id, plan.transition
 * POST /plans/:id/transitions, plan.complete POST /plans/:id/complete, post_rehab.relapse
 * POST /post-rehab/:id/relapse; the creates under a person or a post-rehab record add that parent's id.
 */
export const changeData = {
  'person.create': CreatePersonBody,
  'person.update': UpdatePersonBody,
  'plan.create': v.object({ personId: PersonId, ...CreatePlanBody.entries }),
  'plan.transition': TransitionBody,
  'plan.complete': CompletePlanBody,
  'review.create': v.object({ personId: PersonId, ...CreateReviewBody.entries }),
  'follow_up.create': v.object({ postRehabId: PersonId, ...FollowUpBody.entries }),
  'post_rehab.relapse': RelapseBody,
  // SupportBody's fields and its loan rule (worker/schemas/after-care.ts), with the person's id.
  'support.create': v.pipe(v.object({ personId: PersonId, ...SupportEntries }), v.forward(v.check((s) => loanAmountMatches(s), LOAN_AMOUNT_RULE), ['amountVnd'])),
} satisfies Record<SyncChangeType, v.GenericSchema>

export const PullQuery = v.object({
  /** Opaque; from the previous answer. Without one: a full download (`reset: true`). */
  cursor: v.optional(v.pipe(v.string(), v.maxLength(1000, 'is not a cursor from this API'), v.regex(/^[A-Za-z0-9_-]+$/, 'is not a cursor from this API'))),
  limit: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d+$/, 'must be a whole number'),
      v.transform(Number),
      v.minValue(1, 'must be at least 1'),
      v.maxValue(PULL_LIMIT.max, `must be at most ${PULL_LIMIT.max}`),
    ),
    String(PULL_LIMIT.default),
  ),
})
