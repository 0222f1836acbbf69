// Appending to the audit chain (control and tenant databases alike). Runs in Node and in the Worker.
import type { ResultSet } from '@libsql/client'
import { is, sql, type SQL, type TablesRelationalConfig } from 'drizzle-orm'
import { SQLiteTransaction, type BaseSQLiteDatabase } from 'drizzle-orm/sqlite-core'
import { sha256 } from '@oslojs/crypto/sha2'
import { encodeHexLowerCase } from '@oslojs/encoding'
import { canonicalAuditContent, computeAuditHash, GENESIS_HASH } from './audit-chain.ts'
import { auditLogTable } from './audit-log-table.ts'

const auditLog = auditLogTable()
const TAIL_SQL = sql`select ${sql.identifier(auditLog.seq.name)} as seq, ${sql.identifier(auditLog.hash.name)} as hash from ${auditLog} order by ${sql.identifier(auditLog.seq.name)} desc limit 1`
const INSERT_COLUMNS = sql.join(
  [
    auditLog.seq,
    auditLog.at,
    auditLog.actorId,
    auditLog.actorRole,
    auditLog.action,
    auditLog.entityType,
    auditLog.entityId,
    auditLog.provinceCode,
    auditLog.outcome,
    auditLog.requestId,
    auditLog.clientHash,
    auditLog.details,
    auditLog.prevHash,
    auditLog.hash,
  ].map((c) => sql.identifier(c.name)),
  sql`, `,
)

export type AuditDetails = Record<string, string | number | boolean | null>

/**
 * One audited event. Ids and codes only, never personal data: no names, addresses, phone or ID-card
 * numbers, free text or usernames typed at a failed login. The checks below catch the obvious slips
 * (emails, bare 9–12 digit numbers, spaces in ids); they cannot catch everything, so callers must not rely on them.
 */
export interface AuditInput {
  at: Date
  actorId: string | null
  actorRole: string | null
  action: string
  entityType: string
  entityId: string | null
  /** Control trail: the province concerned. Tenant trail: leave out, the database is the province. */
  provinceCode?: string | null | undefined
  outcome: 'success' | 'failure'
  requestId: string | null
  /** From hashClientAddress; never the address itself. */
  clientHash: string | null
  /** At most 2 KB of JSON, ≤ 16 keys, strings ≤ 200 characters: which fields changed, a new role, counts. */
  details?: AuditDetails | undefined
}

export interface AppendedAudit {
  seq: number
  hash: string
}

/**
 * A control or tenant database, or a transaction open on one. The schema parameters are left open
 * (`any`): the audit code uses only the query builder, never relational queries, and callers that hold
 * `ControlDb | TenantDb` (one API route serving both trails) must be able to pass it.
 */
// biome-ignore lint/suspicious/noExplicitAny: schema parameters left open on purpose (see above).
export type AuditDb = BaseSQLiteDatabase<'async', ResultSet, any, any>

/**
 * Appends one entry. Given a transaction, the entry commits or rolls back with the caller's change;
 * the transaction must hold the write lock from its start, which makes reading the tail race-free.
 * drizzle 0.45's libSQL session ignores `{ behavior }` but opens the client's default "write" mode, i.e.
 * BEGIN IMMEDIATE. Given the database, it opens such a transaction itself through writeTransaction.
 */
export async function appendAudit(target: AuditDb, input: AuditInput): Promise<AppendedAudit> {
  const details = validateAuditInput(input)
  if (is(target, SQLiteTransaction)) return appendInTransaction(target, input, details)
  return appendGrouped(target, input, details)
}

/**
 * The audit entry of a read (a person-level list or record, a sync pull), which changes no record: the same chain
 * and the same group commit, committed before the answer, but on the file's read-audit connection when it has one
 * (db/client.node.ts: `synchronous = NORMAL`, decision 0050). Such a commit is in the write-ahead log, so it
 * survives the process; only a power cut before the next durable commit (any change's, or a checkpoint, which
 * fsync the log with everything before them) can lose it, and then as the newest entries of the chain, never a
 * gap. That fsync was most of a search's time. Changes and their entries keep `synchronous = FULL`.
 */
export async function appendReadAudit(db: AuditDb, input: AuditInput): Promise<AppendedAudit> {
  const relaxed = readAuditConnection(db)
  if (!relaxed) return appendAudit(db, input)
  return appendGrouped(await relaxed, input, validateAuditInput(input), (db as unknown as { $client: object }).$client)
}
/**
 * A read's entry on a remote database, inserted only where `onlyIf` holds (the record read is one the caller may
 * read, as SQL): issued together with the read itself, so that read and entry are one round trip before the policy
 * has seen the record (worker/reads.ts, `readPerson`). Undefined when the condition did not hold: no entry.
 */
export async function appendReadAuditIf(db: AuditDb, input: AuditInput, onlyIf: SQL): Promise<AppendedAudit | undefined> {
  const client = (db as { $client?: { protocol?: unknown } }).$client
  if (!client || client.protocol === 'file') throw new Error('appendReadAuditIf is for remote databases: on a file, read, authorize, then append')
  return appendRemote(db, client, input, validateAuditInput(input), onlyIf)
}

/** The read-audit connection of an embedded file's database, if it has one. */
export function readAuditConnection(db: AuditDb): Promise<AuditDb> | undefined {
  const client = (db as { $client?: { protocol?: unknown } }).$client
  return client && client.protocol === 'file' ? readAuditConnections.get(client)?.() : undefined
}
/** Per embedded-file client: how to reach its read-audit connection (opened once, on first use). */
const readAuditConnections = new WeakMap<object, () => Promise<AuditDb>>()
export function useReadAuditConnection(client: object, open: () => Promise<AuditDb>): void {
  let opened: Promise<AuditDb> | undefined
  readAuditConnections.set(client, () => {
    opened ??= open()
    return opened
  })
}

interface PendingEntry {
  input: AuditInput
  details: string | null
  resolve(appended: AppendedAudit): void
  reject(err: unknown): void
}
/** Per embedded-file client: the entries waiting for the next group's transaction, not yet begun. */
const groups = new WeakMap<object, PendingEntry[]>()

/**
 * Group commit for stand-alone entries (an audited read's): the entries that arrive while this process's
 * previous write transaction on the file is running share the next one, so one commit — one fsync under
 * synchronous=FULL — makes many durable instead of one each. Each caller still answers only after its entry
 * has committed. At low load a group holds one entry, as before. Remote clients get one transaction each.
 */
function appendGrouped(db: AuditDb, input: AuditInput, details: string | null, queueOf?: object): Promise<AppendedAudit> {
  const client = (db as { $client?: { protocol?: unknown } }).$client
  if (!client) return writeTransaction(db, (tx) => appendInTransaction(tx, input, details))
  if (client.protocol !== 'file') return appendRemote(db, client, input, details)
  return new Promise((resolve, reject) => {
    const waiting = groups.get(client)
    if (waiting) return void waiting.push({ input, details, resolve, reject })
    const group: PendingEntry[] = [{ input, details, resolve, reject }]
    groups.set(client, group)
    writeTransaction(
      db,
      async (tx) => {
        // The group closes when its transaction begins; later entries start the next group. A retry (busy)
        // runs the same entries again: the failed attempt rolled back.
        if (groups.get(client) === group) groups.delete(client)
        const appended: AppendedAudit[] = []
        for (const entry of group) appended.push(await appendInTransaction(tx, entry.input, entry.details))
        return appended
      },
      queueOf,
    ).then(
      (appended) => {
        for (const [i, entry] of group.entries()) entry.resolve(appended[i]!)
      },
      (err: unknown) => {
        if (groups.get(client) === group) groups.delete(client)
        for (const entry of group) entry.reject(err)
      },
    )
  })
}

async function appendInTransaction(tx: AuditDb, input: AuditInput, details: string | null): Promise<AppendedAudit> {
  // Plain SQL (column names from the table definition) rather than the query builder: every audited request
  // runs these two statements, and the builder's per-call work was a measurable part of a read's cost.
  const [tail] = await tx.all<{ seq: number; hash: string }>(TAIL_SQL)
  const entry = chainedEntry(input, details, tail)
  await tx.run(entry.insert)
  return { seq: entry.seq, hash: entry.hash }
}

type Tail = { seq: number; hash: string } | undefined

/**
 * Remote databases (Turso over HTTP from a Worker, decision 0046): the chain's tail as this isolate last saw it,
 * per client. An entry is one statement, inserted only while the tail is still that one, sent in one batch with
 * the read of the tail: one round trip when nothing else appended meanwhile, one more (after a short random
 * pause, so that appends that lost together retry apart) each time something did. The chain stays what a
 * transaction would make it: the guard, and seq as primary key, refuse a fork.
 */
const tails = new WeakMap<object, { seq: number; hash: string } | null>()

/** Reads the tail of a remote client's chain unless already known: issue it with a request's first reads, so it rides along. */
export async function primeAuditTail(db: AuditDb): Promise<void> {
  const client = (db as { $client?: { protocol?: unknown } }).$client
  if (!client || client.protocol === 'file' || tails.has(client)) return
  const [tail] = await db.all<{ seq: number; hash: string }>(TAIL_SQL)
  tails.set(client, tail ?? null)
}

/**
 * Reads a remote client's tail again (beside a command's first reads, so that it rides along): the guard below
 * needs it fresh. Answers the tail read, which a command keeps for its guard: the isolate's own record of the
 * tail may move on meanwhile (another request of the isolate appending), and a guard against that newer tail
 * would pass over a load that is already stale.
 */
export async function refreshAuditTail(db: AuditDb): Promise<AppendedAudit | null> {
  const client = (db as { $client?: { protocol?: unknown } }).$client
  const [tail] = await db.all<{ seq: number; hash: string }>(TAIL_SQL)
  if (client && client.protocol !== 'file') tails.set(client, tail ?? null)
  return tail ? { seq: tail.seq, hash: tail.hash } : null
}

/** The guard of a held audit entry failed: its insert wrote a null `prev_hash` (the trail moved under the command). */
export function isAuditGuardFailure(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (e.message.includes(`${auditLog.prevHash.name}`) && /NOT NULL/i.test(e.message)) return true
  }
  return false
}

/**
 * An entry for a batch that must roll back whole when the trail moved since its tail was read (a command's
 * persistence on a remote database, worker/commands/run.ts): chained to the tail as `db`'s client last saw it,
 * its `prev_hash` a sub-select that is null unless that tail is still the tail, so the insert fails (NOT NULL) and
 * the batch with it. Every case write appends to the trail, so an unchanged tail proves what was loaded unchanged.
 * `appended()` records the new tail once the batch has committed. `after`: the tail the command read with its load
 * (null: an empty trail), or an entry held earlier in the same batch, which this one follows (a push's own entry
 * after its last change's, decision 0049).
 */
export function guardedAuditEntry(
  db: AuditDb,
  input: AuditInput,
  after?: AppendedAudit | null,
): { statement: ReturnType<typeof sql>; entry: AppendedAudit; appended(): AppendedAudit } {
  const details = validateAuditInput(input)
  const client = (db as { $client?: object }).$client
  if (!client || (after === undefined && !tails.has(client))) throw new Error('guardedAuditEntry: read the tail first (refreshAuditTail)')
  const tail = (after === undefined ? tails.get(client) : after) ?? undefined
  const entry = chainedEntry(input, details, tail)
  const seqColumn = sql.identifier(auditLog.seq.name)
  const hashColumn = sql.identifier(auditLog.hash.name)
  const prev = tail?.hash ?? GENESIS_HASH
  const guard = sql`(select ${prev} where coalesce((select max(${seqColumn}) from ${auditLog}), 0) = ${tail?.seq ?? 0} and coalesce((select ${hashColumn} from ${auditLog} where ${seqColumn} = ${tail?.seq ?? 0}), ${GENESIS_HASH}) = ${prev})`
  return {
    statement: entry.guardedInsert(guard),
    entry: { seq: entry.seq, hash: entry.hash },
    appended() {
      tails.set(client, { seq: entry.seq, hash: entry.hash })
      return { seq: entry.seq, hash: entry.hash }
    },
  }
}

/** True while `tail` is still the trail's tail. */
function isStillTail(tail: Tail) {
  const seqColumn = sql.identifier(auditLog.seq.name)
  const hashColumn = sql.identifier(auditLog.hash.name)
  return sql`coalesce((select max(${seqColumn}) from ${auditLog}), 0) = ${tail?.seq ?? 0} and coalesce((select ${hashColumn} from ${auditLog} where ${seqColumn} = ${tail?.seq ?? 0}), ${GENESIS_HASH}) = ${tail?.hash ?? GENESIS_HASH}`
}

/** One try at a remote entry, where `guard` holds; issued together, so a pipelined client sends both in one batch. */
async function tryRemote(db: AuditDb, entry: ReturnType<typeof chainedEntry>, guard: ReturnType<typeof sql>) {
  const [inserted, [latest]] = await Promise.all([db.run(sql`${entry.insertSelect} where ${guard}`), db.all<{ seq: number; hash: string }>(TAIL_SQL)])
  const appended = inserted.rowsAffected === 1
  return { appended, tail: appended ? { seq: entry.seq, hash: entry.hash } : (latest ?? null) }
}

async function appendRemote(db: AuditDb, client: object, input: AuditInput, details: string | null): Promise<AppendedAudit>
async function appendRemote(db: AuditDb, client: object, input: AuditInput, details: string | null, onlyIf: SQL): Promise<AppendedAudit | undefined>
async function appendRemote(db: AuditDb, client: object, input: AuditInput, details: string | null, onlyIf?: SQL): Promise<AppendedAudit | undefined> {
  await primeAuditTail(db)
  const deadline = Date.now() + BUSY_DEADLINE_MS
  for (let n = 0; ; n++) {
    const tail = tails.get(client) ?? undefined
    const entry = chainedEntry(input, details, tail)
    const tried = await tryRemote(db, entry, onlyIf ? sql`${isStillTail(tail)} and ${onlyIf}` : isStillTail(tail))
    tails.set(client, tried.tail)
    if (tried.appended) return { seq: entry.seq, hash: entry.hash }
    // The trail did not move: the condition is what refused the entry.
    if (onlyIf && (tried.tail?.seq ?? 0) === (tail?.seq ?? 0) && (tried.tail?.hash ?? GENESIS_HASH) === (tail?.hash ?? GENESIS_HASH)) return undefined
    if (Date.now() >= deadline) throw new Error('audit entry not appended: the chain kept moving under it')
    // Appends that lost together (requests of one isolate, or of several) retry apart.
    const backoff = Math.min(50, 2 ** n)
    await new Promise((resolve) => setTimeout(resolve, Math.random() * backoff))
  }
}

function chainedEntry(input: AuditInput, details: string | null, tail: Tail) {
  const content = {
    seq: (tail?.seq ?? 0) + 1,
    at: input.at,
    actorId: input.actorId,
    actorRole: input.actorRole,
    action: input.action,
    entityType: input.entityType,
    entityId: input.entityId,
    provinceCode: input.provinceCode ?? null,
    outcome: input.outcome,
    requestId: input.requestId,
    clientHash: input.clientHash,
    details,
    prevHash: tail?.hash ?? GENESIS_HASH,
  }
  const hash = computeAuditHash(content.prevHash, canonicalAuditContent(content))
  // seq is the primary key: should two writers ever read the same tail, the second insert fails, it never forks the chain.
  const values = [
    content.seq,
    content.at.getTime(),
    content.actorId,
    content.actorRole,
    content.action,
    content.entityType,
    content.entityId,
    content.provinceCode,
    content.outcome,
    content.requestId,
    content.clientHash,
    content.details,
    content.prevHash,
    hash,
  ]
  const listed = sql.join(
    values.map((v) => sql`${v}`),
    sql`, `,
  )
  return {
    seq: content.seq,
    hash,
    insert: sql`insert into ${auditLog} (${INSERT_COLUMNS}) values (${listed})`,
    insertSelect: sql`insert into ${auditLog} (${INSERT_COLUMNS}) select ${listed}`,
    /** The same values, `prev_hash` replaced by `guard` (a sub-select null when the tail moved). */
    guardedInsert: (guard: ReturnType<typeof sql>) =>
      sql`insert into ${auditLog} (${INSERT_COLUMNS}) values (${sql.join([...values.slice(0, -2).map((v) => sql`${v}`), guard, sql`${hash}`], sql`, `)})`,
  }
}

// One queue per embedded-file client. The busy timeout (db/client.node.ts) waits for another process's write
// lock, blocking; a second BEGIN IMMEDIATE from this process would wait for a lock that its own, now frozen,
// event loop holds, then fail, and the binding (libsql 0.5.29) leaves that failed statement in progress,
// holding a read lock until garbage collection. Queueing here avoids both. Remote clients are not queued: the
// server waits for the lock, and in a Worker a promise shared across requests must be avoided.
const queues = new WeakMap<object, Promise<unknown>>()
const BUSY_DEADLINE_MS = 5_000

/**
 * Takes turns between processes that share the embedded files (the Node cluster, decision 0024): entered
 * before a write transaction, left after it. SQLite's own busy wait sleeps the waiting process, event loop
 * and all, in growing steps, and a process that commits back to back keeps winning the lock; waiting for a
 * turn here is first come first served and leaves the event loop free. The file's lock stays the guarantee:
 * a gate that does not answer in time lets the transaction go ahead and wait for the lock as before.
 */
export interface WriteGate {
  /** Resolves with the function that ends the turn. */
  enter(client: object): Promise<() => void>
}
let writeGate: WriteGate | undefined
export function useWriteGate(gate: WriteGate | undefined): void {
  writeGate = gate
}

/**
 * Runs `fn` in a write transaction, one at a time per embedded client in this process, retrying the
 * whole transaction while another process or client holds the write lock. Use it for an audited change:
 * `writeTransaction(db, async (tx) => { …change…; await appendAudit(tx, entry) })`. Inside `fn` use `tx`
 * only (passing `db` to appendAudit there waits for this very transaction), and keep `fn` free of
 * effects outside the database: it may run more than once.
 */
export async function writeTransaction<TFull extends Record<string, unknown>, TSchema extends TablesRelationalConfig, T>(
  db: BaseSQLiteDatabase<'async', ResultSet, TFull, TSchema>,
  fn: (tx: SQLiteTransaction<'async', ResultSet, TFull, TSchema>) => Promise<T>,
  /** The client whose queue this waits in: another connection to the same file (the read-audit one) shares its file's queue. */
  queueOf?: object,
): Promise<T> {
  const attempt = () => retryWhileBusy(() => db.transaction(fn))
  const own = (db as { $client?: { protocol?: unknown } }).$client
  if (own?.protocol !== 'file') return attempt()
  const client = queueOf ?? own
  const gated = async () => {
    const leave = await writeGate?.enter(client)
    try {
      return await attempt()
    } finally {
      leave?.()
    }
  }
  const run = (queues.get(client) ?? Promise.resolve()).then(gated)
  const settled = run.then(
    () => undefined,
    () => undefined,
  )
  queues.set(client, settled)
  try {
    return await run
  } finally {
    if (queues.get(client) === settled) queues.delete(client)
  }
}

/** Runs `attempt` again (with jittered backoff, for up to 5 s) while the database answers SQLITE_BUSY. */
export async function retryWhileBusy<T>(attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + BUSY_DEADLINE_MS
  for (let n = 0; ; n++) {
    try {
      return await attempt()
    } catch (err) {
      if (!isBusy(err) || Date.now() >= deadline) throw err
      const backoff = Math.min(100, 2 ** n)
      await new Promise((resolve) => setTimeout(resolve, backoff / 2 + Math.random() * backoff))
    }
  }
}

function isBusy(err: unknown): boolean {
  // drizzle wraps the driver's error in DrizzleQueryError; the libSQL code is on a cause.
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) return true
  }
  return false
}

/**
 * hex SHA-256 of UTF-8(salt + address), address trimmed and lower-cased (IPv6 spelling). Links one
 * client's entries without storing the address. The salt must be secret: the IPv4 space is small enough
 * to hash exhaustively.
 */
export function hashClientAddress(address: string | null | undefined, salt: string): string | null {
  if (!salt) throw new Error('hashClientAddress needs a non-empty salt')
  const normalized = address?.trim().toLowerCase()
  if (!normalized) return null
  return encodeHexLowerCase(sha256(new TextEncoder().encode(salt + normalized)))
}

const CODE = /^[a-z][a-z0-9_.:-]{0,63}$/
const ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]{0,127}$/
const DETAIL_KEY = /^[A-Za-z][A-Za-z0-9_]{0,39}$/
// An address masked as worker/mail/message.ts does (`n***@domain`) passes: a `*` touches the `@`.
const EMAIL = /[^\s@*]+@[^\s@*]+\.[^\s@*]+/
// Vietnamese phone numbers are 10 digits, citizen-ID (CCCD) numbers 12, old ID cards 9.
const PHONE_OR_ID_NUMBER = /^\+?\d{9,12}$/
const MAX_DETAILS_BYTES = 2048

/** Throws on anything that does not look like ids and codes; returns the details as the JSON text to store. */
function validateAuditInput(input: AuditInput): string | null {
  if (!(input.at instanceof Date) || !Number.isFinite(input.at.getTime())) bad('at', 'must be a valid Date')
  checkPattern('action', input.action, CODE)
  checkPattern('entityType', input.entityType, CODE)
  if (input.actorRole !== null) checkPattern('actorRole', input.actorRole, CODE)
  for (const field of ['actorId', 'entityId', 'requestId'] as const) {
    const value = input[field]
    if (value !== null) checkPattern(field, value, ID)
    if (value !== null && PHONE_OR_ID_NUMBER.test(value)) bad(field, 'looks like a phone or ID-card number')
  }
  if (input.provinceCode != null) checkPattern('provinceCode', input.provinceCode, /^\d{2}$/)
  if (input.outcome !== 'success' && input.outcome !== 'failure') bad('outcome', 'must be success or failure')
  if (input.clientHash !== null) checkPattern('clientHash', input.clientHash, /^[0-9a-f]{64}$/)
  return input.details === undefined ? null : validateDetails(input.details)
}

function validateDetails(details: AuditDetails): string {
  if (typeof details !== 'object' || details === null || Array.isArray(details)) bad('details', 'must be a flat object')
  const entries = Object.entries(details)
  if (entries.length > 16) bad('details', 'has more than 16 keys')
  for (const [key, value] of entries) {
    if (!DETAIL_KEY.test(key)) bad('details', 'keys must be identifiers')
    if (typeof value === 'string') {
      if (value.length > 200) bad(`details.${key}`, 'is longer than 200 characters')
      if (EMAIL.test(value) || PHONE_OR_ID_NUMBER.test(value.trim())) bad(`details.${key}`, 'looks like personal data')
    } else if (typeof value === 'number') {
      if (!Number.isFinite(value)) bad(`details.${key}`, 'must be a finite number')
    } else if (value !== null && typeof value !== 'boolean') {
      bad(`details.${key}`, 'must be a string, number, boolean or null')
    }
  }
  const json = JSON.stringify(details)
  if (new TextEncoder().encode(json).length > MAX_DETAILS_BYTES) bad('details', `exceeds ${MAX_DETAILS_BYTES} bytes of JSON`)
  return json
}

function checkPattern(field: string, value: unknown, pattern: RegExp): void {
  if (typeof value !== 'string' || !pattern.test(value)) bad(field, `must match ${pattern.source}`)
}

function bad(field: string, why: string): never {
  throw new TypeError(`audit entry: ${field} ${why}`)
}
