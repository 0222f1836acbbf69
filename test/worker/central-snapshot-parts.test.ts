// The two year parts of a central snapshot (issue #18; decision 0052): the yearly plan's targets and the drug-free
// communes are read without the province's achievement counts and checklists, and still say exactly what the
// province's own screens say — the plan saved through the API, the status periods counted by hand. Synthetic data only.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { drugFreePeriods } from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'
import { snapshotDrugFreeCommunes, snapshotTargets } from '../../worker/services/central-hooks.ts'
import { provinceSnapshots } from '../../worker/services/central-snapshot.ts'
import { provinceOverview } from '../../worker/services/certification.ts'
import { createTestApp, createTestPlatform, jsonBody, type TestApp, type TestPlatform } from '../helpers/platform.ts'
import { createTestUser, sessionCookieFor } from '../helpers/users.ts'

let platform: TestPlatform
let t: TestApp
let db: TenantDb
let codes: string[] = []

const period = (commune: string, firstYear: number, lastYear: number, end?: { reason: 'revoked' | 'not_renewed'; on: string }) => {
  const at = new Date('2026-11-01T00:00:00Z')
  return {
    id: crypto.randomUUID(),
    communeCode: commune,
    startOn: `${firstYear}-02-01`,
    endOn: end?.on ?? null,
    status: end ? ('closed' as const) : ('open' as const),
    firstYear,
    lastYear,
    lastAssessmentId: crypto.randomUUID(),
    recognitionDecision: JSON.stringify({
      number: '7/QĐ-UBND (thử)',
      date: `${firstYear}-02-01`,
      signer: 'Người ký (thử)',
      signerRole: 'provincial_chair',
      body: 'UBND tỉnh (thử)',
    }),
    endReason: end?.reason ?? null,
    version: 1,
    createdAt: at,
    updatedAt: at,
  }
}

beforeAll(async () => {
  platform = await createTestPlatform()
  await onboardTenant(platform.onboardDeps, '82')
  t = createTestApp(platform)
  db = (await t.deps.tenants.resolve('82'))!.db
  codes = (await db.query.communes.findMany({ orderBy: (c, { asc }) => asc(c.code), limit: 4 })).map((c) => c.code)
  const admin = await sessionCookieFor(
    platform.control,
    await createTestUser(platform.control, { username: 'snapshot-parts-admin', role: 'province_admin', province: '82' }),
  )
  const res = await t.request(
    '/api/p/82/targets/2026',
    jsonBody(
      'PUT',
      {
        number: '75/KH-UBND',
        issuedOn: '2026-03-15',
        signer: 'KT. Chủ tịch — Phó Chủ tịch (thử)',
        title: 'Kế hoạch năm 2026 (thử)',
        targets: [
          { indicator: 'community_rehab_started', value: 40 },
          { indicator: 'compulsory_referrals', value: 12 },
          { indicator: 'compulsory_referrals', communeCode: codes[0], value: 3 },
          { indicator: 'jobs_given', value: 9 },
        ],
      },
      { cookie: admin },
    ),
  )
  expect(res.status, await res.text()).toBe(200)
  // Kept (2025 and 2026), new in 2026, lost (2025 only, not renewed), revoked during 2026 (held in 2025: lost).
  await db
    .insert(drugFreePeriods)
    .values([
      period(codes[0]!, 2025, 2026),
      period(codes[1]!, 2026, 2026),
      period(codes[2]!, 2025, 2025, { reason: 'not_renewed', on: '2025-12-31' }),
      period(codes[3]!, 2025, 2026, { reason: 'revoked', on: '2026-06-30' }),
    ])
})
afterAll(() => platform.cleanup())

describe('a snapshot’s year parts', () => {
  it('carry the province’s own targets of the year’s plan, not a commune’s, and none for a year without a plan', async () => {
    expect(await snapshotTargets(db, 2026)).toEqual({ rehabStarted: 40, referred: 12 })
    expect(await snapshotTargets(db, 2025)).toBeNull()
  })

  it('count the drug-free communes as the province’s own overview does', async () => {
    const own = (await provinceOverview(db, null, 2026)).figures
    const parts = await snapshotDrugFreeCommunes(db, 2026)
    expect(parts).toEqual({ communes: own.communes, drugFree: own.recognised, kept: own.kept, new: own.newlyRecognised, lost: own.lost })
    expect(parts).toMatchObject({ drugFree: 2, kept: 1, new: 1, lost: 2 })
    // 2025: three held it (one of them revoked only in 2026), none the year before.
    expect(await snapshotDrugFreeCommunes(db, 2025)).toMatchObject({ drugFree: 3, kept: 0, new: 3, lost: 0 })
  })

  it('are the same in every quarter of a year, read once for the year', async () => {
    const rows = await provinceSnapshots(db, ['2025-Q4', '2026-Q1', '2026-Q2'], new Date('2026-11-24T03:00:00Z'))
    expect(rows.map((r) => [r.period, r.targets && JSON.parse(r.targets), r.drugFree && JSON.parse(r.drugFree).kept])).toEqual([
      ['2025-Q4', null, 0],
      ['2026-Q1', { rehabStarted: 40, referred: 12 }, 1],
      ['2026-Q2', { rehabStarted: 40, referred: 12 }, 1],
    ])
  })
})
