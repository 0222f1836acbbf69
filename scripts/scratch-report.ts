import { startBenchPlatform } from './lib/bench-app.ts'
import { measureReport } from './lib/bench-report.ts'
import { recordingTenantDb } from './lib/statement-recorder.ts'
import { buildReport } from '../worker/services/reports.ts'
import { parsePeriod } from '../kernel/domain/report-period.ts'
const size = Number(process.argv[2] ?? 30000)
const bench = await startBenchPlatform('scratch', ['82'])
try {
  const now = new Date()
  const { db, ms } = await bench.seedCaseload('82', { persons: size, caseload: 300, seed: 42, now })
  console.log('seed s', ms / 1000)
  const officer = (await bench.signedIn('p', 'province_officer', '82')).cookie
  const fetchBody = async (path: string) => {
    const res = await bench.app.request(path, { headers: { cookie: officer } })
    const b = await res.arrayBuffer()
    if (res.status !== 200) throw new Error(new TextDecoder().decode(b))
    return b
  }
  const r = await measureReport({ db, persons: size, province: '82', fetchBody, warmup: 3, runs: 20 })
  console.log(JSON.stringify(r))
  const rec = recordingTenantDb(db)
  await buildReport(rec.db, parsePeriod(r.period)!, null, '2026-12-03')
  for (const s of rec.take()) {
    const t0 = performance.now()
    for (let i = 0; i < 5; i++) await db.$client.execute({ sql: s.sql, args: s.args })
    console.log(((performance.now() - t0) / 5).toFixed(2), 'ms', s.sql.replace(/\s+/g, ' ').slice(0, 80))
  }
  if (process.env.PLAN) {
    const big = rec
    await buildReport(big.db, parsePeriod(r.period)!, null, '2026-12-03')
    const [first] = big.take()
    const plan = await db.$client.execute({ sql: `explain query plan ${first!.sql}`, args: first!.args })
    console.log(plan.rows.map((x) => x.detail).join('\n'))
  }
} finally {
  await bench.close()
}
