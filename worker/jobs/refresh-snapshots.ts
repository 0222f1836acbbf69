import { isCorruptionError } from '../../db/sqlite-errors.ts'
import type { ControlDb } from '../../db/types.ts'
import type { RefreshOutcome } from '../../kernel/contract/central.ts'
import { vietnamToday } from '../../kernel/calendar.ts'
import type { Logger } from '../logger.ts'
import { activeProvinceCodes, recordRefreshFailure, saveSnapshots, snapshotPeriodsOf } from '../repo/central-snapshots.ts'
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

/** One province now (the scheduled run, or a central admin's POST /api/admin/provinces/:p/refresh). */
export async function refreshProvince(
  deps: RefreshDeps,
  code: string,
  options: RefreshOptions = { ...DEFAULT_REFRESH, ...deps.options },
): Promise<RefreshOutcome> {
  let error = 'unknown'
  let attempts = 0
  for (let attempt = 1; attempt <= options.retries + 1; attempt++) {
    attempts = attempt
    if (attempt > 1) await pause(options.backoffMs * 2 ** (attempt - 2))
    try {
      const periods = await withTimeout(refreshOnce(deps, code), options.timeoutMs)
      return { province: code, ok: true, periods, error: null, attempts: attempt }
    } catch (err) {
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

async function refreshOnce(deps: RefreshDeps, code: string): Promise<string[]> {
  const tenant = await deps.tenants.resolve(code)
  if (!tenant) throw Object.assign(new Error('not onboarded'), { name: 'not_onboarded' })
  const quarters = quartersToRefresh(vietnamToday(deps.now), await snapshotPeriodsOf(deps.control, code))
  const rows = await provinceSnapshots(tenant.db, quarters, deps.now)
  await saveSnapshots(deps.control, code, rows, deps.now)
  return quarters
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
