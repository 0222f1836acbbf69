// The year's plan, its targets and their achievement counted from the records (decision 0036), per commune and for
// the province, limited to what the caller may see. The report (worker/services/reports.ts) can embed the same
// answer: `targetsWithAchievement(db, year, scope, today)`.
import type { TenantDb } from '../../db/types.ts'
import type { TargetValue } from '../../kernel/commands/target-plan-put.ts'
import type { TargetCell, TargetPlace, TargetsView } from '../../kernel/contract/targets.ts'
import { achievementOf, INDICATORS, yearProgress, type TargetIndicator, type YearProgress } from '../../kernel/domain/target-indicators.ts'
import { communeNames } from '../repo/communes.ts'
import { achievedCounts, findTargetPlan, findTargetsIn, targetPlanYears, type AchievedCount } from '../repo/targets.ts'

/** Whose figures: `communes` null is the whole province (province roles); a list is a commune officer's communes. */
export interface TargetScope {
  communes: readonly string[] | null
}

/**
 * `today` (YYYY-MM-DD, Vietnam) is the last day counted: a report of a past period passes its period's last day
 * (the nine months' report of 2026: '2026-09-30') and gets the achievement through that day.
 */
export async function targetsWithAchievement(db: TenantDb, year: number, scope: TargetScope, today: string): Promise<TargetsView> {
  const progress = yearProgress(year, today)
  const [plan, scoped, counts, names, years] = await Promise.all([
    findTargetPlan(db, year),
    scope.communes ? findTargetsIn(db, year, scope.communes) : undefined,
    progress.asOf ? achievedCounts(db, `${year}-01-01`, progress.asOf) : Promise.resolve<AchievedCount[]>([]),
    communeNames(db, scope.communes),
    targetPlanYears(db),
  ])
  const targets = scoped ?? plan?.targets ?? []
  const targetOf = lookup(plan ? targets : [], (t) => t.value)
  const countOf = lookup(counts, (c) => c.count)
  const place = (communeCode: string | null, communeName: string | null): TargetPlace => ({
    communeCode,
    communeName,
    cells: INDICATORS.map(({ code, computed }) => cell(code, targetOf(code, communeCode), computed ? (countOf(code, communeCode) ?? 0) : null, progress)),
  })
  const communes = names.sort((a, b) => a.name.localeCompare(b.name, 'vi') || a.code.localeCompare(b.code))
  const document = plan ? (({ targets: _targets, ...rest }) => rest)(plan) : null
  return {
    year,
    plan: document,
    years,
    progress,
    indicators: INDICATORS,
    places: [place(null, null), ...communes.map((c) => place(c.code, c.name))],
  }
}

const cell = (indicator: TargetIndicator, target: number | null, achieved: number | null, progress: YearProgress): TargetCell => ({
  indicator,
  ...achievementOf(target, achieved, progress),
})

function lookup<R extends { indicator: TargetIndicator; communeCode: string | null }>(rows: readonly R[], value: (row: R) => number) {
  const map = new Map(rows.map((r) => [`${r.indicator}/${r.communeCode ?? ''}`, value(r)]))
  return (indicator: TargetIndicator, commune: string | null): number | null => map.get(`${indicator}/${commune ?? ''}`) ?? null
}

export type { TargetCell, TargetPlace, TargetsView, TargetValue }
