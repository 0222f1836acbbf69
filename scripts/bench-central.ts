// `npm run bench:central` (part of `npm run bench`): the central overview (issue #18; decision 0042) on the
// embedded default. One province is seeded with synthetic people (db/seed through seedDemo), then its file is
// copied for every other province (each copy given that province's identity, as onboarding would), so the
// refresh meets N databases of the same size without seeding each one.
//   --persons 30000   people per province     --provinces 34   how many provinces
// Measured: one province's first refresh (8 quarters), then the scheduled refresh of every province (the current
// and the previous quarter each: the others' older quarters are copies of 82's, their records being the same), its wall time and the process's peak RSS; then GET /api/central/summary and the
// trend through the real app in process (session, policy, suppression over the year), 5 warm-up and 100 timed
// runs. Targets: summary p95 <= 50 ms; a refresh of 34 provinces at 30,000 people <= 60 s. Written to
// docs/benchmarks.md.
import { copyFileSync } from 'node:fs'
import os from 'node:os'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { eq } from 'drizzle-orm'
import { embeddedFileOf, openTenantDb } from '../db/client.node.ts'
import { centralSnapshots, provinces, tenants } from '../db/control/schema/index.ts'
import { communes, tenantMeta } from '../db/tenant/schema/index.ts'
import { DATABASE_ID_KEY, PROVINCE_CODE_KEY } from '../db/tenant/identity.ts'
import { createJsonLogger } from '../worker/logger.ts'
import { refreshAllSnapshots, refreshProvince } from '../worker/jobs/refresh-snapshots.ts'
import { seedDemo } from '../worker/provision/seed-demo.ts'
import { vietnamToday } from '../kernel/calendar.ts'
import { quarterOf } from '../worker/services/central-snapshot.ts'
import { startBenchPlatform } from './lib/bench-app.ts'
import { fmt, machineLine, summarize, writeSection } from './lib/bench-stats.ts'

const { values } = parseArgs({ options: { persons: { type: 'string', default: '30000' }, provinces: { type: 'string', default: '34' } } })
const PERSONS = Number(values.persons)
const PROVINCES = Number(values.provinces)
const WARMUP = 5
const ROUNDS = 100
const TARGET = { summaryP95: 50, refreshSeconds: 60 }
const loadAtStart = os.loadavg()

const bench = await startBenchPlatform('central', ['82'])
const first = await bench.tenantDb('82')
const codes = (await first.select({ code: communes.code }).from(communes).orderBy(communes.code)).map((c) => c.code)
const seedStart = performance.now()
await seedDemo(first, { persons: PERSONS, seed: 42, communes: codes, now: new Date() })
const seedSeconds = (performance.now() - seedStart) / 1000
console.log(`Seeded ${PERSONS} people in ${fmt(seedSeconds)} s`)
await first.run('PRAGMA wal_checkpoint(TRUNCATE)')
const source = embeddedFileOf(first.$client)!.replace(/^file:/, '')

// The other provinces: a copy of 82's file each, with its own identity marker and registry row.
const [template] = await bench.control.select().from(tenants).where(eq(tenants.provinceCode, '82'))
const others = (await bench.control.select({ code: provinces.code }).from(provinces).orderBy(provinces.code))
  .map((p) => p.code)
  .filter((c) => c !== '82')
  .slice(0, PROVINCES - 1)
for (const code of others) {
  const dbName = `binhan-p${code}`
  const file = join(bench.dataDir, 'tenants', `${dbName}.db`)
  copyFileSync(source, file)
  const databaseId = crypto.randomUUID()
  const copy = openTenantDb({ url: `file:${file}` })
  await copy.update(tenantMeta).set({ value: code }).where(eq(tenantMeta.key, PROVINCE_CODE_KEY))
  await copy.update(tenantMeta).set({ value: databaseId }).where(eq(tenantMeta.key, DATABASE_ID_KEY))
  copy.$client.close()
  await bench.control.insert(tenants).values({ ...template!, provinceCode: code, dbName, dbLocation: `tenants/${dbName}.db`, databaseId })
}

const logger = createJsonLogger('silent')
const refresh = async (label: string) => {
  const started = performance.now()
  const outcomes = await refreshAllSnapshots({ control: bench.control, tenants: bench.tenants, logger, now: new Date() })
  const seconds = (performance.now() - started) / 1000
  const failed = outcomes.filter((o) => !o.ok)
  if (failed.length > 0) throw new Error(`${label}: ${failed.length} provinces failed: ${failed.map((o) => `${o.province} ${o.error}`).join(', ')}`)
  console.log(`${label}: ${outcomes.length} provinces in ${fmt(seconds)} s`)
  return { seconds, quarters: outcomes[0]!.periods.length, peakMiB: process.resourceUsage().maxRSS / 1024 }
}
// The first refresh of a province computes its 8 quarters; measured on 82 alone. The copies hold the same records,
// so 82's snapshots are theirs too: copied, so that the timed run is the scheduled one (2 quarters each).
const rssBefore = process.memoryUsage().rss / 1024 / 1024
const firstStart = performance.now()
const firstOutcome = await refreshProvince({ control: bench.control, tenants: bench.tenants, logger, now: new Date() }, '82')
if (!firstOutcome.ok) throw new Error(`first refresh of 82: ${firstOutcome.error}`)
const firstRefresh = { seconds: (performance.now() - firstStart) / 1000, quarters: firstOutcome.periods.length, peakMiB: process.resourceUsage().maxRSS / 1024 }
console.log(`First refresh of 82 (${firstRefresh.quarters} quarters): ${fmt(firstRefresh.seconds)} s`)
const stored = await bench.control.select().from(centralSnapshots).where(eq(centralSnapshots.provinceCode, '82'))
for (const code of others) for (const row of stored) await bench.control.insert(centralSnapshots).values({ ...row, provinceCode: code })
const steady = await refresh('Scheduled refresh (2 quarters each)')

const viewer = (await bench.signedIn('bench-central', 'central_viewer', null as unknown as string)).cookie
const time = async (path: string) => {
  const samples: number[] = []
  for (let i = 0; i < WARMUP + ROUNDS; i++) {
    const started = performance.now()
    const res = await bench.app.request(path, { headers: { cookie: viewer } })
    await res.text()
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`)
    if (i >= WARMUP) samples.push(performance.now() - started)
  }
  return summarize(samples)
}
const quarter = quarterOf(vietnamToday(new Date()))
const summaryStats = await time(`/api/central/summary?period=${quarter}`)
const trendStats = await time('/api/central/provinces/82/trend')
// The year's suppressed figures are cached until a snapshot of the year changes: after each refresh the first
// request builds them again. Measured by touching one snapshot before each request.
const coldSamples: number[] = []
for (let i = 0; i < 30; i++) {
  await bench.control
    .update(centralSnapshots)
    .set({ computedAt: new Date(Date.now() + i) })
    .where(eq(centralSnapshots.provinceCode, '82'))
  const started = performance.now()
  const res = await bench.app.request(`/api/central/summary?period=${quarter}`, { headers: { cookie: viewer } })
  await res.text()
  coldSamples.push(performance.now() - started)
}
const coldStats = summarize(coldSamples)
const xlsxStats = await time(`/api/central/summary/xlsx?period=${quarter}`)

const n = others.length + 1
const ok = (pass: boolean) => (pass ? 'met' : '**missed**')
const full = n === 34 && PERSONS === 30000
writeSection(
  'central',
  `
## Central overview (\`npm run bench:central\`, scripts/bench-central.ts)

Machine: ${machineLine()}. Load average when the run started: ${loadAtStart.map((l) => l.toFixed(1)).join(', ')}.
${n} provinces × ${PERSONS.toLocaleString('en')} synthetic people (one province seeded in ${fmt(seedSeconds, 0)} s, its file copied for the others
with their own identity). ${WARMUP} warm-up and ${ROUNDS} timed requests per row through the real app in process (session, policy,
snapshots from the control database, suppression over the year — cached until a snapshot of the year changes).

| What | Median | p95 |
| --- | ---: | ---: |
| GET /api/central/summary (${quarter}) | ${fmt(summaryStats.median)} ms | ${fmt(summaryStats.p95)} ms |
| GET /api/central/summary, first request after a refresh (30 runs: the year's suppression computed again) | ${fmt(coldStats.median)} ms | ${fmt(coldStats.p95)} ms |
| GET /api/central/provinces/82/trend | ${fmt(trendStats.median)} ms | ${fmt(trendStats.p95)} ms |
| GET /api/central/summary/xlsx | ${fmt(xlsxStats.median)} ms | ${fmt(xlsxStats.p95)} ms |

| Refresh (refreshAllSnapshots / refreshProvince, 4 provinces at a time) | Wall time | Process peak RSS |
| --- | ---: | ---: |
| First refresh of one province (82: its 8 quarters, nothing stored yet) | ${fmt(firstRefresh.seconds)} s | ${fmt(firstRefresh.peakMiB, 0)} MiB |
| Scheduled, every province (the current and the previous quarter each) | ${fmt(steady.seconds)} s | ${fmt(steady.peakMiB, 0)} MiB |

Targets: summary p95 <= ${TARGET.summaryP95} ms — ${ok(summaryStats.p95 <= TARGET.summaryP95)}; a scheduled refresh of 34 provinces at 30,000
people <= ${TARGET.refreshSeconds} s — ${full ? ok(steady.seconds <= TARGET.refreshSeconds) : `not checked by this run (${n} provinces × ${PERSONS.toLocaleString('en')} people)`}.
The peak RSS is the process's, seeding and copying included; resident before the first refresh: ${fmt(rssBefore, 0)} MiB. The\nrefresh holds at most 4 reports at a time; the resolver keeps each province's client open (its page cache) for the next request.
`,
)
await bench.close()
