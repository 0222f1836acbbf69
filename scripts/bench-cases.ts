// `npm run bench:cases` (part of `npm run bench`): case-management requests on the embedded default, after
// seeding 30,000 synthetic people (db/seed) into province 82. Written to docs/benchmarks.md.
//   a. A commune officer's caseload page of 300 people (GET /caseload): p95 <= 15 ms. Also the people list of that
//      commune (GET /persons?commune=…, at the API's largest page, 200) and all 300 through two pages.
//   b. Province-wide name search over 30,000 people (GET /persons?q=…): p95 <= 30 ms.
//   c. The caseload request vs the same SQL run directly through the libSQL client: median ratio <= 1.5×, read as
//      the request against every statement it runs (docs/decisions/0010); the ratio to the caseload query alone
//      is reported beside it and does not fail the run.
//   d. The province report of the last quarter (GET /reports?period=…, decisions 0034, 0043) over 30,000 and 300,000
//      people (`--persons 30000,300000` or BENCH_REPORT_SIZES, default both; a size other than 30,000 seeds province 79
//      (Hồ Chí Minh City) with it): <= 100 ms at p95, beside its floor (its one batch of statements, replayed straight
//      through the driver).
// Every request goes through the real app (createApp: session, tenancy, policy, audit entry) with app.request,
// in process, no socket. Each audited read appends its audit entry (a write): that is part of the cost measured.
import os from 'node:os'
import { join } from 'node:path'
import { count, eq } from 'drizzle-orm'
import { appendAudit } from '../db/audit/append-audit.ts'
import { auditLog, persons, rehabPlans, reviews } from '../db/tenant/schema/index.ts'
import type { TenantDb } from '../db/types.ts'
import { sessionLookupQuery } from '../worker/auth/session.ts'
import { hashToken } from '../worker/auth/tokens.ts'
import { SESSION_COOKIE } from '../worker/auth/session-cookie.ts'
import { listPersons } from '../worker/repo/person-list.ts'
import { recordingTenantDb } from './lib/statement-recorder.ts'
import { caseloadQuery } from '../worker/repo/reviews.ts'
import { startBenchPlatform } from './lib/bench-app.ts'
import { fmt, machineLine, summarize, writeSection, type Stats } from './lib/bench-stats.ts'
import { measureReport, placeSeededProvince, type ReportCase } from './lib/bench-report.ts'
import type { Report } from '../kernel/contract/reports.ts'

const PERSONS = 30_000
const CASELOAD = 300
const SEED = 42
const WARMUP_ROUNDS = 15
const ROUNDS = 200
const REPORT_WARMUP = 5
const REPORT_RUNS = 60
const personsArg = process.argv.indexOf('--persons')
const REPORT_SIZES = ((personsArg > 0 ? process.argv[personsArg + 1] : undefined) ?? process.env.BENCH_REPORT_SIZES ?? '30000,300000').split(',').map(Number)
if (REPORT_SIZES.some((n) => !Number.isInteger(n) || n < 1)) throw new Error(`--persons: sizes as whole numbers, comma-separated (${REPORT_SIZES.join(',')})`)
/** `--seeded <file>`: the largest size's province file from an earlier seedDemo, migrated instead of seeded (bench-report.ts). */
const seededArg = process.argv.indexOf('--seeded')
const SEEDED = seededArg > 0 ? process.argv[seededArg + 1] : undefined
/** The API's largest page (worker/schemas/persons.ts). */
const PAGE = 200
const SEARCHES = [
  'nguyen van',
  'tran thi',
  'hung',
  'le minh',
  'pham duc',
  'ngoc anh',
  'huynh',
  'vo thi thu',
  'thanh tam',
  'Đặng Văn',
  'quach kieu',
  'khong ai ten nay',
]

const TARGET = { caseloadP95: 15, listP95: 15, searchP95: 30, ratio: 1.5, reportP95: 100 }

const bench = await startBenchPlatform('cases', ['82', '79'])
try {
  const now = new Date()
  const { db, focus, ms: seedMs } = await bench.seedCaseload('82', { persons: PERSONS, caseload: CASELOAD, seed: SEED, now })

  const communeOfficer = (await bench.signedIn('bench-commune', 'commune_officer', '82', [focus])).cookie
  const communeOfficerSessionId = hashToken(communeOfficer.slice(SESSION_COOKIE.length + 1))
  const provinceOfficer = (await bench.signedIn('bench-province', 'province_officer', '82')).cookie
  const app = bench.app
  const control = bench.control

  // Timed: the whole response body, as bytes (decoding and parsing them is the client's cost, not the server's).
  const fetchBody = async (path: string, cookie: string): Promise<ArrayBuffer> => {
    const res = await app.request(path, { headers: { cookie } })
    const body = await res.arrayBuffer()
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${new TextDecoder().decode(body).slice(0, 300)}`)
    return body
  }
  const get = async (path: string, cookie: string): Promise<unknown> => JSON.parse(new TextDecoder().decode(await fetchBody(path, cookie))) as unknown
  const timed = async (fn: () => Promise<unknown>): Promise<number> => {
    const started = performance.now()
    await fn()
    return performance.now() - started
  }

  // The requests under test.
  // The whole caseload in one page (the API pages it, 100 by default).
  const caseloadPath = `/api/p/82/caseload?limit=${CASELOAD}`
  const listPath = `/api/p/82/persons?commune=${focus}&limit=${PAGE}`
  const caseloadBody = (await get(caseloadPath, communeOfficer)) as { data: unknown[]; summary: { overdue: number; due: number; total: number } }
  if (caseloadBody.data.length !== CASELOAD) throw new Error(`the caseload has ${caseloadBody.data.length} people, not ${CASELOAD}`)
  const firstPage = (await get(listPath, communeOfficer)) as { data: unknown[]; next: string | null }
  if (firstPage.data.length !== PAGE || !firstPage.next) throw new Error('the first page of the commune is not full')
  const page2Path = `${listPath}&cursor=${firstPage.next}`
  const secondPage = (await get(page2Path, communeOfficer)) as { data: unknown[]; next: string | null }
  if (firstPage.data.length + secondPage.data.length !== CASELOAD || secondPage.next !== null) throw new Error('two pages do not hold the 300 people')
  const searchPath = (q: string) => `/api/p/82/persons?q=${encodeURIComponent(q)}`
  const searchHits = new Map<string, number>()
  for (const q of SEARCHES) searchHits.set(q, ((await get(searchPath(q), provinceOfficer)) as { data: unknown[] }).data.length)
  // The same SQL as the list and caseload requests, straight through the driver on the same connection.
  const recorder = recordingTenantDb(db)
  await listPersons(recorder.db, { communes: [focus], limit: PAGE })
  const [listStatement] = recorder.take()
  const direct = { sql: listStatement!.sql, params: listStatement!.args as unknown[] }
  const runDirect = async () => {
    const rs = await db.$client.execute({ sql: direct.sql, args: direct.params as never })
    if (rs.rows.length !== PAGE + 1) throw new Error(`direct SQL returned ${rs.rows.length} rows`)
  }
  const directCaseload = caseloadQuery([focus])
  const runDirectCaseload = async () => {
    const rs = await db.$client.execute({ sql: directCaseload.sql, args: directCaseload.params as never })
    if (rs.rows.length !== Math.min(CASELOAD, 101)) throw new Error(`direct caseload SQL returned ${rs.rows.length} rows`)
  }
  // Every statement the caseload request runs, straight through the drivers: the session lookup (control
  // database), the caseload query and the review policy, and the audit entry's transaction (BEGIN IMMEDIATE, read the chain's tail,
  // insert, COMMIT) with the same row the app would write. The hash and JSON are computed outside the timing.
  const sessionSql = sessionLookupQuery(control, communeOfficerSessionId).toSQL()
  const auditTail = 'select "seq", "hash" from "audit_log" order by "seq" desc limit 1'
  const reviewPolicySql = `select "value" from "tenant_meta" where "key" = 'review_policy'`
  const runAllSqlDirect = async () => {
    await control.$client.execute({ sql: sessionSql.sql, args: sessionSql.params as never })
    // The province's review policy (one tenant_meta row), read alongside the caseload query as the route does.
    const [rs] = await Promise.all([db.$client.execute({ sql: directCaseload.sql, args: directCaseload.params as never }), db.$client.execute(reviewPolicySql)])
    if (rs.rows.length !== Math.min(CASELOAD, 101)) throw new Error(`direct caseload SQL returned ${rs.rows.length} rows`)
    const tx = await db.$client.transaction('write')
    try {
      const tail = await tx.execute(auditTail)
      const seq = Number(tail.rows[0]?.seq ?? 0) + 1
      await tx.execute({
        sql: 'insert into "audit_log" ("seq", "at", "actor_id", "actor_role", "action", "entity_type", "entity_id", "province_code", "outcome", "request_id", "client_hash", "details", "prev_hash", "hash") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
        args: [
          seq,
          Date.now(),
          'bench',
          'commune_officer',
          'bench.direct',
          'person',
          null,
          null,
          'success',
          null,
          null,
          '{"count":300}',
          String(tail.rows[0]?.hash ?? ''),
          `bench-direct-${seq}`,
        ],
      })
      await tx.commit()
    } finally {
      tx.close()
    }
  }
  // Everyone seeded is on the status history by today: the current quarter's end counts all of them.
  const quarter = `${now.getUTCFullYear()}-Q${Math.floor(now.getUTCMonth() / 3) + 1}`
  const current = (await get(`/api/p/82/reports?period=${quarter}`, provinceOfficer)) as { data: Report }
  const everyone = Object.values(current.data.total.cases.byStatus).reduce((n, f) => n + f.value, 0)
  if (everyone !== PERSONS) throw new Error(`the report counts ${everyone} people at the quarter's end, not ${PERSONS}`)

  // Rounds: every row measured once per round, in the same order, so background load spreads over all alike.
  const auditEntry = {
    actorId: null,
    actorRole: null,
    action: 'bench.audit',
    entityType: 'person',
    entityId: null,
    outcome: 'success' as const,
    requestId: null,
    clientHash: null,
    details: { count: PAGE },
  }
  const rows = {
    caseload: () => fetchBody(caseloadPath, communeOfficer),
    list: () => fetchBody(listPath, communeOfficer),
    twoPages: async () => {
      await fetchBody(listPath, communeOfficer)
      await fetchBody(page2Path, communeOfficer)
    },
    direct: runDirect,
    directCaseload: runDirectCaseload,
    allSqlDirect: runAllSqlDirect,
    drizzle: () => listPersons(db, { communes: [focus], limit: PAGE }),
    audit: () => appendAudit(db, { ...auditEntry, at: new Date() }),
  }
  const samples: Record<keyof typeof rows | 'search', number[]> = {
    caseload: [],
    list: [],
    twoPages: [],
    direct: [],
    directCaseload: [],
    allSqlDirect: [],
    drizzle: [],
    audit: [],
    search: [],
  }
  const perSearch = new Map<string, number[]>(SEARCHES.map((q) => [q, []]))
  const loadAtStart = os.loadavg()
  for (let round = 0; round < WARMUP_ROUNDS + ROUNDS; round++) {
    const keep = round >= WARMUP_ROUNDS
    for (const [name, fn] of Object.entries(rows) as [keyof typeof rows, () => Promise<unknown>][]) {
      const ms = await timed(fn)
      if (keep) samples[name].push(ms)
    }
    const q = SEARCHES[round % SEARCHES.length]!
    const ms = await timed(() => fetchBody(searchPath(q), provinceOfficer))
    if (keep) {
      samples.search.push(ms)
      perSearch.get(q)!.push(ms)
    }
  }
  const reports: (ReportCase & { seedMs: number; migrateMs?: number | undefined; applied?: number | undefined })[] = []
  for (const size of REPORT_SIZES) {
    const province = size === PERSONS ? '82' : '79'
    const placed =
      province === '79' && SEEDED
        ? await placeSeededProvince(bench.dataDir, '79', SEEDED).catch((err: unknown) => {
            // Said here: closing the platform afterwards fails on the half-placed file and would hide it.
            console.error('--seeded:', err)
            process.exit(1)
          })
        : undefined
    const seeded =
      province === '82'
        ? { db, ms: seedMs }
        : placed
          ? { db: await bench.tenantDb('79'), ms: Number.NaN }
          : await bench.seedCaseload('79', { persons: size, caseload: CASELOAD, seed: SEED, now })
    const officer = province === '82' ? provinceOfficer : (await bench.signedIn('bench-province-79', 'province_officer', '79')).cookie
    reports.push({
      ...(await measureReport({
        db: seeded.db,
        file: join(bench.dataDir, 'tenants', `binhan-p${province}.db`),
        persons: size,
        province,
        fetchBody: (path) => fetchBody(path, officer),
        warmup: REPORT_WARMUP,
        runs: REPORT_RUNS,
      })),
      seedMs: seeded.ms,
      migrateMs: placed?.migrateMs,
      applied: placed?.applied,
    })
  }

  const s = {
    caseload: summarize(samples.caseload),
    list: summarize(samples.list),
    twoPages: summarize(samples.twoPages),
    direct: summarize(samples.direct),
    directCaseload: summarize(samples.directCaseload),
    allSqlDirect: summarize(samples.allSqlDirect),
    drizzle: summarize(samples.drizzle),
    audit: summarize(samples.audit),
    search: summarize(samples.search),
  }
  const ratio = s.list.median / s.direct.median
  const caseloadRatio = s.caseload.median / s.directCaseload.median
  const caseloadAllSqlRatio = s.caseload.median / s.allSqlDirect.median
  const met = {
    caseload: s.caseload.p95 <= TARGET.caseloadP95,
    list: s.list.p95 <= TARGET.listP95,
    search: s.search.p95 <= TARGET.searchP95,
    ratio: caseloadRatio <= TARGET.ratio,
    allSqlRatio: caseloadAllSqlRatio <= TARGET.ratio,
    report: reports.every((r) => r.request.p95 <= TARGET.reportP95),
  }
  const worstSearch = [...perSearch.entries()].map(([q, ms]) => [q, summarize(ms)] as const).sort((a, b) => b[1].median - a[1].median)[0]!
  const [{ n: auditEntries } = { n: 0 }] = await db.select({ n: count() }).from(auditLog)
  const plans = await plansFor(db)
  const explain = async (query: { sql: string; params: unknown[] }) =>
    (await db.$client.execute({ sql: `explain query plan ${query.sql}`, args: query.params as never })).rows.map((r) => String(r.detail)).join('; ')
  const queryPlans = {
    caseload: await explain(directCaseload),
    list: await explain(direct),
    search: await (async () => {
      await listPersons(recorder.db, { communes: null, q: 'tran thi', limit: 50 })
      const statements = recorder.take()
      return (await Promise.all(statements.map((st) => explain({ sql: st.sql, params: st.args })))).join(' ‖ ')
    })(),
  }
  const yes = (ok: boolean) => (ok ? 'yes' : '**no**')
  const line = (what: string, st: Stats, target: string, ok: boolean | null, digits = 1) =>
    `| ${what} | ${st.runs} | ${fmt(st.median, digits)} ms | ${fmt(st.p95, digits)} ms | ${target} | ${ok === null ? '—' : yes(ok)} |`

  const markdown = `## Case management (\`npm run bench:cases\`, scripts/bench-cases.ts)

Machine: ${machineLine()}. Load average when the runs started: ${loadAtStart.map((l) => l.toFixed(1)).join(', ')}.
Embedded libSQL files in a temp directory; province 82 seeded by \`seedDemo\` (seed ${SEED}) with ${PERSONS.toLocaleString('en-US')} synthetic people,
${plans.plans.toLocaleString('en-US')} plans (${plans.active.toLocaleString('en-US')} active), ${plans.reviews.toLocaleString('en-US')} reviews (seeding took ${fmt(seedMs / 1000)} s). Commune ${focus} holds exactly
${CASELOAD} people, all on an active plan (${caseloadBody.summary.overdue} overdue for review, ${caseloadBody.summary.due} due). Requests go through the real app
(\`createApp\`: session, tenancy, policy, JSON) with \`app.request\`, in process, no socket; every audited read
appends its audit entry, a write transaction, as in production (${auditEntries.toLocaleString('en-US')} entries by the end). ${ROUNDS} rounds after ${WARMUP_ROUNDS} warm-up rounds,
each round measuring every row once; the report ${REPORT_RUNS} times after ${REPORT_WARMUP} warm-up runs.

| What | Runs | Median | p95 | Target | Met |
|---|---:|---:|---:|---|---|
${line(`Commune caseload page, ${CASELOAD} people: \`GET /caseload\` as the commune officer`, s.caseload, `≤ ${TARGET.caseloadP95} ms p95`, met.caseload)}
${line(`People of that commune, one page of ${PAGE} (the API's largest): \`GET /persons?commune=…&limit=${PAGE}\``, s.list, `≤ ${TARGET.listP95} ms p95`, met.list)}
${line(`All ${CASELOAD} people of that commune through two pages (${PAGE} + cursor)`, s.twoPages, '—', null)}
${line(`Province-wide name search over ${PERSONS.toLocaleString('en-US')} people: \`GET /persons?q=…\` as the province officer, ${SEARCHES.length} queries in turn`, s.search, `≤ ${TARGET.searchP95} ms p95`, met.search)}
${line(`The list page's SQL run directly (\`db.$client.execute\`, the statement listPersons sends)`, s.direct, '—', null, 2)}
${line(`The caseload's SQL run directly (\`.toSQL()\` of caseloadQuery; ${CASELOAD} rows)`, s.directCaseload, '—', null, 2)}
${line('Every statement the caseload request runs, directly: session lookup, the caseload query with the review policy (one tenant_meta row, read alongside), the audit transaction (BEGIN IMMEDIATE, tail, insert, COMMIT)', s.allSqlDirect, '—', null, 2)}
${line('The list query through drizzle (`listPersons`: rows mapped to objects)', s.drizzle, '—', null, 2)}
${line('One audit entry alone (`appendAudit`: a write transaction, committed to disk)', s.audit, '—', null, 2)}
${reports
  .flatMap((r) => [
    line(
      `Province report of the last quarter \`GET /reports?period=${r.period}\` over ${r.persons.toLocaleString('en-US')} people (${r.headCount.toLocaleString('en-US')} on the list at its end)`,
      r.request,
      `≤ ${TARGET.reportP95} ms p95`,
      r.request.p95 <= TARGET.reportP95,
    ),
    line(`Its floor: the ${r.statements} statements it runs, through the native \`libsql\` driver, in one read transaction`, r.floor, '—', null, 2),
  ])
  .join('\n')}

Request ÷ SQL run directly through the driver, medians of the same run (target ≤ ${TARGET.ratio}×):

- the ${CASELOAD}-person caseload request ÷ its caseload query alone: **${caseloadRatio.toFixed(2)}×** (${yes(met.ratio)});
- the same request ÷ every statement it runs (session lookup + caseload query and review policy + audit transaction): **${caseloadAllSqlRatio.toFixed(2)}×** (${yes(met.allSqlRatio)});
- for comparison, the ${PAGE}-person list page ÷ its query alone: ${ratio.toFixed(2)}×.

Where the caseload request's median ${fmt(s.caseload.median, 2)} ms goes: the caseload query ${fmt(s.directCaseload.median, 2)} ms, and, in the
list page's terms, drizzle's mapping of rows to objects about ${fmt(s.drizzle.median - s.direct.median, 2)} ms per ${PAGE} rows, one audit entry
${fmt(s.audit.median, 2)} ms (a write transaction committed to disk: WAL, synchronous=FULL, so an acknowledged
write survives a power cut), the session lookup, and presenting the rows as JSON. The query alone is ~2–3 ms,
so the fixed per-request work that this product requires — checking the session on every request (so that a
disabled user or a revoked session is refused at once) and a durable audit entry for every read of personal
records (the identity issue) — is of the same size as the query: against the query alone the ratio cannot reach
1.5× without dropping one of them, which we won't. Against the work the request must do in the database the
overhead of Hono, drizzle, policy and JSON is the second ratio. Decision record 0010 says why the target is read
this way; both figures are reported every run, and \`npm run bench\` fails when the second one misses.
What was done to shrink the overhead (2026-11-29; before: 8.3 ms median, 2.52× the query): WAL mode for embedded
files (an audited read's commit 2.0 → ~0.7 ms), the caseload's rows read by position instead of through drizzle's
generic mapper, its SQL text built once per scope, the review schedule computed with integer calendar arithmetic
instead of Date objects (0.55 → 0.07 ms per 300 plans) and once per distinct date, the per-request session check and
the audit append sent as plain SQL instead of through the query builder (their builder work was ~0.3 ms of every
audited read), and the caseload rows without their redundant plan status. What is left
(${fmt(s.caseload.median - s.allSqlDirect.median, 2)} ms over the statements themselves) has no single hot spot in a CPU profile: encoding 300 rows as
JSON, Hono's context and middleware (request id, security headers, origin check, tenancy), drizzle building and
mapping the session and audit statements, and the audit entry's hash. The driver's own row building, which the
direct figures include, is the largest single item of both.

Query plans (EXPLAIN QUERY PLAN): caseload: ${queryPlans.caseload}. List of a commune: ${queryPlans.list}.
Name search: ${queryPlans.search} (\`like '%…%'\` cannot seek, so it walks the name index in order and stops at the 51st match;
a fragment with fewer matches reads the whole index, 30,000 entries).

Changes made for these targets (tenant migration 0005_report_indexes, worker/repo/reviews.ts), measured
before on this machine: the caseload joined \`select plan_id, max(reviewed_on) … group by plan_id\`, which SQLite
materialised over every review of the province (70,000) for each request: p95 44 ms, now a correlated
\`max(reviewed_on)\` per plan through reviews_plan_idx. The report's overdue count loaded the whole province's
caseload (7,759 plans sorted by name, ~125 ms): now one grouped count in SQL with the same rule. Its people,
registration, transition, completion, review and follow-up counts read new indexes (all but one covering) instead of the
tables (e.g. people by commune, category and status 47 → 5 ms): p95 375 → about 100 ms.

The report (decisions 0034, 0043) reads no record and no person but the few minors: its flows and distinct people
for the quarter and the same quarter a year earlier are the period's rows of \`report_period_figures\` (kept by
triggers: ${reports.map((r) => `${r.periodRows.toLocaleString('en-US')} rows at ${r.persons.toLocaleString('en-US')} people`).join(', ')}), the figures of its last day the sums of monthly deltas
(\`report_month_deltas\`: ${reports.map((r) => r.monthRows.toLocaleString('en-US')).join(', ')} rows; \`report_status_deltas\`: ${reports.map((r) => r.deltaRows.toLocaleString('en-US')).join(', ')} rows); every read is one batch
(${reports.map((r) => `${r.statements} statements`).join(', ')}, one round trip), each case statement answering one JSON text instead of a row per
figure. The answer: ${reports.map((r) => `${(r.bytes / 1024).toFixed(0)} KiB at ${r.persons.toLocaleString('en-US')} people`).join(', ')}. Where the request's time goes beyond
its floor (${reports.map((r) => `${fmt(r.request.median - r.floor.median)} ms of the median at ${r.persons.toLocaleString('en-US')}`).join(', ')}): building every commune's figures
(the activity log and the models per kind, for the period and the year before), leaving out each commune's zeros
(decision 0043, amended: sent whole, zeros included, the answer was 961 KiB at 30,000 people and 1.6 MiB at 300,000)
and encoding the rest as JSON, plus the audit entry.
Before decision 0043 (range reads of the period's records, 2026-12-03): 121 ms median / 176 ms p95 at 30,000 people,
1.26 s / 1.60 s at 300,000. ${REPORT_RUNS} runs after ${REPORT_WARMUP} warm-up runs, alternating with the
floor. Seeding: ${reports
    .map((r) =>
      r.migrateMs === undefined
        ? `${r.persons.toLocaleString('en-US')} people in ${fmt(r.seedMs / 1000)} s (every record through the triggers)`
        : r.applied === 0
          ? `${r.persons.toLocaleString('en-US')} people from a file \`npm run seed:demo -- --province 79 --persons ${r.persons} --seed ${SEED}\` wrote under this schema in an earlier process (\`--seeded\`: every record went through the triggers; nothing left to migrate)`
          : `${r.persons.toLocaleString('en-US')} people from a file an earlier \`seedDemo\` (seed ${SEED}) wrote under an earlier schema, migrated in this run (\`--seeded\`: ${r.applied} migration${r.applied === 1 ? '' : 's'} applied in ${fmt((r.migrateMs ?? 0) / 1000)} s)`,
    )
    .join(
      ', ',
    )}.${REPORT_SIZES.includes(300_000) ? '' : ` **300,000 was not measured in this run** (\`--persons ${REPORT_SIZES.join(',')}\`): the bench seeds it in province 79 when asked.`}

Slowest search at the median: "${worstSearch[0]}" (${searchHits.get(worstSearch[0])} hits), median ${fmt(worstSearch[1].median)} ms, p95 ${fmt(worstSearch[1].p95)} ms.
Searches (hits on the first page of 50): ${SEARCHES.map((q) => `"${q}" ${searchHits.get(q)}`).join(', ')}.

The 300-person page is \`GET /caseload\`: the people list answers at most ${PAGE} per page (\`limit\` ≤ ${PAGE}), so
\`limit=${CASELOAD}\` is refused with 400; its 300 people take two requests (row 3).
`
  writeSection('cases', markdown)
  console.log(markdown)
  // The ratio to the query alone is reported, not enforced (docs/decisions/0010).
  const { ratio: _queryAloneRatio, ...enforced } = met
  if (!Object.values(enforced).every(Boolean)) process.exitCode = 1
} finally {
  await bench.close()
}

async function plansFor(db: TenantDb) {
  const [all] = await db.select({ n: count() }).from(rehabPlans)
  const [active] = await db.select({ n: count() }).from(rehabPlans).where(eq(rehabPlans.status, 'active'))
  const [reviewRows] = await db.select({ n: count() }).from(reviews)
  const [people] = await db.select({ n: count() }).from(persons)
  return { plans: all?.n ?? 0, active: active?.n ?? 0, reviews: reviewRows?.n ?? 0, persons: people?.n ?? 0 }
}
