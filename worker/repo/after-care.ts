import { asc, desc, eq, inArray } from 'drizzle-orm'
import { followUps, managementPeriods, planTransitions, postRehabRecords, rehabPlans, reviews, supportRecords } from '../../db/tenant/schema/index.ts'
import type { TenantDb, TenantTx } from '../../db/types.ts'
import { decisionSummary } from '../../kernel/domain/legal-decision.ts'
import { parseStoredDecision } from '../../kernel/domain/legal-decision-input.ts'
import { vietnamToday } from '../../kernel/calendar.ts'
import type { TimelineEvent } from '../../kernel/contract/cases.ts'
import type { FollowUpRecord, ManagementPeriodRecord, PostRehabRecord, SupportRecord } from '../../kernel/records.ts'
import type { PersonRow } from './persons.ts'
import { listMonitoring, listPersonHandovers, presentHandover, presentMonitoring } from './moving.ts'
import { listLegalRecords } from './legal-records.ts'
import { legalEvents } from '../../kernel/domain/legal-timeline.ts'

type PostRehabRow = typeof postRehabRecords.$inferSelect
type FollowUpRow = typeof followUps.$inferSelect
type SupportRow = typeof supportRecords.$inferSelect
type ManagementRow = typeof managementPeriods.$inferSelect

// What the API shows of these records is the row with its timestamps as ISO strings (what c.json makes of it).
const iso = <R extends { createdAt: Date; updatedAt: Date }>(row: R) => ({
  ...row,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
})
const dated = <R extends { createdAt: string; updatedAt: string }>(record: R) => ({
  ...record,
  createdAt: new Date(record.createdAt),
  updatedAt: new Date(record.updatedAt),
})

export const presentPostRehab = (row: PostRehabRow): PostRehabRecord => ({ ...iso(row), openDecision: parseStoredDecision(row.openDecision) })
export const presentFollowUp = (row: FollowUpRow): FollowUpRecord => iso(row)
export const presentSupport = (row: SupportRow): SupportRecord => iso(row)
export const presentManagementPeriod = (row: ManagementRow): ManagementPeriodRecord => ({
  ...iso(row),
  decision: parseStoredDecision(row.decision),
  endDecision: parseStoredDecision(row.endDecision),
})
export const postRehabRow = (record: PostRehabRecord): PostRehabRow => ({
  ...dated(record),
  openDecision: record.openDecision ? JSON.stringify(record.openDecision) : null,
})
export const followUpRow = (record: FollowUpRecord): FollowUpRow => dated(record)
export const supportRow = (record: SupportRecord): SupportRow => dated(record)
export const managementPeriodRow = (record: ManagementPeriodRecord): ManagementRow => ({
  ...dated(record),
  decision: record.decision ? JSON.stringify(record.decision) : null,
  endDecision: record.endDecision ? JSON.stringify(record.endDecision) : null,
})

export async function findPostRehab(db: TenantDb | TenantTx, id: string): Promise<PostRehabRow | undefined> {
  const [row] = await db.select().from(postRehabRecords).where(eq(postRehabRecords.id, id))
  return row
}
export async function findFollowUp(db: TenantDb | TenantTx, id: string): Promise<FollowUpRow | undefined> {
  const [row] = await db.select().from(followUps).where(eq(followUps.id, id))
  return row
}
export async function findSupport(db: TenantDb | TenantTx, id: string): Promise<SupportRow | undefined> {
  const [row] = await db.select().from(supportRecords).where(eq(supportRecords.id, id))
  return row
}
export async function findManagementPeriod(db: TenantDb | TenantTx, id: string): Promise<ManagementRow | undefined> {
  const [row] = await db.select().from(managementPeriods).where(eq(managementPeriods.id, id))
  return row
}

export async function listPostRehab(db: TenantDb, personId: string) {
  // The follow-ups by a sub-select of the person's records, so both reads go together (one round trip remotely).
  const [records, follow] = await Promise.all([
    db.select().from(postRehabRecords).where(eq(postRehabRecords.personId, personId)).orderBy(desc(postRehabRecords.startOn)),
    db
      .select()
      .from(followUps)
      .where(inArray(followUps.postRehabId, db.select({ id: postRehabRecords.id }).from(postRehabRecords).where(eq(postRehabRecords.personId, personId))))
      .orderBy(desc(followUps.contactedOn)),
  ])
  return records.map((r) => ({ ...r, openDecision: parseStoredDecision(r.openDecision), followUps: follow.filter((f) => f.postRehabId === r.id) }))
}

export async function listSupport(db: TenantDb, personId: string): Promise<SupportRow[]> {
  return db.select().from(supportRecords).where(eq(supportRecords.personId, personId)).orderBy(desc(supportRecords.givenOn))
}

/** A person's management periods, newest first, as the API shows them (decisions read back from their JSON). */
export async function listManagementPeriods(db: TenantDb, personId: string): Promise<ManagementPeriodRecord[]> {
  const rows = await db.select().from(managementPeriods).where(eq(managementPeriods.personId, personId)).orderBy(desc(managementPeriods.startOn))
  return rows.map(presentManagementPeriod)
}

export type { TimelineEvent }

/**
 * Everything that happened to a person, newest first: plan transitions (with their decisions; the route adds who
 * recorded each, by name), reviews, support, post-rehab and follow-ups, management periods, moves and monitoring,
 * determinations, referrals and methadone. Read by the person's id alone, so that the reads can go beside the
 * person's own (worker/reads.ts `readPerson`); the events are made once the person is read.
 */
export async function timeline(db: TenantDb, personId: string): Promise<(person: PersonRow) => TimelineEvent[]> {
  const rows = await readTimeline(db, personId)
  return (person) => eventsOf(person, rows)
}

async function readTimeline(db: TenantDb, personId: string) {
  // Every read at once (the status changes by a sub-select of the person's plans): one round trip remotely.
  const [transitions, reviewRows, support, records, follow, periods, moves, monitoring, legal] = await Promise.all([
    db
      .select()
      .from(planTransitions)
      .where(inArray(planTransitions.planId, db.select({ id: rehabPlans.id }).from(rehabPlans).where(eq(rehabPlans.personId, personId))))
      .orderBy(asc(planTransitions.id)),
    db.select().from(reviews).where(eq(reviews.personId, personId)),
    db.select().from(supportRecords).where(eq(supportRecords.personId, personId)),
    db.select().from(postRehabRecords).where(eq(postRehabRecords.personId, personId)),
    db.select().from(followUps).where(eq(followUps.personId, personId)).orderBy(desc(followUps.contactedOn)),
    db.select().from(managementPeriods).where(eq(managementPeriods.personId, personId)),
    listPersonHandovers(db, personId),
    listMonitoring(db, personId),
    listLegalRecords(db, personId),
  ])
  return { transitions, reviewRows, support, records, follow, periods, moves, monitoring, legal }
}

/** The person's events from the rows `readTimeline` read, newest first. */
function eventsOf(
  person: PersonRow,
  { transitions, reviewRows, support, records, follow, periods, moves, monitoring, legal }: Awaited<ReturnType<typeof readTimeline>>,
): TimelineEvent[] {
  const events: TimelineEvent[] = [
    // Event days are Vietnam's calendar days (an officer registering at 06:30 did so today, not "yesterday" in UTC).
    {
      on: vietnamToday(person.createdAt),
      at: person.createdAt.toISOString(),
      kind: 'registered',
      summary: { category: person.category },
      refId: person.id,
      by: person.createdBy,
    },
    ...transitions.map(
      (tr): TimelineEvent => ({
        on: vietnamToday(tr.at),
        at: tr.at.toISOString(),
        kind: 'plan_status',
        summary: {
          from: tr.fromStatus,
          to: tr.toStatus,
          reason: tr.reason,
          note: tr.note,
          ...decisionSummary(parseStoredDecision(tr.decision)),
        },
        refId: tr.planId,
        by: tr.by,
      }),
    ),
    ...reviewRows.map(
      (r): TimelineEvent => ({
        on: r.reviewedOn,
        at: r.createdAt.toISOString(),
        kind: 'review',
        summary: { attended: r.attended, drugTest: r.drugTest, riskLevel: r.riskLevel, employed: r.employed },
        refId: r.id,
        by: r.createdBy,
      }),
    ),
    ...support.map(
      (s): TimelineEvent => ({
        on: s.givenOn,
        at: s.createdAt.toISOString(),
        kind: 'support',
        summary: { kind: s.kind, amountVnd: s.amountVnd },
        refId: s.id,
        by: s.createdBy,
      }),
    ),
    ...records.map(
      (r): TimelineEvent => ({
        on: r.startOn,
        at: r.createdAt.toISOString(),
        kind: 'post_rehab',
        summary: {
          status: r.status,
          endOn: r.endOn,
          supportModel: r.supportModel,
          supporterName: r.supporterName,
          relapseOn: r.relapseOn,
          ...decisionSummary(parseStoredDecision(r.openDecision)),
        },
        refId: r.id,
        by: r.createdBy,
      }),
    ),
    ...follow.map(
      (f): TimelineEvent => ({
        on: f.contactedOn,
        at: f.createdAt.toISOString(),
        kind: 'follow_up',
        summary: { method: f.method, notes: f.notes },
        refId: f.id,
        by: f.createdBy,
      }),
    ),
    // The law's records (kernel/domain/legal-timeline.ts): the phone builds the same events from its store.
    ...legalEvents({
      managementPeriods: periods.map(presentManagementPeriod),
      handovers: moves.map(presentHandover),
      monitoring: monitoring.map(presentMonitoring),
      ...legal,
    }),
  ]
  return events.sort((a, b) => (a.on === b.on ? b.at.localeCompare(a.at) : b.on.localeCompare(a.on)))
}
