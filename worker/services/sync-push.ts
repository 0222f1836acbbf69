import { eq, inArray } from 'drizzle-orm'
import * as v from 'valibot'
import { writeTransaction } from '../../db/audit/append-audit.ts'
import { followUps, reviews, supportRecords, syncReceipts, syncResultStatuses, type SyncChangeType, type SyncResultStatus } from '../../db/tenant/schema/index.ts'
import type { TenantDb, TenantTx } from '../../db/types.ts'
import type { AuditContext } from '../audit-context.ts'
import { AppError } from '../errors.ts'
import { authorize, type Actor } from '../policy.ts'
import { communeExists, findPerson } from '../repo/persons.ts'
import { changeData, type SyncChangeInput } from '../schemas/sync.ts'
import { parseOrThrow } from '../schemas/validate.ts'
import { addFollowUp, addSupport, completePlan, findPostRehab, recordRelapse } from './after-care.ts'
import { createPerson, updatePerson } from './persons.ts'
import { createPlan, findPlan, transitionPlan } from './plans.ts'
import { createReview } from './reviews.ts'
import type { WriteOptions } from './write-options.ts'

/** How one change was answered. `record`: the server's record after applying it, or the current one on a conflict. */
const SyncResultSchema = v.object({
  key: v.string(),
  status: v.picklist(syncResultStatuses),
  record: v.optional(v.unknown()),
  error: v.optional(v.object({ code: v.string(), message: v.string(), details: v.optional(v.unknown()) })),
})
export type SyncResult = v.InferOutput<typeof SyncResultSchema>

export interface PushContext {
  db: TenantDb
  province: string
  actor: Actor
  audit: AuditContext
  deviceId: string
  /** An unexpected failure of one change: logged by the caller; answered `error` and not stored (the device sends it again). */
  onError(err: unknown, change: SyncChangeInput): void
}

export interface PushOutcome extends SyncResult {
  /** Answered from a stored receipt (a replayed key). */
  replayed: boolean
}

/** Applies a device's queued changes in order, each on its own: one failing does not stop the others. */
export async function pushChanges(ctx: PushContext, changes: readonly SyncChangeInput[]): Promise<PushOutcome[]> {
  // Keys already answered, in one query; a key answered meanwhile is caught by the receipt's primary key.
  const answered = await ctx.db.select().from(syncReceipts).where(inArray(syncReceipts.key, changes.map((change) => change.key)))
  const receipts = new Map(answered.map((receipt) => [receipt.key, receipt]))
  const outcomes: PushOutcome[] = []
  for (const change of changes) outcomes.push(await pushOne(ctx, change, receipts.get(change.key)))
  return outcomes
}

async function pushOne(ctx: PushContext, change: SyncChangeInput, stored: Receipt | undefined): Promise<PushOutcome> {
  if (stored) return answerStored(ctx, change, stored)
  try {
    return { ...(await applyOne(ctx, change)), replayed: false }
  } catch (err) {
    // The same key answered meanwhile (the transport delivered this request twice at once): answer what was stored.
    if (err instanceof KeyAnswered) return answerStored(ctx, change, await findReceipt(ctx.db, change.key))
    const rejected = rejectionOf(change.key, err)
    if (!rejected) {
      ctx.onError(err, change)
      return { key: change.key, status: 'error', error: { code: 'internal', message: 'Unexpected error; this change was not applied, send it again later' }, replayed: false }
    }
    const kept = await writeTransaction(ctx.db, (tx) => insertReceipt(tx, ctx, change, rejected))
    return kept ? { ...rejected, replayed: false } : answerStored(ctx, change, await findReceipt(ctx.db, change.key))
  }
}

class KeyAnswered extends Error {}

/** Runs the change through its service; the receipt is written inside the service's transaction. */
async function applyOne(ctx: PushContext, change: SyncChangeInput): Promise<SyncResult> {
  const box: { result?: SyncResult } = {}
  const inTransaction = async (tx: TenantTx, record: unknown) => {
    const result: SyncResult = { key: change.key, status: 'applied', record }
    if (!(await insertReceipt(tx, ctx, change, result))) throw new KeyAnswered()
    box.result = result
  }
  await APPLY[change.type](ctx, change, { inTransaction })
  if (!box.result) throw new Error(`${change.type} returned without committing its receipt`)
  return box.result
}

type Receipt = typeof syncReceipts.$inferSelect

async function findReceipt(db: TenantDb, key: string): Promise<Receipt | undefined> {
  const [row] = await db.select().from(syncReceipts).where(eq(syncReceipts.key, key))
  return row
}

async function insertReceipt(tx: TenantTx, ctx: PushContext, change: SyncChangeInput, result: SyncResult): Promise<boolean> {
  const row = { key: change.key, userId: ctx.actor.userId, deviceId: ctx.deviceId, type: change.type, entityId: change.entityId, status: result.status, result: JSON.stringify(result), at: ctx.audit.at }
  const inserted = await tx.insert(syncReceipts).values(row).onConflictDoNothing().returning({ key: syncReceipts.key })
  return inserted.length > 0
}

/** A key is the caller's for one change: the same key from another user, or for another change, is refused. */
function answerStored(ctx: PushContext, change: SyncChangeInput, receipt: Receipt | undefined): PushOutcome {
  if (!receipt || receipt.userId !== ctx.actor.userId || receipt.type !== change.type || receipt.entityId !== change.entityId) {
    const issue = { field: 'key', message: 'was already used for another change; make a new key for every change' }
    return { key: change.key, status: 'invalid', error: { code: 'validation_failed', message: `Invalid key: ${issue.message}`, details: { issues: [issue] } }, replayed: false }
  }
  return { ...v.parse(SyncResultSchema, JSON.parse(receipt.result)), replayed: true }
}

/**
 * The routes' answers, per change: 400 → invalid, 404 → not_found, 403 → forbidden; a 409 carrying the current
 * record (a stale `version`) → conflict with that record; any other 409 (a rule of the domain, e.g. an open plan
 * already exists, a citizen ID already registered) → invalid, its code kept. Anything else: not a rejection.
 */
function rejectionOf(key: string, err: unknown): SyncResult | undefined {
  if (!(err instanceof AppError)) return undefined
  const error = { code: err.code, message: err.message, ...(err.details === undefined ? {} : { details: err.details }) }
  const status: SyncResultStatus | undefined =
    err.status === 404 ? 'not_found' : err.status === 403 ? 'forbidden' : err.status === 400 || err.status === 409 ? 'invalid' : undefined
  if (!status) return undefined
  const current = currentOf(err)
  if (err.status === 409 && current !== undefined) return { key, status: 'conflict', record: current, error: { code: err.code, message: err.message } }
  return { key, status, error }
}

function currentOf(err: AppError): unknown {
  return typeof err.details === 'object' && err.details !== null && 'current' in err.details ? err.details.current : undefined
}

// Validate → find → authorize → the service, exactly as the ordinary routes do (worker/routes/*.ts).
type Apply = (ctx: PushContext, change: SyncChangeInput, opts: WriteOptions<unknown>) => Promise<unknown>

/** A create's id is the change's entityId; a different `id` in its data is a client bug. */
function createInput(change: SyncChangeInput): Record<string, unknown> {
  if (change.data.id !== undefined && change.data.id !== change.entityId) {
    const message = 'must be left out (the change’s entityId is the id)'
    throw new AppError('validation_failed', 400, `Invalid json.id: ${message}`, { issues: [{ field: 'json.id', message }] })
  }
  return { ...change.data, id: change.entityId }
}
const allow = (ctx: PushContext, commune: string) => authorize(ctx.actor, 'person:write', { province: ctx.province, commune })
function mustExist<T>(row: T | undefined): T {
  if (row === undefined) throw new AppError('not_found', 404, 'Not found')
  return row
}
async function assertCommuneOfProvince(db: TenantDb, code: string): Promise<void> {
  if (!(await communeExists(db, code))) {
    throw new AppError('validation_failed', 400, 'Invalid json.communeCode: is not a commune of this province', {
      issues: [{ field: 'json.communeCode', message: 'is not a commune of this province' }],
    })
  }
}
/** A create sent again under a new key finds its record: answered as applied, if the caller may see it. */
async function allowExisting(ctx: PushContext, commune: Promise<string | undefined>): Promise<void> {
  const code = await commune
  if (code !== undefined) allow(ctx, code)
}
const communeOfReview = async (db: TenantDb, id: string) => (await db.select({ c: reviews.communeCode }).from(reviews).where(eq(reviews.id, id)))[0]?.c
const communeOfFollowUp = async (db: TenantDb, id: string) => (await db.select({ c: followUps.communeCode }).from(followUps).where(eq(followUps.id, id)))[0]?.c
const communeOfSupport = async (db: TenantDb, id: string) => (await db.select({ c: supportRecords.communeCode }).from(supportRecords).where(eq(supportRecords.id, id)))[0]?.c

const APPLY: Record<SyncChangeType, Apply> = {
  'person.create': async (ctx, change, opts) => {
    const input = parseOrThrow(changeData['person.create'], createInput(change), 'json')
    await assertCommuneOfProvince(ctx.db, input.communeCode)
    await allowExisting(ctx, findPerson(ctx.db, change.entityId).then((p) => p?.communeCode))
    allow(ctx, input.communeCode)
    return createPerson(ctx.db, ctx.audit, input, opts)
  },
  'person.update': async (ctx, change, opts) => {
    const input = parseOrThrow(changeData['person.update'], change.data, 'json')
    const person = mustExist(await findPerson(ctx.db, change.entityId))
    allow(ctx, person.communeCode)
    if (input.communeCode) {
      await assertCommuneOfProvince(ctx.db, input.communeCode)
      allow(ctx, input.communeCode)
    }
    return updatePerson(ctx.db, ctx.audit, person, input, opts)
  },
  'plan.create': async (ctx, change, opts) => {
    const { personId, ...input } = parseOrThrow(changeData['plan.create'], createInput(change), 'json')
    const person = mustExist(await findPerson(ctx.db, personId))
    allow(ctx, person.communeCode)
    await allowExisting(ctx, findPlan(ctx.db, change.entityId).then((p) => p?.communeCode))
    return createPlan(ctx.db, ctx.audit, person, input, opts)
  },
  'plan.transition': async (ctx, change, opts) => {
    const input = parseOrThrow(changeData['plan.transition'], change.data, 'json')
    const plan = mustExist(await findPlan(ctx.db, change.entityId))
    allow(ctx, plan.communeCode)
    return transitionPlan(ctx.db, ctx.audit, plan, input, opts)
  },
  // The record is the completed plan, as plan.transition answers; the post-rehab record it opens (and the person,
  // now post-rehab) reach the device with the pull that follows every push (change_log), under `postRehabId`
  // when the device made that id (decision 0012).
  'plan.complete': async (ctx, change, opts) => {
    const input = parseOrThrow(changeData['plan.complete'], change.data, 'json')
    const plan = mustExist(await findPlan(ctx.db, change.entityId))
    allow(ctx, plan.communeCode)
    return completePlan(ctx.db, ctx.audit, plan, input, opts)
  },
  'review.create': async (ctx, change, opts) => {
    const { personId, ...input } = parseOrThrow(changeData['review.create'], createInput(change), 'json')
    const person = mustExist(await findPerson(ctx.db, personId))
    allow(ctx, person.communeCode)
    await allowExisting(ctx, communeOfReview(ctx.db, change.entityId))
    return createReview(ctx.db, ctx.audit, person, input, opts)
  },
  'follow_up.create': async (ctx, change, opts) => {
    const { postRehabId, ...input } = parseOrThrow(changeData['follow_up.create'], createInput(change), 'json')
    const record = mustExist(await findPostRehab(ctx.db, postRehabId))
    allow(ctx, record.communeCode)
    await allowExisting(ctx, communeOfFollowUp(ctx.db, change.entityId))
    return addFollowUp(ctx.db, ctx.audit, record, input, opts)
  },
  'post_rehab.relapse': async (ctx, change, opts) => {
    const input = parseOrThrow(changeData['post_rehab.relapse'], change.data, 'json')
    const record = mustExist(await findPostRehab(ctx.db, change.entityId))
    allow(ctx, record.communeCode)
    return recordRelapse(ctx.db, ctx.audit, record, input, opts)
  },
  'support.create': async (ctx, change, opts) => {
    const { personId, ...input } = parseOrThrow(changeData['support.create'], createInput(change), 'json')
    const person = mustExist(await findPerson(ctx.db, personId))
    allow(ctx, person.communeCode)
    await allowExisting(ctx, communeOfSupport(ctx.db, change.entityId))
    return addSupport(ctx.db, ctx.audit, person, input, opts)
  },
}
