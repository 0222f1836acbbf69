import type { ControlDb } from '../../db/types.ts'
import type { Logger } from '../logger.ts'
import type { TenantResolver } from '../tenancy/tenant-resolver.ts'
import { anchorAuditTrails } from './anchor-audit-trails.ts'
import { checkTenantDatabases, type TenantDbCheckReport } from './check-tenant-databases.ts'

/** The daily job (decision 0017): the full check of every active province, then the audit anchors of those that passed. */
export async function runDailyChecks(deps: { control: ControlDb; tenants: TenantResolver; logger: Logger; now: Date }): Promise<TenantDbCheckReport> {
  const report = await checkTenantDatabases(deps)
  await anchorAuditTrails(deps, report.healthy)
  return report
}
