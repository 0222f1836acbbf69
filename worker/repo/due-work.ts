import { and, eq, inArray, sql, type Column } from 'drizzle-orm'
import { followUps, managementPeriods, persons, postRehabRecords, rehabPlans, reviews } from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'
import type { DueWorkRecords } from '../../kernel/domain/due-work.ts'

/**
 * The rows kernel/domain/due-work.ts reads, for the open records of the given communes (null: the province):
 * active plans with their latest review, active post-rehab records with their latest contact, active management
 * periods, each joined to its person (whose commune is checked too, as the caseload does). Three queries, each
 * a seek per record in an existing index; the latest dates are correlated subqueries, as in the caseload.
 */
export async function dueWorkRecords(db: TenantDb, communes: readonly string[] | null): Promise<DueWorkRecords> {
  const inScope = (column: Column) => (communes ? inArray(column, [...communes]) : undefined)
  const lastReviewOn = sql<string | null>`(select max(${reviews.reviewedOn}) from ${reviews} where ${reviews.planId} = ${rehabPlans.id})`
  const lastContactOn = sql<string | null>`(select max(${followUps.contactedOn}) from ${followUps} where ${followUps.postRehabId} = ${postRehabRecords.id})`
  const person = { personId: persons.id, fullName: persons.fullName, communeCode: persons.communeCode }
  const [plans, postRehab, periods] = await Promise.all([
    db
      .select({ ...person, id: rehabPlans.id, startOn: rehabPlans.startOn, lastOn: lastReviewOn })
      .from(rehabPlans)
      .innerJoin(persons, eq(persons.id, rehabPlans.personId))
      .where(and(eq(rehabPlans.status, 'active'), inScope(rehabPlans.communeCode), inScope(persons.communeCode))),
    db
      .select({ ...person, id: postRehabRecords.id, startOn: postRehabRecords.startOn, endOn: postRehabRecords.endOn, lastOn: lastContactOn })
      .from(postRehabRecords)
      .innerJoin(persons, eq(persons.id, postRehabRecords.personId))
      .where(and(eq(postRehabRecords.status, 'active'), inScope(postRehabRecords.communeCode), inScope(persons.communeCode))),
    db
      .select({ ...person, id: managementPeriods.id, startOn: managementPeriods.startOn, endOn: managementPeriods.endOn })
      .from(managementPeriods)
      .innerJoin(persons, eq(persons.id, managementPeriods.personId))
      .where(and(eq(managementPeriods.status, 'active'), inScope(managementPeriods.communeCode), inScope(persons.communeCode))),
  ])
  const people = new Map<string, DueWorkRecords['persons'][number]>()
  for (const row of [...plans, ...postRehab, ...periods]) people.set(row.personId, { id: row.personId, fullName: row.fullName, communeCode: row.communeCode })
  return {
    persons: [...people.values()],
    plans: plans.map((p) => ({ id: p.id, personId: p.personId, status: 'active', startOn: p.startOn })),
    reviews: plans.flatMap((p) => (p.lastOn ? [{ planId: p.id, reviewedOn: p.lastOn }] : [])),
    postRehab: postRehab.map((r) => ({ id: r.id, personId: r.personId, status: 'active', startOn: r.startOn, endOn: r.endOn })),
    followUps: postRehab.flatMap((r) => (r.lastOn ? [{ postRehabId: r.id, contactedOn: r.lastOn }] : [])),
    managementPeriods: periods.map((m) => ({ id: m.id, personId: m.personId, status: 'active', startOn: m.startOn, endOn: m.endOn })),
  }
}
