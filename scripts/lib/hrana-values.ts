/**
 * Hrana JSON values and errors ↔ what the `libsql` binding takes and returns.
 *
 * Integers travel as decimal strings on the wire and as bigint inside (connections run with safe integers), so
 * 64-bit values never pass through a double. JS numbers are only ever floats: the binding binds a number as
 * REAL, which is exactly what a Hrana `float` means.
 */
import { Buffer } from 'node:buffer'

export type SqlValue = null | bigint | number | string | Uint8Array

export type ProtoValue =
  | { type: 'null' }
  | { type: 'integer'; value: string }
  | { type: 'float'; value: number }
  | { type: 'text'; value: string }
  | { type: 'blob'; base64: string }

export interface ProtoError {
  message: string
  code: string
}

/** The client broke the protocol: the whole HTTP request fails with 400 and the stream is dropped. */
export class ProtocolError extends Error {
  override name = 'ProtocolError'
}

/** A failure reported inside a pipeline result (`{type: 'error'}`); the stream stays usable. */
export class HranaError extends Error {
  override name = 'HranaError'
  readonly code: string
  constructor(message: string, code: string) {
    super(message)
    this.code = code
  }
  toProto(): ProtoError {
    return { message: this.message, code: this.code }
  }
}

const MIN_I64 = -(2n ** 63n)
const MAX_I64 = 2n ** 63n - 1n

export function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v)
}

export function valueFromProto(v: unknown): SqlValue {
  if (!isObject(v)) throw new ProtocolError('Value must be an object')
  switch (v.type) {
    case 'null':
      return null
    case 'integer': {
      const raw = v.value
      let n: bigint
      if (typeof raw === 'string' && /^-?\d{1,20}$/.test(raw)) n = BigInt(raw)
      else if (typeof raw === 'number' && Number.isSafeInteger(raw)) n = BigInt(raw)
      else throw new ProtocolError('Integer value must be a decimal string')
      if (n < MIN_I64 || n > MAX_I64) throw new ProtocolError('Integer value is out of the 64-bit range')
      return n
    }
    case 'float':
      if (typeof v.value !== 'number') throw new ProtocolError('Float value must be a number')
      return v.value
    case 'text':
      if (typeof v.value !== 'string') throw new ProtocolError('Text value must be a string')
      return v.value
    case 'blob':
      if (typeof v.base64 !== 'string') throw new ProtocolError('Blob value must carry base64')
      return Buffer.from(v.base64, 'base64')
    default:
      throw new ProtocolError('Unknown value type')
  }
}

export function valueToProto(v: unknown): ProtoValue {
  if (v === null || v === undefined) return { type: 'null' }
  if (typeof v === 'bigint') return { type: 'integer', value: v.toString() }
  if (typeof v === 'number') return { type: 'float', value: v }
  if (typeof v === 'string') return { type: 'text', value: v }
  if (v instanceof Uint8Array) return { type: 'blob', base64: Buffer.from(v.buffer, v.byteOffset, v.byteLength).toString('base64') }
  if (v instanceof ArrayBuffer) return { type: 'blob', base64: Buffer.from(v).toString('base64') }
  throw new Error(`Unexpected value of type ${typeof v} from libsql`)
}

// Primary result codes; sqld reports the primary code name, never the extended one.
const SQLITE_CODES: Record<number, string> = {
  1: 'SQLITE_ERROR',
  2: 'SQLITE_INTERNAL',
  3: 'SQLITE_PERM',
  4: 'SQLITE_ABORT',
  5: 'SQLITE_BUSY',
  6: 'SQLITE_LOCKED',
  7: 'SQLITE_NOMEM',
  8: 'SQLITE_READONLY',
  9: 'SQLITE_INTERRUPT',
  10: 'SQLITE_IOERR',
  11: 'SQLITE_CORRUPT',
  12: 'SQLITE_NOTFOUND',
  13: 'SQLITE_FULL',
  14: 'SQLITE_CANTOPEN',
  15: 'SQLITE_PROTOCOL',
  16: 'SQLITE_EMPTY',
  17: 'SQLITE_SCHEMA',
  18: 'SQLITE_TOOBIG',
  19: 'SQLITE_CONSTRAINT',
  20: 'SQLITE_MISMATCH',
  21: 'SQLITE_MISUSE',
  22: 'SQLITE_NOLFS',
  23: 'SQLITE_AUTH',
  24: 'SQLITE_FORMAT',
  25: 'SQLITE_RANGE',
  26: 'SQLITE_NOTADB',
  27: 'SQLITE_NOTICE',
  28: 'SQLITE_WARNING',
}

function rawCodeOf(err: unknown): number | undefined {
  if (typeof err !== 'object' || err === null || !('rawCode' in err)) return undefined
  return typeof err.rawCode === 'number' ? err.rawCode : undefined
}

export function isSqliteError(err: unknown): err is Error & { code: string } {
  return err instanceof Error && err.name === 'SqliteError' && 'code' in err && typeof err.code === 'string'
}

export function isBusy(err: unknown): boolean {
  const raw = rawCodeOf(err)
  return raw !== undefined && (raw & 0xff) === 5
}

/** Same shape as sqld's StmtError::SqliteError: "SQLite error: <sqlite message>" with the primary code. */
export function hranaErrorFromSqlite(err: unknown): HranaError {
  if (!isSqliteError(err)) throw err
  const raw = rawCodeOf(err)
  const code = raw !== undefined ? (SQLITE_CODES[raw & 0xff] ?? 'SQLITE_UNKNOWN') : primaryFromName(err.code)
  return new HranaError(`SQLite error: ${err.message}`, code)
}

// `SQLITE_CONSTRAINT_UNIQUE` → `SQLITE_CONSTRAINT`, for errors that arrive without a numeric code.
function primaryFromName(name: string): string {
  const primary = Object.values(SQLITE_CODES).find((c) => name === c || name.startsWith(`${c}_`))
  return primary ?? 'SQLITE_UNKNOWN'
}
