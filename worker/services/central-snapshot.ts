import { together } from '../../db/pipelined-client.ts'
import type { TenantDb } from '../../db/types.ts'
import type { CentralIndicator, CentralTargets, DrugFreeCommunes } from '../../kernel/contract/central.ts'
import type { ReportFigures } from '../../kernel/contract/reports.ts'
import { vietnamToday } from '../../kernel/calendar.ts'
import { parsePeriod, type ReportPeriod } from '../../kernel/domain/report-period.ts'
import { readReviewPolicy } from '../repo/settings.ts'
import type { SnapshotRowInput } from '../repo/central-snapshots.ts'
import { snapshotDrugFreeCommunes, snapshotTargets } from './central-hooks.ts'
import { buildReport } from './reports.ts'

/** One scope's figures in a snapshot (a commune or the province): exact counts inside the control database, minors banded. */
export interface SnapshotFigures {
  counts: Record<CentralIndicator, number>
  /** Minors under management as the province's report bands them: never an exact count. */
  minors: string
}

/** The quarters kept for the trend: this one and the seven before it. */
export const TREND_QUARTERS = 8

/** "2026-Q3" for a day. */
export function quarterOf(day: string): string {
  return `${day.slice(0, 4)}-Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`
}

/** The quarter `n` before `label` ("2026-Q1", 1 → "2025-Q4"). */
export function quarterBefore(label: string, n = 1): string {
  const index = Number(label.slice(0, 4)) * 4 + Number(label.slice(6)) - 1 - n
  return `${Math.floor(index / 4)}-Q${(index % 4) + 1}`
}

/**
 * What a refresh computes: the current quarter and the one before it always (late entries still change them: the
 * report is period-true, decision 0034), and any of the trend's quarters without a snapshot yet.
 */
export function quartersToRefresh(today: string, existing: ReadonlySet<string>): string[] {
  const current = quarterOf(today)
  const out: string[] = []
  for (let n = TREND_QUARTERS - 1; n >= 0; n--) {
    const q = quarterBefore(current, n)
    if (n <= 1 || !existing.has(q)) out.push(q)
  }
  return out
}

/** A scope's figures from its period-true report (worker/services/reports.ts): only counts leave it. */
export function figuresOf(f: ReportFigures): SnapshotFigures {
  const c = f.cases
  return {
    counts: {
      underManagement: c.underManagement.total.value,
      drugUsers: c.underManagement.drug_user.value,
      dependent: c.underManagement.dependent.value,
      postRehab: c.underManagement.post_rehab.value,
      inRehab: c.communityRehab.inRehabAtEnd.value,
      methadone: c.methadone.atEnd.value,
      atFacility: c.compulsoryReferrals.atFacilityAtEnd.value,
      newRegistrations: c.newRegistrations.value,
      rehabStarted: c.communityRehab.started.value,
      rehabCompleted: c.communityRehab.completed.value,
      referred: c.compulsoryReferrals.referred.value,
      relapses: c.postRehab.relapses.times.value,
      activities: f.activities.value.reduce((sum, a) => sum + a.entries, 0),
      models: f.models.value.find((m) => m.kind === null)?.models ?? 0,
    },
    minors: c.minors.underManagement.value,
  }
}

/** What a snapshot holds for the whole year, whichever quarter: the year's plan and its drug-free communes. */
interface YearParts {
  targets: CentralTargets | null
  drugFree: DrugFreeCommunes | null
}

const yearPartsOf = async (db: TenantDb, year: number): Promise<YearParts> => {
  const [targets, drugFree] = await Promise.all([snapshotTargets(db, year), snapshotDrugFreeCommunes(db, year)])
  return { targets, drugFree }
}

/**
 * One quarter of a province, computed inside its own database; what the control database will hold. `year`: the
 * quarter's year parts when the caller already read them for another quarter of the same year.
 */
export async function snapshotOf(db: TenantDb, period: ReportPeriod, now: Date, year?: Promise<YearParts>): Promise<SnapshotRowInput> {
  const [report, { targets, drugFree }] = await Promise.all([
    buildReport(db, period, null, vietnamToday(now), readReviewPolicy(db)),
    year ?? yearPartsOf(db, Number(period.from.slice(0, 4))),
  ])
  const communes = Object.fromEntries(report.byCommune.map((c) => [c.code, figuresOf(c)]))
  return {
    period: period.label,
    total: JSON.stringify(figuresOf(report.total)),
    communes: JSON.stringify(communes),
    targets: targets ? JSON.stringify(targets) : null,
    drugFree: drugFree ? JSON.stringify(drugFree) : null,
  }
}

/**
 * Every quarter a refresh computes; the year's plan and drug-free communes read once per year, not once per
 * quarter. On a remote database the quarters are read together, one round trip (issue 20); on an embedded file one
 * after another (one file, nothing gained in parallel, and fewer reports held at once).
 */
export async function provinceSnapshots(db: TenantDb, quarters: readonly string[], now: Date): Promise<SnapshotRowInput[]> {
  const years = new Map<number, Promise<YearParts>>()
  const steps = quarters.map((q) => () => {
    const period = parsePeriod(q)!
    const year = Number(period.from.slice(0, 4))
    if (!years.has(year)) years.set(year, yearPartsOf(db, year))
    return snapshotOf(db, period, now, years.get(year))
  })
  return together(db, ...steps)
}
