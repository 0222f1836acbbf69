import { asc, eq } from 'drizzle-orm'
import { tenants } from '../../db/control/schema/index.ts'
import type { ControlDb } from '../../db/types.ts'
import type { Logger } from '../logger.ts'
import { pingTenantDb } from '../repo/communes.ts'
import type { TenantResolver } from '../tenancy/tenant-resolver.ts'

export interface TenantDbCheck {
  checked: number
  unreachable: string[]
}

/**
 * The scheduled job (Cron Trigger): pings every active province database and logs those that do not
 * answer, so an outage is seen before officers report it. Later issues add summary snapshots here.
 */
export async function checkTenantDatabases(deps: { control: ControlDb; tenants: TenantResolver; logger: Logger }): Promise<TenantDbCheck> {
  const rows = await deps.control
    .select({ code: tenants.provinceCode })
    .from(tenants)
    .where(eq(tenants.status, 'active'))
    .orderBy(asc(tenants.provinceCode))
  const unreachable: string[] = []
  for (const { code } of rows) {
    try {
      const tenant = await deps.tenants.resolve(code)
      if (!tenant) continue
      await pingTenantDb(tenant.db)
    } catch {
      unreachable.push(code)
      deps.logger.error('tenant_db_unreachable', { province: code, source: 'scheduled_check' })
    }
  }
  deps.logger.info('tenant_db_check', { checked: rows.length, unreachable: unreachable.length })
  return { checked: rows.length, unreachable }
}
