// POST /sync/push: a device's queued changes, each run through the same command and runner as its HTTP route,
// exactly once per idempotency key (README "Offline sync (server)", docs/decisions/0012, 0022).
import * as v from 'valibot'
import { appendAudit, type AuditInput } from '../../db/audit/append-audit.ts'
import type { TenantDb, TenantTx } from '../../db/types.ts'
import { invalidField, type RecordRef } from '../../kernel/commands/command.ts'
import { offlineCommands } from '../../kernel/commands/index.ts'
import { decide as policy, type Actor } from '../../kernel/policy.ts'
import { syncResultStatuses } from '../../kernel/sync.ts'
import type { AuditContext } from '../audit-context.ts'
import { findReceipt, findReceipts, insertReceipt, isReceiptTaken, type Receipt } from '../repo/sync-receipts.ts'
import { presentRecord } from '../repo/case-records.ts'
import { answerSnapshotSql, presentSnapshot } from '../repo/answer-snapshots.ts'
import type { SyncChangeInput } from '../schemas/sync.ts'
import { refuse, runCommand, type Audit, type OtherProvinces, type RunResult } from './run.ts'

/** How one change was answered. `record`: the server's record after applying it, or the current one on a conflict. */
const SyncResultSchema = v.object({
  key: v.string(),
  status: v.picklist(syncResultStatuses),
  record: v.optional(v.unknown()),
  error: v.optional(v.object({ code: v.string(), message: v.string(), details: v.optional(v.unknown()) })),
  /** Not stored: the change depends on one the server has not received yet; send it again later, same key. */
  retryable: v.optional(v.literal(true)),
})
export type SyncResult = v.InferOutput<typeof SyncResultSchema>

export interface PushContext {
  db: TenantDb
  province: string
  actor: Actor
  audit: AuditContext
  deviceId: string
  /** Other provinces, for a move between provinces (decision 0029). */
  otherProvince?: OtherProvinces | undefined
  /** An unexpected failure of one change: logged by the caller; answered `error` and not stored (the device sends it again). */
  onError(err: unknown, change: SyncChangeInput): void
}

export interface PushOutcome extends SyncResult {
  /** Answered from a stored receipt (a replayed key). */
  replayed: boolean
}

/** Applies a device's queued changes in order, each on its own: one failing does not stop the others. */
export async function pushChanges(ctx: PushContext, changes: readonly SyncChangeInput[]): Promise<PushOutcome[]> {
  // Keys already answered, in one query. On an embedded file it is answered before any change runs; on a remote
  // database it travels with the first change's reads (one round trip), and a change whose key it finds is
  // dropped before its batch is sent. A key answered meanwhile is caught by the receipt's primary key.
  const lookup = findReceipts(
    ctx.db,
    changes.map((change) => change.key),
  ).then((rows) => new Map(rows.map((receipt) => [receipt.key, receipt])))
  const known = ctx.db.$client.protocol === 'file' ? await lookup : undefined
  const outcomes: PushOutcome[] = []
  let audited = false
  for (const [index, change] of changes.entries()) {
    // The push's own entry goes in its last change's batch (or transaction), after that change's entry: the
    // counts are known once that change is decided, and the push needs no step of its own (decision 0049).
    const entryOf = index === changes.length - 1 ? (answer: SyncResult) => pushEntry(ctx, [...outcomes, { ...answer, replayed: false }]) : undefined
    const pushed = await pushOne(ctx, change, known?.get(change.key), lookup, entryOf)
    outcomes.push(pushed.outcome)
    audited = pushed.audited
  }
  // The last batch did not carry the push's entry: its last change was replayed or failed, or none came.
  if (!audited) await appendAudit(ctx.db, pushEntry(ctx, outcomes))
  return outcomes
}

function pushEntry(ctx: PushContext, outcomes: readonly PushOutcome[]): AuditInput {
  const counts: Record<string, number> = { changes: outcomes.length, replayed: outcomes.filter((o) => o.replayed).length }
  for (const o of outcomes) counts[o.status] = (counts[o.status] ?? 0) + 1
  // Answered but not stored (what they depend on has not arrived): they will be sent again.
  const retryable = outcomes.filter((o) => o.retryable).length
  if (retryable > 0) counts.retryable = retryable
  return { ...ctx.audit, action: 'sync.push', entityType: 'device', entityId: ctx.deviceId, outcome: 'success', details: counts }
}

class KeyAnswered extends Error {}

interface Pushed {
  outcome: PushOutcome
  /** The push's own entry went in this change's batch. */
  audited: boolean
}

async function pushOne(
  ctx: PushContext,
  change: SyncChangeInput,
  stored: Receipt | undefined,
  lookup: Promise<Map<string, Receipt>>,
  entryOf: ((answer: SyncResult) => AuditInput) | undefined,
): Promise<Pushed> {
  if (stored) return { outcome: await answerStored(ctx, change, stored), audited: false }
  const command = offlineCommands[change.type]
  // A create's id is the change's entityId; a different `id` in its data is a client bug.
  const isCreate = command.creates !== undefined && command.creates.id === undefined
  const data = isCreate ? { ...change.data, id: change.entityId } : change.data
  // Set by the attempt that ran last, which is the one that committed when the runner returns.
  let audited = false
  const keep = async (tx: TenantTx, result: RunResult, audit: Audit) => {
    if ((await lookup).has(change.key)) throw new KeyAnswered()
    const answer = resultOf(change.key, result)
    if (!answer.retryable) {
      const read = result.ok ? answerSnapshotSql(result.decision.answer) : undefined
      await insertReceipt(tx, receiptOf(ctx, change, answer, result.ok ? result.decision.answer : undefined), read)
    }
    if (entryOf) await audit(entryOf(answer))
    audited = entryOf !== undefined
  }

  try {
    if (isCreate && change.data.id !== undefined && change.data.id !== change.entityId) {
      const refused = await refuse(ctx, invalidField('json.id', 'must be left out (the change’s entityId is the id)'), { channel: 'sync', inTransaction: keep })
      return { outcome: { ...resultOf(change.key, refused), replayed: false }, audited }
    }
    const result = await runCommand(ctx, command, change.entityId, data, { channel: 'sync', inTransaction: keep })
    return { outcome: { ...resultOf(change.key, result), replayed: false }, audited }
  } catch (err) {
    // The key was answered before (found by the lookup) or meanwhile (the transport delivered this request twice at once): answer what was stored.
    if (err instanceof KeyAnswered || isReceiptTaken(err))
      return {
        outcome: await answerStored(ctx, change, (await lookup).get(change.key) ?? (await findReceipt(ctx.db, change.key))),
        audited: false,
      }
    ctx.onError(err, change)
    return {
      outcome: {
        key: change.key,
        status: 'error',
        error: { code: 'internal', message: 'Unexpected error; this change was not applied, send it again later' },
        replayed: false,
      },
      audited: false,
    }
  }
}

/**
 * A command's result as a sync answer: applied with the record; a stale version is a conflict with the current
 * record; any other refusal keeps its code (a rule of the domain such as an open plan already existing is
 * `invalid`, code `conflict`: the officer must change the data, not choose between two versions).
 */
export function resultOf(key: string, result: RunResult): SyncResult {
  if (result.ok) return { key, status: 'applied', record: result.answer }
  const { kind, code, message, details, retryable } = result.rejection
  const answer: SyncResult =
    kind === 'conflict'
      ? { key, status: 'conflict', record: result.current, error: { code, message } }
      : { key, status: kind, error: { code, message, ...(details === undefined ? {} : { details }) } }
  return retryable ? { ...answer, retryable } : answer
}

/**
 * An applied change's receipt is stored with the change naming its record (`answer`) and the record's rows as the
 * change left them, read by the receipt's own insert in the change's batch (worker/repo/answer-snapshots.ts): a
 * replay presents those. A receipt without them (stored before every kind had a snapshot, its completion step
 * lost) is answered with the record as it is now.
 */
function receiptOf(ctx: PushContext, change: SyncChangeInput, result: SyncResult, answer: RecordRef | undefined): Receipt {
  return {
    key: change.key,
    userId: ctx.actor.userId,
    deviceId: ctx.deviceId,
    type: change.type,
    entityId: change.entityId,
    status: result.status,
    result: JSON.stringify(answer ? { ...result, answer } : result),
    at: ctx.audit.at,
  }
}

const StoredAnswerSchema = v.object({ answer: v.optional(v.object({ collection: v.string(), id: v.string() })), snapshot: v.optional(v.unknown()) })

/**
 * What a receipt answers, without the database: the stored result, with the record presented from the rows
 * stored beside it when there are (otherwise `answer` names the record, to be read as it is now).
 */
export function storedAnswer(receipt: Pick<Receipt, 'result'>): { result: SyncResult; answer?: RecordRef } {
  const stored = JSON.parse(receipt.result) as unknown
  const result = v.parse(SyncResultSchema, stored)
  const { answer, snapshot } = v.parse(StoredAnswerSchema, stored)
  if (result.record !== undefined || !answer) return { result }
  const record = snapshot === undefined ? undefined : presentSnapshot(answer as RecordRef, snapshot)
  return record === undefined ? { result, answer: answer as RecordRef } : { result: { ...result, record } }
}

/** A key is the caller's for one change: the same key from another user, or for another change, is refused. */
async function answerStored(ctx: PushContext, change: SyncChangeInput, receipt: Receipt | undefined): Promise<PushOutcome> {
  if (!receipt || receipt.userId !== ctx.actor.userId || receipt.type !== change.type || receipt.entityId !== change.entityId) {
    const issue = { field: 'key', message: 'was already used for another change; make a new key for every change' }
    return {
      key: change.key,
      status: 'invalid',
      error: { code: 'validation_failed', message: `Invalid key: ${issue.message}`, details: { issues: [issue] } },
      replayed: false,
    }
  }
  const { result, answer } = storedAnswer(receipt)
  if (result.record !== undefined || !answer) return { ...result, replayed: true }
  const record = await presentRecord(ctx.db as unknown as TenantTx, answer as RecordRef)
  // The record as it is now: answered only while it is still in the caller's scope (it may have moved since).
  const commune = (record as { communeCode?: unknown } | undefined)?.communeCode
  const visible = record !== undefined && (typeof commune !== 'string' || policy(ctx.actor, 'person:read', { province: ctx.province, commune }) === 'allow')
  return { ...result, ...(visible ? { record } : {}), replayed: true }
}
