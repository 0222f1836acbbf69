import { existsSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import { asc, eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { tenants } from '../../db/control/schema/index.ts'
import { communeMappings, communes, tenantMeta } from '../../db/tenant/schema/index.ts'
import { onboardingSteps, onboardTenant, UnknownProvinceError, type OnboardingStep } from '../../db/provision/onboard-tenant.ts'
import type { Provisioner } from '../../db/provision/provisioner.ts'
import { latestTenantSchemaVersion } from '../../db/provision/migrate.ts'
import { createTestPlatform, type TestPlatform } from '../helpers/platform.ts'

let platform: TestPlatform

beforeAll(async () => {
  platform = await createTestPlatform()
})
afterAll(() => platform.cleanup())

class SimulatedCrash extends Error {}

/** Everything onboarding leaves behind, minus timestamps: what "ends exactly as an uninterrupted run" compares. */
async function snapshot(code: string) {
  const [row] = await platform.control.select().from(tenants).where(eq(tenants.provinceCode, code))
  if (!row) throw new Error(`no registry row for ${code}`)
  const { createdAt, updatedAt, activatedAt, ...registry } = row
  const db = platform.onboardDeps.openTenant(platform.onboardDeps.locate(row))
  try {
    const meta = await db.select().from(tenantMeta).orderBy(asc(tenantMeta.key))
    // The database id is random per run; what must hold is that the file and the registry carry the same one.
    const fileId = meta.find((m) => m.key === 'database_id')?.value
    return {
      registry: { ...registry, databaseId: fileId !== undefined && registry.databaseId === fileId ? 'same as the file' : registry.databaseId },
      activated: activatedAt instanceof Date,
      communes: await db.select().from(communes).orderBy(asc(communes.code)),
      mappings: await db.select().from(communeMappings).orderBy(asc(communeMappings.id)),
      meta: meta.map((m) => (m.key === 'database_id' ? { ...m, value: /^[0-9a-f-]{36}$/.test(m.value) ? 'a uuid' : m.value } : m)),
      migrations: await db.all(sql`select hash from __drizzle_migrations order by id`),
    }
  } finally {
    db.$client.close()
  }
}

async function forget(code: string) {
  await platform.control.delete(tenants).where(eq(tenants.provinceCode, code))
  rmSync(join(platform.dataDir, 'tenants', `binhan-p${code}.db`), { force: true })
}

describe('onboarding a province', () => {
  let reference: Awaited<ReturnType<typeof snapshot>>

  beforeAll(async () => {
    const result = await onboardTenant(platform.onboardDeps, '82')
    expect(result).toEqual({ province: '82', status: 'active', stepsRun: [...onboardingSteps] })
    reference = await snapshot('82')
  })

  it('provisions, migrates, seeds and activates', () => {
    expect(reference.registry).toMatchObject({
      provinceCode: '82',
      status: 'active',
      provider: 'embedded',
      dbName: 'binhan-p82',
      dbLocation: 'tenants/binhan-p82.db',
      schemaVersion: latestTenantSchemaVersion(),
      communeCount: 102,
    })
    expect(reference.activated).toBe(true)
    expect(reference.communes).toHaveLength(102)
    expect(reference.mappings.length).toBeGreaterThan(102)
    expect(reference.mappings.every((m) => reference.communes.some((c) => c.code === m.newCode))).toBe(true)
    // The identity marker every open checks (decision 0017), the same id in the file and in the registry.
    expect(reference.meta).toEqual([
      { key: 'database_id', value: 'a uuid' },
      { key: 'province_code', value: '82' },
    ])
    expect(reference.registry.databaseId).toBe('same as the file')
  })

  it('changes nothing when run again', async () => {
    const [before] = await platform.control.select().from(tenants).where(eq(tenants.provinceCode, '82'))
    const again = await onboardTenant(platform.onboardDeps, '82')
    expect(again).toEqual({ province: '82', status: 'active', stepsRun: [] })
    const [after] = await platform.control.select().from(tenants).where(eq(tenants.provinceCode, '82'))
    expect(after).toEqual(before)
    expect(await snapshot('82')).toEqual(reference)
  })

  it.each(onboardingSteps.map((step, i) => [step, onboardingSteps.slice(i + 1)] as const))(
    'after a crash right after "%s", a rerun finishes the remaining steps and ends like an uninterrupted run',
    async (crashAfter, remaining) => {
      await forget('82')
      const crashing = {
        ...platform.onboardDeps,
        afterStep: (step: OnboardingStep) => {
          if (step === crashAfter) throw new SimulatedCrash(step)
        },
      }
      await expect(onboardTenant(crashing, '82')).rejects.toBeInstanceOf(SimulatedCrash)
      const resumed = await onboardTenant(platform.onboardDeps, '82')
      expect(resumed.stepsRun).toEqual(remaining)
      expect(await snapshot('82')).toEqual(reference)
    },
  )

  it('recovers when provisioning created the database but crashed before recording it', async () => {
    await forget('82')
    const inner = platform.onboardDeps.provisioner
    const crashingProvisioner: Provisioner = {
      provider: inner.provider,
      ensureDatabase: async (name) => {
        await inner.ensureDatabase(name)
        throw new SimulatedCrash('after create')
      },
    }
    await expect(onboardTenant({ ...platform.onboardDeps, provisioner: crashingProvisioner }, '82')).rejects.toBeInstanceOf(SimulatedCrash)
    expect(existsSync(join(platform.dataDir, 'tenants', 'binhan-p82.db'))).toBe(true)
    const resumed = await onboardTenant(platform.onboardDeps, '82')
    expect(resumed.stepsRun).toEqual([...onboardingSteps])
    expect(await snapshot('82')).toEqual(reference)
  })

  it('reseeding replaces rather than duplicates communes', async () => {
    await platform.control.update(tenants).set({ status: 'migrated' }).where(eq(tenants.provinceCode, '82'))
    const resumed = await onboardTenant(platform.onboardDeps, '82')
    expect(resumed.stepsRun).toEqual(['seed', 'activate'])
    expect(await snapshot('82')).toEqual(reference)
  })

  it('refuses an unknown province code and lists the valid ones, writing nothing', async () => {
    const error = await onboardTenant(platform.onboardDeps, '99').catch((err: unknown) => err)
    expect(error).toBeInstanceOf(UnknownProvinceError)
    const { validCodes, message } = error as UnknownProvinceError
    expect(validCodes).toHaveLength(34)
    expect(validCodes).toContain('82')
    expect(message).toContain('Unknown province code "99"')
    expect(message).toContain('01, 04, 08')
    const rows = await platform.control.select().from(tenants).where(eq(tenants.provinceCode, '99'))
    expect(rows).toEqual([])
    expect(existsSync(join(platform.dataDir, 'tenants', 'binhan-p99.db'))).toBe(false)
  })
})
