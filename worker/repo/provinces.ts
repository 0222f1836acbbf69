import { asc, eq } from 'drizzle-orm'
import { provinces, tenants } from '../../db/control/schema/index.ts'
import type { ControlDb } from '../../db/types.ts'
import { AppError } from '../errors.ts'

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

export interface ProvinceAdminView {
  code: string
  name: string
  /** A registry status, or `not_onboarded` for a province with no registry row yet. */
  status: string
  communeCount: number | null
  provider: 'embedded' | 'turso' | null
  schemaVersion: string | null
  activatedAt: string | null
  suspendedAt: string | null
  /** The last problem found with its database (decision 0017), as recorded in the registry; null when none. */
  dbFault: string | null
  dbFaultAt: string | null
  onboardingError: string | null
  onboardingErrorAt: string | null
}

/** For central admins: all 34 provinces, with the onboarding state of each (or `not_onboarded`). */
export async function listProvincesForAdmin(control: ControlDb): Promise<ProvinceAdminView[]> {
  const rows = await control
    .select({
      code: provinces.code,
      name: provinces.name,
      status: tenants.status,
      communeCount: tenants.communeCount,
      provider: tenants.provider,
      schemaVersion: tenants.schemaVersion,
      activatedAt: tenants.activatedAt,
      suspendedAt: tenants.suspendedAt,
      dbFault: tenants.dbFault,
      dbFaultAt: tenants.dbFaultAt,
      onboardingError: tenants.onboardingError,
      onboardingErrorAt: tenants.onboardingErrorAt,
    })
    .from(provinces)
    .leftJoin(tenants, eq(provinces.code, tenants.provinceCode))
    .orderBy(asc(provinces.code))
  return rows.map((row) => ({
    ...row,
    status: row.status ?? 'not_onboarded',
    activatedAt: row.activatedAt?.toISOString() ?? null,
    suspendedAt: row.suspendedAt?.toISOString() ?? null,
    dbFaultAt: row.dbFaultAt?.toISOString() ?? null,
    onboardingErrorAt: row.onboardingErrorAt?.toISOString() ?? null,
  }))
}

/** 404 unless the province is in the registry (and, when asked, in the given state: 409 otherwise). */
export async function requireRegisteredProvince(control: ControlDb, code: string, status?: 'active'): Promise<void> {
  checkRegistered(code, await provinceStatus(control, code), status)
}

/** The province's registry status, if it is onboarded. */
export async function provinceStatus(control: ControlDb, code: string): Promise<{ status: string } | undefined> {
  const [row] = await control.select({ status: tenants.status }).from(tenants).where(eq(tenants.provinceCode, code))
  return row
}

/** 404 for a province not onboarded, 409 for one not in `status`. */
export function checkRegistered(code: string, row: { status: string } | undefined, status?: 'active'): void {
  if (!row) throw new AppError('province_not_found', 404, `Province ${code} is not onboarded`)
  if (status && row.status !== status) throw new AppError('conflict', 409, `Province ${code} is ${row.status}; it must be ${status}`)
}
