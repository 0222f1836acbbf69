import type { ControlDb } from '../../db/types.ts'
import {
  centralFlows,
  centralIndicators,
  type CentralCell,
  type CentralFlow,
  type CentralRow,
  type CentralTargets,
  type CentralTrendPoint,
  type DrugFreeCommunes,
  type ProvinceOverview,
  type ProvinceTrend,
} from '../../kernel/contract/central.ts'
import { provinceSnapshotRows, provinceWithCommunes, refreshStates, type ProvinceSnapshotRow } from '../repo/central-snapshots.ts'
import { quarterBefore, TREND_QUARTERS, type SnapshotFigures } from './central-snapshot.ts'
import { drugFreeOf, percentOf, stateOf, type CentralSettings } from './central-summary.ts'

// The province's own overview (issue #18 point 3; docs/decisions/0045): its communes × the central indicators from
// its own snapshot in the control database — the figures the centre sees of it, before suppression. Only the
// province's own staff get it (kernel/policy.ts `overview:read`), who read the same counts in their reports: no
// cell is withheld. Nothing here leaves the province: the central screens read the suppressed cube only.

const NO_DATA: CentralCell = { value: null }

interface Parsed {
  total: SnapshotFigures
  communes: Record<string, SnapshotFigures>
  targets: CentralTargets | null
  drugFree: DrugFreeCommunes | null
  computedAt: Date
}

const parse = (r: ProvinceSnapshotRow): Parsed => ({
  total: JSON.parse(r.total) as SnapshotFigures,
  communes: JSON.parse(r.communes) as Record<string, SnapshotFigures>,
  targets: r.targets ? (JSON.parse(r.targets) as CentralTargets) : null,
  drugFree: r.drugFree ? (JSON.parse(r.drugFree) as DrugFreeCommunes) : null,
  computedAt: r.computedAt,
})

/** The quarters of `period`'s year up to it ("2026-Q3" → Q1, Q2, Q3). */
const yearSoFar = (period: string) => Array.from({ length: Number(period.slice(6)) }, (_, i) => `${period.slice(0, 4)}-Q${i + 1}`)

/** A scope's flows summed over the year so far; null where a quarter of the year has no snapshot. */
function yearToDateOf(byPeriod: ReadonlyMap<string, Parsed>, period: string, pick: (p: Parsed) => SnapshotFigures | undefined) {
  const quarters = yearSoFar(period).map((q) => byPeriod.get(q))
  if (quarters.some((q) => q === undefined)) return null
  return Object.fromEntries(centralFlows.map((f) => [f, { value: quarters.reduce((sum, q) => sum + (pick(q!)?.counts[f] ?? 0), 0) }])) as Record<
    CentralFlow,
    CentralCell
  >
}

function rowOf(
  figures: SnapshotFigures | undefined,
  targets: CentralTargets | null,
  drugFree: DrugFreeCommunes | null,
  ytd: Record<CentralFlow, CentralCell> | null,
): CentralRow {
  const cells = Object.fromEntries(centralIndicators.map((i) => [i, figures ? { value: figures.counts[i] ?? 0 } : NO_DATA])) as CentralRow['cells']
  let achievement: CentralRow['achievement'] = null
  if (targets) {
    achievement = {}
    for (const flow of centralFlows) {
      const target = targets[flow] ?? null
      if (target === null) continue
      const yearToDate = ytd?.[flow] ?? NO_DATA
      achievement[flow] = { target, yearToDate, percent: percentOf(yearToDate.value, target) }
    }
  }
  return { cells, minors: figures?.minors ?? null, achievement, drugFree: drugFreeOf(drugFree) }
}

async function load(control: ControlDb, province: string, periods: readonly string[]) {
  const [named, rows, [refresh]] = await Promise.all([
    provinceWithCommunes(control, province),
    provinceSnapshotRows(control, province, periods),
    refreshStates(control, [province]),
  ])
  return { named, byPeriod: new Map(rows.map((r) => [r.period, parse(r)])), refresh }
}

/** GET /api/p/:province/overview: the province's communes and its total for one quarter; undefined: unknown province. */
export async function provinceOverview(
  control: ControlDb,
  province: string,
  period: string,
  now: Date,
  settings: CentralSettings,
): Promise<ProvinceOverview | undefined> {
  const { named, byPeriod, refresh } = await load(control, province, yearSoFar(period))
  if (!named) return undefined
  const quarter = byPeriod.get(period)
  // Targets and drug-free communes are the province's, not a commune's: they stand on the total row only.
  const communes = named.communes.map((c) => ({
    code: c.code,
    name: c.name,
    ...rowOf(
      quarter?.communes[c.code],
      null,
      null,
      yearToDateOf(byPeriod, period, (p) => p.communes[c.code]),
    ),
  }))
  return {
    province,
    name: named.name,
    period,
    snapshot: quarter ? stateOf(quarter.computedAt, refresh, now, settings) : null,
    communes,
    total: rowOf(
      quarter?.total,
      quarter?.targets ?? null,
      quarter?.drugFree ?? null,
      yearToDateOf(byPeriod, period, (p) => p.total),
    ),
  }
}

/**
 * GET /api/p/:province/overview/trend: one commune's quarters (or the province's, `commune` null), oldest first.
 * Undefined: an unknown province, or a commune that is not the province's.
 */
export async function provinceTrend(
  control: ControlDb,
  province: string,
  commune: string | null,
  currentQuarter: string,
  now: Date,
  settings: CentralSettings,
): Promise<ProvinceTrend | undefined> {
  const periods = Array.from({ length: TREND_QUARTERS }, (_, i) => quarterBefore(currentQuarter, TREND_QUARTERS - 1 - i))
  // The year of the oldest quarter from its start: its year-to-date needs the quarters before it.
  const from = `${periods[0]!.slice(0, 4)}-Q1`
  const all = Array.from({ length: TREND_QUARTERS + 3 }, (_, i) => quarterBefore(currentQuarter, TREND_QUARTERS + 2 - i)).filter((q) => q >= from)
  const { named, byPeriod, refresh } = await load(control, province, all)
  if (!named) return undefined
  const place = commune === null ? { name: named.name } : named.communes.find((c) => c.code === commune)
  if (!place) return undefined
  const pick = (p: Parsed) => (commune === null ? p.total : p.communes[commune])
  let latest: Date | null = null
  const quarters: CentralTrendPoint[] = []
  for (const period of periods) {
    const quarter = byPeriod.get(period)
    if (!quarter) continue
    if (!latest || quarter.computedAt > latest) latest = quarter.computedAt
    const ytd = yearToDateOf(byPeriod, period, pick)
    const own = commune === null
    quarters.push({ period, yearToDate: ytd, ...rowOf(pick(quarter), own ? quarter.targets : null, own ? quarter.drugFree : null, ytd) })
  }
  return { province, commune, name: place.name, snapshot: latest ? stateOf(latest, refresh, now, settings) : null, quarters }
}
