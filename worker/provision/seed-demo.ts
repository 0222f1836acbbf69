// Writes synthetic people (db/seed/synthetic.ts) into a province database: `npm run seed:demo`, benchmarks,
// and the demo provinces on the first `npm start` in development. Never for a real province: the command line
// and start-up refuse production, and so does seedDemo itself.
import { CASE_RULES_KEY } from '../repo/settings.ts'
import { and, asc, count, eq, getTableColumns, getTableName, inArray, sql } from 'drizzle-orm'
import type { SQLiteInsertBase, SQLiteTable } from 'drizzle-orm/sqlite-core'
import { openSeedWriter, rowsPerInsert, type WriteStatement } from './seed-writer.ts'
import { vietnamToday } from '../../kernel/calendar.ts'
import { INITIAL_STATUS } from '../../kernel/commands/person-create.ts'
import type { BatchItem } from 'drizzle-orm/batch'
import { chunk } from '../../db/batch.ts'
import { appendAudit, writeTransaction } from '../../db/audit/append-audit.ts'
import { tenants, userCommunes, users } from '../../db/control/schema/index.ts'
import { DEMO_USERS } from './demo-users.ts'
import { hasCommuneScope } from '../policy.ts'
import type { NodePlatform } from './node-platform.ts'
import {
  assessmentTransitions,
  communeAssessments,
  communePopulations,
  communes,
  criteriaSets,
  drugFreePeriods,
  communityActivities,
  communityModelMembers,
  communityModels,
  communityModelSessions,
  followUps,
  managementPeriods,
  handovers,
  monitoringRecords,
  determinations,
  compulsoryReferrals,
  methadoneTreatments,
  persons,
  personStatusPeriods,
  planTransitions,
  reportStatusDeltas,
  postRehabRecords,
  rehabPlans,
  reviews,
  supportRecords,
  tenantMeta,
} from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'
import { generateCommunityDemo } from '../../db/seed/community.ts'
import { generateTargetPlanDemo } from '../../db/seed/targets.ts'
import { writeTargetPlan } from '../repo/targets.ts'
import { generateCertificationDemo } from '../../db/seed/certification.ts'
import { managedPeople } from '../repo/certification-figures.ts'
import { activityRow, memberRow, modelRow, sessionRow } from '../repo/community.ts'
import { DemoDataCounter, demoPeople, type DemoDataSummary, type PersonBundle } from '../../db/seed/synthetic.ts'

export interface SeedDemoOptions {
  /** How many people to add (including the `caseloads` ones). */
  persons: number
  seed: number
  /** Communes to spread people over; empty: every commune of the province. */
  communes: readonly string[]
  now: Date
  /**
   * People on an active plan in these communes, besides those spread over `communes`; a commune left out of
   * `communes` gets exactly these people (benchmarks: a 300-person caseload).
   */
  caseloads?: readonly { commune: string; people: number }[] | undefined
  /** Fixed shares of the other people for some communes (see demoPeople). */
  communeShares?: Readonly<Record<string, number>> | undefined
}

export interface SeedDemoResult extends DemoDataSummary {
  provinceCode: string
  /** People in the province before this run. */
  before: number
}

/** People per transaction: one db.batch holds them and every record about them, so each batch is self-consistent. */
const PEOPLE_PER_BATCH = 500
/** Rows per INSERT at most: 256 × 25 columns stays far below SQLite's bound-parameter limit (32,766). */
const ROWS_PER_INSERT = 256

export class SeedRefused extends Error {}

/**
 * Adds `persons` new synthetic people (each run adds more; the numbering and citizen IDs continue after the
 * people already there). Deterministic for the same options on an empty province. Appends one tenant audit
 * entry `seed.demo` {persons}, so the trail shows that synthetic data was loaded.
 */
export async function seedDemo(db: TenantDb, opts: SeedDemoOptions): Promise<SeedDemoResult> {
  if (globalThis.process?.env?.NODE_ENV === 'production') throw new SeedRefused('Synthetic data is never loaded with NODE_ENV=production')
  const [meta] = await db.select({ value: tenantMeta.value }).from(tenantMeta).where(eq(tenantMeta.key, 'province_code'))
  if (!meta) throw new SeedRefused('This database is not an onboarded province (no province_code in tenant_meta)')
  const all = (await db.select({ code: communes.code }).from(communes).orderBy(asc(communes.code))).map((c) => c.code)
  const known = new Set(all)
  const wanted = [...opts.communes, ...(opts.caseloads ?? []).map((c) => c.commune)]
  const unknown = wanted.filter((code) => !known.has(code))
  if (unknown.length > 0) throw new SeedRefused(`Not a commune of province ${meta.value}: ${[...new Set(unknown)].join(', ')}`)

  const [{ n: before } = { n: 0 }] = await db.select({ n: count() }).from(persons)
  const taken = new Set((await db.select({ citizenId: persons.citizenId }).from(persons)).map((r) => r.citizenId))
  const people = demoPeople({
    seed: opts.seed,
    persons: opts.persons,
    communes: opts.communes.length > 0 ? opts.communes : all,
    now: opts.now,
    provinceCode: meta.value,
    caseloads: opts.caseloads,
    communeShares: opts.communeShares,
    startIndex: before,
    isTaken: (id) => taken.has(id),
  })
  // A batch at a time, generated as it is written: memory holds one batch, not the province.
  const counter = new DemoDataCounter()
  const writer = openSeedWriter(db)
  try {
    let group: PersonBundle[] = []
    const flush = async () => {
      if (group.length === 0) return
      const statements = statementsFor(db, group)
      group = []
      await retryWhileBusy(() => writer.write(statements))
    }
    for (const bundle of people) {
      counter.add(bundle)
      group.push(bundle)
      if (group.length === PEOPLE_PER_BATCH) await flush()
    }
    await flush()
  } finally {
    writer.close()
  }
  // The demo's completed plans go on to post-rehab management: the demo province opts in (the law's default is
  // off, docs/decisions/0026), unless its admin already chose its case rules.
  await db
    .insert(tenantMeta)
    .values({ key: CASE_RULES_KEY, value: JSON.stringify({ postRehabAfterVoluntary: true }) })
    .onConflictDoNothing()
  const summary = counter.summary()
  await appendAudit(db, {
    at: opts.now,
    actorId: null,
    actorRole: null,
    action: 'seed.demo',
    entityType: 'person',
    entityId: null,
    outcome: 'success',
    requestId: null,
    clientHash: null,
    details: { persons: summary.persons },
  })
  return { provinceCode: meta.value, before, ...summary }
}

/**
 * A demo person's status history, as the migration's backfill reads an existing one (decision 0034): registered
 * the day their story began, in their category's first status until the day of their last change, then in the
 * status they have now.
 */
function seededHistory(person: PersonBundle['person']) {
  const registeredOn = vietnamToday(person.createdAt)
  const since = maxDay(registeredOn, vietnamToday(person.updatedAt))
  const first = INITIAL_STATUS[person.category]
  const opening =
    since > registeredOn && person.status !== first
      ? { personId: person.id, fromOn: registeredOn, toOn: since, communeCode: person.communeCode, category: person.category, status: first }
      : undefined
  return { registeredOn, since: opening || person.status !== first ? since : registeredOn, opening }
}

/** The opening spans as monthly deltas: +1 the month they begin, −1 the month they end. */
function openingDeltas(openings: readonly NonNullable<ReturnType<typeof seededHistory>['opening']>[]) {
  const deltas = new Map<string, typeof reportStatusDeltas.$inferInsert>()
  const add = (o: (typeof openings)[number], day: string, n: number) => {
    const key = `${o.communeCode}|${day.slice(0, 7)}|${o.category}|${o.status}`
    const known = deltas.get(key)
    if (known) known.n += n
    else deltas.set(key, { communeCode: o.communeCode, month: day.slice(0, 7), category: o.category, status: o.status, n })
  }
  for (const o of openings) {
    add(o, o.fromOn, 1)
    add(o, o.toOn, -1)
  }
  return [...deltas.values()]
}

const maxDay = (a: string, b: string) => (a > b ? a : b)

function statementsFor(db: TenantDb, group: readonly PersonBundle[]): WriteStatement[] {
  type Lists = Omit<PersonBundle, 'person'>
  const rows = <K extends keyof Lists>(key: K): Lists[K] => group.flatMap((b): Lists[K][number][] => b[key]) as Lists[K]
  const history = group.map((b) => seededHistory(b.person))
  const openings = history.flatMap((h) => (h.opening ? [h.opening] : []))
  return [
    // The span before the current status first (the triggers add the current one as each person is inserted).
    ...insertsOf(db, personStatusPeriods, openings),
    ...insertsOf(db, reportStatusDeltas, openingDeltas(openings), (insert) =>
      insert.onConflictDoUpdate({
        target: [reportStatusDeltas.communeCode, reportStatusDeltas.category, reportStatusDeltas.status, reportStatusDeltas.month],
        set: { n: sql`${reportStatusDeltas.n} + excluded.n` },
      }),
    ),
    ...insertsOf(
      db,
      persons,
      group.map((b, i) => ({ ...b.person, registeredOn: history[i]!.registeredOn, statusSince: history[i]!.since })),
    ),
    ...insertsOf(db, rehabPlans, rows('plans')),
    // In order: a plan's transitions are read back by id.
    ...insertsOf(db, planTransitions, rows('transitions')),
    ...insertsOf(db, reviews, rows('reviews')),
    ...insertsOf(db, postRehabRecords, rows('postRehab')),
    ...insertsOf(db, followUps, rows('followUps')),
    ...insertsOf(db, supportRecords, rows('support')),
    ...insertsOf(db, managementPeriods, rows('managementPeriods')),
    ...insertsOf(db, handovers, rows('handovers')),
    ...insertsOf(db, monitoringRecords, rows('monitoring')),
    ...insertsOf(db, determinations, rows('determinations')),
    ...insertsOf(db, compulsoryReferrals, rows('referrals')),
    ...insertsOf(db, methadoneTreatments, rows('methadone')),
  ]
}

/**
 * Multi-row INSERTs of a few fixed sizes (rowsPerInsert), every row giving every column, so a table's
 * statements have the same text in every batch and the writer prepares each once for the whole run. drizzle
 * writes each shape's SQL once (its query builder is slower than the insert itself at this volume); the
 * parameters are the rows' values mapped by their columns, in the table's column order, as drizzle binds them
 * (checked against drizzle's own on each shape's first use).
 */
function insertsOf<T extends SQLiteTable>(
  db: TenantDb,
  table: T,
  rows: readonly T['$inferInsert'][],
  finish: (insert: SQLiteInsertBase<T, 'async', unknown>) => { toSQL(): { sql: string; params: unknown[] } } = (insert) => insert,
): WriteStatement[] {
  const columns = Object.entries(getTableColumns(table))
  const driverValue = (row: Record<string, unknown>, key: string, column: (typeof columns)[number][1]) => {
    const value = row[key] !== undefined ? row[key] : column.defaultFn ? column.defaultFn() : (column.default ?? null)
    return value === null ? null : column.mapToDriverValue(value)
  }
  const statements: WriteStatement[] = []
  let at = 0
  for (const size of rowsPerInsert(rows.length, ROWS_PER_INSERT)) {
    const part = rows.slice(at, at + size) as readonly Record<string, unknown>[]
    at += size
    const params: unknown[] = []
    for (const row of part) for (const [key, column] of columns) params.push(driverValue(row, key, column))
    const shape = `${getTableName(table)}|${size}`
    let text = insertShapes.get(shape)
    if (text === undefined) {
      const full = part.map((row) => Object.fromEntries(columns.map(([key]) => [key, row[key] ?? null])))
      const built = finish(db.insert(table).values(full as never) as never).toSQL()
      if (built.params.length !== params.length || built.params.some((p, i) => p !== params[i]))
        throw new Error(`seedDemo: the ${getTableName(table)} rows bind differently from drizzle's insert`)
      text = built.sql
      insertShapes.set(shape, text)
    }
    statements.push({ sql: text, params })
  }
  return statements
}

/** SQL of each (table, row count) seedDemo inserts: a few dozen texts, the same for every province and run. */
const insertShapes = new Map<string, string>()

/** A running server (another process) may hold the write lock for a moment: wait for it, up to 10 s. */
async function retryWhileBusy<T>(attempt: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + 10_000
  for (let n = 0; ; n++) {
    try {
      return await attempt()
    } catch (err) {
      if (!isBusy(err) || Date.now() >= deadline) throw err
      await new Promise((resolve) => setTimeout(resolve, Math.min(200, 5 * 2 ** n)))
    }
  }
}

function isBusy(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    const code = (e as { code?: unknown }).code
    if (typeof code === 'string' && code.startsWith('SQLITE_BUSY')) return true
  }
  return false
}

// ---------------------------------------------------------------------------------------------------------
// First `npm start` in development: a modest, fixed set in each empty demo province.

/** People per demo province: enough for every screen, quick to write at start-up. */
export const DEMO_PERSONS = 60
/** Of them, on an active plan in the demo commune officer's commune (their caseload screen). */
const DEMO_CASELOAD = 10
/** Other communes that get people (the province screens, reports per commune). */
const DEMO_OTHER_COMMUNES = 4
const DEMO_SEED = 2026

/**
 * For each active demo province that has nobody yet: DEMO_PERSONS people, about half of them in the demo
 * commune officer's commune (the province's first commune when there is none), the rest over a few other
 * communes. Same people on every machine (fixed seed, dates relative to `now`). Development only.
 */
export async function seedEmptyDemoProvinces(platform: NodePlatform, provinces: readonly string[], now: Date): Promise<DemoSeedReport> {
  const report: DemoSeedReport = { seeded: [], failed: [] }
  for (const province of provinces) {
    try {
      const persons = await seedEmptyDemoProvince(platform, province, now)
      if (persons !== undefined) report.seeded.push({ province, persons })
    } catch (err) {
      // A province whose database is missing or damaged must not keep the others (and the server) from starting.
      report.failed.push({ province, error: err instanceof Error ? err.message : String(err) })
    }
  }
  return report
}

export interface DemoSeedReport {
  seeded: { province: string; persons: number }[]
  failed: { province: string; error: string }[]
}

async function seedEmptyDemoProvince(platform: NodePlatform, province: string, now: Date): Promise<number | undefined> {
  const [row] = await platform.control.select().from(tenants).where(eq(tenants.provinceCode, province))
  if (row?.status !== 'active') return undefined
  const db = platform.onboardDeps.openTenant(platform.onboardDeps.locate(row))
  try {
    const [{ n } = { n: 0 }] = await db.select({ n: count() }).from(persons)
    if (n > 0) return undefined
    const codes = (await db.select({ code: communes.code }).from(communes).orderBy(asc(communes.code))).map((c) => c.code)
    if (codes.length === 0) return undefined
    const officerCommunes = await platform.control
      .select({ code: userCommunes.communeCode })
      .from(userCommunes)
      .innerJoin(users, eq(users.id, userCommunes.userId))
      .where(
        and(
          eq(users.provinceCode, province),
          inArray(
            users.username,
            DEMO_USERS.filter((u) => hasCommuneScope(u.role)).map((u) => u.username),
          ),
        ),
      )
      .orderBy(asc(userCommunes.communeCode))
    const focus = officerCommunes.map((c) => c.code).find((code) => codes.includes(code)) ?? codes[0]!
    const others = codes.filter((code) => code !== focus)
    const picked = Array.from(
      { length: Math.min(DEMO_OTHER_COMMUNES, others.length) },
      (_, i) => others[Math.floor((i * others.length) / DEMO_OTHER_COMMUNES)]!,
    )
    const result = await seedDemo(db, {
      persons: DEMO_PERSONS,
      seed: DEMO_SEED + Number(province),
      communes: [focus, ...picked],
      now,
      caseloads: [{ commune: focus, people: DEMO_CASELOAD }],
      communeShares: picked.length > 0 ? { [focus]: 0.5 } : undefined,
    })
    await seedDemoCommunity(db, [focus, ...picked], DEMO_SEED + Number(province), now)
    await seedDemoTargets(db, [focus, ...picked], now)
    await seedDemoCertification(db, [focus, ...picked, ...others.filter((c) => !picked.includes(c)).slice(0, 3)], DEMO_SEED + Number(province), now)
    return result.persons
  } finally {
    db.$client.close()
  }
}

/**
 * The demo communes' activity log and community models (decision 0033), with some of each commune's post-rehab
 * people as B93 club members. Run once, with the people, on an empty demo province.
 */
export async function seedDemoCommunity(db: TenantDb, codes: readonly string[], seed: number, now: Date): Promise<void> {
  const people = await db
    .select({ id: persons.id, communeCode: persons.communeCode })
    .from(persons)
    .where(and(inArray(persons.communeCode, [...codes]), eq(persons.status, 'post_rehab')))
    .orderBy(asc(persons.id))
  const postRehab: Record<string, string[]> = {}
  for (const p of people) postRehab[p.communeCode] = [...(postRehab[p.communeCode] ?? []), p.id]
  const demo = generateCommunityDemo({ seed, now, communes: codes, postRehab })
  const statements: BatchItem<'sqlite'>[] = [
    ...chunk(demo.activities.map(activityRow), ROWS_PER_INSERT).map((c) => db.insert(communityActivities).values(c)),
    ...chunk(demo.models.map(modelRow), ROWS_PER_INSERT).map((c) => db.insert(communityModels).values(c)),
    ...chunk(demo.members.map(memberRow), ROWS_PER_INSERT).map((c) => db.insert(communityModelMembers).values(c)),
    ...chunk(demo.sessions.map(sessionRow), ROWS_PER_INSERT).map((c) => db.insert(communityModelSessions).values(c)),
  ]
  const [first, ...rest] = statements
  if (first) await retryWhileBusy(() => db.batch([first, ...rest]))
}

/** The demo province's plan for this year (decision 0036): its targets; achievement is counted from the demo's records. */
export async function seedDemoTargets(db: TenantDb, codes: readonly string[], now: Date): Promise<void> {
  const record = generateTargetPlanDemo({ now, communes: codes })
  const event = { action: 'target_plan.put', entityType: 'target_plan', entityId: String(record.year) }
  await writeTransaction(db, (tx) => writeTargetPlan(tx, { rejected: false, record, previous: undefined, event }))
}

/** Drug-free communes (decision 0037): confirmed criteria, residents, and assessments in every state. */
export async function seedDemoCertification(db: TenantDb, codes: readonly string[], seed: number, now: Date): Promise<void> {
  const managed = Object.fromEntries(await managedPeople(db, codes, now.getUTCFullYear()))
  const demo = generateCertificationDemo({ seed, now, communes: codes, managed })
  const statements: BatchItem<'sqlite'>[] = [
    db.insert(criteriaSets).values(demo.sets),
    ...chunk(demo.populations, ROWS_PER_INSERT).map((c) => db.insert(communePopulations).values(c)),
    ...chunk(demo.assessments, ROWS_PER_INSERT).map((c) => db.insert(communeAssessments).values(c)),
    ...chunk(demo.transitions, ROWS_PER_INSERT).map((c) => db.insert(assessmentTransitions).values(c)),
    ...chunk(demo.periods, ROWS_PER_INSERT).map((c) => db.insert(drugFreePeriods).values(c)),
  ]
  const [first, ...rest] = statements
  if (first) await retryWhileBusy(() => db.batch([first, ...rest]))
}
