import { and, count, countDistinct, eq, gte, inArray, lte, sql, sum } from 'drizzle-orm'
import {
  communes,
  followUps,
  persons,
  planTransitions,
  postRehabRecords,
  rehabPlans,
  reviews,
  supportKinds,
  supportRecords,
} from '../../db/tenant/schema/index.ts'
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core'
import type { TenantDb } from '../../db/types.ts'
import { vietnamDayEnd, vietnamDayStart } from '../../kernel/calendar.ts'
import type { ReportPeriod } from '../../kernel/domain/report-period.ts'
import { DEFAULT_REVIEW_POLICY, type ReviewPolicy } from '../../kernel/domain/review-schedule.ts'
import { overdueReviewsByCommune } from '../repo/reviews.ts'

/**
 * The figures communes report (DOMAIN.md §7), per commune and in total, computed by SQL aggregates in the
 * province database — never by loading people into memory. `communes` null = the whole province.
 */
export async function buildReport(
  db: TenantDb,
  period: ReportPeriod,
  scope: readonly string[] | null,
  today: string,
  policy: ReviewPolicy | PromiseLike<ReviewPolicy> = DEFAULT_REVIEW_POLICY,
) {
  const { reviewPolicy, communeNames, ...rows } = await queryReportRows(db, period, scope, policy)
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

/** One grouped aggregate per figure, run together; each row names its commune. */
async function queryReportRows(db: TenantDb, period: ReportPeriod, scope: readonly string[] | null, policy: ReviewPolicy | PromiseLike<ReviewPolicy>) {
  const inScope = (column: AnySQLiteColumn) => (scope ? inArray(column, [...scope]) : undefined)
  const fromMs = vietnamDayStart(period.from).getTime()
  const toMs = vietnamDayEnd(period.to).getTime()

  const [
    byCategoryStatus,
    registrations,
    transitions,
    completions,
    relapses,
    postRehab,
    reviewRows,
    employment,
    support,
    communeNames,
    followUpRows,
    reviewPolicy,
  ] = await Promise.all([
    db
      .select({ commune: persons.communeCode, category: persons.category, status: persons.status, n: count() })
      .from(persons)
      .where(inScope(persons.communeCode))
      .groupBy(persons.communeCode, persons.category, persons.status),
    db
      .select({ commune: persons.communeCode, n: count() })
      .from(persons)
      .where(and(inScope(persons.communeCode), gte(persons.createdAt, new Date(fromMs)), lte(persons.createdAt, new Date(toMs))))
      .groupBy(persons.communeCode),
    db
      .select({ commune: rehabPlans.communeCode, to: planTransitions.toStatus, n: count() })
      .from(planTransitions)
      .innerJoin(rehabPlans, eq(rehabPlans.id, planTransitions.planId))
      .where(
        and(
          inScope(rehabPlans.communeCode),
          inArray(planTransitions.toStatus, ['active', 'terminated', 'transferred']),
          sql`(${planTransitions.fromStatus} is not 'suspended' or ${planTransitions.toStatus} <> 'active')`,
          gte(planTransitions.at, new Date(fromMs)),
          lte(planTransitions.at, new Date(toMs)),
        ),
      )
      .groupBy(rehabPlans.communeCode, planTransitions.toStatus),
    db
      .select({ commune: rehabPlans.communeCode, n: count() })
      .from(rehabPlans)
      .where(
        and(
          inScope(rehabPlans.communeCode),
          eq(rehabPlans.status, 'completed'),
          gte(rehabPlans.completionDate, period.from),
          lte(rehabPlans.completionDate, period.to),
        ),
      )
      .groupBy(rehabPlans.communeCode),
    db
      .select({ commune: postRehabRecords.communeCode, n: count() })
      .from(postRehabRecords)
      .where(and(inScope(postRehabRecords.communeCode), gte(postRehabRecords.relapseOn, period.from), lte(postRehabRecords.relapseOn, period.to)))
      .groupBy(postRehabRecords.communeCode),
    // Under post-rehab management at some point in the period: started by its end, not ended or relapsed before its start.
    db
      .select({ commune: postRehabRecords.communeCode, n: countDistinct(postRehabRecords.personId) })
      .from(postRehabRecords)
      .where(
        and(
          inScope(postRehabRecords.communeCode),
          lte(postRehabRecords.startOn, period.to),
          gte(postRehabRecords.endOn, period.from),
          sql`(${postRehabRecords.relapseOn} is null or ${postRehabRecords.relapseOn} >= ${period.from})`,
        ),
      )
      .groupBy(postRehabRecords.communeCode),
    db
      .select({ commune: reviews.communeCode, n: count() })
      .from(reviews)
      .where(and(inScope(reviews.communeCode), gte(reviews.reviewedOn, period.from), lte(reviews.reviewedOn, period.to)))
      .groupBy(reviews.communeCode),
    // Share employed: people reviewed in the period whose reviews say employed, among those whose employment was recorded.
    db
      .select({
        commune: reviews.communeCode,
        known: countDistinct(reviews.personId),
        employed: sql<number>`count(distinct case when ${reviews.employed} = 1 then ${reviews.personId} end)`,
      })
      .from(reviews)
      .where(and(inScope(reviews.communeCode), gte(reviews.reviewedOn, period.from), lte(reviews.reviewedOn, period.to), sql`${reviews.employed} is not null`))
      .groupBy(reviews.communeCode),
    db
      .select({ commune: supportRecords.communeCode, kind: supportRecords.kind, n: count(), amount: sum(supportRecords.amountVnd) })
      .from(supportRecords)
      .where(and(inScope(supportRecords.communeCode), gte(supportRecords.givenOn, period.from), lte(supportRecords.givenOn, period.to)))
      .groupBy(supportRecords.communeCode, supportRecords.kind),
    db.select({ code: communes.code, name: communes.name }).from(communes).where(inScope(communes.code)),
    db
      .select({ commune: followUps.communeCode, n: count() })
      .from(followUps)
      .where(and(inScope(followUps.communeCode), gte(followUps.contactedOn, period.from), lte(followUps.contactedOn, period.to)))
      .groupBy(followUps.communeCode),
    // The province's review policy (the route passes its pending read): what "overdue" means below.
    policy,
  ])
  return {
    byCategoryStatus,
    registrations,
    transitions,
    completions,
    relapses,
    postRehab,
    reviewRows,
    employment,
    support,
    communeNames,
    followUpRows,
    reviewPolicy,
  }
}

type ReportRows = Omit<Awaited<ReturnType<typeof queryReportRows>>, 'reviewPolicy' | 'communeNames'>
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
