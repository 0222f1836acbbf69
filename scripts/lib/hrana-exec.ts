/**
 * Executes Hrana stream requests (execute, batch, sequence, describe, store_sql) on a stream's connection.
 * Errors a client can cause with valid requests become HranaError (reported inside the pipeline result);
 * malformed requests become ProtocolError (the HTTP request fails with 400).
 */
import { Buffer } from 'node:buffer'
import type { Connection, Statement } from './hrana-connection.ts'
import { splitStatements, type SqlStatement } from './hrana-sql.ts'
import {
  HranaError,
  ProtocolError,
  hranaErrorFromSqlite,
  isBusy,
  isObject,
  isSqliteError,
  valueFromProto,
  valueToProto,
  type ProtoError,
  type ProtoValue,
  type SqlValue,
} from './hrana-values.ts'

// sqld's limits for `store_sql`; mirrored so that code which works here also works against Turso.
const MAX_STORED_SQLS = 50
const MAX_STORED_SQL_BYTES = 5000

export interface StmtResult {
  cols: { name: string; decltype: string | null }[]
  rows: ProtoValue[][]
  affected_row_count: number
  last_insert_rowid: string | null
}

interface ParsedStmt {
  stmt: SqlStatement
  args: SqlValue[]
  namedArgs: Map<string, SqlValue>
  wantRows: boolean
}

function sqlOf(conn: Connection, sql: unknown, sqlId: unknown): string {
  if (typeof sql === 'string' && (sqlId === undefined || sqlId === null)) return sql
  if ((sql === undefined || sql === null) && typeof sqlId === 'number') {
    const stored = conn.sqls.get(sqlId)
    if (stored === undefined) throw new ProtocolError(`SQL text ${sqlId} was not stored`)
    return stored
  }
  throw new ProtocolError('Exactly one of sql and sql_id must be given')
}

const statementCache = new Map<string, SqlStatement[]>()

function statementsOf(sql: string): SqlStatement[] {
  let stmts = statementCache.get(sql)
  if (!stmts) {
    stmts = splitStatements(sql)
    if (statementCache.size >= 500) statementCache.clear()
    statementCache.set(sql, stmts)
  }
  return stmts
}

function singleStatement(sql: string): SqlStatement {
  const stmts = statementsOf(sql)
  const [first] = stmts
  if (!first) throw new HranaError('SQL string does not contain any statement', 'SQL_NO_STATEMENT')
  if (stmts.length > 1) throw new HranaError('SQL string contains more than one statement', 'SQL_MANY_STATEMENTS')
  return first
}

/** Validates a proto `Stmt`. Protocol violations throw ProtocolError; SQL-level problems throw HranaError. */
export function parseStmt(conn: Connection, raw: unknown): ParsedStmt {
  if (!isObject(raw)) throw new ProtocolError('Statement must be an object')
  const args = raw.args ?? []
  const named = raw.named_args ?? []
  if (!Array.isArray(args) || !Array.isArray(named)) throw new ProtocolError('args and named_args must be arrays')
  const namedArgs = new Map<string, SqlValue>()
  for (const arg of named) {
    if (!isObject(arg) || typeof arg.name !== 'string') throw new ProtocolError('Named argument must have a name')
    namedArgs.set(arg.name, valueFromProto(arg.value))
  }
  const parsed = {
    stmt: singleStatement(sqlOf(conn, raw.sql, raw.sql_id)),
    args: args.map(valueFromProto),
    namedArgs,
    wantRows: raw.want_rows !== false,
  }
  if (parsed.args.length > 0 && namedArgs.size > 0) {
    throw new HranaError('Specifying both positional and named arguments is not supported', 'ARGS_BOTH_POSITIONAL_AND_NAMED')
  }
  return parsed
}

// sqld's Params::bind(): `?NNN` and `?` take positional values, names match with or without their prefix.
function bindArgs({ stmt, args, namedArgs }: ParsedStmt): SqlValue[] {
  const given = namedArgs.size > 0 ? namedArgs.size : args.length
  const invalid = (msg: string) => new HranaError(`Arguments do not match SQL parameters: ${msg}`, 'ARGS_INVALID')
  if (given > stmt.params.length) throw invalid(`too many parameters, expected ${stmt.params.length} found ${given}`)
  return stmt.params.map((name, i) => {
    let value: SqlValue | undefined
    if (name === null || name.startsWith('?')) value = namedArgs.size > 0 ? undefined : args[i]
    else value = namedArgs.has(name) ? namedArgs.get(name) : namedArgs.get(name.slice(1))
    if (value === undefined && !stmt.isExplain) throw invalid(`value for parameter ${name ?? i + 1} not found`)
    return value ?? null
  })
}

// Statements that may COMMIT must never be re-run behind the client's back, not even to reset them.
const MAY_COMMIT = new Set(['COMMIT', 'END', 'RELEASE'])

export async function executeStmt(conn: Connection, parsed: ParsedStmt): Promise<StmtResult> {
  try {
    const values = bindArgs(parsed)
    const stmt = await conn.prepare(parsed.stmt.sql)
    // The same statement object is retried: run()/all() reset it first, whereas a fresh prepare would leave
    // the busy one "in progress".
    try {
      return await conn.retryBusy(() => runOnce(conn, stmt, values, parsed))
    } catch (err) {
      if (isBusy(err) && !MAY_COMMIT.has(parsed.stmt.firstWord)) conn.unstick(stmt, values)
      throw err
    }
  } catch (err) {
    throw isSqliteError(err) ? hranaErrorFromSqlite(err) : err
  }
}

/** Reads all rows; EXPLAIN programs are reset afterwards with get(), the one call that resets after reading. */
function readAll(stmt: Statement, values: SqlValue[], isExplain: boolean): unknown[][] {
  stmt.raw(true)
  const rows = stmt.all(values) as unknown[][]
  if (isExplain) stmt.get(values)
  return rows
}

function runOnce(conn: Connection, stmt: Statement, values: SqlValue[], parsed: ParsedStmt): StmtResult {
  const [, totalBefore] = conn.stats()
  let cols: StmtResult['cols'] = []
  let rows: ProtoValue[][] = []
  if (stmt.reader) {
    cols = stmt.columns().map((c) => ({ name: c.name, decltype: c.type }))
    const all = readAll(stmt, values, parsed.stmt.isExplain)
    if (parsed.wantRows) rows = all.map((row) => row.map(valueToProto))
  } else {
    stmt.run(values)
  }
  const [changes, total, lastRowid] = conn.stats()
  // changes() keeps the count of the last INSERT/UPDATE/DELETE, so it only describes this statement when
  // the statement itself changed rows (total_changes moved).
  const wrote = total !== totalBefore
  return {
    cols,
    rows,
    affected_row_count: wrote ? Number(changes) : 0,
    last_insert_rowid: wrote || !stmt.reader ? lastRowid.toString() : null,
  }
}

type Outcome = 'ok' | 'error' | 'skipped'

function parseCond(raw: unknown, stepIndex: number): (outcomes: Outcome[], conn: Connection) => boolean {
  if (!isObject(raw)) throw new ProtocolError('Batch condition must be an object')
  const sub = (list: unknown) => {
    if (!Array.isArray(list)) throw new ProtocolError('conds must be an array')
    return list.map((c) => parseCond(c, stepIndex))
  }
  const step = (s: unknown) => {
    if (typeof s !== 'number' || !Number.isInteger(s) || s < 0 || s >= stepIndex) {
      throw new ProtocolError('Batch condition refers to an invalid step')
    }
    return s
  }
  switch (raw.type) {
    case 'ok': {
      const s = step(raw.step)
      return (o) => o[s] === 'ok'
    }
    case 'error': {
      const s = step(raw.step)
      return (o) => o[s] === 'error'
    }
    case 'not': {
      const inner = parseCond(raw.cond, stepIndex)
      return (o, c) => !inner(o, c)
    }
    case 'and': {
      const conds = sub(raw.conds)
      return (o, c) => conds.every((f) => f(o, c))
    }
    case 'or': {
      const conds = sub(raw.conds)
      return (o, c) => conds.some((f) => f(o, c))
    }
    case 'is_autocommit':
      return (_o, c) => c.isAutocommit()
    default:
      throw new ProtocolError('Unknown batch condition type')
  }
}

export async function executeBatch(conn: Connection, raw: unknown) {
  if (!isObject(raw) || !Array.isArray(raw.steps)) throw new ProtocolError('Batch must have steps')
  // Everything is validated before the first step runs, as sqld compiles the whole program up front.
  const steps = raw.steps.map((s: unknown, i) => {
    if (!isObject(s)) throw new ProtocolError('Batch step must be an object')
    const cond = s.condition === undefined || s.condition === null ? undefined : parseCond(s.condition, i)
    return { cond, stmt: parseStmt(conn, s.stmt) }
  })
  const outcomes: Outcome[] = []
  const stepResults: (StmtResult | null)[] = []
  const stepErrors: (ProtoError | null)[] = []
  for (const { cond, stmt } of steps) {
    if (cond && !cond(outcomes, conn)) {
      outcomes.push('skipped')
      stepResults.push(null)
      stepErrors.push(null)
      continue
    }
    try {
      stepResults.push(await executeStmt(conn, stmt))
      stepErrors.push(null)
      outcomes.push('ok')
    } catch (err) {
      if (!(err instanceof HranaError)) throw err
      stepResults.push(null)
      stepErrors.push(err.toProto())
      outcomes.push('error')
    }
  }
  return { step_results: stepResults, step_errors: stepErrors }
}

/** Runs every statement in order and stops at the first failure, like sqld's `sequence`. */
export async function executeSequence(conn: Connection, rawSql: unknown, rawSqlId: unknown): Promise<void> {
  for (const stmt of statementsOf(sqlOf(conn, rawSql, rawSqlId))) {
    await executeStmt(conn, { stmt, args: [], namedArgs: new Map(), wantRows: false })
  }
}

// sqlite3_stmt_readonly() is true for these even though some of them take locks.
const READONLY_VERBS = new Set(['BEGIN', 'COMMIT', 'END', 'ROLLBACK', 'SAVEPOINT', 'RELEASE', 'ATTACH', 'DETACH'])

export async function describe(conn: Connection, rawSql: unknown, rawSqlId: unknown) {
  const sql = sqlOf(conn, rawSql, rawSqlId)
  try {
    const parsed = singleStatement(sql)
    const stmt = await conn.prepare(parsed.sql)
    const cols = stmt.reader ? stmt.columns().map((c) => ({ name: c.name, decltype: c.type })) : []
    return {
      params: parsed.params.map((name) => ({ name })),
      cols,
      is_explain: parsed.isExplain,
      is_readonly: parsed.isExplain || READONLY_VERBS.has(parsed.firstWord) || (await isReadonly(conn, parsed.sql)),
    }
  } catch (err) {
    throw isSqliteError(err) ? hranaErrorFromSqlite(err) : err
  }
}

// The binding has no sqlite3_stmt_readonly(); the compiled program answers instead: a statement writes when
// it opens a write transaction (OP_Transaction with P2 ≠ 0) or runs one of the few opcodes that write outside one.
async function isReadonly(conn: Connection, sql: string): Promise<boolean> {
  const explain = await conn.prepare(`EXPLAIN ${sql}`)
  const ops = await conn.retryBusy(() => readAll(explain, [], true))
  return !ops.some(
    ([, opcode, , p2]) => (opcode === 'Transaction' && p2 !== 0n && p2 !== 0) || opcode === 'Vacuum' || opcode === 'JournalMode' || opcode === 'Checkpoint',
  )
}

export function storeSql(conn: Connection, sqlId: unknown, sql: unknown): void {
  if (typeof sqlId !== 'number' || !Number.isInteger(sqlId) || typeof sql !== 'string') {
    throw new ProtocolError('store_sql needs an integer sql_id and a sql string')
  }
  if (conn.sqls.has(sqlId)) throw new ProtocolError(`SQL text ${sqlId} is already stored`)
  if (conn.sqls.size >= MAX_STORED_SQLS) {
    throw new HranaError(`The server already stores ${conn.sqls.size} SQL texts, it cannot store more`, 'SQL_STORE_TOO_MANY')
  }
  if (Buffer.byteLength(sql) > MAX_STORED_SQL_BYTES) {
    throw new HranaError('The statement is too large to be stored', 'SQL_STORE_TOO_LARGE')
  }
  conn.sqls.set(sqlId, sql)
}
