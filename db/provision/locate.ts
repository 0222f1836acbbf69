import { isAbsolute, join } from 'node:path'
import type { DbLocation } from '../types.ts'

export interface NodeLocatorOptions {
  dataDir: string
  /** Token for Turso databases of the province group (one group token, not one per database). */
  tursoGroupAuthToken?: string | undefined
}

/** Node: a registry location → something @libsql/client can open. */
export function locateTenantDbForNode(opts: NodeLocatorOptions) {
  return (tenant: { provider: 'embedded' | 'turso'; dbLocation: string | null }): DbLocation => {
    if (!tenant.dbLocation) throw new Error('Tenant database has not been provisioned yet')
    if (tenant.provider === 'embedded') {
      const path = isAbsolute(tenant.dbLocation) ? tenant.dbLocation : join(opts.dataDir, tenant.dbLocation)
      return { url: `file:${path}` }
    }
    return { url: tenant.dbLocation, authToken: opts.tursoGroupAuthToken }
  }
}
