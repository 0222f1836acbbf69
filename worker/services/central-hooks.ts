import type { TenantDb } from '../../db/types.ts'
import type { CentralFlow, CentralTargets, DrugFreeCommunes } from '../../kernel/contract/central.ts'
import type { TargetIndicator } from '../../kernel/domain/target-indicators.ts'
import { yearFigures } from '../../kernel/domain/certification/year-figures.ts'
import { overviewReads } from '../repo/certification.ts'
import { findTargetPlan } from '../repo/targets.ts'

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
  // The targets only: the central level works achievement out itself from its own year-to-date figures, so the
  // province's achieved counts (a count over the year's plans and support records) are not read here.
  const plan = await findTargetPlan(db, year)
  if (!plan) return null
  const targets: CentralTargets = {}
  for (const [flow, indicator] of Object.entries(FLOW_INDICATOR) as [CentralFlow, TargetIndicator][]) {
    const target = plan.targets.find((t) => t.indicator === indicator && t.communeCode === null)?.value
    if (target !== undefined) targets[flow] = target
  }
  return targets
}

/**
 * The province's drug-free communes in the year (recognition is yearly): how many communes, how many recognised,
 * and kept / newly recognised / lost against the year before — from the status periods alone, as the province's
 * own overview counts them (kernel/domain/certification/year-figures.ts), without its per-commune checklists.
 */
export async function snapshotDrugFreeCommunes(db: TenantDb, year: number): Promise<DrugFreeCommunes | null> {
  const { communes, periods } = await overviewReads(db, null, year)
  if (communes.length === 0) return null
  // The target share only moves the progress figure, which the central level works out itself.
  const figures = yearFigures(
    periods,
    communes.map((c) => c.code),
    year,
    0,
  )
  return { communes: figures.communes, drugFree: figures.recognised, kept: figures.kept, new: figures.newlyRecognised, lost: figures.lost }
}
