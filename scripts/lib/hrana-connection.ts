/**
 * One libSQL connection per Hrana stream, with the lock handling the `libsql` binding needs.
 *
 * SQLITE_BUSY is retried here, asynchronously, instead of with `PRAGMA busy_timeout`: the binding is
 * synchronous, so a blocking busy handler would freeze the event loop, and with it the very request (another
 * stream's COMMIT) that would release the lock. Connections therefore keep busy_timeout at 0 and a busy
 * statement is re-run after a short sleep until `busyTimeoutMs` has passed.
 *
 * The binding (libsql 0.5.29) has no reset() or finalize(): a statement is reset only when it is run again and
 * finalized only by the garbage collector. A statement left "in progress" (one that failed with SQLITE_BUSY, or
 * any EXPLAIN, whose program never halts by itself) keeps its connection's read lock even after ROLLBACK, which
 * blocks every other writer's COMMIT until some later GC. Such statements are therefore re-run in a way that
 * cannot change the database before they are let go (`unstick` here, `readAll` in hrana-exec.ts).
 */
import Database from 'libsql'
import { setTimeout as sleep } from 'node:timers/promises'
import { HranaError, isBusy, type SqlValue } from './hrana-values.ts'

export type Statement = Database.Statement<unknown[]>

export class Connection {
  readonly db: Database.Database
  readonly sqls = new Map<number, string>()
  readonly busyTimeoutMs: number
  #closed = false
  #stats: Statement
  // Prepared up front: statements keep working after db.close(), the Database object itself does not.
  #queryOnlyOn: Statement
  #queryOnlyOff: Statement

  constructor(path: string, busyTimeoutMs: number) {
    this.db = new Database(path)
    this.busyTimeoutMs = busyTimeoutMs
    this.db.defaultSafeIntegers(true)
    this.db.exec('PRAGMA busy_timeout = 0')
    // run() reports lastInsertRowid as a double, which breaks rowids beyond 2^53; this reads it as a bigint.
    this.#stats = this.db.prepare('SELECT changes(), total_changes(), last_insert_rowid()')
    this.#stats.raw(true)
    this.#queryOnlyOn = this.db.prepare('PRAGMA query_only = ON')
    this.#queryOnlyOff = this.db.prepare('PRAGMA query_only = OFF')
  }

  get closed(): boolean {
    return this.#closed
  }

  /** Rolls back whatever is open, so a dropped stream never keeps the database locked. */
  close(): void {
    if (this.#closed) return
    this.#closed = true
    try {
      // Never read `inTransaction` after close(): the binding aborts the process on a closed handle.
      if (this.db.inTransaction) this.db.exec('ROLLBACK')
    } catch {
      // The connection is being discarded either way.
    }
    this.db.close()
  }

  isAutocommit(): boolean {
    this.#assertOpen()
    return !this.db.inTransaction
  }

  stats(): [changes: bigint, total: bigint, lastRowid: bigint] {
    const row = this.#stats.all()[0]
    if (!Array.isArray(row)) throw new Error('changes() returned no row')
    return row as [bigint, bigint, bigint]
  }

  prepare(sql: string): Promise<Statement> {
    return this.retryBusy(() => this.db.prepare(sql))
  }

  /** Runs `fn` until it stops failing with SQLITE_BUSY or the busy timeout has passed. */
  async retryBusy<T>(fn: () => T): Promise<T> {
    const deadline = Date.now() + this.busyTimeoutMs
    let delay = 2
    this.#assertOpen()
    for (;;) {
      try {
        return fn()
      } catch (err) {
        if (!isBusy(err) || Date.now() >= deadline) throw err
        await sleep(delay)
        delay = Math.min(delay * 2, 50)
        // Closed while waiting (server shutdown): still a busy failure, so the caller resets the statement.
        if (this.#closed) throw err
      }
    }
  }

  /**
   * Resets a statement that was given up on while busy. Under query_only a write fails before it takes any
   * lock (SQLITE_READONLY) and a read only reads, so re-running it changes nothing but leaves it reset.
   * Never use it on a statement that may COMMIT: query_only does not stop a COMMIT.
   */
  unstick(stmt: Statement, values: SqlValue[]): void {
    try {
      this.#queryOnlyOn.run()
    } catch {
      return
    }
    try {
      if (stmt.reader) stmt.get(values)
      else stmt.run(values)
    } catch {
      // Expected: SQLITE_READONLY for a write (now reset), or SQLITE_BUSY again for a read.
    } finally {
      this.#queryOnlyOff.run()
    }
  }

  #assertOpen(): void {
    if (this.#closed) throw new HranaError('The stream was closed', 'STREAM_CLOSED')
  }
}
