// The one runner of the case writes (docs/decisions/0022): parse → load → authorize → check → decide → persist,
// with the audit entry and, for a sync change, its receipt, in one write transaction. The HTTP routes
// (worker/commands/http.ts) and POST /sync/push (worker/commands/sync-push.ts) both come here.
import { persisted as persistedOn, tenantWrites, type Audit } from './persist.ts'
export type { Audit } from './persist.ts'
import { together } from '../../db/pipelined-client.ts'
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
import type { ProvinceCommand, ProvinceDecision } from '../../kernel/commands/province-command.ts'
import { statusEffectiveOn } from '../../kernel/domain/status-effective.ts'
import { commandInputs, partialRules } from '../../kernel/commands/inputs.ts'
import { vietnamToday } from '../../kernel/calendar.ts'
import { parseInput } from '../../kernel/parse.ts'
import type * as v from 'valibot'
import type { SQL } from 'drizzle-orm'
import { decide as policy, type Actor } from '../../kernel/policy.ts'
import type { AuditContext } from '../audit-context.ts'
import { findExisting, findPersonBy, findTarget, loadCase, ownerIdOf, presentRecord, writeDecision } from '../repo/case-records.ts'
import { findPersonIdByCitizen, loadMoving } from '../repo/moving.ts'
import { communeExists, findPerson } from '../repo/persons.ts'
import { readCaseRules } from '../repo/settings.ts'
import { loadAssessmentFacts, loadCertificationFacts } from '../repo/certification-figures.ts'
import { certificationFlagsFor, raiseCertificationFlags, watchedCommunes } from '../repo/certification-flags.ts'

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
   * retries the whole transaction, a batched one whose trail moved loads again): no effects outside the database.
   * An applied result has no `answer` yet: the record is read after the writes, which on a remote database are
   * held until that read (db/deferred-writes.ts); its reference is `decision.answer`. `audit` appends an entry
   * in the same transaction or batch, after the command's own (a push's entry beside its last change).
   */
  inTransaction?: ((tx: TenantTx, result: RunResult, audit: Audit) => Promise<void>) | undefined
  /** The commune a path names: a target of another commune is not found (checked with the load, not before it). */
  targetIn?: string | undefined
}

export async function runCommand(ctx: RunContext, command: AnyCommand, entityId: string, raw: unknown, opts: RunOptions): Promise<RunResult> {
  const parsed = parseInput(commandInputs[command.type], raw, 'json')
  if (!parsed.ok) {
    const more = partialRules[command.type]?.(raw, vietnamToday(ctx.audit.at)) ?? []
    const issues = [...parsed.issues, ...more.filter((m) => !parsed.issues.some((i) => i.field === m.field))]
    return settle(ctx, opts, { ok: false, rejection: invalidFields(issues) })
  }
  try {
    const result = await persisted(ctx.db, async (tx, audit) => {
      const result = await apply(tx, audit, ctx, command, entityId, parsed.output, opts)
      await opts.inTransaction?.(tx, result, audit)
      // Read last: on a remote database this read travels with the held writes (db/deferred-writes.ts).
      return result.ok ? { ...result, answer: await presentRecord(tx, result.decision.answer) } : result
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
  if (hook) await persisted(ctx.db, (tx, audit) => hook(tx, result, audit))
  return result
}

/** A case write's reads and writes on the province's database (persist.ts). */
const persisted = <T>(db: TenantDb, work: (tx: TenantTx, audit: Audit) => Promise<T>): Promise<T> => persistedOn(tenantWrites(db), work)

const refused = (rejection: Rejection, current?: unknown): RunResult => ({ ok: false, rejection, ...(current === undefined ? {} : { current }) })

async function apply(tx: TenantTx, audit: Audit, ctx: RunContext, command: AnyCommand, entityId: string, input: unknown, opts: RunOptions): Promise<RunResult> {
  const [loaded, rules, watched] = await together(
    tx,
    () => load(tx, ctx, command, entityId, input, opts),
    () => readCaseRules(tx),
    () => watchedCommunes(tx),
  )
  if ('rejected' in loaded) return refused(loaded)
  const checked = command.check?.(input, vietnamToday(ctx.audit.at))
  if (checked) return refused(checked)
  const outcome = decideCommand(command, loaded as State<never>, input, entityId, {
    actorId: ctx.audit.actorId,
    now: ctx.audit.at,
    rules,
    province: ctx.province,
    newId: () => crypto.randomUUID(),
  })
  if (outcome.rejected) return refused(outcome, outcome.current ? await presentRecord(tx, outcome.current) : undefined)
  // Monitoring of recognised communes (decision 0037): in the same transaction as the case write that raises it,
  // the watched communes read with the load so that a batch holds the flags and no round trip comes between.
  const flags = certificationFlagsFor(outcome, loaded.person, ctx.audit.at, watched)
  await writeDecision(tx, outcome, statusEffectiveOn(outcome, vietnamToday(ctx.audit.at)))
  await raiseCertificationFlags(tx, flags)
  if (outcome.event) await audit({ ...ctx.audit, ...outcome.event, outcome: 'success' })
  return { ok: true, decision: outcome, answer: undefined }
}

/** The caller may do the command's action in this commune: a commune outside the scope does not exist for them. */
function denied(ctx: RunContext, command: AnyCommand, commune: string): Rejection | undefined {
  const decision = policy(ctx.actor, command.action, { province: ctx.province, commune })
  if (decision === 'not_found') return notFound()
  if (decision === 'forbidden') return forbidden(`Your role (${ctx.actor.role}) may not do this (${command.action})`)
  return undefined
}

type Loaded = State<Awaited<ReturnType<typeof findTarget>>>

async function load(tx: TenantTx, ctx: RunContext, command: AnyCommand, entityId: string, input: unknown, opts: RunOptions): Promise<Loaded | Rejection> {
  const channel = opts.channel
  // What the input names is read together (one round trip on a remote database): the target, a linked person,
  // the communes, the record under a create's id, and — when the person is known from the input — their case.
  // Read before authorizing, answered only after: nothing read here leaves unless the policy allows it.
  const targetRef = command.target ? { collection: command.target.collection, id: command.target.id(input, entityId) } : undefined
  const linkedId = command.links?.(input)
  const knownPersonId = linkedId ?? (targetRef?.collection === 'persons' ? targetRef.id : undefined)
  const communes = command.communes?.(input) ?? []
  const destinations = command.destinations?.(input) ?? []
  const createdId = command.creates ? (command.creates.id ? command.creates.id(input) : entityId) : undefined
  // The person a target that is not one belongs to (a plan's, a post-rehab record's), by a sub-select of the
  // target's person_id: read with their case in the same round trip as the target.
  const ownerKey = targetRef && !command.links ? ownerIdOf(targetRef) : undefined
  // The certification facts when the input names their scope (no target), or those of a target assessment's own
  // scope, read by sub-selects of it (used once the command's scope is seen to be that one).
  const factsAhead =
    command.certification && !command.target
      ? () => loadCertificationFacts(tx, command.certification!(input, undefined as never))
      : command.certification && targetRef?.collection === 'assessments'
        ? () => loadAssessmentFacts(tx, targetRef.id)
        : undefined
  const [target, linked, communesKnown, destinationsKnown, existing, knownCase, owner, facts] = await together(
    tx,
    () => (targetRef ? findTarget(tx, targetRef.collection, targetRef.id) : Promise.resolve(undefined)),
    () => (linkedId !== undefined ? findPerson(tx, linkedId) : Promise.resolve(undefined)),
    () => together(tx, ...communes.map((code) => () => communeExists(tx, code))),
    () =>
      together(
        tx,
        ...destinations.map(
          ({ province, commune }) =>
            () =>
              !province || province === ctx.province
                ? communeExists(tx, commune)
                : (ctx.otherProvince?.communeExists(province, commune) ?? Promise.resolve(false)),
        ),
      ),
    () => (command.creates && createdId ? findExisting(tx, { collection: command.creates.collection, id: createdId }) : Promise.resolve(undefined)),
    () => (knownPersonId !== undefined ? caseOf(tx, knownPersonId) : Promise.resolve(undefined)),
    () =>
      ownerKey
        ? together(
            tx,
            () => findPersonBy(tx, ownerKey),
            () => caseOf(tx, ownerKey),
          )
        : Promise.resolve(undefined),
    () => (factsAhead ? factsAhead() : Promise.resolve(undefined)),
  )
  let person: Awaited<ReturnType<typeof findPerson>>
  if (targetRef) {
    // Missing altogether: the change that makes it may simply not have arrived yet (retryable in a sync push).
    if (!target) return notFound(true)
    if (opts.targetIn !== undefined && target.communeCode !== opts.targetIn) return notFound()
    const refusal = denied(ctx, command, target.communeCode)
    if (refusal) return refusal
  }
  // The person of a target that is not one (a hand-over received from another province has none here: their
  // record stays in the sending province), read with their case beside the target; read again only should that
  // read not be of the target's person (a target without a sub-select of its owner).
  const personId = target && 'personId' in target ? target.personId : undefined
  const [ownerOfTarget, ownerCase] =
    personId && !command.links && personId !== knownPersonId
      ? owner && owner[0]?.id === personId
        ? owner
        : await together(
            tx,
            () => findPerson(tx, personId),
            () => caseOf(tx, personId),
          )
      : [undefined, undefined]
  if (targetRef) {
    if (personId) person = ownerOfTarget
    else if (targetRef.collection === 'persons') person = target as NonNullable<typeof person>
  }
  if (command.links) {
    // A person linked to the target (a model's member) is read like any person: outside the scope, not there.
    person = linked
    if (!person) return notFound(true)
    if (policy(ctx.actor, 'person:read', { province: ctx.province, commune: person.communeCode }) !== 'allow') return notFound()
  }
  for (const [i] of communes.entries()) {
    // An unknown commune is a mistake in the form (400); a real commune outside the scope does not exist for the caller (404).
    if (!communesKnown[i]) return invalidField('json.communeCode', 'is not a commune of this province')
  }
  for (const [i, { province, field }] of destinations.entries()) {
    if (!destinationsKnown[i])
      return invalidField(field, province && province !== ctx.province ? 'is not a commune of that province in Bình An' : 'is not a commune of this province')
  }
  if (channel === 'sync' && command.creates && !command.creates.id && existing?.communeCode) {
    const refusal = denied(ctx, command, existing.communeCode)
    if (refusal) return refusal
  }
  for (const code of communes) {
    const refusal = denied(ctx, command, code)
    if (refusal) return refusal
  }
  // A province-wide write (the criteria): acts in no commune, so the province and the role decide.
  if (!command.target && communes.length === 0) {
    const decision = policy(ctx.actor, command.action, { province: ctx.province })
    if (decision !== 'allow') return decision === 'not_found' ? notFound() : forbidden(`Your role (${ctx.actor.role}) may not do this (${command.action})`)
  }
  // A hand-over from another province names a person by citizen ID only: accepting it registers them here, unless
  // this province already has them (decision 0039).
  const received = command.target?.collection === 'handovers' && target && 'subject' in target && target.personId === null ? target : undefined
  const scope = command.certification?.(input, target)
  const readAhead =
    facts !== undefined &&
    (!command.target ||
      (scope && target && 'year' in target && scope.communeCode === target.communeCode && scope.year === target.year && scope.assessmentId === target.id))
  const [certification, sameCitizen] = await together(
    tx,
    () => (readAhead ? Promise.resolve(facts) : scope !== undefined ? loadCertificationFacts(tx, scope) : Promise.resolve(undefined)),
    () => (received ? findPersonIdByCitizen(tx, received.subject.citizenId) : Promise.resolve(undefined)),
  )
  const loadedCase = person ? (person.id === knownPersonId ? knownCase : ownerCase) : undefined
  const kase =
    person && loadedCase
      ? { ...loadedCase, ...(loadedCase.facts ? { facts: { ...loadedCase.facts, category: person.category } } : {}) }
      : { openPlans: [], activePostRehab: [], activeManagement: [] }
  return {
    target,
    person,
    existing,
    commune: target?.communeCode ?? communes[0] ?? '',
    ...kase,
    ...(sameCitizen !== undefined ? { sameCitizen } : {}),
    ...(certification ? { certification } : {}),
  }
}

/** A person's case (loadCase, loadMoving) by id alone, read beside the person: the category is laid on once they are read. */
async function caseOf(tx: TenantTx, personId: string | SQL) {
  const [kase, moving] = await together(
    tx,
    () => loadCase(tx, personId, 'drug_user'),
    () => loadMoving(tx, personId),
  )
  return { ...kase, ...moving }
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
    if (e.message.includes('commune_assessments.commune_code')) {
      return ruleBroken('Invalid json.year: this commune already has an assessment for this year', {
        issues: [{ field: 'json.year', message: 'already has an assessment for this commune' }],
      })
    }
    if (e.message.includes('community_model_members.model_id')) {
      return ruleBroken('Invalid json.personId: this person is already a member of this model', {
        issues: [{ field: 'json.personId', message: 'is already a member of this model' }],
      })
    }
  }
  return undefined
}

// ── Writes of the province as a whole (decision 0036) ───────────────────────────────────────────────────

/** Where a province command's record lives: read and written inside the change's transaction. */
export interface ProvinceStore<R, I> {
  load(tx: TenantTx, key: string): Promise<R | undefined>
  /** Rules that need the database (the communes an input names exist): a refusal, or nothing. */
  verify?(tx: TenantTx, input: I): Promise<Rejection | undefined>
  write(tx: TenantTx, decision: ProvinceDecision<R>): Promise<void>
}

export type ProvinceRunResult<R, A = undefined> = { ok: true; record: R; answer: A } | { ok: false; rejection: Rejection; current?: R | undefined }

/**
 * The same steps as a case write — parse → authorize → check → load → decide → persist with its audit entry —
 * for a record of the province (its yearly plan): authorized against the province, since no commune holds it.
 * Never a sync change: the roles that write these do not sync. Persisted as a case write is (`persisted`): on an
 * embedded file one transaction; on a remote database the load in one round trip beside the audit tail, then the
 * writes and the entry as one batch, with `answer`'s reads (what the route shows) riding in it.
 */
export async function runProvinceCommand<S extends v.GenericSchema, R, A = undefined>(
  ctx: Omit<RunContext, 'otherProvince'>,
  command: ProvinceCommand<S, R>,
  store: ProvinceStore<R, v.InferOutput<S>>,
  key: string,
  raw: unknown,
  answer?: (tx: TenantTx, record: R) => Promise<A>,
): Promise<ProvinceRunResult<R, A>> {
  const decision = policy(ctx.actor, command.action, { province: ctx.province })
  if (decision === 'not_found') return { ok: false, rejection: notFound() }
  if (decision === 'forbidden') return { ok: false, rejection: forbidden(`Your role (${ctx.actor.role}) may not do this (${command.action})`) }
  const parsed = parseInput(command.input, raw, 'json')
  if (!parsed.ok) return { ok: false, rejection: invalidFields(parsed.issues) }
  const checked = command.check?.(parsed.output, vietnamToday(ctx.audit.at))
  if (checked) return { ok: false, rejection: checked }
  return persisted(ctx.db, async (tx, audit): Promise<ProvinceRunResult<R, A>> => {
    const [verified, current] = await together(
      tx,
      () => store.verify?.(tx, parsed.output) ?? Promise.resolve(undefined),
      () => store.load(tx, key),
    )
    if (verified) return { ok: false, rejection: verified }
    const outcome = command.decide(current, parsed.output, key, { actorId: ctx.audit.actorId, now: ctx.audit.at })
    if (outcome.rejected) return { ok: false, rejection: outcome, current }
    await store.write(tx, outcome)
    await audit({ ...ctx.audit, ...outcome.event, outcome: 'success' })
    return { ok: true, record: outcome.record, answer: (answer ? await answer(tx, outcome.record) : undefined) as A }
  })
}
