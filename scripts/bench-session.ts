// `npm run bench:session`: per-request session validation on the embedded default.
// Target: one database round trip and <= 1 ms at the median. Written to docs/benchmarks.md.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Client } from '@libsql/client'
import { users } from '../db/control/schema/index.ts'
import { createNodePlatform, prepareControlDb } from '../worker/provision/node-platform.ts'
import { createSession, validateSessionToken } from '../worker/auth/session.ts'
import { readNodeConfig } from '../worker/node-config.ts'
import { fmt, machineLine, summarize, writeSection } from './lib/bench-stats.ts'

const RUNS = 5_000
const WARMUP = 200
const SESSIONS = 1_000

/** Counts what reaches the database client: every execute, batch or transaction is one round trip. */
function countRoundTrips(client: Client): { count(): number } {
  let n = 0
  for (const method of ['execute', 'batch', 'executeMultiple', 'transaction'] as const) {
    const original = client[method].bind(client) as (...args: unknown[]) => unknown
    ;(client as unknown as Record<string, unknown>)[method] = (...args: unknown[]) => {
      n += 1
      return original(...args)
    }
  }
  return { count: () => n }
}

const dataDir = mkdtempSync(join(tmpdir(), 'binhan-bench-session-'))
try {
  const platform = createNodePlatform(readNodeConfig({ DATA_DIR: dataDir, NODE_ENV: 'test' }))
  await prepareControlDb(platform.control, new Date())
  const now = new Date()
  const userId = crypto.randomUUID()
  await platform.control.insert(users).values({
    id: userId,
    username: 'bench-user',
    displayName: 'Bench',
    role: 'commune_officer',
    provinceCode: '82',
    status: 'active',
    passwordHash: 'x',
    createdAt: now,
    updatedAt: now,
  })
  // A realistic table: many sessions, the one under test among them.
  const tokens: string[] = []
  for (let i = 0; i < SESSIONS; i++) tokens.push((await createSession(platform.control, userId, now)).token)
  const token = tokens[SESSIONS / 2]!

  const counter = countRoundTrips(platform.control.$client)
  for (let i = 0; i < WARMUP; i++) await validateSessionToken(platform.control, token, now)
  const before = counter.count()
  const samples: number[] = []
  for (let i = 0; i < RUNS; i++) {
    const started = performance.now()
    const session = await validateSessionToken(platform.control, token, now)
    samples.push(performance.now() - started)
    if (!session) throw new Error('session did not validate')
  }
  const roundTrips = (counter.count() - before) / RUNS
  const stats = summarize(samples)
  const ok = stats.median <= 1 && roundTrips === 1
  const markdown = `## Session validation (\`npm run bench:session\`, scripts/bench-session.ts)

Machine: ${machineLine()}. Embedded control database with ${SESSIONS} sessions; a session far from expiry (no renewal write).

| What | Runs | Median | p95 | Round trips per request | Target | Met |
|---|---:|---:|---:|---:|---|---|
| validateSessionToken (session + user + communes) | ${stats.runs} | ${fmt(stats.median, 3)} ms | ${fmt(stats.p95, 3)} ms | ${roundTrips} | ≤ 1 ms median, 1 round trip | ${ok ? 'yes' : '**no**'} |
`
  writeSection('session', markdown)
  console.log(markdown)
  platform.control.$client.close()
  if (!ok) process.exitCode = 1
} finally {
  rmSync(dataDir, { recursive: true, force: true })
}
