import { asc, eq, sql } from 'drizzle-orm'
import { communes } from '../../db/tenant/schema/index.ts'
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
