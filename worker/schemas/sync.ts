import * as v from 'valibot'
import { syncChangeTypes } from '../../kernel/sync.ts'
import { Cursor, Limit } from './common.ts'

/** Changes per POST /sync/push: a device with more queued sends several batches, in order. */
export const MAX_PUSH_CHANGES = 100
/** Records per GET /sync/pull page, by default and at most. */
export const PULL_LIMIT = { default: 500, max: 1000 }

const Uuid = (what: string) => v.pipe(v.string(`must be ${what} (UUID)`), v.uuid(`must be ${what} (UUID)`))

/**
 * The envelope of one queued change. Its `data` is the command's input (kernel/commands/index.ts), checked with
 * the very schema of its ordinary route, change by change (a bad one is answered `invalid` in the results, the
 * others still apply); a bad envelope refuses the whole request (400).
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

export const PullQuery = v.object({
  /** Opaque; from the previous answer. Without one: a full download (`reset: true`). */
  cursor: Cursor(1000),
  limit: Limit(PULL_LIMIT.max, PULL_LIMIT.default),
})
