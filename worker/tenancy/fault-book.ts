import { and, eq } from 'drizzle-orm'
import { tenants } from '../../db/control/schema/index.ts'
import { isCorruption, type TenantDbProblem } from '../../db/tenant/identity.ts'
import type { ControlDb } from '../../db/types.ts'
import type { Logger } from '../logger.ts'

export interface FaultRecord {
  provinceCode: string
  dbFault: string | null
  dbFaultAt: Date | null
}

/**
 * What this process knows about failing province databases, and the registry's record of it (`db_fault`),
 * which other processes and isolates read with the registry row. One error line per province and change
 * (`tenant_database_unavailable`, the event to alert on), one info line when it serves again.
 */
export function createFaultBook(deps: { control: ControlDb; logger: Logger; now(): Date }) {
  const known = new Map<string, { problem: TenantDbProblem; since: Date }>()

  /** Records a problem (unless the same is already known) and returns since when the province has had it. */
  async function fail(record: FaultRecord, problem: TenantDbProblem, detail?: string): Promise<Date> {
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
      await write(record.provinceCode, { dbFault: problem, dbFaultAt: since })
      record.dbFault = problem
      record.dbFaultAt = since
    }
    return since
  }

  /**
   * The database passed a check of this depth. Corruption recorded earlier is cleared only by a full check:
   * a quick check or an open does not read every page an index or a later request would.
   */
  async function pass(record: FaultRecord, depth: 'open' | 'quick' | 'full'): Promise<void> {
    const recorded = record.dbFault
    if (isCorruption(recorded) && depth !== 'full') return
    const clears = recorded !== null
    const wasKnown = known.delete(record.provinceCode)
    if (clears) {
      await write(record.provinceCode, { dbFault: null, dbFaultAt: null }, recorded ?? undefined)
      record.dbFault = null
      record.dbFaultAt = null
    }
    if (wasKnown || clears) deps.logger.info('tenant_database_recovered', { province: record.provinceCode, depth })
  }

  async function write(code: string, set: { dbFault: string | null; dbFaultAt: Date | null }, onlyIf?: string): Promise<void> {
    try {
      const where = onlyIf === undefined ? eq(tenants.provinceCode, code) : and(eq(tenants.provinceCode, code), eq(tenants.dbFault, onlyIf))
      await deps.control.update(tenants).set(set).where(where)
    } catch (err) {
      // The province's problem is already logged; failing to record it must not hide it behind a 500.
      deps.logger.error('tenant_fault_not_recorded', { province: code, errorName: err instanceof Error ? err.name : 'unknown' })
    }
  }

  return { fail, pass }
}

export type FaultBook = ReturnType<typeof createFaultBook>
