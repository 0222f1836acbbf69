// Determinations, compulsory-rehab referrals and substitution treatment: rows ⇄ records (decisions are JSON
// columns, kernel/domain/legal-decision.ts), and the reads of one person's.
import { desc, eq } from 'drizzle-orm'
import { compulsoryReferrals, determinations, methadoneTreatments } from '../../db/tenant/schema/index.ts'
import type { TenantDb, TenantTx } from '../../db/types.ts'
import type { LegalDecision } from '../../kernel/domain/legal-decision.ts'
import { parseStoredDecision } from '../../kernel/domain/legal-decision-input.ts'
import type { DeterminationRecord, MethadoneRecord, ReferralRecord } from '../../kernel/records.ts'

type DeterminationRow = typeof determinations.$inferSelect
type ReferralRow = typeof compulsoryReferrals.$inferSelect
type MethadoneRow = typeof methadoneTreatments.$inferSelect

const stamps = <R extends { createdAt: Date; updatedAt: Date }>(row: R) => ({ createdAt: row.createdAt.toISOString(), updatedAt: row.updatedAt.toISOString() })
const dates = <R extends { createdAt: string; updatedAt: string }>(record: R) => ({
  createdAt: new Date(record.createdAt),
  updatedAt: new Date(record.updatedAt),
})
export const decisionColumn = (decision: LegalDecision | null | undefined): string | null => (decision ? JSON.stringify(decision) : null)

export const presentDetermination = (row: DeterminationRow): DeterminationRecord => ({ ...row, ...stamps(row), decision: parseStoredDecision(row.decision) })
export const determinationRow = (record: DeterminationRecord): DeterminationRow => ({ ...record, ...dates(record), decision: decisionColumn(record.decision) })
export const presentReferral = (row: ReferralRow): ReferralRecord => ({
  ...row,
  ...stamps(row),
  courtDecision: parseStoredDecision(row.courtDecision),
  returnDecision: parseStoredDecision(row.returnDecision),
})
export const referralRow = (record: ReferralRecord): ReferralRow => ({
  ...record,
  ...dates(record),
  courtDecision: decisionColumn(record.courtDecision),
  returnDecision: decisionColumn(record.returnDecision),
})
export const presentMethadone = (row: MethadoneRow): MethadoneRecord => ({ ...row, ...stamps(row) })
export const methadoneRow = (record: MethadoneRecord): MethadoneRow => ({ ...record, ...dates(record) })

export async function findDetermination(db: TenantDb | TenantTx, id: string): Promise<DeterminationRow | undefined> {
  const [row] = await db.select().from(determinations).where(eq(determinations.id, id))
  return row
}
export async function findReferral(db: TenantDb | TenantTx, id: string): Promise<ReferralRow | undefined> {
  const [row] = await db.select().from(compulsoryReferrals).where(eq(compulsoryReferrals.id, id))
  return row
}
export async function findMethadone(db: TenantDb | TenantTx, id: string): Promise<MethadoneRow | undefined> {
  const [row] = await db.select().from(methadoneTreatments).where(eq(methadoneTreatments.id, id))
  return row
}

/** A person's determinations, referrals and substitution treatments, newest first (GET /persons/:id/legal-records). */
export async function listLegalRecords(db: TenantDb, personId: string) {
  const [d, r, m] = await Promise.all([
    db.select().from(determinations).where(eq(determinations.personId, personId)).orderBy(desc(determinations.dossierOn)),
    db.select().from(compulsoryReferrals).where(eq(compulsoryReferrals.personId, personId)).orderBy(desc(compulsoryReferrals.dossierOn)),
    db.select().from(methadoneTreatments).where(eq(methadoneTreatments.personId, personId)).orderBy(desc(methadoneTreatments.startOn)),
  ])
  return { determinations: d.map(presentDetermination), referrals: r.map(presentReferral), methadone: m.map(presentMethadone) }
}
