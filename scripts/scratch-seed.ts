import { cpSync, readdirSync } from 'node:fs'
import { startBenchPlatform } from './lib/bench-app.ts'
const bench = await startBenchPlatform('scratch', ['82'])
try {
  await bench.seedCaseload('82', { persons: 30000, caseload: 300, seed: 42, now: new Date() })
  const db = await bench.tenantDb('82')
  await db.$client.execute('pragma wal_checkpoint(truncate)')
  console.log(bench.dataDir, readdirSync(bench.dataDir, { recursive: true }))
  cpSync(bench.dataDir, '/tmp/period16-seeded', { recursive: true })
} finally {
  await bench.close()
}
