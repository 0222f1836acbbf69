// `npm run bench:round-trips`: database round trips per route on the Hrana path (issue 20, decision 0046).
// The Workers app (worker/workers-deps.ts: @libsql/client/web, one pipeline per request) runs here in Node against
// the local Hrana endpoint, behind a proxy that counts each HTTP request to a database and holds it 40 ms, as a
// database in Singapore is from a Worker near Hà Nội. Written to docs/benchmarks.md. The ceiling test is
// test/workerd/round-trips.test.ts (the same requests, inside workerd).
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { loadavg, tmpdir } from 'node:os'
import { join } from 'node:path'
import { asc, eq } from 'drizzle-orm'
import { communes, userCommunes, users } from '../db/control/schema/index.ts'
import { inPipelineScope } from '../db/pipelined-client.ts'
import { createApp } from '../worker/app.ts'
import { hashPassword } from '../worker/auth/password.ts'
import { createSession } from '../worker/auth/session.ts'
import { createJsonLogger } from '../worker/logger.ts'
import { readNodeConfig } from '../worker/node-config.ts'
import { bootstrapNode } from '../worker/provision/bootstrap.ts'
import { createNodePlatform } from '../worker/provision/node-platform.ts'
import type { WorkerEnv } from '../worker/workers-config.ts'
import { workersDeps } from '../worker/workers-deps.ts'
import { fmt, machineLine, summarize, writeSection } from './lib/bench-stats.ts'
import { startCountingProxy } from './lib/counting-hrana-proxy.ts'
import { startLocalLibsqlServer } from './lib/local-libsql-server.ts'
import {
  countedRoutes,
  prepareFixture,
  ROUND_TRIP_CEILING,
  routeAnswer,
  routeRequest,
  unexpectedAnswer,
  type RouteSide,
  type Who,
} from './lib/round-trip-routes.ts'
import { startMailApiStandIn } from '../test/helpers/mail-api-stand-in.ts'
import type { R2BucketLike } from '../worker/storage/blob-store.r2.ts'

const RTT_MS = 40
const RUNS = 12
const MAIL_API_TOKEN = 'bench-round-trips-mail-token'
const ORIGIN = 'https://binhan.example'
const PASSWORD = 'bench-round-trips-password-2026'

const dataDir = mkdtempSync(join(tmpdir(), 'binhan-bench-trips-'))
mkdirSync('web/dist', { recursive: true })
const load = loadavg().map((n) => n.toFixed(2))
try {
  const config = readNodeConfig({ DATA_DIR: dataDir, NODE_ENV: 'test', DEMO_PROVINCES: '82,79' })
  const platform = createNodePlatform(config)
  await bootstrapNode(platform, { demoProvinces: config.demoProvinces, demoPassword: undefined }, createJsonLogger('silent'))
  const [own, other] = await platform.control
    .select({ code: communes.code })
    .from(communes)
    .where(eq(communes.provinceCode, '82'))
    .orderBy(asc(communes.code))
    .limit(2)
  const now = new Date()
  const passwordHash = await hashPassword(PASSWORD)
  // `communes`: the officer's scope (a province admin has none).
  // `provinceCode`: none for a central admin.
  const makeUser = async (
    username: string,
    role: 'commune_officer' | 'province_admin' | 'province_reviewer' | 'central_admin',
    communes: string[],
    provinceCode: string | null = '82',
  ) => {
    const id = crypto.randomUUID()
    await platform.control
      .insert(users)
      .values({ id, username, displayName: 'Bench', role, provinceCode, status: 'active', passwordHash, createdAt: now, updatedAt: now })
    if (communes.length > 0) await platform.control.insert(userCommunes).values(communes.map((communeCode) => ({ userId: id, communeCode })))
    return `binhan_session=${(await createSession(platform.control, id, now)).token}`
  }
  const cookies: Record<Who, string> = {
    commune: await makeUser('bench-trips', 'commune_officer', [own!.code]),
    admin: await makeUser('bench-trips-admin', 'province_admin', []),
    central: await makeUser('bench-trips-central', 'central_admin', [], null),
    reviewer: await makeUser('bench-trips-reviewer', 'province_reviewer', []),
  }
  platform.control.$client.close()

  const server = await startLocalLibsqlServer({ dataDir })
  const proxy = await startCountingProxy({ target: server.url, delayMs: RTT_MS })
  // Invite and reset links go out by the HTTP mail API, evidence files to R2: stand-ins, neither a database.
  const mail = await startMailApiStandIn({ token: MAIL_API_TOKEN })
  const objects = new Map<string, Uint8Array<ArrayBuffer>>()
  const bucket: R2BucketLike = {
    put: async (key, value) => void objects.set(key, value.slice()),
    get: async (key) => {
      const bytes = objects.get(key)
      return bytes ? { size: bytes.byteLength, arrayBuffer: async () => bytes.slice().buffer } : null
    },
    delete: async (key) => void objects.delete(key),
  }
  const env = {
    ENVIRONMENT: 'test',
    LOG_LEVEL: 'silent',
    AUDIT_SALT: 'bench-round-trips-audit-salt',
    PUBLIC_ORIGIN: ORIGIN,
    CONTROL_DB_URL: `${proxy.url}/control/`,
    LOCAL_LIBSQL_URL: proxy.url,
    // Warm for the whole run, as the counts claim: with the default 30 s the cache lapsed partway through the
    // routes, and the route then sent re-read the registry row and identity check (its "most" up by two).
    TENANT_CACHE_TTL_MS: String(10 * 60_000),
    MAIL_API_URL: mail.url,
    MAIL_API_TOKEN,
    MAIL_FROM: 'Bình An <no-reply@example.test>',
    EVIDENCE: bucket,
  } as WorkerEnv
  const app = createApp(workersDeps(env))
  const side: RouteSide = {
    send: async (route) => {
      const request = routeRequest(ORIGIN, route, cookies, { 'cf-connecting-ip': '192.0.2.10' })
      return routeAnswer(await inPipelineScope(() => app.fetch(request, env)))
    },
    async mailedToken(address) {
      const text = mail.messages.findLast((m) => m.to.includes(address))?.text ?? ''
      const token = /[?&]token=([a-z2-7]{40})/.exec(text)?.[1]
      if (!token) throw new Error(`no link mailed to ${address}`)
      return token
    },
  }

  const place = { province: '82', spareProvince: '79', commune: own!.code, otherCommune: other!.code }
  const made = await prepareFixture(side, place)
  const routes = countedRoutes({ ...place, username: 'bench-trips', password: PASSWORD, ...made })

  const rows: string[] = []
  let met = 0
  const grown: string[] = []
  for (const route of routes) {
    const counts: number[] = []
    const samples: number[] = []
    const allowed = route.knownOver ?? ROUND_TRIP_CEILING
    for (let i = 0; i < RUNS; i++) {
      const sent = { ...route, ...(await route.prepare?.(side)) }
      proxy.reset()
      const started = performance.now()
      const res = await side.send(sent)
      samples.push(performance.now() - started)
      const unexpected = unexpectedAnswer(route, res)
      if (unexpected) throw new Error(`${route.name} ${unexpected}`)
      counts.push(Object.values(proxy.reset()).reduce((a, b) => a + b, 0))
    }
    // The first run may read what the isolate then keeps (the trail's tail); the steady state is the most frequent count.
    const trips = mode(counts.slice(1))
    const stats = summarize(samples.slice(1))
    const ok = trips <= ROUND_TRIP_CEILING
    if (ok) met += 1
    // A named gap (knownOver) may not grow; any other route may not pass the ceiling.
    if (trips > allowed) grown.push(`${route.name}: ${trips}`)
    rows.push(
      `| ${route.name} | ${trips} | ${Math.max(...counts)} | ${trips * RTT_MS} ms | ${fmt(stats.median)} ms | ${fmt(stats.p95)} ms | ${ok ? 'yes' : '**no**'} |`,
    )
  }
  await proxy.close()
  await mail.close()
  await server.close()

  const markdown = `## Database round trips per route

\`npm run bench:round-trips\` (scripts/bench-round-trips.ts, part of \`npm run bench\`). Machine: ${machineLine()}; load average ${load.join(' / ')} (1 / 5 / 15 min) on a machine shared with other work, so
the measured times carry its noise; the round-trip counts do not. The Workers app (\`@libsql/client/web\`, one pipeline
per request, decision 0046) in Node against the local Hrana endpoint, through a proxy that counts every HTTP
request to a database and holds each ${RTT_MS} ms. Warm isolate: the province's registry row and identity check are
cached (a first request per province and TTL adds two). Every GET route of the API and every write route with a
code path of its own (scripts/lib/round-trip-routes.ts; the others run the same path as one of these, decision 0049's
addendum of 2026-12-04), each as the role that uses it (a commune officer of province 82 unless it is a province
admin's, a reviewer's or a central admin's), ${RUNS - 1} runs per route after one warm-up; what a route acts on
(a fresh invite, flag or file) is made before each run, uncounted. "Round trips" is the steady count, "most" the highest seen (a retry after another request
appended to the audit trail first adds one); "at ${RTT_MS} ms" is round trips × ${RTT_MS} ms, the measured times add
the server's own work (sign-in's includes the password hash, ~200 ms of CPU on an idle core). The native-driver floor does not apply: the figure here is the number of network trips.
Ceiling: ${ROUND_TRIP_CEILING} round trips per request (issue 20); the import commit is excepted (decision 0046).

| Route | Round trips | Most | At ${RTT_MS} ms per round trip | Measured median | Measured p95 | ≤ ${ROUND_TRIP_CEILING} |
|---|---:|---:|---:|---:|---:|---|
${rows.join('\n')}

${summary(met, routes.length, grown)}
`
  writeSection('round-trips', markdown)
  console.log(markdown)
  if (grown.length > 0) {
    console.error(`Over their stated most: ${grown.join('; ')}`)
    process.exitCode = 1
  }
} finally {
  rmSync(dataDir, { recursive: true, force: true })
}

function mode(values: number[]): number {
  const seen = new Map<number, number>()
  for (const v of values) seen.set(v, (seen.get(v) ?? 0) + 1)
  return [...seen.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]![0]
}

/** The table's last line: every route within the ceiling, or how many are named gaps and whether any grew. */
function summary(met: number, total: number, grown: readonly string[]): string {
  const gaps =
    met === total
      ? 'every route within the ceiling'
      : `${met} of ${total} routes within the ceiling; the ${total - met} others are named gaps (\`knownOver\`, decision 0049's addenda)`
  return `${gaps}${grown.length === 0 ? '' : `; over their stated most: ${grown.join('; ')}`}.`.replace(/^./, (c) => c.toUpperCase())
}
