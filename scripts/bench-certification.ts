// `npm run bench:certification` (part of `npm run bench`): the province's list of drug-free communes (decision
// 0037), GET /api/p/:province/certification/overview, through the real app (session, tenancy, policy) with
// app.request, in process, no socket. Target: ≤ 20 ms at p95 for 168 communes. Written to docs/benchmarks.md.
// Province 82 gets synthetic communes up to 168 (bench only), 3,000 synthetic people, confirmed criteria, a
// population for each commune, an assessment for each (a snapshot for every submitted one), status periods over two
// years and open flags: every part of the list is read and computed. Beside it, the floor: the statements the list
// sends (recorded), replayed through the native `libsql` driver on the same file, in the same run.
import os from 'node:os'
import Database from 'libsql'
import { embeddedFileOf } from '../db/client.node.ts'
import { generateCertificationDemo } from '../db/seed/certification.ts'
import { certificationFlags, communeAssessments, communes, drugFreePeriods } from '../db/tenant/schema/index.ts'
import { seedDemoCertification } from '../worker/provision/seed-demo.ts'
import { provinceOverview } from '../worker/services/certification.ts'
import { startBenchPlatform } from './lib/bench-app.ts'
import { recordingTenantDb } from './lib/statement-recorder.ts'
import { fmt, machineLine, summarize, writeSection } from './lib/bench-stats.ts'

const COMMUNES = 168
const PERSONS = 3_000
const WARMUP = 10
const RUNS = 200
const TARGET_MS = 20
const YEAR = 2026

const bench = await startBenchPlatform('certification', ['82'])
try {
  const now = new Date(`${YEAR}-11-24T03:00:00Z`)
  const db = await bench.tenantDb('82')
  const existing = (await db.select({ code: communes.code }).from(communes)).map((c) => c.code)
  const extra = Array.from({ length: Math.max(0, COMMUNES - existing.length) }, (_, i) => ({
    code: String(90000 + i),
    name: `Xã thử ${i + 1}`,
    kind: 'xa' as const,
  }))
  if (extra.length > 0) await db.insert(communes).values(extra)
  const { seeded } = await bench.seedCaseload('82', { persons: PERSONS, caseload: 300, seed: 42, now })
  const codes = (await db.select({ code: communes.code }).from(communes).orderBy(communes.code)).map((c) => c.code).slice(0, COMMUNES)
  // The demo's six dossiers in every state, then one per remaining commune in the same states (fresh ids).
  await seedDemoCertification(db, codes, 82, now)
  const assessed = new Set((await db.select({ code: communeAssessments.communeCode }).from(communeAssessments)).map((r) => r.code))
  for (let start = 0; start < codes.length; start += 6) {
    const group = codes.slice(start, start + 6).filter((c) => !assessed.has(c))
    if (group.length < 6) continue
    const demo = generateCertificationDemo({ seed: start, now, communes: group, managed: {} })
    await db.insert(communeAssessments).values(demo.assessments)
    if (demo.periods.length > 0) await db.insert(drugFreePeriods).values(demo.periods)
    await db.insert(certificationFlags).values({
      id: crypto.randomUUID(),
      communeCode: group[4]!,
      periodId: demo.periods[0]?.id ?? crypto.randomUUID(),
      kind: 'newly_managed',
      criterionCode: 'DF.1',
      raisedOn: `${YEAR}-11-20`,
      status: 'open',
      version: 1,
      createdAt: now,
      updatedAt: now,
    })
  }
  const assessments = (await db.select({ id: communeAssessments.id }).from(communeAssessments)).length
  const { cookie } = await bench.signedIn('bench-reviewer', 'province_reviewer', '82')
  const call = async () => {
    const res = await bench.app.request(`/api/p/82/certification/overview?year=${YEAR}`, { headers: { cookie } })
    if (res.status !== 200) throw new Error(`overview: ${res.status} ${await res.text()}`)
    return (await res.json()) as { data: { communes: unknown[]; figures: { recognised: number } } }
  }
  const first = await call()
  if (first.data.communes.length !== COMMUNES) throw new Error(`the list has ${first.data.communes.length} communes, not ${COMMUNES}`)
  const recorder = recordingTenantDb(db)
  await provinceOverview(recorder.db, null, YEAR)
  const statements = recorder.take()
  const native = new Database(embeddedFileOf(db.$client)!.replace(/^file:/, ''), { readonly: true })
  const prepared = statements.map((st) => ({ stmt: native.prepare(st.sql), args: st.args }))
  const runNative = () => prepared.reduce((rows, { stmt, args }) => rows + (stmt.all(args as never) as unknown[]).length, 0)
  const loadAtStart = os.loadavg()
  const samples: number[] = []
  const floor: number[] = []
  // Alternating, so both see the same moments of a shared machine.
  for (let run = 0; run < WARMUP + RUNS; run++) {
    const started = performance.now()
    await call()
    const between = performance.now()
    runNative()
    if (run >= WARMUP) {
      samples.push(between - started)
      floor.push(performance.now() - between)
    }
  }
  native.close()
  const stats = summarize(samples)
  const floorStats = summarize(floor)
  const met = stats.p95 <= TARGET_MS
  const markdown = `## Drug-free communes: the province's list (\`npm run bench:certification\`, scripts/bench-certification.ts)

Machine: ${machineLine()}. Load average when the runs started: ${loadAtStart.map((l) => l.toFixed(1)).join(', ')}; when they ended: ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(', ')} (a shared machine: other work ran beside it).
Embedded libSQL file; province 82 with ${COMMUNES} communes (synthetic ones added up to ${COMMUNES}), ${seeded.persons.toLocaleString('en-US')} synthetic people,
confirmed criteria, a population per commune, ${assessments} assessments in every state (drafts evaluated on today's figures,
submitted ones read from their snapshot), status periods over two years and open flags. A province reviewer's
\`GET /api/p/82/certification/overview?year=${YEAR}\` through the real app (\`createApp\`: session, tenancy, policy) with
\`app.request\`, in process; ${WARMUP} warm-up calls not counted. The list reads in one batch (communes, the year's
assessments, the periods touching this year or the last, open flags, criteria sets, populations) beside the case-data
count: ${statements.length} statements per request, none per commune.

| What | Runs | Median | p95 | Target | Met |
|---|---:|---:|---:|---|---|
| The list of ${COMMUNES} communes with status, type, blocking criteria, flags and the year's kept / new / lost against the target | ${stats.runs} | ${fmt(stats.median)} ms | ${fmt(stats.p95)} ms | ≤ ${TARGET_MS} ms (p95) | ${met ? 'yes' : '**no**'} |
| Its floor: the same ${statements.length} statements through the native \`libsql\` driver, one after another | ${floorStats.runs} | ${fmt(floorStats.median, 2)} ms | ${fmt(floorStats.p95, 2)} ms | — | — |
`
  writeSection('certification', markdown)
  console.log(markdown)
  if (!met) process.exitCode = 1
} finally {
  await bench.close()
}
