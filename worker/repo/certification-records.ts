// The drug-free commune records (decision 0037): rows ↔ records, and their writers (case-records.ts dispatches
// to these), so a command's decision becomes statements here as every other record's does.
import { asc, eq } from 'drizzle-orm'
import {
  assessmentTransitions,
  certificationFlags,
  communeAssessments,
  communePopulations,
  criteriaSets,
  drugFreePeriods,
} from '../../db/tenant/schema/index.ts'
import type { TenantDb, TenantTx } from '../../db/types.ts'
import type {
  AssessmentRecord,
  AssessmentTransitionRecord,
  CertificationFlagRecord,
  CriteriaSetRecord,
  PopulationRecord,
  StatusPeriodRecord,
} from '../../kernel/certification-records.ts'
import { parseStoredDecision } from '../../kernel/domain/legal-decision-input.ts'
import type { LegalDecision } from '../../kernel/domain/legal-decision.ts'

type Db = TenantDb | TenantTx
type AssessmentRow = typeof communeAssessments.$inferSelect
type PeriodRow = typeof drugFreePeriods.$inferSelect
type FlagRow = typeof certificationFlags.$inferSelect

// Stored JSON was written by a command from parsed input: read back as is; unreadable counts as empty.
function json<T>(text: string | null, fallback: T): T {
  if (text === null) return fallback
  try {
    return JSON.parse(text) as T
  } catch {
    return fallback
  }
}
const BLANK_DECISION: LegalDecision = { number: '', date: '', signer: '', signerRole: 'other', body: '' }
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

export function presentAssessment(row: AssessmentRow): AssessmentRecord {
  return {
    ...iso(row),
    police: json(row.police, {}),
    drugRoute: json(row.drugRoute, null),
    answers: json(row.answers, {}),
    snapshot: json(row.snapshot, null),
    blocking: json(row.blocking, null),
    returnComments: json(row.returnComments, null),
    decision: parseStoredDecision(row.decision),
    submitters: json(row.submitters, []),
  }
}
export function presentPeriod(row: PeriodRow): StatusPeriodRecord {
  return {
    ...iso(row),
    recognitionDecision: parseStoredDecision(row.recognitionDecision) ?? BLANK_DECISION,
    endDecision: parseStoredDecision(row.endDecision),
  }
}
export const presentFlag = (row: FlagRow): CertificationFlagRecord => iso(row)
export function presentCriteriaSet(row: typeof criteriaSets.$inferSelect): CriteriaSetRecord {
  return { ...row, content: JSON.parse(row.content) as CriteriaSetRecord['content'], confirmedAt: row.confirmedAt.toISOString() }
}
export function presentTransition(row: typeof assessmentTransitions.$inferSelect): AssessmentTransitionRecord {
  return {
    id: row.id,
    assessmentId: row.assessmentId,
    atVersion: row.atVersion,
    move: row.move,
    from: row.fromStatus,
    to: row.toStatus,
    reason: row.reason,
    comments: json(row.comments, null),
    at: row.at.toISOString(),
    by: row.by,
  }
}
export const presentPopulation = (row: typeof communePopulations.$inferSelect): PopulationRecord => ({ ...row, recordedAt: row.recordedAt.toISOString() })

const JSON_KEYS = [
  'police',
  'drugRoute',
  'answers',
  'snapshot',
  'blocking',
  'returnComments',
  'decision',
  'submitters',
  'recognitionDecision',
  'endDecision',
] as const
function columns(set: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = { ...set }
  for (const key of ['createdAt', 'updatedAt'] as const) if (typeof set[key] === 'string') row[key] = new Date(set[key])
  for (const key of JSON_KEYS) if (set[key] !== undefined) row[key] = set[key] === null ? null : JSON.stringify(set[key])
  return row
}

export async function findAssessment(db: Db, id: string) {
  const [row] = await db.select().from(communeAssessments).where(eq(communeAssessments.id, id))
  return row && presentAssessment(row)
}
export async function findPeriod(db: Db, id: string) {
  const [row] = await db.select().from(drugFreePeriods).where(eq(drugFreePeriods.id, id))
  return row && presentPeriod(row)
}
export async function findFlag(db: Db, id: string) {
  const [row] = await db.select().from(certificationFlags).where(eq(certificationFlags.id, id))
  return row && presentFlag(row)
}
export async function findCriteriaSet(db: Db, id: string) {
  const [row] = await db.select().from(criteriaSets).where(eq(criteriaSets.id, id))
  return row && presentCriteriaSet(row)
}
export async function findPopulation(db: Db, id: string) {
  const [row] = await db.select().from(communePopulations).where(eq(communePopulations.id, id))
  return row && presentPopulation(row)
}
export async function listCriteriaSets(db: Db): Promise<CriteriaSetRecord[]> {
  return (await db.select().from(criteriaSets).orderBy(asc(criteriaSets.setVersion))).map(presentCriteriaSet)
}
export async function listTransitions(db: Db, assessmentId: string) {
  const rows = await db
    .select()
    .from(assessmentTransitions)
    .where(eq(assessmentTransitions.assessmentId, assessmentId))
    .orderBy(asc(assessmentTransitions.atVersion))
  return rows.map(presentTransition)
}

/** A certification record a command made, in the caller's transaction; false: not one of these collections. */
export async function insertCertificationRecord(tx: TenantTx, collection: string, record: unknown): Promise<boolean> {
  if (collection === 'criteriaSets') {
    const r = record as CriteriaSetRecord
    await tx.insert(criteriaSets).values({ ...r, content: JSON.stringify(r.content), confirmedAt: new Date(r.confirmedAt) })
  } else if (collection === 'populations') {
    const r = record as PopulationRecord
    await tx.insert(communePopulations).values({ ...r, recordedAt: new Date(r.recordedAt) })
  } else if (collection === 'assessments') {
    await tx.insert(communeAssessments).values(columns(record as Record<string, unknown>) as AssessmentRow)
  } else if (collection === 'assessmentTransitions') {
    const r = record as AssessmentTransitionRecord
    await tx.insert(assessmentTransitions).values({
      id: r.id,
      assessmentId: r.assessmentId,
      atVersion: r.atVersion,
      move: r.move,
      fromStatus: r.from,
      toStatus: r.to,
      reason: r.reason,
      comments: r.comments ? JSON.stringify(r.comments) : null,
      at: new Date(r.at),
      by: r.by,
    })
  } else if (collection === 'statusPeriods') {
    await tx.insert(drugFreePeriods).values(columns(record as Record<string, unknown>) as PeriodRow)
  } else if (collection === 'certificationFlags') {
    await tx.insert(certificationFlags).values(dated(record as CertificationFlagRecord))
  } else return false
  return true
}

export async function updateCertificationRecord(tx: TenantTx, collection: string, id: string, set: Record<string, unknown>): Promise<boolean> {
  const row = columns(set)
  if (collection === 'assessments') await tx.update(communeAssessments).set(row).where(eq(communeAssessments.id, id))
  else if (collection === 'statusPeriods') await tx.update(drugFreePeriods).set(row).where(eq(drugFreePeriods.id, id))
  else if (collection === 'certificationFlags') await tx.update(certificationFlags).set(row).where(eq(certificationFlags.id, id))
  else return false
  return true
}

/** What a command reads of a record under a create's client id (to tell a replay from an id taken). */
export async function findCertificationExisting(db: Db, collection: string, id: string) {
  if (collection === 'assessments') return findAssessment(db, id)
  if (collection === 'populations') return findPopulation(db, id)
  if (collection === 'criteriaSets') return (await findCriteriaSet(db, id)) && {}
  return undefined
}

export async function presentCertificationRecord(db: Db, collection: string, id: string): Promise<unknown> {
  if (collection === 'assessments') return findAssessment(db, id)
  if (collection === 'statusPeriods') return findPeriod(db, id)
  if (collection === 'certificationFlags') return findFlag(db, id)
  if (collection === 'criteriaSets') return findCriteriaSet(db, id)
  if (collection === 'populations') return findPopulation(db, id)
  return undefined
}
