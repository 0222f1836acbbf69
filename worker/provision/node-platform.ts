import { join } from 'node:path'
import { openControlDb, openExistingTenantDb } from '../../db/client.node.ts'
import { ADMIN_UNITS_CLEANER_REVISION, cleanAdminUnits } from '../../db/admin-units/clean-admin-units.ts'
import { ensureAdminUnitsLoaded, type AdminUnitsLoadResult } from '../../db/admin-units/load-admin-units.ts'
import { adminUnitsSourceVersion, readAdminUnitsRaw } from '../../db/admin-units/read-admin-units-source.ts'
import type { ControlDb } from '../../db/types.ts'
import { ensurePrivateDir, restrictDirIfPresent } from '../../db/private-files.ts'
import { createEmbeddedProvisioner } from '../../db/provision/embedded-provisioner.ts'
import { locateTenantDbForNode } from '../../db/provision/locate.ts'
import { migrateControlDb, migrateTenantDb } from '../../db/provision/migrate.ts'
import type { OnboardDeps } from '../../db/provision/onboard-tenant.ts'
import type { Provisioner } from '../../db/provision/provisioner.ts'
import { createTursoProvisioner } from '../../db/provision/turso-provisioner.ts'
import type { NodeConfig } from '../node-config.ts'

/** Everything Node-side tooling (server, CLI scripts, benchmarks) needs to reach the databases. */
export interface NodePlatform {
  control: ControlDb
  provisioner: Provisioner
  onboardDeps: OnboardDeps
}

export function createNodePlatform(config: NodeConfig, now: () => Date = () => new Date()): NodePlatform {
  // The data directory holds personal data: the server's user only, also when it already existed.
  if (config.controlDb.url.startsWith('file:') || config.provisioner === 'embedded') {
    ensurePrivateDir(config.dataDir)
    restrictDirIfPresent(join(config.dataDir, 'tenants'))
  }
  const control = openControlDb(config.controlDb)
  const provisioner = makeProvisioner(config)
  const locate = locateTenantDbForNode({ dataDir: config.dataDir, tursoGroupAuthToken: config.turso.groupAuthToken })
  return { control, provisioner, onboardDeps: { control, provisioner, locate, openTenant: openExistingTenantDb, migrateTenant: migrateTenantDb, now } }
}

function makeProvisioner(config: NodeConfig): Provisioner {
  if (config.provisioner === 'embedded') return createEmbeddedProvisioner({ dataDir: config.dataDir })
  const { org, apiToken, group, location } = config.turso
  if (!org || !apiToken) throw new Error('PROVISIONER=turso needs TURSO_ORG and TURSO_API_TOKEN')
  return createTursoProvisioner({ org, apiToken, group, ...(location ? { location } : {}) })
}

/**
 * Control database up to date and holding the administrative units. Safe to run at every start:
 * only the package version is read up front; the 4 MB source is parsed and cleaned only when that
 * version has not been loaded yet.
 */
export async function prepareControlDb(control: ControlDb, now: Date): Promise<AdminUnitsLoadResult> {
  await migrateControlDb(control)
  const source = `${adminUnitsSourceVersion()}+cleaner.${ADMIN_UNITS_CLEANER_REVISION}`
  return ensureAdminUnitsLoaded(control, source, () => cleanAdminUnits(readAdminUnitsRaw(), source), now)
}
