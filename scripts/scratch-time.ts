import { readdirSync } from 'node:fs'
import { createClient } from '@libsql/client'
import { drizzle } from 'drizzle-orm/libsql'
import * as schema from '../db/tenant/schema/index.ts'
import type { TenantDb } from '../db/types.ts'
import { recordingTenantDb } from './lib/statement-recorder.ts'
import { buildReport } from '../worker/services/reports.ts'
import { parsePeriod } from '../kernel/domain/report-period.ts'
const file = (readdirSync('/tmp/period16-seeded', { recursive: true }) as string[]).find((f) => f.endsWith('.db') && f.includes('82'))!
const client = createClient({ url: `file:/tmp/period16-seeded/${file}` })
const db = drizzle(client, { schema }) as unknown as TenantDb
const rec = recordingTenantDb(db)
await buildReport(rec.db, parsePeriod('2026-Q3')!, null, '2026-12-03')
const statements = rec.take()
for (const s of statements) {
  const t0 = performance.now()
  await client.execute({ sql: s.sql, args: s.args })
  console.log((performance.now() - t0).toFixed(1), 'ms', s.sql.replace(/\s+/g, ' ').slice(0, 60))
}
const [main] = statements
if (process.env.BRANCHES) {
  const body = main!.sql
  const withEnd = body.indexOf('\n    select commune_code as c')
  const head = body.slice(0, withEnd)
  const rest = body.slice(withEnd)
  const parts = rest.split(/\n    union all\n/)
  const headArgs = (head.match(/\?/g) ?? []).length
  let argAt = headArgs
  for (const part of parts) {
    const n = (part.match(/\?/g) ?? []).length
    const args = [...main!.args.slice(0, headArgs), ...main!.args.slice(argAt, argAt + n)]
    argAt += n
    const sql = `${head}\n${part}`
    const t0 = performance.now()
    await client.execute({ sql, args })
    console.log((performance.now() - t0).toFixed(1), 'ms |', part.replace(/\s+/g, ' ').slice(0, 60))
  }
}
const plan = await client.execute({ sql: `explain query plan ${main!.sql}`, args: main!.args })
if (process.env.PLAN) console.log(plan.rows.map((r) => `${r.id} ${r.parent} ${r.detail}`).join('\n'))
