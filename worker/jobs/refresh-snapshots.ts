import { refreshAuditTail, type AppendedAudit, type AuditInput } from '../../db/audit/append-audit.ts'
import { isCorruptionError } from '../../db/sqlite-errors.ts'
import type { ControlDb } from '../../db/types.ts'
import type { RefreshOutcome } from '../../kernel/contract/central.ts'
import { vietnamToday } from '../../kernel/calendar.ts'
import type { Logger } from '../logger.ts'
import { controlWrites, loadThenWrite } from '../commands/persist.ts'
import { AppError } from '../errors.ts'
import { activeProvinceCodes, recordRefreshFailure, snapshotPeriodsOf, writeSnapshots } from '../repo/central-snapshots.ts'
import { provinceStatus } from '../repo/provinces.ts'
import { provinceSnapshots, quartersToRefresh } from '../services/central-snapshot.ts'
import { TenantDbUnavailableError, type TenantResolver } from '../tenancy/tenant-resolver.ts'

// The central snapshots' refresh (issue #18; docs/decisions/0042): every active province's quarters computed
// inside its own database, a few provinces at a time, each attempt within a time limit, failed attempts tried
// again after a growing pause. A province that still fails keeps its last snapshot (flagged stale when read).
// Cron Trigger on Workers, the primary's timer on Node (decision 0024: one process runs the jobs).

export interface RefreshOptions {
  /** Provinces refreshed at the same time. */
  concurrency: number
  /** One attempt at one province, in ms. */
  timeoutMs: number
  /** Further attempts after a failure. */
  retries: number
  /** Pause before the first retry, doubled before each next one. */
  backoffMs: number
}

/** wrangler.toml [triggers] crons: every 6 hours at half past (UTC); the daily checks keep their own schedule. */
export const SNAPSHOT_CRON = '30 */6 * * *'
/** Node: the primary refreshes at start and then as often as the Cron Trigger does. */
export const SNAPSHOT_INTERVAL_MS = 6 * 3_600_000

export const DEFAULT_REFRESH: RefreshOptions = { concurrency: 4, timeoutMs: 30_000, retries: 2, backoffMs: 2_000 }

export interface RefreshDeps {
  control: ControlDb
  tenants: TenantResolver
  logger: Logger
  now: Date
  options?: Partial<RefreshOptions> | undefined
}

class RefreshTimeout extends Error {
  override name = 'RefreshTimeout'
}

/** Every active province, `concurrency` at a time; the outcomes in province order. */
export async function refreshAllSnapshots(deps: RefreshDeps): Promise<RefreshOutcome[]> {
  const options = { ...DEFAULT_REFRESH, ...deps.options }
  const codes = await activeProvinceCodes(deps.control)
  const outcomes: RefreshOutcome[] = new Array(codes.length)
  let next = 0
  const lane = async () => {
    while (next < codes.length) {
      const i = next++
      outcomes[i] = await refreshProvince(deps, codes[i]!, options)
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.concurrency, codes.length)) }, lane))
  const failed = outcomes.filter((o) => !o.ok).length
  deps.logger.info('central_snapshots_refreshed', { provinces: codes.length, failed })
  return outcomes
}

/**
 * What the central admin's refresh adds to the scheduled one: the province's registry row checked with the load
 * (404, 409: a refusal, not a failed refresh) and the audit entry held in the snapshots' batch.
 */
export interface RefreshRequest {
  require(row: { status: string } | undefined): void
  entry(periods: readonly string[]): AuditInput
  /** The control reads issued beside the session's (refreshReadsAhead): the first attempt's load. */
  ahead?: RefreshAhead | undefined
}

/** The first attempt's control reads, issued before they are needed. */
export interface RefreshAhead {
  row: Promise<{ status: string } | undefined>
  existing: Promise<Set<string>>
  tail: Promise<AppendedAudit | null>
}

/**
 * Issues a refresh's control reads now — the registry row, the stored periods, the audit tail — so that on a remote
 * database they travel with the request's session check (one round trip, decision 0049): the refresh then costs
 * the session's trip, the province's quarters and the batch. Issued before the caller is known; nothing read leaves
 * unless the route's guard lets the request through (they are ids, periods and a hash, never a person's).
 */
export function refreshReadsAhead(control: ControlDb, code: string): RefreshAhead {
  const ahead = { row: provinceStatus(control, code), existing: snapshotPeriodsOf(control, code), tail: refreshAuditTail(control) }
  // A request refused before the route never waits for them.
  for (const read of Object.values(ahead)) read.catch(() => undefined)
  return ahead
}

/** One province now (the scheduled run, or a central admin's POST /api/admin/provinces/:p/refresh). */
export async function refreshProvince(
  deps: RefreshDeps,
  code: string,
  options: RefreshOptions = { ...DEFAULT_REFRESH, ...deps.options },
  request?: RefreshRequest,
): Promise<RefreshOutcome> {
  let error = 'unknown'
  let attempts = 0
  for (let attempt = 1; attempt <= options.retries + 1; attempt++) {
    attempts = attempt
    if (attempt > 1) await pause(options.backoffMs * 2 ** (attempt - 2))
    try {
      const periods = await withTimeout(refreshOnce(deps, code, request), options.timeoutMs)
      return { province: code, ok: true, periods, error: null, attempts: attempt }
    } catch (err) {
      if (err instanceof AppError) throw err
      error = errorCode(err)
      deps.logger.warn('central_snapshot_attempt_failed', { province: code, attempt, reason: error })
      // A database that is not there or not its own will not come back within seconds: no retry.
      if (err instanceof TenantDbUnavailableError && err.problem !== 'unreachable') break
      if (error === 'not_onboarded') break
    }
  }
  await recordRefreshFailure(deps.control, code, error, deps.now)
  deps.logger.error('central_snapshot_failed', { province: code, reason: error })
  return { province: code, ok: false, periods: [], error, attempts }
}

/**
 * Round trips on a remote database (issue 20): the control reads beside the audit tail, then the province's
 * quarters together, then the snapshots and the entry as one batch. The quarters are computed in `prepare`: slow,
 * and never inside the control database's write lock on an embedded file.
 */
async function refreshOnce(deps: RefreshDeps, code: string, request: RefreshRequest | undefined): Promise<string[]> {
  // The reads issued ahead serve the first load only: a later attempt reads again.
  let ahead = request?.ahead
  if (request) request.ahead = undefined
  return loadThenWrite(controlWrites(deps.control), {
    tail: ahead?.tail,
    async load(control) {
      const first = ahead
      ahead = undefined
      // The province's client is resolved beside the reads (its registry row, when not cached, shares their trip);
      // its failure waits until the route's own refusal, which comes first, has been decided.
      const [row, existing, tenant] = await Promise.all([
        first ? first.row : request ? provinceStatus(control, code) : undefined,
        first ? first.existing : snapshotPeriodsOf(control, code),
        deps.tenants.resolve(code).then(
          (resolved) => ({ resolved }),
          (failure: unknown) => ({ failure }),
        ),
      ])
      return { row, quarters: quartersToRefresh(vietnamToday(deps.now), existing), tenant }
    },
    async prepare({ row, quarters, tenant }) {
      request?.require(row)
      if ('failure' in tenant) throw tenant.failure
      if (!tenant.resolved) throw Object.assign(new Error('not onboarded'), { name: 'not_onboarded' })
      return { quarters, rows: await provinceSnapshots(tenant.resolved.db, quarters, deps.now) }
    },
    async write(tx, { row }, { quarters, rows }, audit) {
      request?.require(row)
      await writeSnapshots(tx, code, rows, deps.now)
      if (request) await audit(request.entry(quarters))
      return quarters
    },
  })
}

function errorCode(err: unknown): string {
  if (err instanceof TenantDbUnavailableError) return err.problem
  if (isCorruptionError(err)) return 'database_corrupt'
  if (err instanceof Error) return err.name === 'Error' ? 'error' : err.name
  return 'unknown'
}

const pause = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

/** libSQL cannot cancel a statement: past the limit the refresh stops waiting and counts it as failed. */
async function withTimeout<T>(work: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined
  const limit = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new RefreshTimeout()), ms)
  })
  try {
    return await Promise.race([work, limit])
  } finally {
    clearTimeout(timer)
  }
}
