import { startBenchPlatform } from './lib/bench-app.ts'
import { recordingTenantDb } from './lib/statement-recorder.ts'
import { buildReport } from '../worker/services/reports.ts'
import { parsePeriod } from '../kernel/domain/report-period.ts'
import { existsSync, cpSync } from 'node:fs'
const size = Number(process.argv[2] ?? 30000)
const bench = await startBenchPlatform('scratch', ['82'])
try {
  const now = new Date()
  const { db } = await bench.seedCaseload('82', { persons: size, caseload: 300, seed: 42, now })
  await db.$client.execute('analyze')
  const rec = recordingTenantDb(db)
  await buildReport(rec.db, parsePeriod('2026-Q3')!, null, '2026-12-03')
  const [main] = rec.take()
  const parts = main!.sql.split(/\n    union all\n/)
  let argAt = 0
  for (const part of parts) {
    const n = (part.match(/\?/g) ?? []).length
    const args = main!.args.slice(argAt, argAt + n)
    argAt += n
    const t0 = performance.now()
    for (let i = 0; i < 3; i++) await db.$client.execute({ sql: part, args })
    const ms = (performance.now() - t0) / 3
    const plan = (await db.$client.execute({ sql: `explain query plan ${part}`, args })).rows.map((r) => r.detail).join('; ')
    console.log(ms.toFixed(2), 'ms |', part.replace(/\s+/g, ' ').slice(0, 70), '|', plan.slice(0, 200))
  }
} finally {
  await bench.close()
}
