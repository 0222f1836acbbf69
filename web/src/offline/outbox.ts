// The outbox's rules, pure (no IndexedDB, no network): which queued changes go out next, what an answer does to
// them, when to try again. Tested in test/web/offline-outbox.test.ts; sync.ts runs them against the store.
import type { ChangeType, Collection, EntryError, OutboxEntry, PushResult } from './types.ts'
import { RESULT_COLLECTION } from './types.ts'

/** Changes per POST /sync/push (the server takes up to 100). */
export const BATCH_MAX = 50

/**
 * Changes that may move the person's version on the server besides a person update: every change but these, since
 * the person's status is derived from the records they change (docs/decisions/0028) and a determination's result
 * or a return changes the category. Reviews, contacts and support never do.
 */
const KEEPS_PERSON: readonly ChangeType[] = ['person.create', 'person.update', 'review.create', 'follow_up.create', 'support.create']
const movesPerson = (type: ChangeType) => !KEEPS_PERSON.includes(type)
/** Versioned steps of a determination, referral, methadone record or management period (decision 0028). */
const RECORD_STEPS: readonly ChangeType[] = ['determination.conclude', 'referral.admit', 'referral.return', 'methadone.end', 'management_period.end']
/** Versioned changes of a plan: each moves the plan's version. */
const PLAN_CHANGES: readonly ChangeType[] = ['plan.transition', 'plan.complete', 'plan.stage_update']
/** Versioned changes of a self-assessment (decision 0044): a save, then the submission, each moves its version. */
const ASSESSMENT_STEPS: readonly ChangeType[] = ['assessment.update', 'assessment.submit']

/**
 * Does a new versioned change have to wait for an earlier queued one (see OutboxEntry.chained)? A person's
 * version moves with every update of the person, with plan status changes and completion, and with a relapse
 * (the person's status follows on the server); a plan's with every status change and its completion; a post-rehab
 * record's with a relapse. Creates give version 1 (a completion creates its post-rehab record), so a change right
 * after a queued create is based on version 1 and needs no chaining.
 */
export function mustChain(queued: readonly OutboxEntry[], change: { type: ChangeType; entityId: string; personId: string }): boolean {
  if (change.type === 'person.update') {
    return queued.some((e) => e.personId === change.personId && ((e.type === 'person.update' && e.entityId === change.entityId) || movesPerson(e.type)))
  }
  if (PLAN_CHANGES.includes(change.type)) return queued.some((e) => PLAN_CHANGES.includes(e.type) && e.entityId === change.entityId)
  if (change.type === 'post_rehab.relapse') return queued.some((e) => e.type === 'post_rehab.relapse' && e.entityId === change.entityId)
  // A second correction of an activity or a model is based on the version the first one makes (decision 0033).
  if (change.type === 'activity.update' || change.type === 'model.update') return queued.some((e) => e.type === change.type && e.entityId === change.entityId)
  // A step of a legal record after an earlier queued step of the same record (admission, then the return).
  if (ASSESSMENT_STEPS.includes(change.type)) return queued.some((e) => ASSESSMENT_STEPS.includes(e.type) && e.entityId === change.entityId)
  if (RECORD_STEPS.includes(change.type)) return queued.some((e) => RECORD_STEPS.includes(e.type) && e.entityId === change.entityId)
  return false
}

/**
 * The next batch, in queue order: at most one change per person (a person's changes depend on each other:
 * registration → plan → status → review), and none of a person whose earlier change was refused or is in
 * conflict (those wait until the officer resolves it). Changes of different people do not wait for each other.
 */
export function selectBatch(entries: readonly OutboxEntry[], max: number = BATCH_MAX): OutboxEntry[] {
  const seen = new Set<string>()
  const batch: OutboxEntry[] = []
  for (const entry of [...entries].sort((a, b) => a.seq - b.seq)) {
    if (seen.has(entry.personId)) continue
    seen.add(entry.personId)
    if (entry.state !== 'pending' || entry.chained) continue
    batch.push(entry)
    if (batch.length >= max) break
  }
  return batch
}

/** Entries held back by an earlier refused or conflicting change of the same person: seq → that change's seq. */
export function waitingOn(entries: readonly OutboxEntry[]): Map<number, number> {
  const blocker = new Map<string, number>()
  const waiting = new Map<number, number>()
  for (const entry of [...entries].sort((a, b) => a.seq - b.seq)) {
    const by = blocker.get(entry.personId)
    if (by !== undefined) waiting.set(entry.seq, by)
    else if (entry.state !== 'pending') blocker.set(entry.personId, entry.seq)
  }
  return waiting
}

export type Outcome =
  | { kind: 'applied'; entry: OutboxEntry; collection: Collection | null; record: Record<string, unknown> | undefined }
  | { kind: 'conflict'; entry: OutboxEntry; collection: Collection | null; record: Record<string, unknown> }
  | { kind: 'failed'; entry: OutboxEntry }
  | { kind: 'retry'; entry: OutboxEntry }

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value)

/**
 * What each answer does to its change. applied: leaves the outbox, the server's record replaces ours. conflict
 * (a stale version): stays, with the server's record, until the officer chooses. invalid / not_found /
 * forbidden: stays as failed with the reason (the scope may have changed meanwhile): never dropped silently.
 * error, or no answer for it: sent again later under the same key. An answer marked `retryable` (what the change
 * depends on has not reached the server yet; the server did not store it) is no answer yet: the change stays
 * pending and is sent again later under the same key (docs/decisions/0022).
 */
export function outcomesOf(batch: readonly OutboxEntry[], results: readonly PushResult[]): Outcome[] {
  const byKey = new Map(results.map((r) => [r.key, r]))
  return batch.map((entry): Outcome => {
    const result = byKey.get(entry.key)
    const collection = RESULT_COLLECTION[entry.type]
    if (!result || result.status === 'error') {
      return { kind: 'retry', entry: { ...entry, attempts: entry.attempts + 1, ...(result?.error ? { error: toError('error', result.error) } : {}) } }
    }
    if (result.retryable === true) return { kind: 'retry', entry: { ...entry, attempts: entry.attempts + 1 } }
    if (result.status === 'applied') return { kind: 'applied', entry, collection, record: isRecord(result.record) ? result.record : undefined }
    if (result.status === 'conflict' && isRecord(result.record)) {
      return {
        kind: 'conflict',
        entry: { ...entry, state: 'conflict', server: result.record, error: toError('conflict', result.error) },
        collection,
        record: result.record,
      }
    }
    return { kind: 'failed', entry: { ...entry, state: 'failed', error: toError(result.status, result.error) } }
  })
}

function toError(status: EntryError['status'], error: PushResult['error']): EntryError {
  return { status, code: error?.code ?? status, message: error?.message ?? status, ...(error?.details === undefined ? {} : { details: error.details }) }
}

/**
 * Chained changes whose predecessors have all left the outbox: based on the server's record as it is now.
 * `versionOf` reads the stored (server-confirmed) version of the change's record.
 */
export function release(entries: readonly OutboxEntry[], versionOf: (entry: OutboxEntry) => number | undefined): OutboxEntry[] {
  const sorted = [...entries].sort((a, b) => a.seq - b.seq)
  const released: OutboxEntry[] = []
  for (const entry of sorted) {
    if (!entry.chained) continue
    if (sorted.some((e) => e.seq < entry.seq && e.personId === entry.personId)) continue
    const version = versionOf(entry)
    if (version === undefined) continue
    released.push({ ...entry, chained: false, data: { ...entry.data, version } })
  }
  return released
}

/**
 * Delay before the next attempt after `attempt` failed ones: exponential (2 s, 4 s, 8 s … capped at 5 min)
 * with "equal jitter" (half fixed, half random), so phones coming back online together do not retry in step
 * and a retry never comes sooner than half the step.
 */
export function backoffDelay(attempt: number, random: () => number = Math.random, baseMs = 2_000, capMs = 300_000): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.min(Math.max(attempt, 0), 30))
  return Math.round(ceiling / 2 + random() * (ceiling / 2))
}
