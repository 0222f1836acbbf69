// The province report case of `npm run bench:cases` (decisions 0034, 0043): `GET /reports?period=…` as the
// province officer over a province of a given size, against its floor — every statement the report runs, recorded
// and replayed through the native `libsql` driver on the same file, in one read transaction as the service's batch is.
import { copyFileSync, existsSync, renameSync, rmSync } from 'node:fs'
import { join } from 'node:path'
import Database from 'libsql'
import { openTenantDb } from '../../db/client.node.ts'
import { migrateTenantDb } from '../../db/provision/migrate.ts'
import { DATABASE_ID_KEY } from '../../db/tenant/identity.ts'
import type { TenantDb } from '../../db/types.ts'
import { parsePeriod } from '../../kernel/domain/report-period.ts'
import { vietnamToday } from '../../kernel/calendar.ts'
import { buildReport } from '../../worker/services/reports.ts'
import type { Report } from '../../kernel/contract/reports.ts'
import { recordingTenantDb } from './statement-recorder.ts'
import { summarize, type Stats } from './bench-stats.ts'

export interface ReportCase {
  persons: number
  period: string
  request: Stats
  floor: Stats
  statements: number
  /** Head-count at the period's end, and the slowest statement's plan (EXPLAIN QUERY PLAN, shortened). */
  headCount: number
  deltaRows: number
  /** The kept aggregates' rows (decision 0043): per period, commune and figure; monthly deltas of figures of a day. */
  periodRows: number
  monthRows: number
  /** The answer's JSON, bytes. */
  bytes: number
}

export async function measureReport(opts: {
  db: TenantDb
  /** The province's file: the floor reads it through the native driver. */
  file: string
  persons: number
  fetchBody: (path: string) => Promise<ArrayBuffer>
  province: string
  warmup: number
  runs: number
}): Promise<ReportCase> {
  const today = vietnamToday(new Date())
  // The last quarter that has ended: what a commune files, and what the province asks most.
  const year = Number(today.slice(0, 4))
  const q = Math.floor((Number(today.slice(5, 7)) - 1) / 3)
  const period = q === 0 ? `${year - 1}-Q4` : `${year}-Q${q}`
  const path = `/api/p/${opts.province}/reports?period=${period}`
  const report = JSON.parse(new TextDecoder().decode(await opts.fetchBody(path))) as { data: Report }
  const recorder = recordingTenantDb(opts.db)
  await buildReport(recorder.db, parsePeriod(period)!, null, today)
  const statements = recorder.take()
  const native = new Database(opts.file, { readonly: true })
  const prepared = statements.map((s) => ({ stmt: native.prepare(s.sql), args: s.args }))
  // One transaction, one snapshot, as libSQL runs the service's batch.
  const batch = native.transaction(() => {
    for (const { stmt, args } of prepared) stmt.all(args as never)
  })
  const floor = async () => {
    batch()
  }
  const request: number[] = []
  const direct: number[] = []
  for (let i = 0; i < opts.warmup + opts.runs; i++) {
    // Alternating, so that background load falls on both alike.
    let started = performance.now()
    await opts.fetchBody(path)
    if (i >= opts.warmup) request.push(performance.now() - started)
    started = performance.now()
    await floor()
    if (i >= opts.warmup) direct.push(performance.now() - started)
  }
  native.close()
  const rows = async (table: string) => Number((await opts.db.$client.execute(`select count(*) as n from ${table}`)).rows[0]?.[0] ?? 0)
  return {
    persons: opts.persons,
    period,
    request: summarize(request),
    floor: summarize(direct),
    statements: statements.length,
    headCount: report.data.total.cases.underManagement.total.value,
    deltaRows: await rows('report_status_deltas'),
    periodRows: await rows('report_period_figures'),
    monthRows: await rows('report_month_deltas'),
    bytes: (await opts.fetchBody(path)).byteLength,
  }
}

/**
 * A province file an earlier `seedDemo` wrote (same size and seed, an older schema), put in place of a freshly
 * onboarded province before anything opened it, with that province's identity marker, and migrated to this
 * schema — its kept aggregates then come from the migrations' backfill, not from triggers at seeding. For sizes
 * that take longer to seed through the triggers than a run can wait (300,000 people: most of an hour on the
 * shared machine). Returns how long the migration took.
 */
export async function placeSeededProvince(dataDir: string, code: string, seeded: string): Promise<{ migrateMs: number; applied: number }> {
  if (!existsSync(seeded)) throw new Error(`--seeded: no file ${seeded}`)
  const target = join(dataDir, 'tenants', `binhan-p${code}.db`)
  const current = new Database(target, { readonly: true })
  const id = current.prepare('select value from tenant_meta where key = ?').get([DATABASE_ID_KEY]) as { value: string } | undefined
  current.close()
  // Prepared beside it and renamed over it: a connection the onboarding left open keeps the old file.
  const next = `${target}.placing`
  copyFileSync(seeded, next)
  const copy = new Database(next)
  if (id) copy.prepare('update tenant_meta set value = ? where key = ?').run([id.value, DATABASE_ID_KEY])
  copy.close()
  const db = openTenantDb({ url: `file:${next}` })
  const migrations = async () => Number((await db.$client.execute('select count(*) from __drizzle_migrations')).rows[0]?.[0] ?? 0)
  const before = await migrations()
  const started = performance.now()
  await migrateTenantDb(db)
  const migrateMs = performance.now() - started
  const applied = (await migrations()) - before
  await db.$client.execute('pragma wal_checkpoint(truncate)')
  db.$client.close()
  for (const companion of ['-wal', '-shm']) rmSync(`${target}${companion}`, { force: true })
  renameSync(next, target)
  return { migrateMs, applied }
}
