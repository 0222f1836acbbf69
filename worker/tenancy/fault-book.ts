import { and, eq, isNull, ne, notInArray, or } from 'drizzle-orm'
import { tenants } from '../../db/control/schema/index.ts'
import { isCorruption, type TenantDbProblem } from '../../db/tenant/identity.ts'
import type { ControlDb } from '../../db/types.ts'
import type { Background } from '../background.ts'
import type { SendAlert, TenantAlert } from '../jobs/tenant-alert.ts'
import type { Logger } from '../logger.ts'

// The problems isCorruption names, for the registry's own condition.
const CORRUPTION: TenantDbProblem[] = ['database_corrupt', 'quick_check_failed', 'integrity_check_failed']

export interface FaultRecord {
  provinceCode: string
  dbFault: string | null
  dbFaultAt: Date | null
}

/**
 * What this process knows about failing province databases, and the registry's record of it (`db_fault`),
 * which other processes and isolates read with the registry row. One error line per province and change
 * (`tenant_database_unavailable`), one info line when it serves again. The process whose write records a new
 * outage in the registry (or clears it) raises the alert, `tenant.unavailable` (`tenant.recovered`): one per
 * outage however many processes, isolates and requests meet it (decision 0040). Given `background` (a
 * request's), the webhook is handed to it and the request answers at once; without (the jobs, themselves
 * background work), it is awaited.
 */
export function createFaultBook(deps: { control: ControlDb; logger: Logger; now(): Date; alert?: SendAlert | undefined }) {
  const known = new Map<string, { problem: TenantDbProblem; since: Date }>()

  /** Records a problem (unless the same is already known) and returns since when the province has had it. */
  async function fail(
    record: FaultRecord,
    problem: TenantDbProblem,
    detail?: string,
    check: TenantAlert['check'] = 'request',
    background?: Background,
  ): Promise<Date> {
    const previous = known.get(record.provinceCode)
    const isNew = previous?.problem !== problem
    const since = !isNew ? previous.since : record.dbFault === problem && record.dbFaultAt ? record.dbFaultAt : deps.now()
    if (isNew) {
      known.set(record.provinceCode, { problem, since })
      deps.logger.error('tenant_database_unavailable', { province: record.provinceCode, reason: problem, ...(detail ? { detail } : {}) })
    }
    // A timeout is not evidence about the database; nothing is recorded for it. Recorded corruption is not
    // replaced by a lesser problem (the file then deleted, say): only a full check that passes clears it.
    const lesser = isCorruption(record.dbFault) && !isCorruption(problem)
    if (problem !== 'check_timed_out' && !lesser && record.dbFault !== problem) {
      const recorded = await recordFault(record.provinceCode, problem, since)
      record.dbFault = problem
      record.dbFaultAt = since
      if (recorded) await raise({ event: 'tenant.unavailable', province: record.provinceCode, check, problem, since: since.toISOString() }, background)
    }
    return since
  }

  /**
   * Writes the fault unless the registry already holds it (another process found it first) or holds
   * corruption and this is a lesser problem: true when this write began the outage.
   */
  async function recordFault(code: string, problem: TenantDbProblem, since: Date): Promise<boolean> {
    const differs = or(isNull(tenants.dbFault), ne(tenants.dbFault, problem))
    const allowed = isCorruption(problem) ? differs : and(differs, or(isNull(tenants.dbFault), notInArray(tenants.dbFault, CORRUPTION)))
    try {
      const result = await deps.control
        .update(tenants)
        .set({ dbFault: problem, dbFaultAt: since })
        .where(and(eq(tenants.provinceCode, code), allowed))
      return result.rowsAffected > 0
    } catch (err) {
      // The province's problem is already logged; failing to record it must not hide it behind a 500.
      deps.logger.error('tenant_fault_not_recorded', { province: code, errorName: err instanceof Error ? err.name : 'unknown' })
      return false
    }
  }

  async function raise(alert: TenantAlert, background: Background | undefined): Promise<void> {
    const level = alert.event === 'tenant.unavailable' ? 'error' : 'info'
    deps.logger[level](alert.event, { province: alert.province, check: alert.check, problem: alert.problem, since: alert.since })
    if (!deps.alert) return
    const delivery = deps.alert(alert)
    if (background) background(delivery)
    else await delivery
  }

  /**
   * The database passed a check of this depth. Corruption recorded earlier is cleared only by a full check:
   * a quick check or an open does not read every page an index or a later request would.
   */
  async function pass(record: FaultRecord, depth: 'open' | 'quick' | 'full', background?: Background): Promise<void> {
    const recorded = record.dbFault
    if (isCorruption(recorded) && depth !== 'full') return
    const clears = recorded !== null
    const wasKnown = known.delete(record.provinceCode)
    let cleared = false
    const since = record.dbFaultAt
    if (clears) {
      cleared = await clear(record.provinceCode, recorded)
      record.dbFault = null
      record.dbFaultAt = null
    }
    if (wasKnown || clears) deps.logger.info('tenant_database_recovered', { province: record.provinceCode, depth })
    if (cleared) await raise({ event: 'tenant.recovered', province: record.provinceCode, check: depth, since: (since ?? deps.now()).toISOString() }, background)
  }

  /** Clears the fault this process read, not one recorded since: true when this write ended the outage. */
  async function clear(code: string, recorded: string): Promise<boolean> {
    try {
      const result = await deps.control
        .update(tenants)
        .set({ dbFault: null, dbFaultAt: null })
        .where(and(eq(tenants.provinceCode, code), eq(tenants.dbFault, recorded)))
      return result.rowsAffected > 0
    } catch (err) {
      deps.logger.error('tenant_fault_not_recorded', { province: code, errorName: err instanceof Error ? err.name : 'unknown' })
      return false
    }
  }

  return { fail, pass }
}

export type FaultBook = ReturnType<typeof createFaultBook>
