// The province's yearly plan and its targets (decision 0036), and the counts its achievement is figured from.
import { eq, inArray, isNull, or, sql, type Column } from 'drizzle-orm'
import { chunk } from '../../db/batch.ts'
import { together } from '../../db/pipelined-client.ts'
import {
  communes,
  communityActivities,
  communityModels,
  drugFreePeriods,
  compulsoryReferrals,
  rehabPlans,
  supportRecords,
  targetPlans,
  targetPlanVersions,
  targetValues,
} from '../../db/tenant/schema/index.ts'
import type { TenantDb, TenantTx } from '../../db/types.ts'
import type { TargetPlanRecord, TargetValue } from '../../kernel/commands/target-plan-put.ts'
import type { ProvinceDecision } from '../../kernel/commands/province-command.ts'
import { targetIndicators, type TargetIndicator } from '../../kernel/domain/target-indicators.ts'

type Db = TenantDb | TenantTx

/** The year's plan with every target (a commune officer's answer is filtered by the service). */
export async function findTargetPlan(db: Db, year: number): Promise<TargetPlanRecord | undefined> {
  // Together: one round trip on a remote database (no targets without their plan, so none are read in vain).
  const [plans, values] = await together(
    db,
    () => targetPlanQueries(db, year)[0],
    () => targetPlanQueries(db, year)[1],
  )
  return targetPlanOf(plans, values)
}

/** findTargetPlan's two reads, not yet run (the report sends them in its batch): the plan and its targets. */
export function targetPlanQueries(db: Db, year: number) {
  return [
    db.select().from(targetPlans).where(eq(targetPlans.year, year)),
    db
      .select({ indicator: targetValues.indicator, communeCode: targetValues.communeCode, value: targetValues.value })
      .from(targetValues)
      .where(eq(targetValues.year, year)),
  ] as const
}

/** The plan from targetPlanQueries' rows (none without a plan row). */
export function targetPlanOf(plans: readonly (typeof targetPlans.$inferSelect)[], values: TargetValue[]): TargetPlanRecord | undefined {
  const [plan] = plans
  if (!plan) return undefined
  return { ...plan, createdAt: plan.createdAt.toISOString(), updatedAt: plan.updatedAt.toISOString(), targets: sortTargets(values) }
}

/** Only the targets of the province and of `communes` (a commune officer's read): the rest never leaves the database. */
export async function findTargetsIn(db: Db, year: number, communes: readonly string[]): Promise<TargetValue[]> {
  const rows = await db
    .select({ indicator: targetValues.indicator, communeCode: targetValues.communeCode, value: targetValues.value })
    .from(targetValues)
    .where(
      sql`${targetValues.year} = ${year} and ${or(isNull(targetValues.communeCode), communes.length > 0 ? inArray(targetValues.communeCode, [...communes]) : sql`0`)}`,
    )
  return sortTargets(rows)
}

const ORDER = new Map(targetIndicators.map((code, i) => [code, i]))
const sortTargets = (rows: TargetValue[]) =>
  rows.sort((a, b) => (ORDER.get(a.indicator) ?? 0) - (ORDER.get(b.indicator) ?? 0) || (a.communeCode ?? '').localeCompare(b.communeCode ?? ''))

/** The years that have a plan, newest first (the screen's year list). */
export async function targetPlanYears(db: Db): Promise<number[]> {
  const rows = await db.select({ year: targetPlans.year }).from(targetPlans).orderBy(sql`${targetPlans.year} desc`)
  return rows.map((r) => r.year)
}

/** The communes a plan's targets name that are not communes of this province. */
export async function unknownCommunes(tx: Db, codes: readonly string[]): Promise<Set<string>> {
  const known = new Set<string>()
  for (const group of chunk([...new Set(codes)], 500)) {
    const rows = await tx.select({ code: communes.code }).from(communes).where(inArray(communes.code, group))
    for (const row of rows) known.add(row.code)
  }
  return new Set(codes.filter((c) => !known.has(c)))
}

/** Writes a decided plan in the caller's transaction: the version it replaces kept, its targets replaced whole. */
export async function writeTargetPlan(tx: TenantTx, decision: ProvinceDecision<TargetPlanRecord>): Promise<void> {
  const { record, previous } = decision
  const row = {
    year: record.year,
    number: record.number,
    issuedOn: record.issuedOn,
    signer: record.signer,
    title: record.title,
    version: record.version,
    createdAt: new Date(record.createdAt),
    createdBy: record.createdBy,
    updatedAt: new Date(record.updatedAt),
    updatedBy: record.updatedBy,
  }
  if (previous) {
    await tx.insert(targetPlanVersions).values({
      year: previous.year,
      version: previous.version,
      record: JSON.stringify(previous),
      replacedAt: new Date(record.updatedAt),
      replacedBy: record.updatedBy,
    })
    await tx.update(targetPlans).set(row).where(eq(targetPlans.year, record.year))
    await tx.delete(targetValues).where(eq(targetValues.year, record.year))
  } else {
    await tx.insert(targetPlans).values(row)
  }
  for (const group of chunk(record.targets, 500)) await tx.insert(targetValues).values(group.map((t) => ({ year: record.year, ...t })))
}

export interface AchievedCount {
  indicator: TargetIndicator
  /** Null: the province as a whole (a person counted once even if two communes recorded them). */
  communeCode: string | null
  count: number
}

/**
 * What the records count for each computed indicator from `from` through `asOf` (YYYY-MM-DD), per commune and
 * for the province, in two statements. People are counted once per place (two plans of one person started in a
 * year are one person; so is a person who moved, in the province's figure); loans and sessions are person-times
 * and sessions, whose province figure is the communes' sum. Models are those standing on `asOf`.
 */
export async function achievedCounts(db: Db, from: string, asOf: string): Promise<AchievedCount[]> {
  const counted = (rows: RawCount[]) => rows.map((r) => ({ ...r, count: Number(r.count) }))
  const [perCommune, people] = (
    await together(
      db,
      () => db.all<RawCount>(countsSql(from, asOf, true)),
      () => db.all<RawCount>(countsSql(from, asOf, false)),
    )
  ).map(counted) as [ReturnType<typeof counted>, ReturnType<typeof counted>]
  const province = new Map<TargetIndicator, number>()
  for (const r of perCommune) if (!PEOPLE.has(r.indicator)) province.set(r.indicator, (province.get(r.indicator) ?? 0) + r.count)
  return [
    ...perCommune.map((r) => ({ indicator: r.indicator, communeCode: r.commune_code, count: r.count })),
    ...people.map((r) => ({ indicator: r.indicator, communeCode: null, count: r.count })),
    ...[...province].map(([indicator, count]) => ({ indicator, communeCode: null, count })),
  ]
}

/** Indicators that count people: their province figure is counted over the province, not summed. */
const PEOPLE: ReadonlySet<TargetIndicator> = new Set(['community_rehab_started', 'community_rehab_completed', 'jobs_given'])

interface RawCount {
  indicator: TargetIndicator
  commune_code: string | null
  count: number
}

function countsSql(from: string, asOf: string, perCommune: boolean) {
  const r = compulsoryReferrals
  const p = rehabPlans
  const s = supportRecords
  const a = communityActivities
  const m = communityModels
  // A commune converted this year: its drug-free status period began with this year's recognition (decision 0037).
  const d = drugFreePeriods
  const place = (column: Column) => (perCommune ? sql`${column}` : sql`null`)
  const by = (column: Column) => (perCommune ? sql`group by ${column}` : sql``)
  const standing = (kind: 'b93_club' | 'support_model_5_1') =>
    sql`select ${kind === 'b93_club' ? 'b93_clubs' : 'support_groups_5_1'}, ${place(m.communeCode)}, count(*) from ${m}
      where ${m.kind} = ${kind} and json_extract(${m.decision}, '$.date') <= ${asOf} and (${m.dissolvedOn} is null or ${m.dissolvedOn} > ${asOf}) ${by(m.communeCode)}`
  const started = sql`select 'community_rehab_started' as indicator, ${place(p.communeCode)} as commune_code, count(distinct ${p.personId}) as count from ${p}
      where ${p.startOn} between ${from} and ${asOf} and ${p.status} <> 'draft' ${by(p.communeCode)}`
  const completed = sql`select 'community_rehab_completed', ${place(p.communeCode)}, count(distinct ${p.personId}) from ${p}
      where ${p.status} = 'completed' and ${p.completionDate} between ${from} and ${asOf} ${by(p.communeCode)}`
  const jobs = sql`select 'jobs_given', ${place(s.communeCode)}, count(distinct ${s.personId}) from ${s}
      where ${s.kind} = 'job_placement' and ${s.givenOn} between ${from} and ${asOf} ${by(s.communeCode)}`
  if (!perCommune) return sql`${started} union all ${completed} union all ${jobs}`
  return sql`
    ${started}
    union all
    ${completed}
    union all
    ${jobs}
    union all
    select 'compulsory_referrals', ${r.communeCode}, count(*) from ${r}
      where json_extract(${r.courtDecision}, '$.date') between ${from} and ${asOf} group by ${r.communeCode}
    union all
    select 'loans_given', ${s.communeCode}, count(*) from ${s}
      where ${s.kind} = 'preferential_loan' and ${s.givenOn} between ${from} and ${asOf} group by ${s.communeCode}
    union all
    select 'awareness_sessions', ${a.communeCode}, coalesce(sum(${a.count}), 0) from ${a}
      where ${a.kind} = 'awareness_session' and ${a.heldOn} between ${from} and ${asOf} group by ${a.communeCode}
    union all
    select 'awareness_participants', ${a.communeCode}, coalesce(sum(${a.participants}), 0) from ${a}
      where ${a.kind} = 'awareness_session' and ${a.heldOn} between ${from} and ${asOf} group by ${a.communeCode}
    union all
    select 'drug_free_communes', ${d.communeCode}, count(*) from ${d}
      where ${d.firstYear} = ${Number(from.slice(0, 4))} and json_extract(${d.recognitionDecision}, '$.date') <= ${asOf} group by ${d.communeCode}
    union all
    ${standing('b93_club')}
    union all
    ${standing('support_model_5_1')}`
}
