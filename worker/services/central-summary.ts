import type { ControlDb } from '../../db/types.ts'
import {
  categoryParts,
  centralFlows,
  centralIndicators,
  centralStocks,
  type CentralCell,
  type CentralFlow,
  type CentralIndicator,
  type CentralRow,
  type CentralSummary,
  type CentralTargets,
  type CentralTrend,
  type CentralTrendPoint,
  type DrugFreeCommunes,
  type SnapshotState,
} from '../../kernel/contract/central.ts'
import { suppress, type Equation } from '../../kernel/domain/suppression.ts'
import { allProvinces, refreshStates, yearSnapshots, yearVersion, type RefreshStateRow } from '../repo/central-snapshots.ts'
import { quarterBefore, TREND_QUARTERS, type SnapshotFigures } from './central-snapshot.ts'

// The central screens' figures (issue #18; docs/decisions/0042), read from the snapshots only. Suppression runs
// over a whole year at once — every province, every quarter, the national totals, the year-to-date totals — so
// the summary of one quarter and a province's trend publish the same cells withheld: no two answers can be
// combined to undo it. The year's result is kept until a snapshot of that year changes.

export interface CentralSettings {
  /** Counts 1…k−1 are withheld (DOMAIN.md §8). */
  k: number
  /** A snapshot older than this is flagged stale even when its last refresh succeeded. */
  staleAfterMs: number
}

export const DEFAULT_CENTRAL: CentralSettings = { k: 5, staleAfterMs: 36 * 3_600_000 }

const NATION = '*'
const PEOPLE: readonly CentralIndicator[] = [...centralStocks, ...centralFlows]

interface Quarter {
  figures: SnapshotFigures
  targets: CentralTargets | null
  drugFree: DrugFreeCommunes | null
  computedAt: Date
}

interface Cube {
  /** province → quarter label → its snapshot. */
  snapshots: Map<string, Map<string, Quarter>>
  /** Published cells by id `${indicator}|${quarter or ytdN}|${province or *}`. */
  cells: Map<string, CentralCell>
}

const cache = new WeakMap<ControlDb, Map<string, Cube>>()

async function yearCube(control: ControlDb, year: number, k: number): Promise<Cube> {
  const key = `${year}:${k}:${await yearVersion(control, year)}`
  const byKey = cache.get(control) ?? new Map<string, Cube>()
  cache.set(control, byKey)
  const hit = byKey.get(key)
  if (hit) return hit
  const cube = buildCube(await yearSnapshots(control, year), year, k)
  for (const old of byKey.keys()) if (old.startsWith(`${year}:`)) byKey.delete(old)
  byKey.set(key, cube)
  return cube
}

const id = (indicator: string, period: string, scope: string) => `${indicator}|${period}|${scope}`

function buildCube(rows: Awaited<ReturnType<typeof yearSnapshots>>, year: number, k: number): Cube {
  const snapshots = new Map<string, Map<string, Quarter>>()
  for (const r of rows) {
    const quarters = snapshots.get(r.provinceCode) ?? new Map<string, Quarter>()
    snapshots.set(r.provinceCode, quarters)
    quarters.set(r.period, {
      figures: JSON.parse(r.total) as SnapshotFigures,
      targets: r.targets ? (JSON.parse(r.targets) as CentralTargets) : null,
      drugFree: r.drugFree ? (JSON.parse(r.drugFree) as DrugFreeCommunes) : null,
      computedAt: r.computedAt,
    })
  }
  const quarters = [1, 2, 3, 4].map((q) => `${year}-Q${q}`)
  const values = new Map<string, number>()
  const families = new Map<string, Equation[]>()
  const family = (name: string) => {
    const list = families.get(name) ?? []
    families.set(name, list)
    return list
  }
  const familyOf = (indicator: CentralIndicator) =>
    (categoryParts as readonly string[]).includes(indicator) || indicator === 'underManagement' ? 'categories' : indicator
  const cellsOf = new Map<string, Set<string>>()
  const note = (fam: string, cell: string) => {
    const set = cellsOf.get(fam) ?? new Set<string>()
    set.add(cell)
    cellsOf.set(fam, set)
  }

  for (const q of quarters) {
    const present = [...snapshots].filter(([, qs]) => qs.has(q)).map(([code]) => code)
    if (present.length === 0) continue
    for (const indicator of centralIndicators) {
      let national = 0
      for (const code of present) {
        const n = snapshots.get(code)!.get(q)!.figures.counts[indicator] ?? 0
        values.set(id(indicator, q, code), n)
        national += n
      }
      values.set(id(indicator, q, NATION), national)
      if (!PEOPLE.includes(indicator)) continue
      const fam = familyOf(indicator)
      family(fam).push({ total: id(indicator, q, NATION), parts: present.map((code) => id(indicator, q, code)) })
      for (const code of [...present, NATION]) note(fam, id(indicator, q, code))
    }
    for (const scope of [...present, NATION]) {
      family('categories').push({ total: id('underManagement', q, scope), parts: categoryParts.map((c) => id(c, q, scope)) })
    }
  }
  // Year-to-date totals of the flows (what a "lũy kế" column publishes): the quarters' differences are equations too.
  for (const indicator of centralFlows) {
    for (let n = 2; n <= 4; n++) {
      const upTo = quarters.slice(0, n)
      const ytd = `ytd${n}`
      const full = [...snapshots].filter(([, qs]) => upTo.every((q) => qs.has(q))).map(([code]) => code)
      const nationalComplete = upTo.every((q) => values.has(id(indicator, q, NATION)))
      for (const code of full)
        values.set(
          id(indicator, ytd, code),
          upTo.reduce((s, q) => s + values.get(id(indicator, q, code))!, 0),
        )
      if (nationalComplete)
        values.set(
          id(indicator, ytd, NATION),
          upTo.reduce((s, q) => s + values.get(id(indicator, q, NATION))!, 0),
        )
      if (!PEOPLE.includes(indicator)) continue
      const eqs = family(indicator)
      for (const code of full) {
        eqs.push({ total: id(indicator, ytd, code), parts: upTo.map((q) => id(indicator, q, code)) })
        note(indicator, id(indicator, ytd, code))
      }
      if (nationalComplete) {
        eqs.push({ total: id(indicator, ytd, NATION), parts: upTo.map((q) => id(indicator, q, NATION)) })
        note(indicator, id(indicator, ytd, NATION))
        // The same national figure through the provinces: only when every province of each quarter has all of them.
        const everyone = upTo.every((q) => [...snapshots].every(([code, qs]) => !qs.has(q) || full.includes(code)))
        if (everyone && full.length > 0) eqs.push({ total: id(indicator, ytd, NATION), parts: full.map((code) => id(indicator, ytd, code)) })
      }
    }
  }

  const cells = new Map<string, CentralCell>()
  for (const [cell, value] of values) cells.set(cell, { value })
  for (const [fam, equations] of families) {
    const table = { cells: new Map([...(cellsOf.get(fam) ?? [])].map((c) => [c, values.get(c)!])), equations }
    for (const cell of suppress(table, k)) cells.set(cell, { value: null, suppressed: true })
  }
  return { snapshots, cells }
}

const NO_DATA: CentralCell = { value: null }

function rowOf(cube: Cube, period: string, scope: string, quarter: Quarter | undefined, minors: string | null): CentralRow {
  const cells = Object.fromEntries(centralIndicators.map((i) => [i, cube.cells.get(id(i, period, scope)) ?? NO_DATA])) as CentralRow['cells']
  return { cells, minors, achievement: achievementOf(cube, period, scope, quarter?.targets ?? null), drugFree: drugFreeOf(quarter?.drugFree ?? null) }
}

function yearToDateCell(cube: Cube, period: string, scope: string, flow: CentralFlow): CentralCell {
  const n = Number(period.slice(6))
  return cube.cells.get(id(flow, n === 1 ? period : `ytd${n}`, scope)) ?? NO_DATA
}

function achievementOf(cube: Cube, period: string, scope: string, targets: CentralTargets | null): CentralRow['achievement'] {
  if (!targets) return null
  const out: NonNullable<CentralRow['achievement']> = {}
  for (const flow of centralFlows) {
    const target = targets[flow] ?? null
    if (target === null) continue
    const yearToDate = yearToDateCell(cube, period, scope, flow)
    // A withheld year-to-date figure withholds its percentage too: the percentage and the target would give it back.
    const percent = percentOf(yearToDate.value, target)
    out[flow] = { target, yearToDate, percent }
  }
  return out
}

/** Achievement in percent, one decimal; null when the figure is missing or withheld, or the target is 0. */
export function percentOf(value: number | null, target: number): number | null {
  return value !== null && target > 0 ? Math.round((value / target) * 1000) / 10 : null
}

export function drugFreeOf(d: DrugFreeCommunes | null): CentralRow['drugFree'] {
  if (!d) return null
  return { ...d, share: d.communes > 0 ? Math.round((d.drugFree / d.communes) * 1000) / 1000 : 0 }
}

/** The national row's minors: the provinces' bands added up as a range ("40–76"), never an exact count. */
function bandsAdded(bands: readonly string[]): string | null {
  if (bands.length === 0) return null
  let lo = 0
  let hi = 0
  for (const band of bands) {
    const [a, b] = band.split('–').map(Number)
    lo += a ?? 0
    hi += b ?? a ?? 0
  }
  return hi === 0 ? '0' : `${lo}–${hi}`
}

export function stateOf(computedAt: Date | null, refresh: RefreshStateRow | undefined, now: Date, settings: CentralSettings): SnapshotState {
  const ageSeconds = computedAt ? Math.max(0, Math.round((now.getTime() - computedAt.getTime()) / 1000)) : null
  return {
    computedAt: computedAt?.toISOString() ?? null,
    ageSeconds,
    stale: (refresh?.lastError ?? null) !== null || ageSeconds === null || ageSeconds * 1000 > settings.staleAfterMs,
    lastAttemptAt: refresh?.lastAttemptAt.toISOString() ?? null,
    lastError: refresh?.lastError ?? null,
  }
}

function sumDrugFree(list: readonly (DrugFreeCommunes | null)[]): DrugFreeCommunes | null {
  const known = list.filter((d): d is DrugFreeCommunes => d !== null)
  if (known.length === 0) return null
  const add = (pick: (d: DrugFreeCommunes) => number) => known.reduce((s, d) => s + pick(d), 0)
  return { communes: add((d) => d.communes), drugFree: add((d) => d.drugFree), kept: add((d) => d.kept), new: add((d) => d.new), lost: add((d) => d.lost) }
}

function sumTargets(list: readonly (CentralTargets | null)[]): CentralTargets | null {
  const known = list.filter((t): t is CentralTargets => t !== null)
  if (known.length === 0) return null
  const out: CentralTargets = {}
  for (const flow of centralFlows) {
    const values = known.map((t) => t[flow]).filter((n): n is number => n !== undefined)
    if (values.length > 0) out[flow] = values.reduce((a, b) => a + b, 0)
  }
  return out
}

/** GET /api/central/summary: the 34 provinces and the national total for one quarter. */
export async function centralSummary(control: ControlDb, period: string, now: Date, settings: CentralSettings): Promise<CentralSummary> {
  const [cube, provinces, refreshes] = await Promise.all([
    yearCube(control, Number(period.slice(0, 4)), settings.k),
    allProvinces(control),
    refreshStates(control),
  ])
  const refreshOf = new Map(refreshes.map((r) => [r.provinceCode, r]))
  const rows = provinces.map((p) => {
    const quarter = cube.snapshots.get(p.code)?.get(period)
    return {
      code: p.code,
      name: p.name,
      snapshot: quarter ? stateOf(quarter.computedAt, refreshOf.get(p.code), now, settings) : null,
      ...rowOf(cube, period, p.code, quarter, quarter?.figures.minors ?? null),
    }
  })
  const included = [...cube.snapshots.values()].map((qs) => qs.get(period)).filter((q): q is Quarter => q !== undefined)
  const national: Quarter | undefined = included[0] && {
    figures: included[0].figures,
    targets: sumTargets(included.map((q) => q.targets)),
    drugFree: sumDrugFree(included.map((q) => q.drugFree)),
    computedAt: included[0].computedAt,
  }
  const total = { ...rowOf(cube, period, NATION, national, bandsAdded(included.map((q) => q.figures.minors))), provincesIncluded: included.length }
  return { period, k: settings.k, provinces: rows, total }
}

/** GET /api/central/provinces/:p/trend: one province's quarters, oldest first; undefined for an unknown province. */
export async function centralTrend(
  control: ControlDb,
  province: string,
  currentQuarter: string,
  now: Date,
  settings: CentralSettings,
): Promise<CentralTrend | undefined> {
  const provinces = await allProvinces(control)
  const named = provinces.find((p) => p.code === province)
  if (!named) return undefined
  const periods = Array.from({ length: TREND_QUARTERS }, (_, i) => quarterBefore(currentQuarter, TREND_QUARTERS - 1 - i))
  const years = [...new Set(periods.map((p) => Number(p.slice(0, 4))))]
  const [cubes, [refresh]] = await Promise.all([Promise.all(years.map((y) => yearCube(control, y, settings.k))), refreshStates(control, [province])])
  const cubeOf = new Map(years.map((y, i) => [y, cubes[i]!]))
  let latest: Date | null = null
  const quarters: CentralTrendPoint[] = []
  for (const period of periods) {
    const cube = cubeOf.get(Number(period.slice(0, 4)))!
    const quarter = cube.snapshots.get(province)?.get(period)
    if (!quarter) continue
    if (!latest || quarter.computedAt > latest) latest = quarter.computedAt
    const n = Number(period.slice(6))
    const ytdKnown = n === 1 || cube.cells.has(id(centralFlows[0], `ytd${n}`, province))
    const yearToDate = ytdKnown
      ? (Object.fromEntries(centralFlows.map((f) => [f, yearToDateCell(cube, period, province, f)])) as CentralTrendPoint['yearToDate'])
      : null
    quarters.push({ period, yearToDate, ...rowOf(cube, period, province, quarter, quarter.figures.minors) })
  }
  return { province, name: named.name, k: settings.k, snapshot: latest ? stateOf(latest, refresh, now, settings) : null, quarters }
}
