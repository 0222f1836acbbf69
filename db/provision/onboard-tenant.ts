import { asc, eq } from 'drizzle-orm'
import type { BatchItem } from 'drizzle-orm/batch'
import { communeMappings as controlMappings, communes as controlCommunes, provinces, tenants } from '../control/schema/index.ts'
import { communeMappings, communes, tenantMeta } from '../tenant/schema/index.ts'
import { DATABASE_ID_KEY, PROVINCE_CODE_KEY } from '../tenant/identity.ts'
import { chunk } from '../batch.ts'
import type { ControlDb, DbLocation, TenantDb } from '../types.ts'
import { UnknownProvinceError } from './errors.ts'
import { tenantDbName, type Provisioner } from './provisioner.ts'

export const onboardingSteps = ['provision', 'migrate', 'seed', 'activate'] as const
export type OnboardingStep = (typeof onboardingSteps)[number]

export interface OnboardDeps {
  control: ControlDb
  provisioner: Provisioner
  locate(tenant: { provider: 'embedded' | 'turso'; dbLocation: string | null }): DbLocation
  openTenant(location: DbLocation): TenantDb
  /**
   * Applies the pending tenant migrations and returns the schema version: from the files on Node
   * (db/provision/migrate.ts), from the bundled SQL on Workers (db/provision/bundled-migrations.ts).
   */
  migrateTenant(db: TenantDb): Promise<string>
  now(): Date
  /** Called after each step is durably recorded; tests throw here to simulate a crash between steps. */
  afterStep?(step: OnboardingStep): void | Promise<void>
}

export interface OnboardResult {
  province: string
  status: string
  /** Steps this run performed; empty when the province was already onboarded. */
  stepsRun: OnboardingStep[]
}

export { UnknownProvinceError }

/**
 * provision → migrate → seed → activate. Each step records its completion in the registry, so a rerun
 * after a crash resumes at the first unfinished step and ends exactly as an uninterrupted run would.
 */
export async function onboardTenant(deps: OnboardDeps, provinceCode: string, opts: { maxSteps?: number } = {}): Promise<OnboardResult> {
  await assertKnownProvince(deps.control, provinceCode)
  let row = await ensureRegistryRow(deps, provinceCode)
  const stepsRun: OnboardingStep[] = []
  // A Workflow runs one step per durable unit (worker/provision/onboarding-workflow.ts); Node runs them all.
  const more = () => stepsRun.length < (opts.maxSteps ?? onboardingSteps.length)
  const advance = async (step: OnboardingStep, set: Partial<typeof tenants.$inferInsert>) => {
    await deps.control
      .update(tenants)
      .set({ ...set, updatedAt: deps.now() })
      .where(eq(tenants.provinceCode, provinceCode))
    stepsRun.push(step)
    await deps.afterStep?.(step)
  }

  if (row.status === 'provisioning' && more()) {
    const { location } = await deps.provisioner.ensureDatabase(row.dbName)
    await advance('provision', { status: 'provisioned', dbLocation: location })
    row = { ...row, status: 'provisioned', dbLocation: location }
  }
  const withTenantDb = async <T>(fn: (db: TenantDb) => Promise<T>): Promise<T> => {
    const db = deps.openTenant(deps.locate(row))
    try {
      return await fn(db)
    } finally {
      db.$client.close()
    }
  }
  if (row.status === 'provisioned' && more()) {
    const schemaVersion = await withTenantDb(deps.migrateTenant)
    await advance('migrate', { status: 'migrated', schemaVersion })
    row = { ...row, status: 'migrated' }
  }
  if (row.status === 'migrated' && more()) {
    // The identity marker goes in with the communes; the registry learns the id in the same step's record.
    // A crash in between reruns the seed with a new id, overwriting the old one: the two always end equal.
    const databaseId = row.databaseId ?? crypto.randomUUID()
    const communeCount = await withTenantDb((db) => seedTenant(deps.control, db, provinceCode, databaseId))
    await advance('seed', { status: 'seeded', communeCount, databaseId })
    row = { ...row, status: 'seeded' }
  }
  if (row.status === 'seeded' && more()) {
    await advance('activate', { status: 'active', activatedAt: deps.now() })
    row = { ...row, status: 'active' }
  }
  return { province: provinceCode, status: row.status, stepsRun }
}

/** UnknownProvinceError (400 at the API) unless the code is one of the 34 provinces. */
export async function assertKnownProvince(control: ControlDb, code: string): Promise<void> {
  const all = await control.select({ code: provinces.code }).from(provinces).orderBy(asc(provinces.code))
  if (!all.some((p) => p.code === code))
    throw new UnknownProvinceError(
      code,
      all.map((p) => p.code),
    )
}

export async function ensureRegistryRow(deps: Pick<OnboardDeps, 'control' | 'now'> & { provisioner: Pick<Provisioner, 'provider'> }, provinceCode: string) {
  const now = deps.now()
  await deps.control
    .insert(tenants)
    .values({
      provinceCode,
      status: 'provisioning',
      provider: deps.provisioner.provider,
      dbName: tenantDbName(provinceCode),
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
  const [row] = await deps.control.select().from(tenants).where(eq(tenants.provinceCode, provinceCode))
  if (!row) throw new Error(`Tenant registry row for ${provinceCode} vanished`)
  if (row.provider !== deps.provisioner.provider) {
    throw new Error(`Province ${provinceCode} is registered with provider "${row.provider}", not "${deps.provisioner.provider}"`)
  }
  return row
}

/**
 * Replaces the tenant's communes and mappings with the control database's copy, and writes the identity marker
 * (province code and database id, checked on every open: decision 0017), in one atomic batch.
 */
async function seedTenant(control: ControlDb, db: TenantDb, provinceCode: string, databaseId: string): Promise<number> {
  const communeRows = await control
    .select({ code: controlCommunes.code, name: controlCommunes.name, kind: controlCommunes.kind })
    .from(controlCommunes)
    .where(eq(controlCommunes.provinceCode, provinceCode))
    .orderBy(asc(controlCommunes.code))
  const mappingRows = await control
    .select({
      oldCode: controlMappings.oldCode,
      oldName: controlMappings.oldName,
      oldDistrictName: controlMappings.oldDistrictName,
      oldProvinceName: controlMappings.oldProvinceName,
      newCode: controlMappings.newCode,
      newName: controlMappings.newName,
      reconciliation: controlMappings.reconciliation,
    })
    .from(controlMappings)
    .where(eq(controlMappings.provinceCode, provinceCode))
    .orderBy(asc(controlMappings.id))
  const statements: BatchItem<'sqlite'>[] = [
    db.delete(communeMappings),
    db.delete(communes),
    ...chunk(communeRows, 500).map((rows) => db.insert(communes).values(rows)),
    ...chunk(mappingRows, 500).map((rows) => db.insert(communeMappings).values(rows)),
    ...[
      { key: PROVINCE_CODE_KEY, value: provinceCode },
      { key: DATABASE_ID_KEY, value: databaseId },
    ].map((meta) =>
      db
        .insert(tenantMeta)
        .values(meta)
        .onConflictDoUpdate({ target: tenantMeta.key, set: { value: meta.value } }),
    ),
  ]
  await db.batch(statements as [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]])
  return communeRows.length
}
