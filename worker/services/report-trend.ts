import type { TenantDb } from '../../db/types.ts'
import type { ReportTrend } from '../../kernel/contract/reports.ts'
import { parsePeriod, quartersEndingWith, type ReportPeriod } from '../../kernel/domain/report-period.ts'
import { caseFigureRows } from '../repo/report-figures.ts'
import { byCommune, caseFigures, EMPTY, sumOf } from './reports.ts'

/**
 * The report chart's figures (decision 0035): for each of the `count` quarters ending with the period's last,
 * the scope's people under management at the quarter's end and community rehab started in it — the case figures
 * of that quarter's report, and only those (no previous year, no models or activities, one small answer).
 */
export async function reportTrend(db: TenantDb, period: ReportPeriod, scope: readonly string[] | null, count: number): Promise<ReportTrend> {
  const quarters = quartersEndingWith(period.label, count).map((label) => parsePeriod(label)!)
  const rows = await Promise.all(quarters.map((q) => caseFigureRows(db, q, scope)))
  return {
    quarters: quarters.map((q, i) => {
      const cases = caseFigures(sumOf(byCommune(rows[i]!)), EMPTY)
      return { label: q.label, underManagement: cases.underManagement.total.value, rehabStarted: cases.communityRehab.started.value }
    }),
  }
}
