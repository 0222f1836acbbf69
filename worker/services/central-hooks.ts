import type { TenantDb } from '../../db/types.ts'
import type { CentralFlow, CentralTargets, DrugFreeCommunes } from '../../kernel/contract/central.ts'
import type { ReportPeriod } from '../../kernel/domain/report-period.ts'
import type { TargetIndicator } from '../../kernel/domain/target-indicators.ts'
import { provinceOverview } from './certification.ts'
import { targetsWithAchievement } from './targets.ts'

// The two figure sources of the central snapshot that other modules own (issue #18; docs/decisions/0042): the
// yearly plan's targets (decision 0036) and the drug-free communes (decision 0037), each read inside the
// province's own database. Only counts leave it.

/** The central flows a province's yearly plan can set a target for; the others have no indicator of their own. */
const FLOW_INDICATOR: Partial<Record<CentralFlow, TargetIndicator>> = {
  rehabStarted: 'community_rehab_started',
  rehabCompleted: 'community_rehab_completed',
  referred: 'compulsory_referrals',
}

/** The province's own targets for the year (its row of the plan); null when it entered no plan for the year. */
export async function snapshotTargets(db: TenantDb, year: number): Promise<CentralTargets | null> {
  // The day only moves achievement, which the central level works out itself from its own year-to-date figures.
  const view = await targetsWithAchievement(db, year, { communes: null }, `${year}-12-31`)
  if (!view.plan) return null
  const province = view.places.find((p) => p.communeCode === null)
  const targets: CentralTargets = {}
  for (const [flow, indicator] of Object.entries(FLOW_INDICATOR) as [CentralFlow, TargetIndicator][]) {
    const target = province?.cells.find((c) => c.indicator === indicator)?.target
    if (target !== null && target !== undefined) targets[flow] = target
  }
  return targets
}

/**
 * The province's drug-free communes in the period's year (recognition is yearly): how many communes, how many
 * recognised, and kept / newly recognised / lost against the year before.
 */
export async function snapshotDrugFreeCommunes(db: TenantDb, period: ReportPeriod): Promise<DrugFreeCommunes | null> {
  const { figures } = await provinceOverview(db, null, Number(period.to.slice(0, 4)))
  if (figures.communes === 0) return null
  return { communes: figures.communes, drugFree: figures.recognised, kept: figures.kept, new: figures.newlyRecognised, lost: figures.lost }
}
