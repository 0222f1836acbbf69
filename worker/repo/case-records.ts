// The case records a command reads and writes, by collection: the one place where a command's decision
// (kernel/commands/command.ts) becomes drizzle statements, and where a record is read back as the API shows it.
import { eq, sql } from 'drizzle-orm'
import {
  followUps,
  handovers,
  managementPeriods,
  monitoringRecords,
  persons,
  planTransitions,
  postRehabRecords,
  rehabPlans,
  reviews,
  supportRecords,
} from '../../db/tenant/schema/index.ts'
import type { TenantDb, TenantTx } from '../../db/types.ts'
import type {
  Decision,
  ExistingFacts,
  Insert,
  ManagementFacts,
  PlanFacts,
  PostRehabFacts,
  RecordRef,
  State,
  TargetCollection,
  Update,
} from '../../kernel/commands/command.ts'
import { OPEN_PLAN_STATUSES } from '../../kernel/domain/plan-status.ts'
import { foldDiacritics } from '../../kernel/text-fold.ts'
import {
  findFollowUp,
  findManagementPeriod,
  findPostRehab,
  findSupport,
  followUpRow,
  managementPeriodRow,
  postRehabRow,
  presentFollowUp,
  presentManagementPeriod,
  presentPostRehab,
  presentSupport,
  supportRow,
} from './after-care.ts'
import { findHandover, findMonitoring, handoverRow, monitoringRow, presentHandover, presentMonitoring } from './moving.ts'
import { findPerson, personRow, presentPerson } from './persons.ts'
import { findPlan, loadPlanView, planRow, transitionRow } from './plans.ts'
import { findReview, presentReview, reviewRow } from './reviews.ts'

/** The row of the record a command acts on: its commune is authorized, its person loaded. */
export async function findTarget(tx: TenantDb | TenantTx, collection: TargetCollection, id: string) {
  if (collection === 'persons') return findPerson(tx, id)
  if (collection === 'plans') return findPlan(tx, id)
  if (collection === 'handovers') return findHandover(tx, id)
  if (collection === 'monitoring') return findMonitoring(tx, id)
  return findPostRehab(tx, id)
}

/** The record already under a create's client id, in any commune. */
export async function findExisting(tx: TenantTx, ref: RecordRef): Promise<ExistingFacts | undefined> {
  switch (ref.collection) {
    case 'persons':
      return findPerson(tx, ref.id)
    case 'plans':
      return findPlan(tx, ref.id)
    case 'reviews':
      return findReview(tx, ref.id)
    case 'postRehab':
      return findPostRehab(tx, ref.id)
    case 'followUps':
      return findFollowUp(tx, ref.id)
    case 'support':
      return findSupport(tx, ref.id)
    case 'managementPeriods':
      return findManagementPeriod(tx, ref.id)
    case 'handovers': {
      const row = await findHandover(tx, ref.id)
      return row && { ...row, personId: row.personId ?? undefined }
    }
    case 'monitoring':
      return findMonitoring(tx, ref.id)
    case 'planTransitions':
      return undefined
  }
}

/**
 * What of a person's records the rules look at: open plans, active post-rehab records and management periods, in
 * one statement (each statement of a write transaction is a round trip to a remote database).
 */
export async function loadCase(tx: TenantTx, personId: string): Promise<Pick<State<unknown>, 'openPlans' | 'activePostRehab' | 'activeManagement'>> {
  const open = sql.join(
    OPEN_PLAN_STATUSES.map((status) => sql`${status}`),
    sql`, `,
  )
  const rows = await tx.all<{ kind: string; id: string; personId: string; status: string; version: number; startOn: string }>(sql`
    select 'plan' as kind, ${rehabPlans.id} as id, ${rehabPlans.personId} as personId, ${rehabPlans.status} as status, ${rehabPlans.version} as version, ${rehabPlans.startOn} as startOn
      from ${rehabPlans} where ${rehabPlans.personId} = ${personId} and ${rehabPlans.status} in (${open})
    union all
    select 'post_rehab', ${postRehabRecords.id}, ${postRehabRecords.personId}, ${postRehabRecords.status}, ${postRehabRecords.version}, ${postRehabRecords.startOn}
      from ${postRehabRecords} where ${postRehabRecords.personId} = ${personId} and ${postRehabRecords.status} = 'active'
    union all
    select 'management', ${managementPeriods.id}, ${managementPeriods.personId}, ${managementPeriods.status}, ${managementPeriods.version}, ${managementPeriods.startOn}
      from ${managementPeriods} where ${managementPeriods.personId} = ${personId} and ${managementPeriods.status} = 'active'`)
  const openPlans: PlanFacts[] = []
  const activePostRehab: PostRehabFacts[] = []
  const activeManagement: ManagementFacts[] = []
  for (const { kind, id, status, version, startOn } of rows) {
    // The statuses are the ones the query selected: active for post-rehab records and management periods.
    if (kind === 'post_rehab') activePostRehab.push({ id, personId, status: 'active', version, startOn })
    else if (kind === 'management') activeManagement.push({ id, personId, status: 'active' })
    else openPlans.push({ id, personId, status: OPEN_PLAN_STATUSES.find((s) => s === status) ?? 'draft', version, startOn })
  }
  return { openPlans, activePostRehab, activeManagement }
}

/** A record as the ordinary GET route shows it, read inside the change's transaction. */
export async function presentRecord(tx: TenantTx, ref: RecordRef): Promise<unknown> {
  switch (ref.collection) {
    case 'persons':
      return present(await findPerson(tx, ref.id), presentPerson)
    case 'plans':
      return loadPlanView(tx, ref.id)
    case 'reviews':
      return present(await findReview(tx, ref.id), presentReview)
    case 'postRehab':
      return present(await findPostRehab(tx, ref.id), presentPostRehab)
    case 'followUps':
      return present(await findFollowUp(tx, ref.id), presentFollowUp)
    case 'support':
      return present(await findSupport(tx, ref.id), presentSupport)
    case 'managementPeriods':
      return present(await findManagementPeriod(tx, ref.id), presentManagementPeriod)
    case 'handovers':
      return present(await findHandover(tx, ref.id), presentHandover)
    case 'monitoring':
      return present(await findMonitoring(tx, ref.id), presentMonitoring)
    case 'planTransitions':
      return undefined
  }
}

const present = <R, V>(row: R | undefined, fn: (row: R) => V): V | undefined => (row === undefined ? undefined : fn(row))

/** Writes what a command decided, in the caller's transaction. */
export async function writeDecision(tx: TenantTx, decision: Decision): Promise<void> {
  for (const insert of decision.inserts) await insertRecord(tx, insert)
  for (const update of decision.updates) await updateRecord(tx, update)
}

async function insertRecord(tx: TenantTx, insert: Insert): Promise<void> {
  switch (insert.collection) {
    case 'persons':
      return void (await tx.insert(persons).values(personRow(insert.record)))
    case 'plans':
      return void (await tx.insert(rehabPlans).values(planRow(insert.record)))
    case 'planTransitions':
      return void (await tx.insert(planTransitions).values(transitionRow(insert.record)))
    case 'reviews':
      return void (await tx.insert(reviews).values(reviewRow(insert.record)))
    case 'postRehab':
      return void (await tx.insert(postRehabRecords).values(postRehabRow(insert.record)))
    case 'followUps':
      return void (await tx.insert(followUps).values(followUpRow(insert.record)))
    case 'support':
      return void (await tx.insert(supportRecords).values(supportRow(insert.record)))
    case 'managementPeriods':
      return void (await tx.insert(managementPeriods).values(managementPeriodRow(insert.record)))
    case 'handovers':
      return void (await tx.insert(handovers).values(handoverRow(insert.record)))
    case 'monitoring':
      return void (await tx.insert(monitoringRecords).values(monitoringRow(insert.record)))
  }
}

/** The changed fields as columns: timestamps as dates, a plan's lists as JSON, a new name's search key. */
function columns(set: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = { ...set }
  for (const key of ['createdAt', 'updatedAt', 'respondedAt', 'notifiedAt'] as const) if (typeof set[key] === 'string') row[key] = new Date(set[key])
  for (const key of ['members', 'stages'] as const) if (set[key] !== undefined) row[key] = JSON.stringify(set[key])
  // Nested values stored as JSON columns; null stays null (no representative, no decision).
  for (const key of ['legalRepresentative', 'decision', 'endDecision', 'subject'] as const)
    if (set[key] !== undefined) row[key] = set[key] === null ? null : JSON.stringify(set[key])
  if (typeof set.fullName === 'string') row.nameKey = foldDiacritics(set.fullName)
  return row
}

async function updateRecord(tx: TenantTx, update: Update): Promise<void> {
  const set = columns(update.set)
  switch (update.collection) {
    case 'persons':
      return void (await tx.update(persons).set(set).where(eq(persons.id, update.id)))
    case 'plans':
      return void (await tx.update(rehabPlans).set(set).where(eq(rehabPlans.id, update.id)))
    case 'reviews':
      return void (await tx.update(reviews).set(set).where(eq(reviews.id, update.id)))
    case 'postRehab':
      return void (await tx.update(postRehabRecords).set(set).where(eq(postRehabRecords.id, update.id)))
    case 'followUps':
      return void (await tx.update(followUps).set(set).where(eq(followUps.id, update.id)))
    case 'support':
      return void (await tx.update(supportRecords).set(set).where(eq(supportRecords.id, update.id)))
    case 'managementPeriods':
      return void (await tx.update(managementPeriods).set(set).where(eq(managementPeriods.id, update.id)))
    case 'handovers':
      return void (await tx.update(handovers).set(set).where(eq(handovers.id, update.id)))
    case 'monitoring':
      return void (await tx.update(monitoringRecords).set(set).where(eq(monitoringRecords.id, update.id)))
    case 'planTransitions':
      throw new Error('plan transitions are never changed')
  }
}
