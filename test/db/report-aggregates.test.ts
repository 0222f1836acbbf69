import { readdirSync, readFileSync } from 'node:fs'
import fc from 'fast-check'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import type { TenantDb } from '../../db/types.ts'
import { addDays } from '../../kernel/calendar.ts'
import { parsePeriod } from '../../kernel/domain/report-period.ts'
import { drizzle } from 'drizzle-orm/libsql'
import * as tenantSchema from '../../db/tenant/schema/index.ts'
import { writeReviewPolicy } from '../../worker/repo/settings.ts'
import { caseFigureRows, type FigureRow } from '../../worker/repo/report-figures.ts'
import { buildReport } from '../../worker/services/reports.ts'
import { directFigureRows } from '../helpers/direct-report-figures.ts'
import { createTestApp, createTestPlatform, type TestPlatform } from '../helpers/platform.ts'

// The report's kept aggregates (decision 0043) against a direct count over the records: random histories of
// inserts, edits and deletes of every counted record, in any order of their dates (a record typed late with an
// earlier date corrects the past period it belongs to), written straight to the province database — the
// triggers keep the figures whoever writes. After each history every period of two years, for the two communes
// used, equals what the records themselves count (test/helpers/direct-report-figures.ts, the statement the report
// ran before).

let platform: TestPlatform
let db: TenantDb

beforeAll(async () => {
  platform = await createTestPlatform()
  await onboardTenant(platform.onboardDeps, '82')
  db = (await createTestApp(platform).deps.tenants.resolve('82'))!.db
})
afterAll(() => platform.cleanup())

const TABLES = ['review', 'contact', 'support', 'postRehab', 'referral', 'methadone', 'management', 'determination', 'plan', 'transition', 'span'] as const
type Table = (typeof TABLES)[number]

/** Days from 2024-11-01 to 2026-02-28: the periods of 2025, and a little before and after. */
const day = fc.integer({ min: 0, max: 484 }).map((n) => addDays('2024-11-01', n))
const maybeDay = fc.option(day, { nil: null, freq: 3 })
const op = fc.record({
  table: fc.constantFrom<Table>(...TABLES),
  /** insert, or edit / delete the n-th row written so far of that table. */
  act: fc.constantFrom('insert', 'insert', 'update', 'update', 'delete'),
  which: fc.nat(5),
  person: fc.nat(2),
  commune: fc.nat(1),
  on: day,
  other: maybeDay,
  third: maybeDay,
  flag: fc.constantFrom<number | null>(null, 0, 1),
  kind: fc.constantFrom('job_placement', 'preferential_loan'),
  amount: fc.option(fc.integer({ min: 0, max: 5_000_000 }), { nil: null }),
  status: fc.nat(5),
})
type Op = typeof op extends fc.Arbitrary<infer O> ? O : never

const MS = (d: string) => Date.parse(`${d}T10:00:00+07:00`)
const PLAN_STATUSES = ['draft', 'active', 'suspended', 'completed', 'terminated', 'transferred'] as const
const STATUSES = ['under_management', 'in_rehab', 'post_rehab', 'closed', 'transferred', 'closed'] as const
const CATEGORIES = ['drug_user', 'dependent', 'post_rehab'] as const
let seq = 0

/** The columns an op sets on its table's row (an insert's and an edit's alike). */
function columns(o: Op, run: number, pair: readonly string[], plans: readonly string[]): Record<string, unknown> {
  const person = `agg-${run}-${o.person}`
  const commune = pair[o.commune]!
  const later = o.other && o.other > o.on ? o.other : addDays(o.on, 90)
  switch (o.table) {
    case 'review':
      return { person_id: person, commune_code: commune, reviewed_on: o.on, employed: o.flag }
    case 'contact':
      return { person_id: person, commune_code: commune, contacted_on: o.on, employed: o.flag }
    case 'support':
      return { person_id: person, commune_code: commune, kind: o.kind, given_on: o.on, amount_vnd: o.amount }
    case 'postRehab':
      // The end a year on (as the commands set it) or another day; a relapse on any day, or none.
      return { person_id: person, commune_code: commune, start_on: o.on, end_on: o.other ?? addDays(o.on, 364), relapse_on: o.third }
    case 'referral':
      return { person_id: person, commune_code: commune, dossier_on: o.on, admitted_on: o.other, returned_on: o.other ? o.third : null }
    case 'methadone':
      return { person_id: person, commune_code: commune, start_on: o.on, end_on: o.other }
    case 'management':
      return { person_id: person, commune_code: commune, start_on: o.on, end_on: later, ended_on: o.third }
    case 'determination':
      return { person_id: person, commune_code: commune, result_on: o.other, result: o.other ? (o.flag === 1 ? 'dependent' : 'not_dependent') : null }
    case 'plan':
      return {
        // A person of its own: one open plan per person (a unique index), and the plans' figures name no person.
        person_id: `agg-plan-${++seq}`,
        commune_code: commune,
        start_decision_on: o.flag === 1 ? null : o.other,
        completion_date: o.third,
        status: PLAN_STATUSES[o.status]!,
      }
    case 'transition':
      return {
        plan_id: plans[o.which % Math.max(plans.length, 1)] ?? 'no-plan',
        at: MS(o.on),
        from_status: o.flag === null ? null : PLAN_STATUSES[o.flag + 1]!,
        to_status: PLAN_STATUSES[o.status]!,
      }
    case 'span':
      return {
        person_id: person,
        commune_code: commune,
        from_on: o.on,
        to_on: o.other && o.other >= o.on ? o.other : null,
        status: STATUSES[o.status]!,
        category: CATEGORIES[o.status % 3]!,
      }
  }
}

const TABLE: Record<Table, { name: string; fixed: () => Record<string, unknown> }> = {
  review: { name: 'reviews', fixed: () => ({ attended: 1, drug_test: 'negative', risk_level: 'low', ...stamp }) },
  contact: { name: 'follow_ups', fixed: () => ({ post_rehab_id: 'x', method: 'visit', ...stamp }) },
  support: { name: 'support_records', fixed: () => stamp },
  postRehab: { name: 'post_rehab_records', fixed: () => ({ support_model: 'other', supporter_name: 'Tổ (thử)', status: 'active', ...stamp }) },
  referral: { name: 'compulsory_referrals', fixed: () => ({ ground: 'relapse_post_rehab', status: 'referred', ...stamp }) },
  methadone: { name: 'methadone_treatments', fixed: () => ({ facility: 'Cơ sở (thử)', status: 'active', ...stamp }) },
  management: { name: 'management_periods', fixed: () => ({ measures: 'Theo dõi (thử)', status: 'active', ...stamp }) },
  determination: { name: 'determinations', fixed: () => ({ trigger: 'volunteer', dossier_on: '2024-01-01', facility: 'Cơ sở (thử)', ...stamp }) },
  plan: {
    name: 'rehab_plans',
    fixed: () => ({ form: 'family', registered_on: '2024-01-01', start_on: '2024-01-01', planned_end_on: '2024-12-31', members: '[]', stages: '[]', ...stamp }),
  },
  transition: { name: 'plan_transitions', fixed: () => ({}) },
  span: { name: 'person_status_periods', fixed: () => ({}) },
}
const stamp = { version: 1, created_at: 0, updated_at: 0 }
const INTEGER_IDS = new Set<Table>(['transition', 'span'])

const name = (column: string) => sql.raw(`"${column}"`)
async function insert(table: Table, id: string, values: Record<string, unknown>): Promise<void> {
  const row: Record<string, unknown> = { ...(INTEGER_IDS.has(table) ? {} : { id }), ...TABLE[table].fixed(), ...values }
  const keys = Object.keys(row)
  await db.run(
    sql`insert into ${name(TABLE[table].name)} (${sql.join(keys.map(name), sql`, `)}) values (${sql.join(
      keys.map((k) => sql`${row[k] as string}`),
      sql`, `,
    )})`,
  )
}
async function rowIds(table: Table): Promise<string[]> {
  return (await db.all<{ id: string }>(sql`select id from ${name(TABLE[table].name)} order by id`)).map((r) => String(r.id))
}

async function apply(o: Op, run: number, pair: readonly string[], written: Map<Table, string[]>): Promise<void> {
  const plans = written.get('plan') ?? []
  const values = columns(o, run, pair, plans)
  const mine = written.get(o.table) ?? []
  const target = mine[o.which % Math.max(mine.length, 1)]
  const table = name(TABLE[o.table].name)
  if (o.act === 'insert' || target === undefined) {
    const id = `agg-${run}-${++seq}`
    await insert(o.table, id, values)
    const ids = INTEGER_IDS.has(o.table) ? await rowIds(o.table) : [id]
    written.set(o.table, INTEGER_IDS.has(o.table) ? [...mine, ids.at(-1)!] : [...mine, id])
  } else if (o.act === 'update') {
    const sets = Object.entries(values).map(([k, v]) => sql`${name(k)} = ${v as string}`)
    await db.run(sql`update ${table} set ${sql.join(sets, sql`, `)} where id = ${target}`)
  } else {
    await db.run(sql`delete from ${table} where id = ${target}`)
    written.set(
      o.table,
      mine.filter((id) => id !== target),
    )
  }
}

/** Figures by commune and key, zeros left out (a kept row may stay at 0 after a delete). */
function figures(rows: readonly FigureRow[]): Record<string, number> {
  const out: Record<string, number> = {}
  for (const { c, k, n } of rows) out[`${c} ${k}`] = (out[`${c} ${k}`] ?? 0) + Number(n)
  for (const k of Object.keys(out)) if (out[k] === 0) delete out[k]
  return out
}

const PERIODS = ['2024-Q4', '2025-Q1', '2025-Q2', '2025-Q3', '2025-Q4', '2025-H1', '2025-H2', '2025-9M', '2025', '2026-Q1', '2026-H1', '2026'].map(
  (label) => parsePeriod(label)!,
)

describe('the kept report aggregates', () => {
  let run = 0
  it('equal a direct count over the records for every period, after inserts, edits, deletes and back-dated records', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 20, maxLength: 70 }), async (ops) => {
        run += 1
        // Communes of their own each run (shrinking runs it again and again): codes no province has.
        const pair = [`t${run}a`, `t${run}b`] as const
        const written = new Map<Table, string[]>()
        for (const o of ops) await apply(o, run, pair, written)
        for (const period of PERIODS) {
          const kept = figures(await caseFigureRows(db, period, pair))
          const direct = figures(await directFigureRows(db, period, pair))
          expect({ period: period.label, figures: kept }).toEqual({ period: period.label, figures: direct })
        }
      }),
      { numRuns: 30 },
    )
  }, 240_000)

  it('a contact typed late with an earlier date moves into its own past quarter, and out when its date is corrected', async () => {
    const c = 'late'
    const q1 = parsePeriod('2025-Q1')!
    const q3 = parsePeriod('2025-Q3')!
    const contacts = async (p = q1) => figures(await caseFigureRows(db, p, [c]))
    await insert('contact', 'late-1', { person_id: 'late-p', commune_code: c, contacted_on: '2025-02-10', employed: 1 })
    await insert('contact', 'late-2', { person_id: 'late-p', commune_code: c, contacted_on: '2025-03-01', employed: null })
    expect(await contacts()).toMatchObject({ [`${c} pr.contacts.times`]: 2, [`${c} pr.contacts.people`]: 1, [`${c} emp.employed`]: 1 })
    // Corrected to a day of the third quarter: out of Q1's contacts and employment, into Q3's.
    await db.run(sql`update follow_ups set contacted_on = '2025-08-01' where id = 'late-1'`)
    expect(await contacts()).toEqual({ [`${c} pr.contacts.times`]: 1, [`${c} pr.contacts.people`]: 1 })
    expect(await contacts(q3)).toEqual({
      [`${c} pr.contacts.times`]: 1,
      [`${c} pr.contacts.people`]: 1,
      [`${c} emp.known`]: 1,
      [`${c} emp.employed`]: 1,
    })
    await db.run(sql`delete from follow_ups where id in ('late-1', 'late-2')`)
    expect({ ...(await contacts()), ...(await contacts(q3)) }).toEqual({})
  })

  it('reads every figure of a report in one round trip, two when the province keeps another review policy', async () => {
    const trips: string[] = []
    const client = new Proxy(db.$client, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown
        if (prop === 'execute' || prop === 'batch') trips.push(prop)
        return typeof value === 'function' ? value.bind(target) : value
      },
    })
    const counted = drizzle(client, { schema: tenantSchema }) as unknown as TenantDb
    const period = parsePeriod('2025-Q1')!
    const report = await buildReport(counted, period, null, '2026-12-04')
    expect(trips).toEqual(['batch'])
    expect(report.byCommune.length).toBeGreaterThan(50)
    trips.length = 0
    await db.transaction(async (tx) => writeReviewPolicy(tx, { intervalMonths: 1, graceDays: 3 }))
    await buildReport(counted, period, null, '2026-12-04')
    expect(trips).toEqual(['batch', 'execute'])
  })

  it("the migration's backfill, run again over every record the tests wrote, gives the triggers' figures", async () => {
    const dir = 'db/tenant/migrations'
    const file = readdirSync(dir).find((f) => f.endsWith('_report_aggregates.sql'))!
    const backfill = readFileSync(`${dir}/${file}`, 'utf8')
      .split('--> statement-breakpoint')
      .map((statement) => statement.replace(/^\s*(--.*\n\s*)*/, ''))
      .filter((statement) => /^INSERT INTO `report_(period_figures|month_deltas)`/.test(statement))
    expect(backfill.length).toBeGreaterThan(30)
    const before = await Promise.all(PERIODS.map(async (p) => figures(await caseFigureRows(db, p, null))))
    await db.run(sql`delete from report_period_figures`)
    await db.run(sql`delete from report_month_deltas`)
    for (const statement of backfill) await db.run(sql.raw(statement))
    for (const [i, period] of PERIODS.entries()) {
      const again = figures(await caseFigureRows(db, period, null))
      expect(again).toEqual(before[i])
      expect(again).toEqual(figures(await directFigureRows(db, period, null)))
    }
    expect(Object.keys(before[1]!).length).toBeGreaterThan(20)
  })
})
