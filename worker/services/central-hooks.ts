import type { TenantDb } from '../../db/types.ts'
import type { CentralTargets, DrugFreeCommunes } from '../../kernel/contract/central.ts'
import type { ReportPeriod } from '../../kernel/domain/report-period.ts'

// The two figure sources of the central snapshot that other modules own (issue #18; docs/decisions/0042). Each
// answers null — "not yet available" — until the lead wires it at merge; the snapshot, the summary, the export and
// the screen already carry their figures (achievement against targets; drug-free communes and their share
// against the 2030 aim) and show "chưa có số liệu" while they are null.

/**
 * The province's yearly targets for the flows of the central overview (newRegistrations, rehabStarted,
 * rehabCompleted, referred, relapses), read inside the province's database.
 * HOOK (lead, at merge of branch targets16): answer from `targetsWithAchievement` for `year`, mapping its
 * indicators to CentralFlow keys; null when the province entered no plan for the year.
 */
export async function snapshotTargets(_db: TenantDb, _year: number): Promise<CentralTargets | null> {
  return null
}

/**
 * The province's drug-free communes at the period's end: how many communes, how many recognised, and kept / new /
 * lost in the period, read inside the province's database.
 * HOOK (lead, at merge of branch certify17): answer from the certification module's commune classifications.
 */
export async function snapshotDrugFreeCommunes(_db: TenantDb, _period: ReportPeriod): Promise<DrugFreeCommunes | null> {
  return null
}
