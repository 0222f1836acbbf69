// GET/PUT /api/p/:province/targets/:year (decision 0036): the year's plan, its targets and their achievement
// counted from the records, per commune and for the province, as far as the caller may see.
import type { TargetPlanRecord } from '../commands/target-plan-put.ts'
import type { Achievement, IndicatorDefinition, TargetIndicator, YearProgress } from '../domain/target-indicators.ts'

export type TargetCell = { indicator: TargetIndicator } & Achievement

export interface TargetPlace {
  /** Null: the province as a whole. */
  communeCode: string | null
  communeName: string | null
  cells: TargetCell[]
}

/** The plan's document: number ("75/KH-UBND"), date, signer, title and version. */
export type TargetPlanDocument = Omit<TargetPlanRecord, 'targets'>

export interface TargetsView {
  year: number
  /** Null when the year has no plan yet. */
  plan: TargetPlanDocument | null
  /** The years with a plan, newest first. */
  years: number[]
  progress: YearProgress
  indicators: readonly IndicatorDefinition[]
  /** The province first, then the communes in scope by name. */
  places: TargetPlace[]
}
