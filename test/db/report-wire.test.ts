import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import type { TenantDb } from '../../db/types.ts'
import type { Report, ThinReport } from '../../kernel/contract/reports.ts'
import { parsePeriod } from '../../kernel/domain/report-period.ts'
import { thickReport, thinReport } from '../../kernel/domain/report-wire.ts'
import { buildReport, zeroFigures } from '../../worker/services/reports.ts'
import { createTestApp, createTestPlatform, type TestPlatform } from '../helpers/platform.ts'

// The province report on the wire (decision 0043, issue #19): each commune without its zeros. Its size grows with
// the figures that are not zero, not with communes × kinds: a province's many empty communes add little more than
// their codes and names, and what is sent gives every figure back.

let platform: TestPlatform
let db: TenantDb

beforeAll(async () => {
  platform = await createTestPlatform()
  await onboardTenant(platform.onboardDeps, '82')
  db = (await createTestApp(platform).deps.tenants.resolve('82'))!.db
})
afterAll(() => platform.cleanup())

const period = parsePeriod('2025-Q3')!
const bytes = (x: unknown) => new TextEncoder().encode(JSON.stringify(x)).byteLength
const sent = (r: Report) => JSON.parse(JSON.stringify(thinReport(r, zeroFigures(period)))) as ThinReport

describe('the report as it is sent', () => {
  it('stays about as small with every empty commune as with none, and gives every figure back', async () => {
    const communes = (await db.all<{ code: string }>(sql`select code from communes order by code`)).map((c) => c.code)
    expect(communes.length).toBeGreaterThan(50)
    const [busy, other] = communes
    // Figures kept by the triggers, written as they would be: flows of the quarter and of the year before.
    const quarter = async (from: string) =>
      (await db.all<{ period: string }>(sql`select period from report_calendar where from_on = ${from} and to_on = ${addQuarter(from)}`))[0]!.period
    const now = await quarter('2025-07-01')
    const before = await quarter('2024-07-01')
    const rows: [string, string, string, number][] = [
      [now, busy!, 'reviews', 3],
      [now, busy!, 'sup:job_placement:times', 2],
      [now, busy!, 'sup:job_placement:people', 2],
      [now, busy!, 'emp.known', 4],
      [before, busy!, 'rehab.started', 5],
      [now, other!, 'emp.known', 2],
    ]
    for (const [p, c, k, n] of rows) await db.run(sql`insert into report_period_figures (period, commune_code, figure, n) values (${p}, ${c}, ${k}, ${n})`)

    const full = await buildReport(db, period, null, '2025-12-04')
    const thin = sent(full)
    expect(thickReport(thin)).toEqual(full)
    const a = thin.byCommune.find((c) => c.code === busy)!
    // Only what is not zero: the previous year's reviews (0) and the employed (0) are left out.
    expect((a.cases as Report['total']['cases']).reviews).toEqual({ value: 3 })
    expect((a.cases as Report['total']['cases']).employment).toEqual({ known: { value: 4 }, share: { value: 0 } })
    expect(a).not.toHaveProperty('activities')
    expect(a).not.toHaveProperty('models')
    expect(thickReport(thin).byCommune.find((c) => c.code === busy)!.cases.communityRehab.started).toEqual({ value: 0, previousYear: 5 })
    // A share of nobody stays null though the total has one, and a share of 0 % is sent: 0 is not null.
    expect(thickReport(thin).byCommune.find((c) => c.code === communes[2])!.cases.employment.share).toEqual({ value: null, previousYear: null })
    expect(full.total.cases.employment.share.value).toBe(0)

    const withoutEmpty = bytes(thinReport({ ...full, byCommune: full.byCommune.filter((c) => c.code === busy || c.code === other) }, zeroFigures(period)))
    const empties = communes.length - 2
    const perEmpty = (bytes(thin) - withoutEmpty) / empties
    const emptySent = thin.byCommune.find((c) => c.code === communes[2])!
    // An empty commune is its code and name, nothing more.
    expect(Object.keys(emptySent).sort()).toEqual(['code', 'name'])
    expect(perEmpty).toBeLessThan(bytes(emptySent) + 2)
    // Sent whole, every commune carried every figure and kind: ten times and more the thinned answer here.
    expect(bytes(thin) * 10).toBeLessThan(bytes(full))
  })

  it('sends an activity or model kind only where one of its figures is not zero, and gives the rest back as zeros', () => {
    const zero = zeroFigures(period)
    const figures = structuredClone(zero)
    const training = figures.activities.value.find((a) => a.kind === 'training')!
    training.entries = 1
    training.traineesByGroup = { police: 3 }
    const all = figures.models.previousYear.at(-1)!
    all.models = 1
    all.employedShare = 0
    const report: Report = {
      period: { label: period.label, kind: period.kind, from: period.from, to: period.to },
      previousPeriod: { label: '2024-Q3', kind: 'quarter', from: '2024-07-01', to: '2024-09-30' },
      total: figures,
      byCommune: [
        { code: '00001', name: 'Xã Một', ...figures },
        { code: '00002', name: 'Xã Hai', ...zero },
      ],
    }
    const thin = JSON.parse(JSON.stringify(thinReport(report, zero))) as ThinReport
    expect(thin.byCommune).toEqual([
      {
        code: '00001',
        name: 'Xã Một',
        activities: { value: [{ kind: 'training', entries: 1, traineesByGroup: { police: 3 } }] },
        models: { previousYear: [{ kind: null, models: 1, employedShare: 0 }] },
      },
      { code: '00002', name: 'Xã Hai' },
    ])
    expect(thickReport(thin)).toEqual(report)
  })
})

function addQuarter(from: string): string {
  const month = Number(from.slice(5, 7)) + 2
  const last = new Date(Date.UTC(Number(from.slice(0, 4)), month, 0)).getUTCDate()
  return `${from.slice(0, 4)}-${String(month).padStart(2, '0')}-${last}`
}
