import { eq } from 'drizzle-orm'
import { provinces, tenants, type TenantStatus } from '../../db/control/schema/index.ts'
import type { ControlDb } from '../../db/types.ts'

/** A province's registry row as the resolver needs it, with the name and the recorded database fault. */
export interface TenantRecord {
  provinceCode: string
  provinceName: string
  status: TenantStatus
  provider: 'embedded' | 'turso'
  dbName: string
  dbLocation: string | null
  databaseId: string | null
  dbFault: string | null
  dbFaultAt: Date | null
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
      databaseId: tenants.databaseId,
      dbFault: tenants.dbFault,
      dbFaultAt: tenants.dbFaultAt,
    })
    .from(tenants)
    .innerJoin(provinces, eq(provinces.code, tenants.provinceCode))
    .where(eq(tenants.provinceCode, provinceCode))
  return rows[0]
}
