// How a write reaches its database (decision 0046, and 0054 for the control database): the same steps on an
// embedded file and on a remote one, with the round trips each can afford. The case runner (run.ts) and the
// control database's writes (services/user-admin.ts, services/credentials.ts, the province status) come here.
import type { Client } from '@libsql/client'
import {
  appendAudit,
  guardedAuditEntry,
  isAuditGuardFailure,
  refreshAuditTail,
  writeTransaction,
  type AppendedAudit,
  type AuditDb,
  type AuditInput,
} from '../../db/audit/append-audit.ts'
import { deferredControlDb, deferredTenantDb } from '../../db/deferred-writes.ts'
import type { ControlDb, TenantDb } from '../../db/types.ts'
import { AppError } from '../errors.ts'

export type Audit = (input: AuditInput) => Promise<void>

/** A database and a way to open it again on a client whose writes wait for one batch (db/deferred-writes.ts). */
export interface Persistable<D> {
  db: D
  deferred(db: D): { db: D; commit(): Promise<void> }
}

export const tenantWrites = (db: TenantDb): Persistable<TenantDb> => ({ db, deferred: deferredTenantDb })
export const controlWrites = (db: ControlDb): Persistable<ControlDb> => ({ db, deferred: deferredControlDb })

/** Load, decide and again when the trail moved under a batched write; then 503 (the device or the user sends it again). */
const BATCH_ATTEMPTS = 5

/**
 * Reads, then writes with their audit entries. An embedded file: one interactive write transaction (its round
 * trips cost nothing; Node's write gate and group commit keep their queue). A remote database: the reads outside a
 * transaction, those issued together in one round trip beside a fresh read of the audit tail; the writes and the
 * entries held back and sent as ONE batch, which libSQL runs as a transaction, with the first read after them. The
 * entry's guard fails the batch when the trail moved since the tail was read — every write this guards appends to
 * it, so an unchanged tail proves the loaded state unchanged — and the work runs again from its reads. `work` may
 * therefore run more than once: no effects outside the database.
 */
export async function persisted<D extends AuditDb & { $client: Client }, Tx, T>(
  target: Persistable<D>,
  work: (tx: Tx, audit: Audit) => Promise<T>,
): Promise<T> {
  const { db } = target
  if (db.$client.protocol === 'file') return writeTransaction(db, (tx) => work(tx as Tx, async (input) => void (await appendAudit(tx, input))))
  return batched(target, undefined, async (tail) => {
    const deferred = target.deferred(db)
    const audit = guardedAudits(db, deferred.db, tail)
    const [, result] = await Promise.all([tail, work(deferred.db as unknown as Tx, audit.append)])
    await deferred.commit()
    audit.committed()
    return result
  })
}

export interface LoadThenWrite<D, L, P, T> {
  /** The reads the write depends on: on a remote database in one round trip beside the audit tail. */
  load(db: D): Promise<L>
  /**
   * Once, after the first load, outside any transaction and lock: what is slow or leaves the database (a password
   * hashed, a mail sent). Throw to refuse. Not run again should the trail move and the load be read again.
   */
  prepare(loaded: L): Promise<P>
  /**
   * The answer when `prepare` left nothing to write (a file's part that completes nothing, decision 0038): no
   * transaction is opened and nothing is batched, so a trail that moves meanwhile does not send it round again.
   */
  answered?(prepared: P): T | undefined
  /** The writes and their entries, from the latest load (check it again: `prepare` saw the first one). */
  write(tx: D, loaded: L, prepared: P, audit: Audit): Promise<T>
  /**
   * The tail already read beside the request's first reads, with what the first `load` answers (the session's
   * round trip: worker/routes/admin.ts `refreshReadsAhead`): the first attempt's, so that it costs no round trip of
   * its own. A later attempt reads it again.
   */
  tail?: Promise<AppendedAudit | null> | undefined
}

/**
 * A write whose decision needs slow work between its reads and its writes (`prepare`). Optimistic on both kinds
 * of database, so that no lock is held while it runs: the tail is read with the load; an embedded file's write
 * transaction begins by reading the tail again and loads again when it moved, a remote batch is guarded by it.
 */
export async function loadThenWrite<D extends AuditDb & { $client: Client }, L, P, T>(target: Persistable<D>, steps: LoadThenWrite<D, L, P, T>): Promise<T> {
  const { db } = target
  let prepared: { value: P } | undefined
  const loadAndPrepare = async (tail: Promise<AppendedAudit | null>) => {
    const [, loaded] = await Promise.all([tail, steps.load(db)])
    prepared ??= { value: await steps.prepare(loaded) }
    return { loaded, prepared: prepared.value }
  }
  if (db.$client.protocol === 'file') {
    return batched(target, steps.tail, async (tailRead) => {
      const [tail, { loaded, prepared }] = await Promise.all([tailRead, loadAndPrepare(tailRead)])
      const answer = steps.answered?.(prepared)
      if (answer !== undefined) return answer
      return writeTransaction(db, async (tx) => {
        const now = await refreshAuditTail(tx)
        if (now?.seq !== tail?.seq || now?.hash !== tail?.hash) throw new TrailMoved()
        return steps.write(tx as unknown as D, loaded, prepared, async (input) => void (await appendAudit(tx, input)))
      })
    })
  }
  return batched(target, steps.tail, async (tailRead) => {
    const { loaded, prepared } = await loadAndPrepare(tailRead)
    const answer = steps.answered?.(prepared)
    if (answer !== undefined) return answer
    const deferred = target.deferred(db)
    const audit = guardedAudits(db, deferred.db, tailRead)
    const result = await steps.write(deferred.db, loaded, prepared, audit.append)
    await deferred.commit()
    audit.committed()
    return result
  })
}

class TrailMoved extends Error {}

/** Runs an attempt with a fresh read of the tail (the first: `first`, if read already), again (after a jittered pause) while the trail moved under it. */
async function batched<D extends AuditDb, T>(
  target: Persistable<D>,
  first: Promise<AppendedAudit | null> | undefined,
  attempt: (tail: Promise<AppendedAudit | null>) => Promise<T>,
): Promise<T> {
  for (let n = 1; ; n++) {
    try {
      return await attempt(n === 1 && first ? first : refreshAuditTail(target.db))
    } catch (err) {
      if (!(err instanceof TrailMoved) && !isAuditGuardFailure(err)) throw err
      if (n >= BATCH_ATTEMPTS)
        throw new AppError('write_contention', 503, 'The records changed while this was being saved, several times over; send it again', undefined, {
          cause: err,
        })
      await new Promise((resolve) => setTimeout(resolve, Math.random() * 2 ** n * 5))
    }
  }
}

/** Entries held in the batch, each guarded by the tail read with the load (or following the one before it). */
function guardedAudits(db: AuditDb, into: AuditDb, tailRead: Promise<AppendedAudit | null>) {
  const appended: (() => AppendedAudit)[] = []
  let last: AppendedAudit | null | undefined
  return {
    async append(input: AuditInput) {
      const after = last === undefined ? await tailRead : last
      const entry = guardedAuditEntry(db, input, after)
      last = entry.entry
      await into.run(entry.statement)
      appended.push(entry.appended)
    },
    committed() {
      for (const done of appended) done()
    },
  }
}
