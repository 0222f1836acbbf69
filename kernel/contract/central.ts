// The central overview (issue #18; docs/decisions/0042): each province's quarterly figures, taken from its
// period-true report (decision 0034) by a scheduled snapshot and kept in the control database, shown to central
// staff only after small-cell suppression (kernel/domain/suppression.ts). Nothing here is about a person: no id,
// no name, no date of birth; minors only as bands.

/** Head-counts at the quarter's end (the status history), not additive over quarters. */
export const centralStocks = ['underManagement', 'drugUsers', 'dependent', 'postRehab', 'inRehab', 'methadone', 'atFacility'] as const
/** Counts of the quarter's own records, additive over quarters: a year-to-date total is the quarters' sum. */
export const centralFlows = ['newRegistrations', 'rehabStarted', 'rehabCompleted', 'referred', 'relapses'] as const
/** Counts of the communes' work, not of people: published as they are. */
export const centralWork = ['activities', 'models'] as const
export const centralIndicators = [...centralStocks, ...centralFlows, ...centralWork] as const

export type CentralStock = (typeof centralStocks)[number]
export type CentralFlow = (typeof centralFlows)[number]
export type CentralIndicator = (typeof centralIndicators)[number]

/** The four head-counts that partition the list: underManagement = drugUsers + dependent + postRehab. */
export const categoryParts = ['drugUsers', 'dependent', 'postRehab'] as const satisfies readonly CentralStock[]

/** A figure as a central screen gets it: withheld cells are null and say so; null without the marker: no data. */
export interface CentralCell {
  value: number | null
  suppressed?: true | undefined
}

/**
 * The province's yearly targets (kế hoạch, chỉ tiêu) for the flows. Hook: filled by the targets module
 * (branch targets16, `targetsWithAchievement`) through worker/services/central-hooks.ts `snapshotTargets`.
 */
export type CentralTargets = { [F in CentralFlow]?: number | undefined }

/**
 * Drug-free communes (xã không ma túy) at the quarter's end. Hook: filled by the certification module (branch
 * certify17) through worker/services/central-hooks.ts `snapshotDrugFreeCommunes`.
 */
export interface DrugFreeCommunes {
  /** Communes of the province. */
  communes: number
  /** Recognised drug-free at the period's end. */
  drugFree: number
  /** Recognised before and again (kept), newly recognised, and lost in the period. */
  kept: number
  new: number
  lost: number
}

/** The 2030 aim: half of the communes drug-free (Chiến lược quốc gia phòng, chống ma túy đến năm 2030). */
export const DRUG_FREE_AIM_2030 = 0.5

export interface SnapshotState {
  /** When the shown figures were computed; null: never. */
  computedAt: string | null
  /** Seconds since then, at the time of the answer. */
  ageSeconds: number | null
  /** The last refresh failed, or the figures are older than the configured age. */
  stale: boolean
  lastAttemptAt: string | null
  /** Why the last refresh failed (a code, never a message with data). */
  lastError: string | null
}

export interface Achievement {
  /** The year's target for the flow, or null when the province entered none. */
  target: number | null
  /** The year-to-date figure (withheld when small). */
  yearToDate: CentralCell
  /** yearToDate / target in percent, one decimal; null when either is missing or withheld. */
  percent: number | null
}

export interface CentralRow {
  cells: Record<CentralIndicator, CentralCell>
  /** Minors under management, as a band ("10–19"); the national row adds the bands' bounds ("40–76"). */
  minors: string | null
  /** Null until the targets module is wired (hook) or when the province entered no targets. */
  achievement: { [F in CentralFlow]?: Achievement | undefined } | null
  /** Null until the certification module is wired (hook). `share` = drugFree / communes. */
  drugFree: (DrugFreeCommunes & { share: number }) | null
}

export interface CentralProvinceRow extends CentralRow {
  code: string
  name: string
  /** Null: the province is not onboarded or has no snapshot of this quarter. */
  snapshot: SnapshotState | null
}

export interface CentralSummary {
  period: string
  /** Counts from 1 to k − 1 are withheld. */
  k: number
  provinces: CentralProvinceRow[]
  /** The national total over the provinces with a snapshot (`provincesIncluded`). */
  total: CentralRow & { provincesIncluded: number }
}

export interface CentralTrendPoint extends CentralRow {
  period: string
  /** Flows summed from the year's first quarter to this one; null where a quarter of the year is missing. */
  yearToDate: Record<CentralFlow, CentralCell> | null
}

export interface CentralTrend {
  province: string
  name: string
  k: number
  snapshot: SnapshotState | null
  quarters: CentralTrendPoint[]
}

export interface RefreshOutcome {
  province: string
  ok: boolean
  periods: string[]
  error: string | null
  attempts: number
}

/**
 * The province's own overview (issue #18 point 3; decision 0045): its communes from its own snapshot, for its own
 * staff only, so no cell is withheld — they see the same counts in their reports. Minors stay banded as there.
 */
export interface ProvinceCommuneRow extends CentralRow {
  code: string
  name: string
}

export interface ProvinceOverview {
  province: string
  name: string
  period: string
  /** The snapshot the figures come from; null: none of this quarter yet. */
  snapshot: SnapshotState | null
  communes: ProvinceCommuneRow[]
  /** The province's total of the same snapshot, with its yearly targets and drug-free communes. */
  total: CentralRow
}

export interface ProvinceTrend {
  province: string
  /** The commune of the trend; null: the province's total. */
  commune: string | null
  name: string
  snapshot: SnapshotState | null
  quarters: CentralTrendPoint[]
}
