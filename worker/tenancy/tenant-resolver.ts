import type { TenantStatus } from '../../db/control/schema/index.ts'
import { checkTenantIdentity, isCorruption, type TenantDbProblem } from '../../db/tenant/identity.ts'
import type { ControlDb, DbLocation, TenantDb } from '../../db/types.ts'
import type { Background } from '../background.ts'
import type { SendAlert } from '../jobs/tenant-alert.ts'
import type { Logger } from '../logger.ts'
import { remoteDeepCheck, type DeepCheck, type DeepCheckDepth } from './deep-check.ts'
import { createFaultBook } from './fault-book.ts'
import { readTenantRecord, type TenantRecord } from './tenant-record.ts'

export { readTenantRecord, type TenantRecord }

export interface ResolvedTenant {
  code: string
  name: string
  status: TenantStatus
  db: TenantDb
}

/** The province is registered but its database cannot be served: missing, not its own, outdated, damaged, unreachable. */
export class TenantDbUnavailableError extends Error {
  override name = 'TenantDbUnavailableError'
  readonly problem: TenantDbProblem
  constructor(problem: TenantDbProblem) {
    super(`Tenant database unavailable: ${problem}`)
    this.problem = problem
  }
}

export type CheckDepth = 'open' | DeepCheckDepth

export type TenantDbCheck =
  | { province: string; ok: true; depth: CheckDepth; checkedAt: Date }
  | { province: string; ok: false; depth: CheckDepth; checkedAt: Date; problem: TenantDbProblem; since: Date | null; detail?: string | undefined }

export interface TenantResolver {
  /**
   * The tenant and its verified database client; undefined when not registered or not onboarded yet. Throws
   * TenantDbUnavailableError. `background` (here and below): a request's, so that an alert this raises does not
   * delay its answer (worker/background.ts); without it the alert is awaited.
   */
  resolve(provinceCode: string, background?: Background): Promise<ResolvedTenant | undefined>
  /** Forget what is cached for a province (after suspend/resume in this process). */
  invalidate(provinceCode: string): void
  /**
   * Checks the province's database now, ignoring what is cached: 'open' (file, identity marker, schema),
   * 'quick' (+ PRAGMA quick_check), 'full' (+ PRAGMA integrity_check, the only one that clears recorded
   * corruption). Records the outcome; undefined when the province has no database to check.
   */
  check(provinceCode: string, depth: CheckDepth, background?: Background): Promise<TenantDbCheck | undefined>
  /** A request met SQLITE_CORRUPT: the province answers 503 everywhere until a full check passes. */
  reportCorruption(provinceCode: string, background?: Background): Promise<void>
}

export interface TenantResolverOptions {
  control: ControlDb
  /** Turns a registry row into a reachable database; differs between Node (files) and Workers (HTTP). */
  locate(tenant: TenantRecord): DbLocation
  /** Node passes an opener that refuses a missing file (libSQL would create an empty one). */
  open(location: DbLocation): TenantDb
  /**
   * Node: the `dev:inode` of a file database, null when the file is gone (db/client.node.ts). Asked on every
   * resolve, so a deleted or replaced file is noticed at the next request. Absent on Workers.
   */
  fileIdentity?: ((location: DbLocation) => string | null | undefined) | undefined
  /** quick_check / integrity_check; defaults to running the pragma over the client (Workers, Turso). */
  deepCheck?: DeepCheck | undefined
  logger: Logger
  /** Raises `tenant.unavailable` / `tenant.recovered` beyond the log (ALERT_WEBHOOK_URL; decision 0040). */
  alert?: SendAlert | undefined
  nowMs(): number
  /** How long a registry row, and an identity check, is trusted (a suspension elsewhere takes effect within it). */
  ttlMs: number
}

interface OpenClient {
  db: TenantDb
  location: DbLocation
  fileId: string | undefined
  verifiedUntil: number
}

type Opened = { db: TenantDb; location: DbLocation } | { problem: TenantDbProblem }

const SERVABLE = new Set<TenantStatus>(['active', 'suspended'])

export function createTenantResolver(opts: TenantResolverOptions): TenantResolver {
  const rows = new Map<string, { record: TenantRecord; expiresAt: number }>()
  // Clients are kept by URL, separately from the registry rows, so refreshing a row never reopens a connection.
  const clients = new Map<string, OpenClient>()
  const inFlight = new Map<string, Promise<TenantDbCheck | undefined>>()
  const deepCheck = opts.deepCheck ?? remoteDeepCheck()
  const faults = createFaultBook({ control: opts.control, logger: opts.logger, alert: opts.alert, now: () => new Date(opts.nowMs()) })

  const recordOf = async (code: string, fresh: boolean): Promise<TenantRecord | undefined> => {
    const cached = rows.get(code)
    if (!fresh && cached && cached.expiresAt > opts.nowMs()) return cached.record
    const record = await readTenantRecord(opts.control, code)
    // Only a servable row is kept: a province being onboarded (on Workers by a Workflow run no isolate hears from)
    // is served from the request after its activation, not a TTL later. Such requests are rare; each reads the row.
    if (record && SERVABLE.has(record.status)) rows.set(code, { record, expiresAt: opts.nowMs() + opts.ttlMs })
    else rows.delete(code)
    return record
  }

  const dropClient = (url: string) => {
    const client = clients.get(url)
    if (!client) return
    clients.delete(url)
    try {
      client.db.$client.close()
    } catch {
      // Closing a client whose file is gone may fail; it is being discarded either way.
    }
  }

  /** The file is there and is the same one: its client, opened or kept (not yet verified). */
  const openClient = (record: TenantRecord): OpenClient | { problem: TenantDbProblem } => {
    let location: DbLocation
    try {
      location = opts.locate(record)
    } catch {
      return { problem: 'unreachable' }
    }
    const fileId = opts.fileIdentity?.(location)
    if (fileId === null) {
      dropClient(location.url)
      return { problem: 'database_missing' }
    }
    let client = clients.get(location.url)
    if (client && client.fileId !== fileId) {
      dropClient(location.url) // restored or replaced: the old handle reads the old (possibly deleted) file
      client = undefined
    }
    if (!client) {
      try {
        client = { db: opts.open(location), location, fileId, verifiedUntil: 0 }
      } catch (err) {
        return { problem: err instanceof Error && err.name === 'TenantDbMissingError' ? 'database_missing' : 'unreachable' }
      }
      clients.set(location.url, client)
    }
    return client
  }

  /** The database carries the province's marker and schema; null when it may be served. */
  const verify = async (record: TenantRecord, client: OpenClient): Promise<TenantDbProblem | null> => {
    const problem = await checkTenantIdentity(client.db, { provinceCode: record.provinceCode, databaseId: record.databaseId })
    if (problem) dropClient(client.location.url)
    else client.verifiedUntil = opts.nowMs() + opts.ttlMs
    return problem
  }

  const openVerified = async (record: TenantRecord): Promise<Opened> => {
    const client = openClient(record)
    if ('problem' in client) return client
    const problem = client.verifiedUntil <= opts.nowMs() ? await verify(record, client) : null
    return problem ? { problem } : { db: client.db, location: client.location }
  }

  /** Cached row and client; recorded corruption blocks without touching the database. */
  const probe = async (record: TenantRecord, background: Background | undefined): Promise<Opened & { since?: Date }> => {
    if (isCorruption(record.dbFault)) {
      const problem = record.dbFault as TenantDbProblem
      return { problem, since: await faults.fail(record, problem, undefined, 'request', background) }
    }
    const opened = await openVerified(record)
    if ('problem' in opened) return { ...opened, since: await faults.fail(record, opened.problem, undefined, 'request', background) }
    await faults.pass(record, 'open', background)
    return opened
  }

  const runCheck = async (code: string, depth: CheckDepth, background: Background | undefined): Promise<TenantDbCheck | undefined> => {
    const record = await recordOf(code, true)
    if (!record || !SERVABLE.has(record.status)) return undefined
    const failed = async (problem: TenantDbProblem, detail?: string): Promise<TenantDbCheck> => {
      const since = await faults.fail(record, problem, detail, depth, background)
      return { province: code, ok: false, depth, checkedAt: new Date(opts.nowMs()), problem, since: problem === 'check_timed_out' ? null : since, detail }
    }
    const client = openClient(record)
    if ('problem' in client) return failed(client.problem)
    const problem = await verifiedAndChecked(record, client, depth)
    if (problem) return failed(problem.problem, problem.detail)
    await faults.pass(record, depth, background)
    if (isCorruption(record.dbFault)) return failed(record.dbFault as TenantDbProblem)
    return { province: code, ok: true, depth, checkedAt: new Date(opts.nowMs()) }
  }

  /**
   * The identity marker, the schema and, deeper than 'open', SQLite's own check. On a remote database the marker's
   * read and the pragma are issued together, one round trip (the pragma's answer is dropped when the marker fails);
   * on an embedded file one after the other, and no pragma over a file that is not the province's.
   */
  const verifiedAndChecked = async (
    record: TenantRecord,
    client: OpenClient,
    depth: CheckDepth,
  ): Promise<{ problem: TenantDbProblem; detail?: string | undefined } | null> => {
    const deep = () => (depth === 'open' ? Promise.resolve({ ok: true } as const) : deepCheck(client.location, client.db, depth))
    if (client.db.$client.protocol === 'file') {
      const problem = await verify(record, client)
      if (problem) return { problem }
      const result = await deep()
      return result.ok ? null : result
    }
    const checked = deep()
    // The marker's answer travels with the pragma's: a pragma past its bound must not hold the check's answer.
    const timedOut = checked.then((r) => (r.ok || r.problem !== 'check_timed_out' ? new Promise<never>(() => {}) : r))
    const problem = await Promise.race([verify(record, client), timedOut])
    if (problem) return typeof problem === 'string' ? { problem } : problem
    const result = await checked
    return result.ok ? null : result
  }

  return {
    async resolve(provinceCode, background) {
      const record = await recordOf(provinceCode, false)
      if (!record || !SERVABLE.has(record.status)) return undefined
      const opened = await probe(record, background)
      if ('problem' in opened) throw new TenantDbUnavailableError(opened.problem)
      return { code: record.provinceCode, name: record.provinceName, status: record.status, db: opened.db }
    },
    invalidate(provinceCode) {
      rows.delete(provinceCode)
    },
    check(provinceCode, depth, background) {
      // One check per province at a time: a burst of health probes shares the one running.
      const key = `${provinceCode}:${depth}`
      const running = inFlight.get(key)
      if (running) return running
      const started = runCheck(provinceCode, depth, background).finally(() => inFlight.delete(key))
      inFlight.set(key, started)
      return started
    },
    async reportCorruption(provinceCode, background) {
      const record = await recordOf(provinceCode, false)
      if (record) await faults.fail(record, 'database_corrupt', undefined, 'request', background)
    },
  }
}
