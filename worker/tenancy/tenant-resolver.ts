import { eq } from 'drizzle-orm'
import { provinces, tenants, type TenantStatus } from '../../db/control/schema/index.ts'
import type { ControlDb, DbLocation, TenantDb } from '../../db/types.ts'

export interface TenantRecord {
  provinceCode: string
  provinceName: string
  status: TenantStatus
  provider: 'embedded' | 'turso'
  dbName: string
  dbLocation: string | null
}

export interface ResolvedTenant {
  code: string
  name: string
  status: TenantStatus
  db: TenantDb
}

/** The province is registered but its database client cannot be opened (missing file, bad URL). */
export class TenantDbUnavailableError extends Error {
  override name = 'TenantDbUnavailableError'
}

export interface TenantResolver {
  /** The tenant and its database client, or undefined when the province is not registered. */
  resolve(provinceCode: string): Promise<ResolvedTenant | undefined>
  /** Forget what is cached for a province (after suspend/resume in this process). */
  invalidate(provinceCode: string): void
}

export interface TenantResolverOptions {
  control: ControlDb
  /** Turns a registry row into a reachable database; differs between Node (files) and Workers (HTTP). */
  locate(tenant: TenantRecord): DbLocation
  open(location: DbLocation): TenantDb
  nowMs(): number
  /** How long a registry row is trusted before it is read again (a suspension elsewhere takes effect within it). */
  ttlMs: number
}

interface CacheEntry {
  tenant: ResolvedTenant
  expiresAt: number
}

export function createTenantResolver(opts: TenantResolverOptions): TenantResolver {
  const entries = new Map<string, CacheEntry>()
  // Clients are kept by URL, separately from the registry rows, so refreshing a row never reopens a connection.
  const clients = new Map<string, TenantDb>()

  const clientFor = (location: DbLocation): TenantDb => {
    let db = clients.get(location.url)
    if (!db) {
      try {
        db = opts.open(location)
      } catch (cause) {
        throw new TenantDbUnavailableError('Tenant database could not be opened', { cause })
      }
      clients.set(location.url, db)
    }
    return db
  }

  const locateOrThrow = (record: TenantRecord): DbLocation => {
    try {
      return opts.locate(record)
    } catch (cause) {
      throw new TenantDbUnavailableError('Tenant database location is not usable here', { cause })
    }
  }

  return {
    async resolve(provinceCode) {
      const cached = entries.get(provinceCode)
      if (cached && cached.expiresAt > opts.nowMs()) return cached.tenant
      const record = await readTenantRecord(opts.control, provinceCode)
      if (!record) {
        entries.delete(provinceCode)
        return undefined
      }
      const tenant: ResolvedTenant = {
        code: record.provinceCode,
        name: record.provinceName,
        status: record.status,
        db: clientFor(locateOrThrow(record)),
      }
      entries.set(provinceCode, { tenant, expiresAt: opts.nowMs() + opts.ttlMs })
      return tenant
    },
    invalidate(provinceCode) {
      entries.delete(provinceCode)
    },
  }
}

export async function readTenantRecord(control: ControlDb, provinceCode: string): Promise<TenantRecord | undefined> {
  const rows = await control
    .select({
      provinceCode: tenants.provinceCode,
      provinceName: provinces.name,
      status: tenants.status,
      provider: tenants.provider,
      dbName: tenants.dbName,
      dbLocation: tenants.dbLocation,
    })
    .from(tenants)
    .innerJoin(provinces, eq(provinces.code, tenants.provinceCode))
    .where(eq(tenants.provinceCode, provinceCode))
  return rows[0]
}
