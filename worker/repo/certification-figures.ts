// The figures a drug-free criterion reads from the province's own data (decision 0037). `managedPeople` is the
// one reader of case data: today a count of persons by current status; the period-true figures of the
// quarterly report (issue #16) replace its body at merge, with the same signature.
import { completeAttachmentIds } from './attachments.ts'
import { together } from '../../db/pipelined-client.ts'
import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import { communeAssessments, communePopulations, drugFreePeriods, persons } from '../../db/tenant/schema/index.ts'
import type { TenantDb, TenantTx } from '../../db/types.ts'
import type { CertificationFacts } from '../../kernel/commands/command.ts'
import type { PulledCertification } from '../../kernel/contract/sync.ts'
import { MANAGED_STATUSES } from '../../kernel/domain/certification/monitoring.ts'
import { listCriteriaSets, presentPeriod } from './certification-records.ts'

type Db = TenantDb | TenantTx

/**
 * People under management as users or dependent, per commune, for the assessment year. `communes` null: every
 * commune. `year` is the assessment's: the current-status count ignores it until the period-true source lands.
 */
export async function managedPeople(db: Db, communes: readonly (string | SQL)[] | null, _year: number | SQL): Promise<Map<string, number>> {
  // The reports' covering index (commune, category, status): one pass over index entries, no table reads and no
  // sort; the planner would otherwise take the status index and look every match up in the table (3× slower).
  const inScope = communes
    ? sql`and ${persons.communeCode} in ${
        communes.length > 0
          ? sql`(${sql.join(
              communes.map((c) => sql`${c}`),
              sql`, `,
            )})`
          : sql`(null)`
      }`
    : sql``
  const rows = await db.all<{ commune: string; n: number }>(sql`
    select ${persons.communeCode} as commune, count(*) as n from ${persons} indexed by persons_commune_category_status_idx
    where ${persons.category} in ('drug_user', 'dependent') and ${inArray(persons.status, [...MANAGED_STATUSES])} ${inScope}
    group by ${persons.communeCode}`)
  return new Map(rows.map((r) => [r.commune, Number(r.n)]))
}

/** The newest population entry of each commune for the year. */
export async function populations(
  db: Db,
  communes: readonly (string | SQL)[] | null,
  year: number | SQL,
): Promise<Map<string, { count: number; source: string }>> {
  const rows = await db
    .select({ commune: communePopulations.communeCode, count: communePopulations.population, source: communePopulations.source })
    .from(communePopulations)
    .where(and(eq(communePopulations.year, year), communes ? inArray(communePopulations.communeCode, [...communes] as string[]) : undefined))
    .orderBy(desc(communePopulations.recordedAt))
  const out = new Map<string, { count: number; source: string }>()
  for (const r of rows) if (!out.has(r.commune)) out.set(r.commune, { count: r.count, source: r.source })
  return out
}

export async function openPeriodOf(db: Db, commune: string | SQL) {
  const [row] = await db
    .select()
    .from(drugFreePeriods)
    .where(and(eq(drugFreePeriods.communeCode, commune), eq(drugFreePeriods.status, 'open')))
  return row && presentPeriod(row)
}

/** The communes with an open drug-free status (what monitoring watches), with their period; null: all of the province's. */
export async function recognisedCommunes(db: Db, communes: readonly string[] | null): Promise<Map<string, string>> {
  if (communes?.length === 0) return new Map()
  const rows = await db
    .select({ commune: drugFreePeriods.communeCode, id: drugFreePeriods.id })
    .from(drugFreePeriods)
    .where(and(eq(drugFreePeriods.status, 'open'), communes ? inArray(drugFreePeriods.communeCode, [...communes]) : undefined))
  return new Map(rows.map((r) => [r.commune, r.id]))
}

/** What a drug-free commune command reads (state.certification), in the change's transaction. */
export async function loadCertificationFacts(db: Db, scope: { communeCode: string; year: number; assessmentId?: string } | null): Promise<CertificationFacts> {
  if (!scope) return { sets: await listCriteriaSets(db), figures: { managedPeople: 0, population: null }, openPeriod: undefined }
  return factsOf(db, scope)
}

/**
 * The facts of an assessment's scope (its commune, year and files) by sub-selects of the assessment, so that they
 * are read in the same round trip as the assessment itself (worker/commands/run.ts checks the scope it had).
 */
export function loadAssessmentFacts(db: Db, assessmentId: string): Promise<CertificationFacts> {
  const of = (column: typeof communeAssessments.communeCode | typeof communeAssessments.year) =>
    sql`(select ${column} from ${communeAssessments} where ${eq(communeAssessments.id, assessmentId)})`
  return factsOf(db, { communeCode: of(communeAssessments.communeCode), year: of(communeAssessments.year), assessmentId })
}

async function factsOf(db: Db, scope: { communeCode: string | SQL; year: number | SQL; assessmentId?: string | undefined }): Promise<CertificationFacts> {
  // Read together: one round trip on a remote database. One commune: each map holds its entry, if any.
  const [sets, managed, population, openPeriod, attachments] = await together(
    db,
    () => listCriteriaSets(db),
    () => managedPeople(db, [scope.communeCode], scope.year),
    () => populations(db, [scope.communeCode], scope.year),
    () => openPeriodOf(db, scope.communeCode),
    () => (scope.assessmentId ? completeAttachmentIds(db, 'assessment', scope.assessmentId) : Promise.resolve(undefined)),
  )
  return {
    sets,
    figures: { managedPeople: [...managed.values()][0] ?? 0, population: [...population.values()][0] ?? null },
    openPeriod,
    ...(attachments ? { attachments } : {}),
  }
}

/** What a phone judges its dossiers by offline (decision 0044): every confirmed set and the year's figures per commune. */
export async function pulledCertification(db: Db, communes: readonly string[] | null, year: number): Promise<PulledCertification> {
  const [sets, managed, population] = await Promise.all([listCriteriaSets(db), managedPeople(db, communes, year), populations(db, communes, year)])
  const figures: PulledCertification['figures'] = {}
  for (const code of communes ?? [...new Set([...managed.keys(), ...population.keys()])])
    figures[code] = { managedPeople: managed.get(code) ?? 0, population: population.get(code) ?? null }
  return { sets, year, figures }
}
