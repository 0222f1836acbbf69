// The case records a command reads and writes, by collection: the one place where a command's decision
// (kernel/commands/command.ts) becomes drizzle statements, and where a record is read back as the API shows it.
import { eq, sql, type SQL } from 'drizzle-orm'
import {
  certificationFlags,
  compulsoryReferrals,
  determinations,
  followUps,
  handovers,
  managementPeriods,
  methadoneTreatments,
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
import type { StatusFacts } from '../../kernel/domain/person-status.ts'
import { OPEN_PLAN_STATUSES } from '../../kernel/domain/plan-status.ts'
import type { PersonCategory } from '../../kernel/records.ts'
import type { ReferralStatus } from '../../kernel/vocabulary.ts'
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
import {
  decisionColumn,
  determinationRow,
  findDetermination,
  findMethadone,
  findReferral,
  methadoneRow,
  presentDetermination,
  presentMethadone,
  presentReferral,
  referralRow,
} from './legal-records.ts'
import { changesHistory } from '../../kernel/domain/status-effective.ts'
import { findPerson, personRow, presentPerson } from './persons.ts'
import { findPlan, findPlanFacts, loadPlanView, planRow, transitionRow } from './plans.ts'
import { findReview, presentReview, reviewRow } from './reviews.ts'
import {
  findActivity,
  findActivityRow,
  findMember,
  findMemberRow,
  findModel,
  findModelRow,
  findSession,
  findSessionRow,
  insertCommunityRecord,
  updateCommunityRecord,
} from './community.ts'
import {
  findAssessment,
  findCertificationExisting,
  findFlag,
  findPeriod,
  insertCertificationRecord,
  presentCertificationRecord,
  updateCertificationRecord,
} from './certification-records.ts'

/** The row of the record a command acts on: its commune is authorized, its person loaded. */
export async function findTarget(tx: TenantDb | TenantTx, collection: TargetCollection, id: string) {
  if (collection === 'persons') return findPerson(tx, id)
  // A hand-over's decide reads its subject (a received one registers the person from it): the record as presented.
  if (collection === 'handovers') return present(await findHandover(tx, id), presentHandover)
  if (collection === 'monitoring') return findMonitoring(tx, id)
  if (collection === 'plans') return findPlanFacts(tx, id)
  // The activity log and models: their decide reads the record as presented (a model's decision parsed).
  if (collection === 'activities') return findActivity(tx, id)
  if (collection === 'models') return findModel(tx, id)
  if (collection === 'modelMembers') return findMember(tx, id)
  if (collection === 'managementPeriods') return findManagementPeriod(tx, id)
  if (collection === 'determinations') return findDetermination(tx, id)
  if (collection === 'referrals') return findReferral(tx, id)
  if (collection === 'methadone') return findMethadone(tx, id)
  if (collection === 'assessments') return findAssessment(tx, id)
  if (collection === 'statusPeriods') return findPeriod(tx, id)
  if (collection === 'certificationFlags') return findFlag(tx, id)
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
    case 'activities':
      return findActivityRow(tx, ref.id)
    case 'models':
      return findModelRow(tx, ref.id)
    case 'modelMembers':
      return findMemberRow(tx, ref.id)
    case 'modelSessions':
      return findSessionRow(tx, ref.id)
    case 'determinations':
      return findDetermination(tx, ref.id)
    case 'referrals': {
      const row = await findReferral(tx, ref.id)
      return row && { personId: row.personId, communeCode: row.communeCode, createdBy: row.createdBy }
    }
    case 'methadone':
      return findMethadone(tx, ref.id)
    case 'criteriaSets':
    case 'populations':
    case 'assessments':
      return findCertificationExisting(tx, ref.collection, ref.id)
    case 'planTransitions':
    case 'activityVersions':
    case 'assessmentTransitions':
    case 'statusPeriods':
    case 'certificationFlags':
      return undefined
  }
}

/**
 * What of a person's records the rules look at: open plans, active post-rehab records and management periods, and
 * the facts their status follows from (every plan, post-rehab record, management period, determination, referral
 * and substitution treatment of theirs), in one statement (each statement of a write transaction is a round trip
 * to a remote database).
 */
export async function loadCase(
  tx: TenantTx | TenantDb,
  personId: string | SQL,
  category: PersonCategory,
): Promise<Pick<State<unknown>, 'openPlans' | 'activePostRehab' | 'activeManagement' | 'facts'>> {
  // person_id read back: `personId` may be a sub-select (ownerIdOf), the id not known when the query is sent.
  const rows = await tx.all<FactRow>(sql`
    select 'plan' as kind, ${rehabPlans.id} as id, ${rehabPlans.personId} as person_id, ${rehabPlans.status} as status, ${rehabPlans.registeredOn} as d1, ${rehabPlans.startOn} as d2, ${rehabPlans.version} as version
      from ${rehabPlans} where ${rehabPlans.personId} = ${personId}
    union all
    select 'post_rehab', ${postRehabRecords.id}, ${postRehabRecords.personId}, ${postRehabRecords.status}, ${postRehabRecords.relapseOn}, ${postRehabRecords.startOn}, ${postRehabRecords.version}
      from ${postRehabRecords} where ${postRehabRecords.personId} = ${personId}
    union all
    select 'management', ${managementPeriods.id}, ${managementPeriods.personId}, ${managementPeriods.status}, ${managementPeriods.startOn}, null, ${managementPeriods.version}
      from ${managementPeriods} where ${managementPeriods.personId} = ${personId}
    union all
    select 'determination', ${determinations.id}, ${determinations.personId}, ${determinations.result}, ${determinations.resultOn}, null, ${determinations.version}
      from ${determinations} where ${determinations.personId} = ${personId}
    union all
    select 'referral', ${compulsoryReferrals.id}, ${compulsoryReferrals.personId}, ${compulsoryReferrals.status}, ${compulsoryReferrals.dossierOn}, null, ${compulsoryReferrals.version}
      from ${compulsoryReferrals} where ${compulsoryReferrals.personId} = ${personId}
    union all
    select 'methadone', ${methadoneTreatments.id}, ${methadoneTreatments.personId}, ${methadoneTreatments.status}, ${methadoneTreatments.startOn}, ${methadoneTreatments.endReason}, ${methadoneTreatments.version}
      from ${methadoneTreatments} where ${methadoneTreatments.personId} = ${personId}`)
  return caseOf(category, rows)
}

/**
 * The person a target record belongs to, as a sub-select of its person_id (none for a record without one): their
 * row and case can then be read in the same round trip as the target itself (worker/commands/run.ts).
 */
export function ownerIdOf(ref: { collection: TargetCollection; id: string }): SQL | undefined {
  const table = ownedTables[ref.collection as keyof typeof ownedTables]
  return table ? sql`(select ${table.personId} from ${table} where ${table.id} = ${ref.id})` : undefined
}

const ownedTables = {
  plans: rehabPlans,
  postRehab: postRehabRecords,
  handovers,
  monitoring: monitoringRecords,
  managementPeriods,
  determinations,
  referrals: compulsoryReferrals,
  methadone: methadoneTreatments,
  // A flag names the person it was raised about (none for some kinds): read with it, not after it.
  certificationFlags,
}

/** A person by id or by a sub-select of it (ownerIdOf). */
export async function findPersonBy(tx: TenantTx, key: string | SQL) {
  const [row] = await tx.select().from(persons).where(eq(persons.id, key))
  return row
}

type FactRow = { kind: string; id: string; person_id: string; status: string | null; d1: string | null; d2: string | null; version: number }

/** The rows of loadCase as the state's lists and facts (the statuses are the columns' enums). */
function caseOf(category: PersonCategory, rows: FactRow[]) {
  const openPlans: PlanFacts[] = []
  const activePostRehab: PostRehabFacts[] = []
  const activeManagement: ManagementFacts[] = []
  const facts = { category, plans: [], postRehab: [], managementPeriods: [], determinations: [], referrals: [], methadone: [] } as {
    -readonly [K in keyof StatusFacts]: StatusFacts[K] extends readonly (infer E)[] ? E[] : StatusFacts[K]
  }
  for (const { kind, id, person_id: personId, status, d1, d2, version } of rows) {
    if (kind === 'plan') {
      const planStatus = status as PlanFacts['status']
      facts.plans.push({ id, status: planStatus, registeredOn: d1 ?? '' })
      if (OPEN_PLAN_STATUSES.includes(planStatus)) openPlans.push({ id, personId, status: planStatus, version, startOn: d2 ?? '' })
    } else if (kind === 'post_rehab') {
      facts.postRehab.push({ id, status: status as 'active' | 'ended' | 'relapsed', relapseOn: d1 })
      if (status === 'active') activePostRehab.push({ id, personId, status: 'active', version, startOn: d2 ?? '' })
    } else if (kind === 'management') {
      facts.managementPeriods.push({ id, status: status as 'active' | 'ended' })
      if (status === 'active') activeManagement.push({ id, personId, status: 'active', version })
    } else if (kind === 'determination') {
      facts.determinations.push({ id, result: status as 'dependent' | 'not_dependent' | null, resultOn: d1 })
    } else if (kind === 'referral') {
      facts.referrals.push({ id, status: status as ReferralStatus, dossierOn: d1 ?? '' })
    } else {
      facts.methadone.push({ id, status: status as 'active' | 'ended', startOn: d1 ?? '', endReason: d2 as StatusFacts['methadone'][number]['endReason'] })
    }
  }
  return { openPlans, activePostRehab, activeManagement, facts }
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
    case 'activities':
      return findActivity(tx, ref.id)
    case 'models':
      return findModel(tx, ref.id)
    case 'modelMembers':
      return findMember(tx, ref.id)
    case 'modelSessions':
      return findSession(tx, ref.id)
    case 'determinations':
      return present(await findDetermination(tx, ref.id), presentDetermination)
    case 'referrals':
      return present(await findReferral(tx, ref.id), presentReferral)
    case 'methadone':
      return present(await findMethadone(tx, ref.id), presentMethadone)
    case 'criteriaSets':
    case 'populations':
    case 'assessments':
    case 'statusPeriods':
    case 'certificationFlags':
      return presentCertificationRecord(tx, ref.collection, ref.id)
    case 'planTransitions':
    case 'activityVersions':
    case 'assessmentTransitions':
      return undefined
  }
}

const present = <R, V>(row: R | undefined, fn: (row: R) => V): V | undefined => (row === undefined ? undefined : fn(row))

/** Writes what a command decided, in the caller's transaction. */
/**
 * The decision's rows. `statusSince` (kernel statusEffectiveOn) is stamped on a person it makes or whose status,
 * commune or category it changes: the status history's triggers date the change by it (decision 0034).
 */
export async function writeDecision(tx: TenantTx, decision: Decision, statusSince: string): Promise<void> {
  for (const insert of decision.inserts) await insertRecord(tx, insert, statusSince)
  for (const update of decision.updates) await updateRecord(tx, update, statusSince)
}

async function insertRecord(tx: TenantTx, insert: Insert, statusSince: string): Promise<void> {
  if (await insertCommunityRecord(tx, insert.collection, insert.record)) return
  if (await insertCertificationRecord(tx, insert.collection, insert.record)) return
  switch (insert.collection) {
    case 'persons':
      return void (await tx.insert(persons).values(personRow(insert.record, statusSince)))
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
    case 'determinations':
      return void (await tx.insert(determinations).values(determinationRow(insert.record)))
    case 'referrals':
      return void (await tx.insert(compulsoryReferrals).values(referralRow(insert.record)))
    case 'methadone':
      return void (await tx.insert(methadoneTreatments).values(methadoneRow(insert.record)))
    case 'handovers':
      return void (await tx.insert(handovers).values(handoverRow(insert.record)))
    case 'monitoring':
      return void (await tx.insert(monitoringRecords).values(monitoringRow(insert.record)))
    default:
      throw new Error(`no writer for ${insert.collection}`)
  }
}

/** The changed fields as columns: timestamps as dates, a plan's lists as JSON, a new name's search key. */
function columns(set: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = { ...set }
  for (const key of ['createdAt', 'updatedAt', 'respondedAt', 'notifiedAt'] as const) if (typeof set[key] === 'string') row[key] = new Date(set[key])
  for (const key of ['members', 'stages', 'openDecision'] as const) if (set[key] !== undefined) row[key] = JSON.stringify(set[key])
  // Nested values stored as JSON columns; null stays null (no representative).
  for (const key of ['legalRepresentative', 'subject'] as const) if (set[key] !== undefined) row[key] = set[key] === null ? null : JSON.stringify(set[key])
  if (typeof set.fullName === 'string') row.nameKey = foldDiacritics(set.fullName)
  for (const key of ['decision', 'endDecision', 'courtDecision', 'returnDecision'] as const)
    if (set[key] !== undefined) row[key] = decisionColumn(set[key] as Parameters<typeof decisionColumn>[0])
  return row
}

async function updateRecord(tx: TenantTx, update: Update, statusSince: string): Promise<void> {
  if (await updateCommunityRecord(tx, update.collection, update.id, update.set)) return
  if (await updateCertificationRecord(tx, update.collection, update.id, update.set)) return
  const set = columns(update.set)
  switch (update.collection) {
    case 'persons':
      return void (await tx
        .update(persons)
        .set(changesHistory(update.set) ? { ...set, statusSince } : set)
        .where(eq(persons.id, update.id)))
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
    case 'determinations':
      return void (await tx.update(determinations).set(set).where(eq(determinations.id, update.id)))
    case 'referrals':
      return void (await tx.update(compulsoryReferrals).set(set).where(eq(compulsoryReferrals.id, update.id)))
    case 'methadone':
      return void (await tx.update(methadoneTreatments).set(set).where(eq(methadoneTreatments.id, update.id)))
    case 'planTransitions':
    case 'activityVersions':
      throw new Error(`${update.collection} are never changed`)
    default:
      throw new Error(`no writer for ${update.collection}`)
  }
}
