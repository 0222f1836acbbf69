// `npm run tenant:check` and `tenant:relocate`: the operator's side of decision 0017.
import { eq } from 'drizzle-orm'
import { appendAudit, writeTransaction } from '../../db/audit/append-audit.ts'
import { fileIdentityOf, openExistingTenantDb } from '../../db/client.node.ts'
import { tenants } from '../../db/control/schema/index.ts'
import { assertProvinceIdentity } from '../../db/provision/backfill-identity.ts'
import { locateTenantDbForNode } from '../../db/provision/locate.ts'
import { migrateTenantDb } from '../../db/provision/migrate.ts'
import type { NodePlatform } from '../../worker/provision/node-platform.ts'
import type { Logger } from '../../worker/logger.ts'
import type { NodeConfig } from '../../worker/node-config.ts'
import { nodeDeepCheck } from '../../worker/tenancy/deep-check.node.ts'
import { createTenantResolver, type TenantResolver } from '../../worker/tenancy/tenant-resolver.ts'

/** The resolver the Node server uses: the same checks, and the same record of what they find. */
export function nodeTenantResolver(platform: NodePlatform, config: NodeConfig, logger: Logger): TenantResolver {
  return createTenantResolver({
    control: platform.control,
    locate: locateTenantDbForNode({ dataDir: config.dataDir, tursoGroupAuthToken: config.turso.groupAuthToken }),
    open: openExistingTenantDb,
    fileIdentity: fileIdentityOf,
    deepCheck: nodeDeepCheck(),
    logger,
    nowMs: () => Date.now(),
    ttlMs: 0,
  })
}

/** The full check (file, identity, schema, integrity_check) of each province; a pass clears recorded corruption. */
export async function checkProvinces(resolver: TenantResolver, codes: readonly string[]): Promise<number> {
  let failed = 0
  for (const code of codes) {
    const result = await resolver.check(code, 'full')
    if (!result) {
      failed += 1
      console.error(`${code}: ERROR: not onboarded (no database to check)`)
    } else if (result.ok) {
      console.log(`${code}: OK (file, identity marker, schema, integrity_check); the province is served`)
    } else {
      failed += 1
      console.error(`${code}: UNAVAILABLE: ${result.problem}${result.detail ? ` (${result.detail})` : ''}; see README "Operations" to restore it`)
    }
  }
  return failed > 0 ? 1 : 0
}

const EMBEDDED_LOCATION = /^tenants\/([a-z0-9-]+)\.db$/

/**
 * Points a province at another copy of its own database: a Turso point-in-time restore creates a new database
 * (a new URL), and an embedded restore may sit under another file name. The copy must carry the province's
 * identity marker and database id; it is migrated, must pass integrity_check, and only then replaces the
 * registry's location (audited `province.relocate`, recorded corruption cleared).
 */
export async function relocateProvince(platform: NodePlatform, code: string, location: string): Promise<number> {
  const [row] = await platform.control.select().from(tenants).where(eq(tenants.provinceCode, code))
  if (!row || (row.status !== 'active' && row.status !== 'suspended')) {
    console.error(`${code}: ERROR: only an onboarded province can be relocated`)
    return 1
  }
  const embedded = EMBEDDED_LOCATION.exec(location)
  const valid = row.provider === 'embedded' ? embedded !== null : /^libsql:\/\/[a-z0-9.-]+$/i.test(location)
  if (!valid) {
    console.error(`${code}: ERROR: --location must be ${row.provider === 'embedded' ? 'tenants/<name>.db under DATA_DIR' : 'a libsql:// URL'}`)
    return 1
  }
  const candidate = { ...row, dbLocation: location }
  const target = platform.onboardDeps.locate(candidate)
  let schemaVersion: string
  try {
    const db = platform.onboardDeps.openTenant(target)
    try {
      await assertProvinceIdentity(db, row)
      schemaVersion = await migrateTenantDb(db)
      const deep = await nodeDeepCheck()(target, db, 'full')
      if (!deep.ok) throw new Error(`${deep.problem}${deep.detail ? ` (${deep.detail})` : ''}`)
    } finally {
      db.$client.close()
    }
  } catch (err) {
    console.error(`${code}: NOT RELOCATED: ${err instanceof Error ? err.message : String(err)}`)
    return 1
  }
  const now = new Date()
  await writeTransaction(platform.control, async (tx) => {
    await tx
      .update(tenants)
      .set({ dbLocation: location, ...(embedded ? { dbName: embedded[1]! } : {}), schemaVersion, dbFault: null, dbFaultAt: null, updatedAt: now })
      .where(eq(tenants.provinceCode, code))
    await appendAudit(tx, {
      at: now,
      actorId: null,
      actorRole: 'operator',
      action: 'province.relocate',
      entityType: 'province',
      entityId: code,
      provinceCode: code,
      outcome: 'success',
      requestId: null,
      clientHash: null,
    })
  })
  console.log(`${code}: relocated (identity, schema and integrity_check passed); running servers use it within TENANT_CACHE_TTL_MS`)
  return 0
}
