import { asc, eq } from 'drizzle-orm'
import { provinces, tenants } from '../../db/control/schema/index.ts'
import type { ControlDb } from '../../db/types.ts'

export interface ProvinceSummary {
  code: string
  name: string
  status: string
  communeCount: number | null
}

/** Every registered province, including those still onboarding, so staff can see where each stands. */
export async function listOnboardedProvinces(control: ControlDb): Promise<ProvinceSummary[]> {
  return control
    .select({
      code: tenants.provinceCode,
      name: provinces.name,
      status: tenants.status,
      communeCount: tenants.communeCount,
    })
    .from(tenants)
    .innerJoin(provinces, eq(provinces.code, tenants.provinceCode))
    .orderBy(asc(tenants.provinceCode))
}
