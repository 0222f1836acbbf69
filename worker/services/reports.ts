import { supportKinds } from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'
import type { ReportPeriod } from '../../kernel/domain/report-period.ts'
import { DEFAULT_REVIEW_POLICY, type ReviewPolicy } from '../../kernel/domain/review-schedule.ts'
import { reportFigureRows, type ReportFigureRows } from '../repo/report-figures.ts'
import { overdueReviewsByCommune } from '../repo/reviews.ts'

/**
 * The figures communes report (DOMAIN.md §7), per commune and in total, from SQL aggregates in the province
 * database (worker/repo/report-figures.ts) — never by loading people into memory. `scope` null = the whole province.
 */
export async function buildReport(
  db: TenantDb,
  period: ReportPeriod,
  scope: readonly string[] | null,
  today: string,
  policy: ReviewPolicy | PromiseLike<ReviewPolicy> = DEFAULT_REVIEW_POLICY,
) {
  // The province's review policy (the route passes its pending read) is what "overdue" means: read alongside.
  const [{ communeNames, ...rows }, reviewPolicy] = await Promise.all([reportFigureRows(db, period, scope), policy])
  const overdueNow = await overdueReviewsByCommune(db, scope, today, reviewPolicy)
  const byCommune = tallyByCommune(rows, overdueNow)
  const total = sumFigures(byCommune.values())
  // Percentages are computed, never typed (DOMAIN.md §7).
  for (const f of byCommune.values()) setEmployedShare(f)
  setEmployedShare(total)
  const names = new Map(communeNames.map((c) => [c.code, c.name]))
  return {
    period,
    total,
    byCommune: [...byCommune.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([code, figures]) => ({ code, name: names.get(code) ?? code, ...figures })),
  }
}

type ReportRows = Omit<ReportFigureRows, 'communeNames'>
type SupportKind = (typeof supportKinds)[number]

function emptyFigures() {
  return {
    people: { drug_user: 0, dependent: 0, post_rehab: 0, total: 0 },
    peopleByStatus: {} as Record<string, number>,
    newRegistrations: 0,
    plansStarted: 0,
    plansCompleted: 0,
    plansTerminated: 0,
    plansTransferred: 0,
    relapses: 0,
    underPostRehab: 0,
    reviewsDone: 0,
    reviewsOverdueNow: 0,
    followUps: 0,
    employed: { known: 0, employed: 0, share: null as number | null },
    support: Object.fromEntries(supportKinds.map((k) => [k, { count: 0, amountVnd: 0 }])) as Record<SupportKind, { count: number; amountVnd: number }>,
  }
}
type Figures = ReturnType<typeof emptyFigures>

/** The figures that are plain counts, added up the same way for the total. */
const COUNTS = [
  'newRegistrations',
  'plansStarted',
  'plansCompleted',
  'plansTerminated',
  'plansTransferred',
  'relapses',
  'underPostRehab',
  'reviewsDone',
  'reviewsOverdueNow',
  'followUps',
] as const

/** Each commune's figures from the grouped rows (a commune appears once any row names it). */
function tallyByCommune(rows: ReportRows, overdueNow: Record<string, number>): Map<string, Figures> {
  const byCommune = new Map<string, Figures>()
  const of = (commune: string) => {
    const known = byCommune.get(commune)
    if (known) return known
    const figures = emptyFigures()
    byCommune.set(commune, figures)
    return figures
  }
  for (const r of rows.byCategoryStatus) {
    const f = of(r.commune)
    f.people[r.category] += r.n
    f.people.total += r.n
    f.peopleByStatus[r.status] = (f.peopleByStatus[r.status] ?? 0) + r.n
  }
  for (const r of rows.registrations) of(r.commune).newRegistrations += r.n
  for (const r of rows.transitions) {
    const f = of(r.commune)
    if (r.to === 'active') f.plansStarted += r.n
    if (r.to === 'terminated') f.plansTerminated += r.n
    if (r.to === 'transferred') f.plansTransferred += r.n
  }
  for (const r of rows.completions) of(r.commune).plansCompleted += r.n
  for (const r of rows.relapses) of(r.commune).relapses += r.n
  for (const r of rows.postRehab) of(r.commune).underPostRehab += r.n
  for (const r of rows.reviewRows) of(r.commune).reviewsDone += r.n
  for (const r of rows.followUpRows) of(r.commune).followUps += r.n
  for (const [commune, n] of Object.entries(overdueNow)) of(commune).reviewsOverdueNow += n
  for (const r of rows.employment) {
    const f = of(r.commune)
    f.employed.known += r.known
    f.employed.employed += Number(r.employed)
  }
  for (const r of rows.support) {
    const f = of(r.commune)
    f.support[r.kind].count += r.n
    f.support[r.kind].amountVnd += Number(r.amount ?? 0)
  }
  return byCommune
}

/** The province (or scope) total: every commune's figures added up. */
function sumFigures(communes: Iterable<Figures>): Figures {
  const total = emptyFigures()
  for (const f of communes) {
    for (const key of ['drug_user', 'dependent', 'post_rehab', 'total'] as const) total.people[key] += f.people[key]
    for (const [status, n] of Object.entries(f.peopleByStatus)) total.peopleByStatus[status] = (total.peopleByStatus[status] ?? 0) + n
    for (const key of COUNTS) total[key] += f[key]
    total.employed.known += f.employed.known
    total.employed.employed += f.employed.employed
    for (const kind of supportKinds) {
      total.support[kind].count += f.support[kind].count
      total.support[kind].amountVnd += f.support[kind].amountVnd
    }
  }
  return total
}

/** Share employed, in percent to one decimal; null when nobody's employment was recorded. */
function setEmployedShare(f: Figures): void {
  f.employed.share = f.employed.known > 0 ? Math.round((f.employed.employed / f.employed.known) * 1000) / 10 : null
}
