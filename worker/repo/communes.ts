import { and, asc, eq, isNotNull, ne, sql } from 'drizzle-orm'
import { communeMappings, communes } from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'

export interface CommuneRow {
  code: string
  name: string
  kind: 'xa' | 'phuong' | 'dac_khu'
}

export async function listCommunes(db: TenantDb, kind?: CommuneRow['kind']): Promise<CommuneRow[]> {
  const query = db.select().from(communes).orderBy(asc(communes.name), asc(communes.code))
  return kind ? query.where(eq(communes.kind, kind)) : query
}

/** Cheapest query that proves the database answers. */
export async function pingTenantDb(db: TenantDb): Promise<void> {
  await db.run(sql`select 1`)
}

/** The first renamed commune of the province's old→new mapping (or its first commune): its own names, not another province's. */
export async function addressExample(
  db: TenantDb,
): Promise<{ commune: string; oldCommune: string | null; oldDistrict: string | null; oldProvince: string | null } | null> {
  const [mapped] = await db
    .select({
      commune: communeMappings.newName,
      oldCommune: communeMappings.oldName,
      oldDistrict: communeMappings.oldDistrictName,
      oldProvince: communeMappings.oldProvinceName,
    })
    .from(communeMappings)
    .where(and(isNotNull(communeMappings.oldDistrictName), ne(communeMappings.oldName, communeMappings.newName)))
    .orderBy(asc(communeMappings.newCode), asc(communeMappings.id))
    .limit(1)
  if (mapped) return mapped
  const [first] = await db.select({ commune: communes.name }).from(communes).orderBy(asc(communes.code)).limit(1)
  return first ? { commune: first.commune, oldCommune: null, oldDistrict: null, oldProvince: null } : null
}
