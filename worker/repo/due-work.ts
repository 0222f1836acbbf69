import { and, eq, inArray, sql, type Column } from 'drizzle-orm'
import { determinations, followUps, handovers, managementPeriods, persons, postRehabRecords, rehabPlans, reviews } from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'
import type { DueWorkRecords } from '../../kernel/domain/due-work.ts'

/**
 * The rows kernel/domain/due-work.ts reads, for the open records of the given communes (null: the province):
 * active plans with their latest review, active post-rehab records with their latest contact, active management
 * periods, determinations of people awaiting registration, each joined to its person (whose commune is checked
 * too, as the caseload does), and pending hand-overs to this province's communes. Five queries run together; the
 * latest dates are correlated subqueries, as in the caseload.
 */
export async function dueWorkRecords(db: TenantDb, communes: readonly string[] | null, province: string): Promise<DueWorkRecords> {
  const inScope = (column: Column) => (communes ? inArray(column, [...communes]) : undefined)
  const lastReviewOn = sql<string | null>`(select max(${reviews.reviewedOn}) from ${reviews} where ${reviews.planId} = ${rehabPlans.id})`
  const lastContactOn = sql<string | null>`(select max(${followUps.contactedOn}) from ${followUps} where ${followUps.postRehabId} = ${postRehabRecords.id})`
  const person = { personId: persons.id, fullName: persons.fullName, communeCode: persons.communeCode }
  const [plans, postRehab, periods, owed, incoming] = await Promise.all([
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
    db
      .select({
        ...person,
        id: determinations.id,
        result: determinations.result,
        resultOn: determinations.resultOn,
        registrationDueOn: determinations.registrationDueOn,
      })
      .from(determinations)
      .innerJoin(persons, eq(persons.id, determinations.personId))
      .where(and(eq(persons.status, 'awaiting_registration'), eq(determinations.result, 'dependent'), inScope(persons.communeCode))),
    db
      .select({ id: handovers.id, communeCode: handovers.communeCode, subject: handovers.subject, notifiedAt: handovers.notifiedAt })
      .from(handovers)
      .where(and(eq(handovers.status, 'pending'), eq(handovers.toProvinceCode, province), inScope(handovers.communeCode))),
  ])
  const people = new Map<string, DueWorkRecords['persons'][number]>()
  for (const row of [...plans, ...postRehab, ...periods]) people.set(row.personId, { id: row.personId, fullName: row.fullName, communeCode: row.communeCode })
  // Only people awaiting registration were selected with their determinations.
  for (const row of owed) people.set(row.personId, { id: row.personId, fullName: row.fullName, communeCode: row.communeCode, status: 'awaiting_registration' })
  return {
    persons: [...people.values()],
    plans: plans.map((p) => ({ id: p.id, personId: p.personId, status: 'active', startOn: p.startOn })),
    reviews: plans.flatMap((p) => (p.lastOn ? [{ planId: p.id, reviewedOn: p.lastOn }] : [])),
    postRehab: postRehab.map((r) => ({ id: r.id, personId: r.personId, status: 'active', startOn: r.startOn, endOn: r.endOn })),
    followUps: postRehab.flatMap((r) => (r.lastOn ? [{ postRehabId: r.id, contactedOn: r.lastOn }] : [])),
    managementPeriods: periods.map((m) => ({ id: m.id, personId: m.personId, status: 'active', startOn: m.startOn, endOn: m.endOn })),
    determinations: owed.map((d) => ({ id: d.id, personId: d.personId, result: d.result, resultOn: d.resultOn, registrationDueOn: d.registrationDueOn })),
    handovers: incoming.map((h) => ({
      id: h.id,
      communeCode: h.communeCode,
      fullName: subjectName(h.subject),
      notifiedAt: h.notifiedAt.toISOString(),
      status: 'pending',
    })),
  }
}

/** The name in a hand-over's allowed fields (JSON); empty when unreadable. */
function subjectName(subject: string): string {
  try {
    const name = (JSON.parse(subject) as { fullName?: unknown }).fullName
    return typeof name === 'string' ? name : ''
  } catch {
    return ''
  }
}
