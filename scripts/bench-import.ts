// `npm run bench:import` (part of `npm run bench`): a 10,000-row legacy list imported on the embedded default,
// through the real app (session, tenancy, policy, multipart upload, audit): the dry-run preview and the commit,
// each <= 10 s together, with the memory they take. Written to docs/benchmarks.md.
// The rows are synthetic (db/seed/fake-identity.ts names and citizen IDs): a third with a pre-2025 address
// (commune + district), a third with today's commune name, a third with a free-text address; 2% with a
// problem (bad date, unknown commune), as real lists have.
import os from 'node:os'
import { count, eq, sql } from 'drizzle-orm'
import { formatCitizenId, randomFullName } from '../db/seed/fake-identity.ts'
import { Random } from '../db/seed/random.ts'
import { communeMappings, communes, persons } from '../db/tenant/schema/index.ts'
import { writeXlsx } from '../worker/lib/xlsx-writer.ts'
import { startBenchPlatform } from './lib/bench-app.ts'
import { fmt, machineLine, summarize, writeSection } from './lib/bench-stats.ts'

const ROWS = 10_000
const RUNS = 5
const TARGET_S = 10
const PROVINCE = '01'
const HEADER = [
  'STT',
  'Họ và tên',
  'Ngày sinh',
  'Giới tính',
  'Số CCCD',
  'Xã/phường',
  'Quận/huyện (cũ)',
  'Tỉnh/thành phố',
  'Địa chỉ',
  'Phân loại',
  'Ngày xác định nghiện',
  'Cơ sở xác định nghiện',
]

const bench = await startBenchPlatform('import', [PROVINCE])
try {
  const db = await bench.tenantDb(PROVINCE)
  // Old communes that map to exactly one commune today (splits would only add ambiguous rows).
  const oldUnique = await db
    .select({ oldName: communeMappings.oldName, district: communeMappings.oldDistrictName })
    .from(communeMappings)
    .groupBy(communeMappings.oldName, communeMappings.oldDistrictName)
    .having(sql`count(distinct ${communeMappings.newCode}) = 1`)
  const current = await db.select({ name: communes.name }).from(communes)
  const { userId: id, cookie } = await bench.signedIn('bench-officer', 'province_officer', PROVINCE)
  const app = bench.app

  /** Run `run` of the benchmark: fresh citizen IDs each time (a re-import would add nothing). */
  function listFile(run: number, format: 'xlsx' | 'csv'): Uint8Array {
    const rng = new Random(42, run)
    const rows = Array.from({ length: ROWS }, (_, i) => {
      const sex = rng.chance(0.85) ? ('male' as const) : ('female' as const)
      const year = rng.int(1965, 2005)
      const birth = `${String(rng.int(1, 28)).padStart(2, '0')}/${String(rng.int(1, 12)).padStart(2, '0')}/${year}`
      const citizenId = formatCitizenId('001', sex, year, run * ROWS + i)
      const dependent = rng.chance(0.5)
      const broken = rng.chance(0.02)
      const style = i % 3
      const old = rng.pick(oldUnique)
      const commune = broken && rng.chance(0.5) ? 'Phường Không Có Thật' : style === 0 ? old.oldName : style === 1 ? rng.pick(current).name : null
      const address = style === 2 ? `Số ${rng.int(1, 200)}, ${old.oldName}, ${old.district}, Thành phố Hà Nội` : null
      return [
        i + 1,
        randomFullName(rng, sex),
        broken && commune !== 'Phường Không Có Thật' ? '31/02/1990' : birth,
        sex === 'male' ? 'Nam' : 'Nữ',
        citizenId,
        commune,
        style === 0 ? old.district : null,
        style === 2 ? null : 'Hà Nội',
        address,
        dependent ? 'Nghiện' : 'Sử dụng trái phép',
        dependent ? `01/0${rng.int(1, 9)}/2025` : null,
        dependent ? 'Trung tâm Y tế (tổng hợp)' : null,
      ]
    })
    if (format === 'xlsx') return writeXlsx([{ name: 'Danh sách', header: HEADER, rows }])
    const quote = (v: string | number | null) => (v === null ? '' : /[",\n]/.test(String(v)) ? `"${String(v).replace(/"/g, '""')}"` : String(v))
    return new TextEncoder().encode([HEADER, ...rows].map((r) => r.map(quote).join(',')).join('\r\n'))
  }

  const post = async (path: string, bytes: Uint8Array, name: string) => {
    const form = new FormData()
    form.append('file', new File([bytes as Uint8Array<ArrayBuffer>], name))
    const res = await app.request(path, { method: 'POST', body: form, headers: { cookie, origin: 'http://localhost' } })
    const body = (await res.json()) as { data: { counts: { accepted: number; rejected: number }; import?: { imported: number } } }
    if (res.status >= 300) throw new Error(`${path}: ${res.status} ${JSON.stringify(body).slice(0, 300)}`)
    return body.data
  }

  const rssBefore = process.memoryUsage().rss
  const samples = { preview: [] as number[], commit: [] as number[], total: [] as number[], csvPreview: [] as number[] }
  let accepted = 0
  let acceptedAll = 0
  let rejected = 0
  let fileBytes = 0
  let csvBytes = 0
  const loadAtStart = os.loadavg()
  for (let run = 0; run < RUNS; run++) {
    const file = listFile(run, 'xlsx')
    const csv = listFile(run, 'csv')
    fileBytes = file.byteLength
    csvBytes = csv.byteLength
    let started = performance.now()
    await post(`/api/p/${PROVINCE}/imports?dryRun=true`, csv, 'danh-sach.csv')
    samples.csvPreview.push(performance.now() - started)
    started = performance.now()
    const preview = await post(`/api/p/${PROVINCE}/imports?dryRun=true`, file, 'danh-sach.xlsx')
    const previewMs = performance.now() - started
    started = performance.now()
    const committed = await post(`/api/p/${PROVINCE}/imports`, file, 'danh-sach.xlsx')
    const commitMs = performance.now() - started
    if (committed.import?.imported !== preview.counts.accepted) throw new Error('the commit imported another number of rows than the preview accepted')
    samples.preview.push(previewMs)
    samples.commit.push(commitMs)
    samples.total.push(previewMs + commitMs)
    accepted = preview.counts.accepted
    acceptedAll += accepted
    rejected = preview.counts.rejected
  }
  const maxRss = process.resourceUsage().maxRSS * 1024
  const [{ n: people } = { n: 0 }] = await db.select({ n: count() }).from(persons).where(eq(persons.createdBy, id))
  if (people !== acceptedAll) throw new Error(`expected ${acceptedAll} imported people, found ${people}`)

  const s = {
    preview: summarize(samples.preview),
    commit: summarize(samples.commit),
    total: summarize(samples.total),
    csvPreview: summarize(samples.csvPreview),
  }
  const met = s.total.p95 / 1000 <= TARGET_S
  const mb = (bytes: number) => `${fmt(bytes / 1024 / 1024)} MB`
  const markdown = `## Legacy import (\`npm run bench:import\`, scripts/bench-import.ts)

Machine: ${machineLine()}. Load average when the runs started: ${loadAtStart.map((l) => l.toFixed(1)).join(', ')}.
Embedded libSQL files in a temp directory, province ${PROVINCE} (Hà Nội) with its official old→new mapping. Each run uploads a
fresh synthetic list of ${ROWS.toLocaleString('en-US')} rows (a third with a pre-2025 commune + district, a third with today's commune name,
a third with one free-text address cell; 2% with a problem): XLSX ${mb(fileBytes)}, the same rows as CSV ${mb(csvBytes)}. Through the
real app (\`app.request\`: session, tenancy, policy, multipart parsing, audit), as a province officer; ${RUNS} runs.
In the last run: ${accepted.toLocaleString('en-US')} rows accepted, ${rejected.toLocaleString('en-US')} rejected; each commit imported exactly the accepted ones (checked).

| What | Runs | Median | p95 | Target | Met |
|---|---:|---:|---:|---|---|
| Preview (dry run) of the XLSX: read, match headers, map addresses, validate, check citizen IDs | ${RUNS} | ${fmt(s.preview.median / 1000, 2)} s | ${fmt(s.preview.p95 / 1000, 2)} s | — | — |
| Commit of the XLSX: the same checks again, then one transaction (people, import, rows, audit) | ${RUNS} | ${fmt(s.commit.median / 1000, 2)} s | ${fmt(s.commit.p95 / 1000, 2)} s | — | — |
| Preview + commit | ${RUNS} | ${fmt(s.total.median / 1000, 2)} s | ${fmt(s.total.p95 / 1000, 2)} s | ≤ ${TARGET_S} s | ${met ? 'yes' : '**no**'} |
| Preview of the same rows as CSV | ${RUNS} | ${fmt(s.csvPreview.median / 1000, 2)} s | ${fmt(s.csvPreview.p95 / 1000, 2)} s | — | — |

Memory: the process's resident set was ${mb(rssBefore)} before the first upload and peaked at ${mb(maxRss)} (\`process.resourceUsage().maxRSS\`)
over all ${RUNS * 3} uploads, so one import takes at most ~${mb(Math.max(0, maxRss - rssBefore))} above the idle server. It is bounded by the upload
limits rather than streamed: a file is at most ${10} MB and ${(20_000).toLocaleString('en-US')} rows (the parts of an XLSX that are read at most 50 MB unpacked),
the rows are held once as cells and once as checked records, and people are written in batches of 200 inside one transaction.
`
  writeSection('import', markdown)
  console.log(markdown)
  if (!met) process.exitCode = 1
} finally {
  await bench.close()
}
