// `npm run bench:central` (part of `npm run bench`): the central overview (issue #18; decisions 0042, 0045) on the
// embedded default. Every province is onboarded and seeded on its own (db/seed through seedDemo, seed 1000 + its
// place in the list), in child processes (scripts/lib/seed-province.ts, `--jobs` at a time), so no two provinces
// hold the same records. Each seeded province is kept in the bench seed cache (scripts/lib/seed-cache.ts, decision
// 0047; variant "central") and copied from it by the next run, so a run measures the refresh, not the seeding.
//   --persons 30000   people per province     --provinces 34   how many provinces     --jobs 2   seeding processes
//   --seed-only       fill the seed cache and stop (run it under `nice -n 19`, outside the bench lock)
// Measured: the first refresh of every province (nothing stored: 8 quarters each), then the scheduled refresh
// (the current and the previous quarter each), their wall time and this process's peak RSS (the seeding runs in
// the children); then GET /api/central/summary, the trend and the XLSX through the real app in process (session,
// policy, suppression over the year), 5 warm-up and 100 timed runs, beside the same control-database statements
// run through the native `libsql` driver (the floor); and the province's own overview (decision 0045). Targets:
// summary p95 <= 50 ms; a refresh of 34 provinces at 30,000 people <= 60 s. Written to docs/benchmarks.md.
import { execFile } from 'node:child_process'
import os from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'
import { parseArgs } from 'node:util'
import Database from 'libsql'
import { eq } from 'drizzle-orm'
import { embeddedFileOf } from '../db/client.node.ts'
import { onboardTenant } from '../db/provision/onboard-tenant.ts'
import { centralSnapshots, provinces } from '../db/control/schema/index.ts'
import { vietnamToday } from '../kernel/calendar.ts'
import { createJsonLogger } from '../worker/logger.ts'
import { readNodeConfig } from '../worker/node-config.ts'
import { createNodePlatform } from '../worker/provision/node-platform.ts'
import { DEFAULT_REFRESH, refreshAllSnapshots } from '../worker/jobs/refresh-snapshots.ts'
import { quarterOf } from '../worker/services/central-snapshot.ts'
import { centralSummary, DEFAULT_CENTRAL } from '../worker/services/central-summary.ts'
import { startBenchPlatform } from './lib/bench-app.ts'
import { fmt, machineLine, summarize, writeSection, type Stats } from './lib/bench-stats.ts'
import { cachedSeed, restoreSeedFile, type SeedInfo, storeSeedFile } from './lib/seed-cache.ts'
import { recordingControlDb, type Recorded } from './lib/statement-recorder.ts'

const { values } = parseArgs({
  options: {
    persons: { type: 'string', default: '30000' },
    provinces: { type: 'string', default: '34' },
    jobs: { type: 'string', default: '2' },
    'seed-only': { type: 'boolean', default: false },
  },
})
const PERSONS = Number(values.persons)
const PROVINCES = Number(values.provinces)
const JOBS = Number(values.jobs)
const SEED_ONLY = values['seed-only']
const WARMUP = 5
const ROUNDS = 100
const TARGET = { summaryP95: 50, refreshSeconds: 60 }
const loadAtStart = os.loadavg()
const run = promisify(execFile)

const bench = await startBenchPlatform('central', [])
const codes = (await bench.control.select({ code: provinces.code }).from(provinces).orderBy(provinces.code)).map((p) => p.code).slice(0, PROVINCES)
const onboarding = createNodePlatform(readNodeConfig({ DATA_DIR: bench.dataDir, NODE_ENV: 'test' })).onboardDeps
const onboardStart = performance.now()
for (const code of codes) await onboardTenant(onboarding, code)
const onboardSeconds = (performance.now() - onboardStart) / 1000
console.log(`Onboarded ${codes.length} provinces in ${fmt(onboardSeconds)} s`)

// Each province seeded on its own (its own seed, so every province's records are its own) in child processes,
// JOBS at a time, or copied from the bench seed cache (decision 0047) when a fresh copy of that province, size
// and seed is there; a seeded file is stored for the next run.
const seedAt = new Date().toISOString()
const seeding: ({ code: string; cached: boolean } & SeedInfo)[] = []
const seedStart = performance.now()
const queue = codes.map((code, i) => ({ code, seed: 1000 + i }))
await Promise.all(
  Array.from({ length: JOBS }, async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const file = join(bench.dataDir, 'tenants', `binhan-p${next.code}.db`)
      const key = { province: next.code, persons: PERSONS, seed: next.seed, variant: 'central' }
      const cached = cachedSeed(key)
      if (cached) {
        restoreSeedFile(cached.file, file)
        seeding.push({ code: next.code, cached: true, ...cached.info })
        continue
      }
      const loadAverage = os.loadavg()
      const { stdout } = await run(process.execPath, ['scripts/lib/seed-province.ts', file, String(next.seed), String(PERSONS), seedAt], {
        maxBuffer: 1 << 20,
      })
      const out = JSON.parse(stdout.trim().split('\n').at(-1)!) as { persons: number; seconds: number; peakMiB: number }
      const info: SeedInfo = { seededAt: seedAt, seconds: out.seconds, peakRssMiB: out.peakMiB, loadAverage }
      storeSeedFile(key, file, info)
      seeding.push({ code: next.code, cached: false, ...info })
      console.log(`Seeded ${next.code}: ${out.persons} people (seed ${next.seed}) in ${fmt(out.seconds)} s`)
    }
  }),
)
const seedSeconds = (performance.now() - seedStart) / 1000
const copied = seeding.filter((s) => s.cached).length
console.log(`${seeding.length - copied} provinces seeded, ${copied} copied from the seed cache, in ${fmt(seedSeconds)} s`)
if (SEED_ONLY) {
  await bench.close()
  process.exit(0)
}
const childPeak = Math.max(...seeding.map((s) => s.peakRssMiB ?? 0))

const logger = createJsonLogger('silent')
const rssBefore = process.memoryUsage().rss / 1024 / 1024
const refresh = async (label: string) => {
  const started = performance.now()
  const outcomes = await refreshAllSnapshots({ control: bench.control, tenants: bench.tenants, logger, now: new Date() })
  const seconds = (performance.now() - started) / 1000
  const failed = outcomes.filter((o) => !o.ok)
  if (failed.length > 0) throw new Error(`${label}: ${failed.length} provinces failed: ${failed.map((o) => `${o.province} ${o.error}`).join(', ')}`)
  console.log(`${label}: ${outcomes.length} provinces in ${fmt(seconds)} s`)
  return { seconds, quarters: outcomes[0]!.periods.length, peakMiB: process.resourceUsage().maxRSS / 1024, rss: process.memoryUsage().rss / 1024 / 1024 }
}
const firstRefresh = await refresh('First refresh (8 quarters each)')
const steady = await refresh('Scheduled refresh (2 quarters each)')

const quarter = quarterOf(vietnamToday(new Date()))
const viewer = (await bench.signedIn('bench-central', 'central_viewer', null as unknown as string)).cookie
const officer = (await bench.signedIn('bench-province', 'province_officer', codes[0]!)).cookie
const time = async (path: string, cookie = viewer) => {
  const samples: number[] = []
  for (let i = 0; i < WARMUP + ROUNDS; i++) {
    const started = performance.now()
    const res = await bench.app.request(path, { headers: { cookie } })
    await res.text()
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`)
    if (i >= WARMUP) samples.push(performance.now() - started)
  }
  return summarize(samples)
}

// The floor: the statements a warm summary sends to the control database (the year's suppressed cube cached),
// replayed through the native driver on the same file. The session's own statements are not in it.
const recorder = recordingControlDb(bench.control)
await centralSummary(recorder.db, quarter, new Date(), DEFAULT_CENTRAL)
const coldStatements = recorder.take()
await centralSummary(recorder.db, quarter, new Date(), DEFAULT_CENTRAL)
const warmStatements = recorder.take()
const native = new Database(embeddedFileOf(bench.control.$client)!.replace(/^file:/, ''), { readonly: true })
const nativeFloor = (statements: Recorded[]): Stats => {
  const samples: number[] = []
  for (let i = 0; i < WARMUP + ROUNDS; i++) {
    const started = performance.now()
    for (const st of statements) native.prepare(st.sql).all(st.args as never)
    if (i >= WARMUP) samples.push(performance.now() - started)
  }
  return summarize(samples)
}
const warmFloor = nativeFloor(warmStatements)
const coldFloor = nativeFloor(coldStatements)

const summaryStats = await time(`/api/central/summary?period=${quarter}`)
const trendStats = await time(`/api/central/provinces/${codes[0]}/trend`)
// The year's suppressed figures are cached until a snapshot of the year changes: after each refresh the first
// request builds them again. Measured by touching one snapshot before each request.
const coldSamples: number[] = []
for (let i = 0; i < 30; i++) {
  await bench.control
    .update(centralSnapshots)
    .set({ computedAt: new Date(Date.now() + i) })
    .where(eq(centralSnapshots.provinceCode, codes[0]!))
  const started = performance.now()
  const res = await bench.app.request(`/api/central/summary?period=${quarter}`, { headers: { cookie: viewer } })
  await res.text()
  coldSamples.push(performance.now() - started)
}
const coldStats = summarize(coldSamples)
const xlsxStats = await time(`/api/central/summary/xlsx?period=${quarter}`)
const own = codes[0]!
const ownOverview = await time(`/api/p/${own}/overview?period=${quarter}`, officer)
const ownTrend = await time(`/api/p/${own}/overview/trend`, officer)
const ownXlsx = await time(`/api/p/${own}/overview/xlsx?period=${quarter}`, officer)
native.close()

const n = codes.length
const ok = (pass: boolean) => (pass ? 'met' : '**missed**')
const full = n === 34 && PERSONS === 30000
const seedDays = [...new Set(seeding.map((s) => s.seededAt.slice(0, 10)))].sort().join(', ')
const seedLine = `${seeding.length - copied} seeded by this run (${JOBS} child processes at a time), ${copied} copied from the bench seed cache (seeded ${seedDays}); the seeding took ${fmt(Math.min(...seeding.map((s) => s.seconds)), 0)}–${fmt(Math.max(...seeding.map((s) => s.seconds)), 0)} s a province, ${fmt(seedSeconds, 0)} s of this run went to seeding and copying`
const row = (what: string, s: Stats, floor?: Stats) =>
  `| ${what} | ${fmt(s.median)} ms | ${fmt(s.p95)} ms | ${floor ? `${fmt(floor.median)} ms | ${fmt(floor.p95)} ms` : '— | —'} |`
writeSection(
  'central',
  `
## Central overview (\`npm run bench:central\`, scripts/bench-central.ts)

Machine: ${machineLine()}, shared with other work. Load average when the run started: ${loadAtStart.map((l) => l.toFixed(1)).join(', ')}; when it ended: ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(', ')}.
${n} provinces, each onboarded and seeded on its own with ${PERSONS.toLocaleString('en')} synthetic people (${(n * PERSONS).toLocaleString('en')} in all; db/seed, seed 1000 + the province's
place, so no two provinces hold the same records): ${seedLine}; a seeding child's
peak RSS at most ${fmt(childPeak, 0)} MiB. ${WARMUP} warm-up and ${ROUNDS} timed requests per row through the real app in process (session, policy,
snapshots from the control database, suppression over the year — cached until a snapshot of the year changes). The native floor:
the control-database statements the summary sends (${warmStatements.length} warm, ${coldStatements.length} when the year is built again), run through the native \`libsql\`
driver on the same file; the session's statements and the suppression itself are not in it.

| What | Median | p95 | Native floor median | Native floor p95 |
| --- | ---: | ---: | ---: | ---: |
${row(`GET /api/central/summary (${quarter})`, summaryStats, warmFloor)}
${row("GET /api/central/summary, first request after a refresh (30 runs: the year's suppression computed again)", coldStats, coldFloor)}
${row(`GET /api/central/provinces/${own}/trend`, trendStats)}
${row('GET /api/central/summary/xlsx', xlsxStats)}
${row(`GET /api/p/${own}/overview (a province officer: the province's communes)`, ownOverview)}
${row(`GET /api/p/${own}/overview/trend`, ownTrend)}
${row(`GET /api/p/${own}/overview/xlsx`, ownXlsx)}

| Refresh (refreshAllSnapshots, ${DEFAULT_REFRESH.concurrency} provinces at a time) | Wall time | This process's peak RSS | RSS after |
| --- | ---: | ---: | ---: |
| First, every province (nothing stored yet: ${firstRefresh.quarters} quarters each) | ${fmt(firstRefresh.seconds)} s | ${fmt(firstRefresh.peakMiB, 0)} MiB | ${fmt(firstRefresh.rss, 0)} MiB |
| Scheduled, every province (the current and the previous quarter each) | ${fmt(steady.seconds)} s | ${fmt(steady.peakMiB, 0)} MiB | ${fmt(steady.rss, 0)} MiB |

Targets: summary p95 <= ${TARGET.summaryP95} ms — ${ok(summaryStats.p95 <= TARGET.summaryP95)}; a refresh of 34 provinces at 30,000 people <= ${TARGET.refreshSeconds} s —
${full ? `first ${ok(firstRefresh.seconds <= TARGET.refreshSeconds)}, scheduled ${ok(steady.seconds <= TARGET.refreshSeconds)}` : `not checked by this run (${n} provinces × ${PERSONS.toLocaleString('en')} people)`}.
Resident before the first refresh: ${fmt(rssBefore, 0)} MiB (the process after onboarding the provinces and copying their files in; the seeding ran in the children).
The first refresh added ${fmt(firstRefresh.peakMiB - rssBefore, 0)} MiB at its peak, ${fmt((firstRefresh.peakMiB - rssBefore) / n, 1)} MiB a province: each province's client, which the
resolver keeps open for the next request (a 2 MiB page cache among it); the scheduled refresh, on the same clients,
${fmt(steady.peakMiB - firstRefresh.peakMiB, 0)} MiB more. The refresh holds at most ${DEFAULT_REFRESH.concurrency} provinces' quarters at a time, and nothing of a person.
`,
)
await bench.close()
