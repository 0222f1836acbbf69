import { and, asc, eq, inArray, isNotNull, ne, sql } from 'drizzle-orm'
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

/** Code and name of the communes in `scope` (null: every commune of the province), in no particular order. */
export async function communeNames(db: TenantDb, scope: readonly string[] | null): Promise<{ code: string; name: string }[]> {
  return communeNamesQuery(db, scope)
}

/** The same read, not yet run (one of the report's batch). */
export function communeNamesQuery(db: TenantDb, scope: readonly string[] | null) {
  return db.select({ code: communes.code, name: communes.name }).from(communes).where(scopeOf(scope))
}

/** The same, by code: what a device is sent at a full download. */
export async function communeNamesByCode(db: TenantDb, scope: readonly string[] | null): Promise<{ code: string; name: string }[]> {
  return db.select({ code: communes.code, name: communes.name }).from(communes).where(scopeOf(scope)).orderBy(asc(communes.code))
}

const scopeOf = (scope: readonly string[] | null) => (scope ? inArray(communes.code, [...scope]) : undefined)

/** The old (pre-2025) addresses and the commune each became, which an import maps legacy rows with. */
export async function listCommuneMappings(db: TenantDb) {
  return db
    .select({
      oldName: communeMappings.oldName,
      oldDistrictName: communeMappings.oldDistrictName,
      oldProvinceName: communeMappings.oldProvinceName,
      newCode: communeMappings.newCode,
      newName: communeMappings.newName,
    })
    .from(communeMappings)
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
