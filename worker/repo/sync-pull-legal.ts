// GET /sync/pull's sources for a person's legal path (docs/decisions/0028): management periods, addiction
// determinations, compulsory-rehab referrals and methadone — every one of these records, few per person,
// whatever its status (the phone derives the person's status from them, as the server does).
import { asc } from 'drizzle-orm'
import { compulsoryReferrals, determinations, managementPeriods, methadoneTreatments } from '../../db/tenant/schema/index.ts'
import { presentManagementPeriod } from './after-care.ts'
import { presentDetermination, presentMethadone, presentReferral } from './legal-records.ts'
import { found, type Source } from './sync-pull.ts'

type PersonTable = typeof managementPeriods | typeof determinations | typeof compulsoryReferrals | typeof methadoneTreatments
const byPerson = (row: { personId: string; id: string }) => [row.personId, row.id]

function byPersonSource<T extends PersonTable>(table: T, present: (row: T['$inferSelect']) => unknown): Source {
  return {
    id: table.id,
    commune: table.communeCode,
    order: [table.personId, table.id],
    snapshot: () => undefined,
    load: async (db, where, limit) =>
      found(
        (await db
          .select()
          .from(table as typeof determinations)
          .where(where)
          .orderBy(asc(table.personId), asc(table.id))
          .limit(limit)) as T['$inferSelect'][],
        present,
        byPerson,
      ),
  }
}

export const legalSources: Record<'management_period' | 'determination' | 'referral' | 'methadone', Source> = {
  management_period: byPersonSource(managementPeriods, presentManagementPeriod),
  determination: byPersonSource(determinations, presentDetermination),
  referral: byPersonSource(compulsoryReferrals, presentReferral),
  methadone: byPersonSource(methadoneTreatments, presentMethadone),
}
