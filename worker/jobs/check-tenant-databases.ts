import { asc, eq } from 'drizzle-orm'
import { tenants } from '../../db/control/schema/index.ts'
import type { TenantDbProblem } from '../../db/tenant/identity.ts'
import type { ControlDb } from '../../db/types.ts'
import type { Logger } from '../logger.ts'
import type { TenantResolver } from '../tenancy/tenant-resolver.ts'

export interface TenantDbCheckReport {
  checked: number
  /** Provinces whose database failed (each also logged as tenant_database_unavailable by the resolver). */
  unavailable: { province: string; problem: TenantDbProblem }[]
  /** Provinces that passed: their audit trails are anchored next. */
  healthy: string[]
}

/**
 * The watch (every 10 minutes; `open`: file, identity marker, schema, a few rows read) finds a province that
 * stopped answering between daily checks, so that its alert does not wait for a user (decision 0040).
 */
/** The watch's schedule in wrangler.toml `crons` (test/worker/wrangler-config.test.ts reads both). */
export const WATCH_CRON = '*/10 * * * *'

export const watchTenantDatabases = (deps: { control: ControlDb; tenants: TenantResolver; logger: Logger }) => checkTenantDatabases(deps, 'open')

/**
 * The daily job (Cron Trigger on Workers; at start and every 24 hours on Node): the full check of every active
 * province database, identity marker, schema and PRAGMA integrity_check, one province at a time. A pass clears
 * recorded corruption; a failure takes the province out of service (decision 0017). Counts only in the log.
 */
export async function checkTenantDatabases(
  deps: { control: ControlDb; tenants: TenantResolver; logger: Logger },
  depth: 'open' | 'full' = 'full',
): Promise<TenantDbCheckReport> {
  const rows = await deps.control.select({ code: tenants.provinceCode }).from(tenants).where(eq(tenants.status, 'active')).orderBy(asc(tenants.provinceCode))
  const report: TenantDbCheckReport = { checked: rows.length, unavailable: [], healthy: [] }
  for (const { code } of rows) {
    try {
      const result = await deps.tenants.check(code, depth)
      if (!result) continue
      if (result.ok) report.healthy.push(code)
      else report.unavailable.push({ province: code, problem: result.problem })
    } catch (err) {
      // The control database itself failed; the next province may still be checked.
      report.unavailable.push({ province: code, problem: 'unreachable' })
      deps.logger.error('tenant_db_check_failed', { province: code, errorName: err instanceof Error ? err.name : 'unknown' })
    }
  }
  deps.logger.info(depth === 'full' ? 'tenant_db_check' : 'tenant_db_watch', { checked: report.checked, unavailable: report.unavailable.length })
  return report
}
