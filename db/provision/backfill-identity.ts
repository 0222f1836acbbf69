import { and, eq, isNull } from 'drizzle-orm'
import { tenants } from '../control/schema/index.ts'
import { DATABASE_ID_KEY, readTenantIdentity, type TenantDbProblem } from '../tenant/identity.ts'
import { tenantMeta } from '../tenant/schema/index.ts'
import type { ControlDb, TenantDb } from '../types.ts'

/** The database at a registered province's location is not that province's (decision 0017). */
export class TenantIdentityError extends Error {
  override name = 'TenantIdentityError'
  readonly problem: TenantDbProblem
  constructor(problem: TenantDbProblem, message: string) {
    super(message)
    this.problem = problem
  }
}

/**
 * Before a seeded province is migrated: its marker must name it (and carry the registry's id once it has one).
 * Migrating, or back-filling, a file that is not the province's would only make a stray file look right.
 */
export async function assertProvinceIdentity(db: TenantDb, row: { provinceCode: string; databaseId: string | null }): Promise<void> {
  const identity = await readTenantIdentity(db)
  if (identity.provinceCode === null) {
    throw new TenantIdentityError(
      'not_a_province_database',
      `The database of province ${row.provinceCode} carries no province marker (an empty or foreign file); restore it from a backup`,
    )
  }
  if (identity.provinceCode !== row.provinceCode) {
    throw new TenantIdentityError('identity_mismatch', `The database at province ${row.provinceCode}'s location belongs to province ${identity.provinceCode}`)
  }
  if (row.databaseId !== null && identity.databaseId !== row.databaseId) {
    throw new TenantIdentityError(
      'identity_mismatch',
      `The database of province ${row.provinceCode} is another copy (its database id differs from the registry's)`,
    )
  }
}

/**
 * Provinces onboarded before database ids existed carry only their province code. Once that code is confirmed
 * (assertProvinceIdentity), give them an id: written into the province database first, then into the registry,
 * so that a crash in between leaves an id the next run adopts rather than a registry id the file lacks.
 * Returns the id when one was recorded now.
 */
export async function backfillDatabaseId(
  control: ControlDb,
  db: TenantDb,
  row: { provinceCode: string; databaseId: string | null },
): Promise<string | undefined> {
  if (row.databaseId !== null) return undefined
  const identity = await readTenantIdentity(db)
  const databaseId = identity.databaseId ?? crypto.randomUUID()
  if (identity.databaseId === null) await db.insert(tenantMeta).values({ key: DATABASE_ID_KEY, value: databaseId }).onConflictDoNothing()
  const [stored] = await db.select({ value: tenantMeta.value }).from(tenantMeta).where(eq(tenantMeta.key, DATABASE_ID_KEY))
  if (!stored) throw new Error(`Could not record a database id for province ${row.provinceCode}`)
  await control
    .update(tenants)
    .set({ databaseId: stored.value })
    .where(and(eq(tenants.provinceCode, row.provinceCode), isNull(tenants.databaseId)))
  return stored.value
}
