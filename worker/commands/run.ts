// The one runner of the case writes (docs/decisions/0022): parse → load → authorize → check → decide → persist,
// with the audit entry and, for a sync change, its receipt, in one write transaction. The HTTP routes
// (worker/commands/http.ts) and POST /sync/push (worker/commands/sync-push.ts) both come here.
import { appendAudit, writeTransaction } from '../../db/audit/append-audit.ts'
import type { TenantDb, TenantTx } from '../../db/types.ts'
import {
  forbidden,
  invalidField,
  invalidFields,
  notFound,
  ruleBroken,
  type AnyCommand,
  type Decision,
  type Rejection,
  type State,
} from '../../kernel/commands/command.ts'
import { decideCommand } from '../../kernel/commands/decide.ts'
import { statusEffectiveOn } from '../../kernel/domain/status-effective.ts'
import { commandInputs, partialRules } from '../../kernel/commands/inputs.ts'
import { vietnamToday } from '../../kernel/calendar.ts'
import { parseInput } from '../../kernel/parse.ts'
import { decide as policy, type Actor } from '../../kernel/policy.ts'
import type { AuditContext } from '../audit-context.ts'
import { findExisting, findTarget, loadCase, presentRecord, writeDecision } from '../repo/case-records.ts'
import { loadMoving } from '../repo/moving.ts'
import { communeExists, findPerson } from '../repo/persons.ts'
import { readCaseRules } from '../repo/settings.ts'

export interface RunContext {
  db: TenantDb
  province: string
  actor: Actor
  audit: AuditContext
  /**
   * Other provinces, for a move between provinces (decision 0029): whether a destination commune is a commune of
   * an onboarded province, and the delivery of the receiving copy once the sending transaction has committed.
   */
  otherProvince?: OtherProvinces | undefined
}

export interface OtherProvinces {
  communeExists(province: string, commune: string): Promise<boolean>
  /** After a change committed: deliver what it owes another province (never throws; retried later on failure). */
  afterCommit(decision: Decision): Promise<void>
}

/**
 * Where the change comes from. A sync change's entityId addresses a record, as an HTTP path does: a create
 * whose id names a record of another commune is answered not_found, as a path outside the scope is. In an HTTP
 * body the id is a field like another (409 when it is taken).
 */
export type Channel = 'http' | 'sync'

export type RunResult = { ok: true; decision: Decision; answer: unknown } | { ok: false; rejection: Rejection; current?: unknown }

export interface RunOptions {
  channel: Channel
  /**
   * Runs inside the change's transaction with its result, applied or refused (a sync change stores its receipt
   * here, so a change is never applied without it nor the reverse). It may run more than once (a busy database
   * retries the whole transaction): no effects outside the database.
   */
  inTransaction?: ((tx: TenantTx, result: RunResult) => Promise<void>) | undefined
}

export async function runCommand(ctx: RunContext, command: AnyCommand, entityId: string, raw: unknown, opts: RunOptions): Promise<RunResult> {
  const parsed = parseInput(commandInputs[command.type], raw, 'json')
  if (!parsed.ok) {
    const more = partialRules[command.type]?.(raw, vietnamToday(ctx.audit.at)) ?? []
    const issues = [...parsed.issues, ...more.filter((m) => !parsed.issues.some((i) => i.field === m.field))]
    return settle(ctx, opts, { ok: false, rejection: invalidFields(issues) })
  }
  try {
    const result = await writeTransaction(ctx.db, async (tx) => {
      const result = await apply(tx, ctx, command, entityId, parsed.output, opts.channel)
      await opts.inTransaction?.(tx, result)
      return result
    })
    if (result.ok) await ctx.otherProvince?.afterCommit(result.decision)
    return result
  } catch (err) {
    const rejection = constraintRejection(err)
    if (!rejection) throw err
    return settle(ctx, opts, { ok: false, rejection })
  }
}

/** A change refused before it reaches a command (a sync change's envelope), answered like the command's own refusals. */
export function refuse(ctx: RunContext, rejection: Rejection, opts: RunOptions): Promise<RunResult> {
  return settle(ctx, opts, { ok: false, rejection })
}

/** A refusal found outside the change's transaction still gets its own (the receipt). */
async function settle(ctx: RunContext, opts: RunOptions, result: RunResult): Promise<RunResult> {
  const hook = opts.inTransaction
  if (hook) await writeTransaction(ctx.db, (tx) => hook(tx, result))
  return result
}

const refused = (rejection: Rejection, current?: unknown): RunResult => ({ ok: false, rejection, ...(current === undefined ? {} : { current }) })

async function apply(tx: TenantTx, ctx: RunContext, command: AnyCommand, entityId: string, input: unknown, channel: Channel): Promise<RunResult> {
  const loaded = await load(tx, ctx, command, entityId, input, channel)
  if ('rejected' in loaded) return refused(loaded)
  const checked = command.check?.(input, vietnamToday(ctx.audit.at))
  if (checked) return refused(checked)
  const rules = await readCaseRules(tx)
  const outcome = decideCommand(command, loaded as State<never>, input, entityId, {
    actorId: ctx.audit.actorId,
    now: ctx.audit.at,
    rules,
    province: ctx.province,
    newId: () => crypto.randomUUID(),
  })
  if (outcome.rejected) return refused(outcome, outcome.current ? await presentRecord(tx, outcome.current) : undefined)
  await writeDecision(tx, outcome, statusEffectiveOn(outcome, vietnamToday(ctx.audit.at)))
  if (outcome.event) await appendAudit(tx, { ...ctx.audit, ...outcome.event, outcome: 'success' })
  return { ok: true, decision: outcome, answer: await presentRecord(tx, outcome.answer) }
}

/** The caller may do the command's action in this commune: a commune outside the scope does not exist for them. */
function denied(ctx: RunContext, command: AnyCommand, commune: string): Rejection | undefined {
  const decision = policy(ctx.actor, command.action, { province: ctx.province, commune })
  if (decision === 'not_found') return notFound()
  if (decision === 'forbidden') return forbidden(`Your role (${ctx.actor.role}) may not do this (${command.action})`)
  return undefined
}

type Loaded = State<Awaited<ReturnType<typeof findTarget>>>

async function load(tx: TenantTx, ctx: RunContext, command: AnyCommand, entityId: string, input: unknown, channel: Channel): Promise<Loaded | Rejection> {
  let target: Awaited<ReturnType<typeof findTarget>>
  let person: Awaited<ReturnType<typeof findPerson>>
  if (command.target) {
    target = await findTarget(tx, command.target.collection, command.target.id(input, entityId))
    // Missing altogether: the change that makes it may simply not have arrived yet (retryable in a sync push).
    if (!target) return notFound(true)
    const refusal = denied(ctx, command, target.communeCode)
    if (refusal) return refusal
    // A hand-over received from another province has no person here (their record stays in the sending province).
    if ('personId' in target) person = target.personId ? await findPerson(tx, target.personId) : undefined
    else if (command.target.collection === 'persons') person = target as NonNullable<typeof person>
  }
  if (command.links) {
    // A person linked to the target (a model's member) is read like any person: outside the scope, not there.
    person = await findPerson(tx, command.links(input))
    if (!person) return notFound(true)
    if (policy(ctx.actor, 'person:read', { province: ctx.province, commune: person.communeCode }) !== 'allow') return notFound()
  }
  const communes = command.communes?.(input) ?? []
  for (const code of communes) {
    // An unknown commune is a mistake in the form (400); a real commune outside the scope does not exist for the caller (404).
    if (!(await communeExists(tx, code))) return invalidField('json.communeCode', 'is not a commune of this province')
  }
  for (const { province, commune, field } of command.destinations?.(input) ?? []) {
    const exists = !province || province === ctx.province ? await communeExists(tx, commune) : await ctx.otherProvince?.communeExists(province, commune)
    if (!exists)
      return invalidField(field, province && province !== ctx.province ? 'is not a commune of that province in Bình An' : 'is not a commune of this province')
  }
  const createdId = command.creates ? (command.creates.id ? command.creates.id(input) : entityId) : undefined
  const existing = command.creates && createdId ? await findExisting(tx, { collection: command.creates.collection, id: createdId }) : undefined
  if (channel === 'sync' && command.creates && !command.creates.id && existing?.communeCode) {
    const refusal = denied(ctx, command, existing.communeCode)
    if (refusal) return refusal
  }
  for (const code of communes) {
    const refusal = denied(ctx, command, code)
    if (refusal) return refusal
  }
  const kase = person
    ? { ...(await loadCase(tx, person.id, person.category)), ...(await loadMoving(tx, person.id)) }
    : { openPlans: [], activePostRehab: [], activeManagement: [] }
  return { target, person, existing, commune: target?.communeCode ?? communes[0] ?? '', ...kase }
}

/** Rules only the database checks: a citizen ID is unique in the whole province (no command loads them all). */
function constraintRejection(err: unknown): Rejection | undefined {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e.message.includes('persons.citizen_id')) {
      return ruleBroken('Invalid json.citizenId: this citizen ID is already registered in the province', {
        issues: [{ field: 'json.citizenId', message: 'is already registered in the province' }],
      })
    }
    if (e.message.includes('rehab_plans.person_id')) return ruleBroken('This person already has an open plan; end it before starting another')
    if (e.message.includes('community_model_members.model_id')) {
      return ruleBroken('Invalid json.personId: this person is already a member of this model', {
        issues: [{ field: 'json.personId', message: 'is already a member of this model' }],
      })
    }
  }
  return undefined
}
