// `npm run bench:sync` (part of `npm run bench`): offline sync on the embedded default, through the real app
// (session, tenancy, policy, audit, gzip) with app.request, in process, no socket. Written to docs/benchmarks.md.
//   a. A commune officer's first full download (GET /sync/pull, no cursor, every page) of a 300-person caseload:
//      <= 150 KB on the wire (the gzip bodies' real length, summed over the pages).
//   b. An incremental pull after 10 records changed (5 people updated, 5 reviews recorded): <= 5 KB on the wire.
//   c. 50 queued changes in one POST /sync/push (10 registrations, 20 updates, 20 reviews; fresh keys each run):
//      <= 300 ms at the median and at p95.
// KB = 1,000 bytes. Province 82 is seeded by seedDemo: the first commune by code holds exactly the 300-person
// caseload (everyone on an active plan, with their reviews), the rest of the province other synthetic people.
import os from 'node:os'
import { gunzipSync } from 'node:zlib'
import { vietnamToday } from '../kernel/calendar.ts'
import { startBenchPlatform } from './lib/bench-app.ts'
import { fmt, machineLine, summarize, writeSection } from './lib/bench-stats.ts'

const PERSONS = 3_000
const CASELOAD = 300
const SEED = 42
const PULL_RUNS = 10
const INCREMENTAL_RUNS = 10
const PUSH_WARMUP = 3
const PUSH_RUNS = 40
const TARGET = { fullBytes: 150_000, incrementalBytes: 5_000, pushMs: 300 }
const ORIGIN = 'http://localhost'
const DEVICE = crypto.randomUUID()

interface Page {
  cursor: string
  more: boolean
  persons: { id: string; version: number }[]
  plans: unknown[]
  reviews: unknown[]
  postRehab: unknown[]
  followUps: unknown[]
  deletes: unknown[]
}

const bench = await startBenchPlatform('sync', ['82'])
try {
  const now = new Date()
  const { focus, seeded } = await bench.seedCaseload('82', { persons: PERSONS, caseload: CASELOAD, seed: SEED, now })

  const { cookie } = await bench.signedIn('bench-sync', 'commune_officer', '82', [focus])
  const app = bench.app
  const today = vietnamToday(new Date())

  /** One page as the device receives it: the gzip body's length on the wire, and its content. */
  const pullPage = async (cursor?: string) => {
    const res = await app.request(`/api/p/82/sync/pull${cursor ? `?cursor=${cursor}` : ''}`, { headers: { cookie, 'accept-encoding': 'gzip' } })
    const wire = Buffer.from(await res.arrayBuffer())
    if (res.status !== 200) throw new Error(`pull: ${res.status}`)
    if (res.headers.get('content-encoding') !== 'gzip') throw new Error('pull: the answer is not gzip')
    const json = gunzipSync(wire)
    return { wireBytes: wire.length, jsonBytes: json.length, page: (JSON.parse(json.toString('utf8')) as { data: Page }).data }
  }
  const pullAll = async (cursor?: string) => {
    const total = {
      wireBytes: 0,
      jsonBytes: 0,
      pages: 0,
      persons: 0,
      plans: 0,
      reviews: 0,
      postRehab: 0,
      followUps: 0,
      deletes: 0,
      cursor: cursor ?? '',
      people: [] as Page['persons'],
    }
    for (let more = true; more; ) {
      const { wireBytes, jsonBytes, page } = await pullPage(total.cursor || undefined)
      total.wireBytes += wireBytes
      total.jsonBytes += jsonBytes
      total.pages++
      for (const k of ['persons', 'plans', 'reviews', 'postRehab', 'followUps', 'deletes'] as const) total[k] += page[k].length
      total.people.push(...page.persons)
      total.cursor = page.cursor
      more = page.more
    }
    return total
  }
  const push = async (changes: unknown[]) => {
    const res = await app.request('/api/p/82/sync/push', {
      method: 'POST',
      headers: { cookie, origin: ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify({ deviceId: DEVICE, changes }),
    })
    const body = (await res.json()) as { data: { results: { status: string; record?: { id: string; version: number } }[] } }
    if (res.status !== 200) throw new Error(`push: ${res.status} ${JSON.stringify(body).slice(0, 300)}`)
    const refused = body.data.results.filter((r) => r.status !== 'applied')
    if (refused.length) throw new Error(`push: ${refused.length} changes not applied: ${JSON.stringify(refused[0])}`)
    return body.data.results
  }

  // a. First full download.
  const fullRuns: number[] = []
  let full = await pullAll()
  for (let i = 0; i < PULL_RUNS; i++) {
    const started = performance.now()
    full = await pullAll()
    fullRuns.push(performance.now() - started)
  }
  if (full.persons !== CASELOAD) throw new Error(`the full download holds ${full.persons} people, not ${CASELOAD}`)
  const versions = new Map(full.people.map((p) => [p.id, p.version]))
  const caseload = [...versions.keys()]

  // b. Incremental pull after 10 changed records.
  let turn = 0
  const incremental: { wireBytes: number; jsonBytes: number; records: number }[] = []
  let cursor = full.cursor
  for (let i = 0; i < INCREMENTAL_RUNS; i++) {
    const people = caseload.slice((turn * 5) % CASELOAD, ((turn * 5) % CASELOAD) + 5)
    turn++
    const results = await push([
      ...people.map((id) => ({
        key: crypto.randomUUID(),
        type: 'person.update',
        entityId: id,
        data: { version: versions.get(id), notes: `Ghi chú lần ${turn}` },
      })),
      ...people.map((id) => ({ key: crypto.randomUUID(), type: 'review.create', entityId: crypto.randomUUID(), data: review(id, today) })),
    ])
    for (const r of results) if (r.record && versions.has(r.record.id)) versions.set(r.record.id, r.record.version)
    const next = await pullAll(cursor)
    const records = next.persons + next.plans + next.reviews + next.postRehab + next.followUps + next.deletes
    if (records !== 10) throw new Error(`the incremental pull answered ${records} records, not 10`)
    incremental.push({ wireBytes: next.wireBytes, jsonBytes: next.jsonBytes, records })
    cursor = next.cursor
  }

  // c. 50 queued changes in one batch, fresh keys and records every run.
  const pushMs: number[] = []
  let registered = 0
  for (let run = 0; run < PUSH_WARMUP + PUSH_RUNS; run++) {
    const start = (run * 20) % (CASELOAD - 20)
    const updated = caseload.slice(start, start + 20)
    const reviewed = caseload.slice((start + 150) % (CASELOAD - 20), ((start + 150) % (CASELOAD - 20)) + 20)
    const changes = [
      ...Array.from({ length: 10 }, () => ({
        key: crypto.randomUUID(),
        type: 'person.create',
        entityId: crypto.randomUUID(),
        data: newPerson(++registered, focus),
      })),
      ...updated.map((id) => ({ key: crypto.randomUUID(), type: 'person.update', entityId: id, data: { version: versions.get(id), notes: `Lượt ${run}` } })),
      ...reviewed.map((id) => ({ key: crypto.randomUUID(), type: 'review.create', entityId: crypto.randomUUID(), data: review(id, today) })),
    ]
    const started = performance.now()
    const results = await push(changes)
    const ms = performance.now() - started
    if (run >= PUSH_WARMUP) pushMs.push(ms)
    for (const r of results) if (r.record && versions.has(r.record.id)) versions.set(r.record.id, r.record.version)
  }

  const pullStats = summarize(fullRuns)
  const push50 = summarize(pushMs)
  const incWire = Math.max(...incremental.map((i) => i.wireBytes))
  const incJson = Math.max(...incremental.map((i) => i.jsonBytes))
  const met = {
    full: full.wireBytes <= TARGET.fullBytes,
    incremental: incWire <= TARGET.incrementalBytes,
    push: push50.median <= TARGET.pushMs && push50.p95 <= TARGET.pushMs,
  }
  const yes = (ok: boolean) => (ok ? 'yes' : '**no**')
  const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} KB`
  const markdown = `## Offline sync (\`npm run bench:sync\`, scripts/bench-sync.ts)

Machine: ${machineLine()}. Load average when the runs started: ${os
    .loadavg()
    .map((l) => l.toFixed(1))
    .join(', ')}.
Embedded libSQL files in a temp directory; province 82 seeded by \`seedDemo\` (seed ${SEED}) with ${seeded.persons.toLocaleString('en-US')} synthetic people,
commune ${focus} holding exactly the ${CASELOAD}-person caseload of the commune officer who syncs (everyone on an active plan, with their
reviews). Requests go through the real app (\`createApp\`: session, tenancy, policy, audit entries, hono/compress) with
\`app.request\`, in process, no socket; "on the wire" is the length of the gzip body the app answers (KB = 1,000 bytes).

| What | Size on the wire (gzip) | JSON | Target | Met |
|---|---:|---:|---|---|
| First full download of the caseload: \`GET /sync/pull\` without a cursor, ${full.pages} page(s) of ≤ 500 records: ${full.persons} people, ${full.plans} open plans, ${full.reviews} reviews (12 months), ${full.postRehab} post-rehab records, ${full.followUps} follow-ups | ${kb(full.wireBytes)} | ${kb(full.jsonBytes)} | ≤ 150 KB | ${yes(met.full)} |
| Incremental pull after 10 changed records (5 people updated, 5 reviews recorded), largest of ${INCREMENTAL_RUNS} | ${kb(incWire)} | ${kb(incJson)} | ≤ 5 KB | ${yes(met.incremental)} |

| What | Runs | Median | p95 | Target | Met |
|---|---:|---:|---:|---|---|
| 50 queued changes in one \`POST /sync/push\` (10 registrations, 20 updates, 20 reviews; each through its command with its audit entry and receipt in one transaction; fresh keys) | ${push50.runs} | ${fmt(push50.median)} ms | ${fmt(push50.p95)} ms | ≤ ${TARGET.pushMs} ms (median and p95) | ${yes(met.push)} |
| The full download above, all pages (time, for reference) | ${pullStats.runs} | ${fmt(pullStats.median)} ms | ${fmt(pullStats.p95)} ms | — | — |

Every change of a push is its own write transaction (the change, its audit entry, its receipt), committed to disk
(WAL, synchronous=FULL) before the next one starts: one change failing never undoes another, and an answered
change survives a power cut. ${PUSH_WARMUP} warm-up batches are not counted.
`
  writeSection('sync', markdown)
  console.log(markdown)
  if (!Object.values(met).every(Boolean)) process.exitCode = 1
} finally {
  await bench.close()
}

function review(personId: string, today: string) {
  return { personId, reviewedOn: today, attended: true, drugTest: 'negative', employed: true, riskLevel: 'low', counsellingNotes: 'Tư vấn định kỳ, ổn định' }
}

/** Synthetic registrations; citizen IDs with birth-registration province 096 (seedDemo uses 082). */
function newPerson(n: number, commune: string) {
  return {
    fullName: 'Đoàn Văn Đồng Bộ',
    birthDate: '1991-07-07',
    sex: 'male',
    citizenId: `096091${String(n).padStart(6, '0')}`,
    communeCode: commune,
    category: 'drug_user',
    addressDetail: 'Ấp 3',
    phone: '0912345678',
  }
}
