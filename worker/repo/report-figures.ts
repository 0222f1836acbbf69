import { and, count, countDistinct, eq, gte, inArray, lte, sql, sum } from 'drizzle-orm'
import type { AnySQLiteColumn } from 'drizzle-orm/sqlite-core'
import { followUps, persons, planTransitions, postRehabRecords, rehabPlans, reviews, supportRecords } from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'
import { vietnamDayEnd, vietnamDayStart } from '../../kernel/calendar.ts'
import type { ReportPeriod } from '../../kernel/domain/report-period.ts'
import { communeNames as communesOf } from './communes.ts'

// The report's figures (DOMAIN.md §7) as SQL aggregates in the province database, never by loading people into
// memory; worker/services/reports.ts adds them up per commune and in total.

/** One grouped aggregate per figure, run together; each row names its commune. */
export async function reportFigureRows(db: TenantDb, period: ReportPeriod, scope: readonly string[] | null) {
  const inScope = (column: AnySQLiteColumn) => (scope ? inArray(column, [...scope]) : undefined)
  const fromMs = vietnamDayStart(period.from).getTime()
  const toMs = vietnamDayEnd(period.to).getTime()

  const [byCategoryStatus, registrations, transitions, completions, relapses, postRehab, reviewRows, employment, support, communeNames, followUpRows] =
    await Promise.all([
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
        .where(
          and(inScope(reviews.communeCode), gte(reviews.reviewedOn, period.from), lte(reviews.reviewedOn, period.to), sql`${reviews.employed} is not null`),
        )
        .groupBy(reviews.communeCode),
      db
        .select({ commune: supportRecords.communeCode, kind: supportRecords.kind, n: count(), amount: sum(supportRecords.amountVnd) })
        .from(supportRecords)
        .where(and(inScope(supportRecords.communeCode), gte(supportRecords.givenOn, period.from), lte(supportRecords.givenOn, period.to)))
        .groupBy(supportRecords.communeCode, supportRecords.kind),
      communesOf(db, scope),
      db
        .select({ commune: followUps.communeCode, n: count() })
        .from(followUps)
        .where(and(inScope(followUps.communeCode), gte(followUps.contactedOn, period.from), lte(followUps.contactedOn, period.to)))
        .groupBy(followUps.communeCode),
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
  }
}

export type ReportFigureRows = Awaited<ReturnType<typeof reportFigureRows>>
