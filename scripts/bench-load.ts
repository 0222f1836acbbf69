// `npm run bench:load` (part of `npm run bench`): throughput of the real Node server over HTTP, one process
// against one per core (WEB_CONCURRENCY, decision 0024). Province 82 seeded by seedDemo with 30,000 synthetic
// people over all its communes; 50 commune officers, each signed in for a different commune, ask for their
// caseload in a closed loop (the next request as soon as the answer is read) over keep-alive connections, as
// a browser does (Accept-Encoding: gzip, deflate, br). Every request is the full production path: session
// check, tenancy, policy, the caseload query, an audit entry committed to disk, JSON, compression.
// Target (issue 19): ≥ 400 req/s at 50 sessions with p99 ≤ 250 ms on a 2-core machine, with one worker per core.
// Bounded: 2 s of warm-up and 15 s (at most 40,000 requests) per configuration, loopback only.
import { rmSync } from 'node:fs'
import { availableParallelism, loadavg } from 'node:os'
import { join } from 'node:path'
import Database from 'libsql'
import { asc } from 'drizzle-orm'
import { seedDemo } from '../worker/provision/seed-demo.ts'
import { communes } from '../db/tenant/schema/index.ts'
import { startBenchPlatform } from './lib/bench-app.ts'
import { fmt, machineLine, writeSection } from './lib/bench-stats.ts'
import { percentile, runLoad, type LoadResult } from './lib/load-generator.ts'
import { processTreeCpuMs, spawnServer } from './lib/spawn-server.ts'

const PERSONS = 30_000
const SEED = 42
const SESSIONS = 50
const WARMUP_MS = 2_000
const DURATION_MS = 15_000
const MAX_REQUESTS = 40_000
const TARGET = { rps: 400, p99: 250 }
const cores = availableParallelism()
const configurations = [...new Set([1, cores])]

const bench = await startBenchPlatform('load', ['82'])
try {
  const now = new Date()
  const db = await bench.tenantDb('82')
  const codes = (await db.select({ code: communes.code }).from(communes).orderBy(asc(communes.code))).map((c) => c.code)
  const seedStarted = performance.now()
  const seeded = await seedDemo(db, { persons: PERSONS, seed: SEED, communes: [], now })
  const seedSeconds = (performance.now() - seedStarted) / 1000
  // Every other commune by code: 50 different caseloads of the sizes seedDemo's uneven spread gives.
  const chosen = codes.filter((_, i) => i % 2 === 0).slice(0, SESSIONS)
  if (chosen.length < SESSIONS) throw new Error(`province 82 has ${codes.length} communes, too few for ${SESSIONS} officers`)
  const sessions = []
  for (const [i, commune] of chosen.entries()) {
    const { cookie } = await bench.signedIn(`bench-load-${i}`, 'commune_officer', '82', [commune])
    sessions.push({ headers: { cookie, 'accept-encoding': 'gzip, deflate, br' } })
  }

  const commitMs = measureCommitMs(bench.dataDir)
  const path = '/api/p/82/caseload'
  const runs: {
    workers: number
    result: LoadResult
    load: number[]
    rows: number[]
    rawBytes: number[]
    serverCpuMs?: number | undefined
    clientCpuMs: number
  }[] = []
  for (const workers of configurations) {
    // NODE_ENV=test: no mail configuration needed; the code path is production's (the pid header aside).
    const server = await spawnServer(
      { DATA_DIR: bench.dataDir, NODE_ENV: 'test', DEMO_PROVINCES: '', LOG_LEVEL: 'info', WEB_CONCURRENCY: String(workers) },
      { keepStdout: false },
    )
    try {
      // What each officer's answer holds, once, uncompressed (outside the timing).
      const rows: number[] = []
      const rawBytes: number[] = []
      for (const s of sessions) {
        const res = await fetch(`${server.baseUrl}${path}`, { headers: { cookie: s.headers.cookie, 'accept-encoding': 'identity' } })
        const text = await res.text()
        if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${text.slice(0, 200)}`)
        rows.push((JSON.parse(text) as { data: unknown[] }).data.length)
        rawBytes.push(Buffer.byteLength(text))
      }
      const load = loadavg()
      const serverCpuBefore = processTreeCpuMs(server.child.pid!)
      const clientCpuBefore = process.cpuUsage()
      const result = await runLoad({ url: `${server.baseUrl}${path}`, sessions, durationMs: DURATION_MS, warmupMs: WARMUP_MS, maxRequests: MAX_REQUESTS })
      const clientCpu = process.cpuUsage(clientCpuBefore)
      const serverCpuAfter = processTreeCpuMs(server.child.pid!)
      // CPU per answered request: the server's processes, and this load generator's.
      const serverCpuMs = serverCpuBefore === undefined || serverCpuAfter === undefined ? undefined : (serverCpuAfter - serverCpuBefore) / result.completed
      const clientCpuMs = (clientCpu.user + clientCpu.system) / 1000 / result.completed
      runs.push({ workers, result, load, rows, rawBytes, serverCpuMs, clientCpuMs })
      console.log(
        `${workers} worker(s): ${(result.requests / result.seconds).toFixed(0)} req/s, p99 ${fmt(percentile(result.latenciesMs, 0.99))} ms, ${result.errors} errors, CPU per request: server ${serverCpuMs?.toFixed(2)} ms, client ${clientCpuMs.toFixed(2)} ms`,
      )
    } finally {
      const exit = await server.stop()
      if (exit.code !== 0) console.error(`the server exited with ${exit.code ?? exit.signal}:\n${server.output()}`)
    }
  }

  const median = (xs: readonly number[]) => percentile(xs, 0.5)
  const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`
  const best = runs.at(-1)!
  const rps = (r: LoadResult) => r.requests / r.seconds
  const met = rps(best.result) >= TARGET.rps && percentile(best.result.latenciesMs, 0.99) <= TARGET.p99 && best.result.errors === 0
  const line = (r: (typeof runs)[number]) => {
    const l = r.result.latenciesMs
    const ok = r.workers === best.workers ? (met ? 'yes' : '**no**') : '—'
    const cpu = r.serverCpuMs === undefined ? '—' : `${fmt(r.serverCpuMs, 2)} ms`
    return `| ${r.workers} (${r.workers === 1 ? 'one process' : 'cluster'}) | ${r.result.requests.toLocaleString('en-US')} in ${fmt(r.result.seconds)} s | **${rps(r.result).toFixed(0)}** | ${fmt(median(l))} ms | ${fmt(percentile(l, 0.95))} ms | **${fmt(percentile(l, 0.99))} ms** | ${r.result.errors} | ${cpu} | ${fmt(r.clientCpuMs, 2)} ms | ${r.load.map((x) => x.toFixed(1)).join(', ')} | ${ok} |`
  }
  const ceiling = (r: (typeof runs)[number], withClient = true) =>
    r.serverCpuMs === undefined ? '—' : ((cores * 1000) / (r.serverCpuMs + (withClient ? r.clientCpuMs : 0))).toFixed(0)
  const errors = runs.flatMap((r) => r.result.errorSamples.map((e) => `${r.workers} worker(s): ${e}`))
  const speedup = runs.length > 1 ? rps(best.result) / rps(runs[0]!.result) : 1

  const markdown = `## Load: commune caseloads over HTTP (\`npm run bench:load\`, scripts/bench-load.ts)

Machine: ${machineLine()}. The load generator (scripts/lib/load-generator.ts, node:http with keep-alive) runs on
the same machine and takes CPU from the server: figures from a machine shared with other work are low (see the
load averages).
Province 82 seeded by \`seedDemo\` (seed ${SEED}) with ${seeded.persons.toLocaleString('en-US')} synthetic people over its ${codes.length} communes (${fmt(seedSeconds)} s).
${SESSIONS} commune officers, each signed in for a different commune (every other commune by code), ask for their caseload,
\`GET ${path}\`, in a closed loop: ${SESSIONS} requests always in flight, each sent when the previous answer of that officer
has been read in full. Caseload sizes: ${Math.min(...best.rows)}–${Math.max(...best.rows)} people (median ${median(best.rows)}); answer
${kb(median(best.rawBytes))} of JSON at the median, ${kb(median(best.result.bytes))} on the wire (Brotli, \`Accept-Encoding: gzip, deflate, br\`).
The real server (\`node worker/entry.node.ts\`, \`NODE_ENV=test\`, \`LOG_LEVEL=info\`: one log line per request) on the
embedded files; every request checks the session, resolves the province, authorizes, runs the caseload query
and appends its audit entry (a write transaction committed to disk, WAL, synchronous=FULL) before answering.
${fmt(WARMUP_MS / 1000, 0)} s warm-up, then ${fmt(DURATION_MS / 1000, 0)} s (at most ${MAX_REQUESTS.toLocaleString('en-US')} requests) per configuration.

| Worker processes (\`WEB_CONCURRENCY\`) | Requests | Requests/s | p50 | p95 | p99 | Errors | Server CPU per request | Load generator CPU per request | Load average at start | Target ≥ ${TARGET.rps} req/s, p99 ≤ ${TARGET.p99} ms |
|---|---:|---:|---:|---:|---:|---:|---:|---:|---|---|
${runs.map(line).join('\n')}

CPU per request is the server's processes' (primary and workers, from /proc) and the load generator's CPU time
over the run divided by the requests answered. At the cost measured in this run (itself higher when other work
shares the cores), ${cores} cores to themselves could answer at most about ${ceiling(best)} requests/s with the load generator
beside the server, ${ceiling(best, false)} without it. A ceiling: it leaves out waiting for the disk (${fmt(commitMs, 2)} ms per durable
commit on this disk just before the runs: the median of 100 one-row commits, WAL, synchronous=FULL).
${runs.length > 1 ? `${best.workers} workers answer ${speedup.toFixed(2)}× the requests of one process.` : 'One core: the cluster configuration is the single process.'}
All workers open the same database files (decision 0024). Their write transactions take turns per file, in the
order asked, through the primary (worker/write-gate.node.ts) rather than in SQLite's busy wait, which sleeps the
waiting process; and audit entries arriving while a write runs share the next transaction (group commit), so one
commit makes several reads' entries durable. Each request is still answered only after its own entry has
committed${errors.length > 0 ? `. Errors seen: ${errors.join('; ')}` : '. No request failed in these runs'}.
`
  writeSection('load', markdown)
  console.log(markdown)
  if (!met) process.exitCode = 1
} finally {
  await bench.close()
}

/** The disk's cost of one durable commit: the median of 100 one-row commits (WAL, synchronous=FULL) to a scratch file. */
function measureCommitMs(dir: string): number {
  const file = join(dir, 'commit-probe.db')
  const probe = new Database(file)
  try {
    probe.exec('PRAGMA journal_mode = WAL')
    probe.exec('CREATE TABLE t (x INTEGER)')
    const insert = probe.prepare('INSERT INTO t VALUES (?)')
    const samples: number[] = []
    for (let i = 0; i < 100; i++) {
      const t0 = performance.now()
      insert.run([i])
      samples.push(performance.now() - t0)
    }
    return percentile(samples, 0.5)
  } finally {
    probe.close()
    for (const suffix of ['', '-wal', '-shm']) rmSync(file + suffix, { force: true })
  }
}
