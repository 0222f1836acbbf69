// Upgrades the control database and every province database to the committed migrations, a few provinces at a
// time (--concurrency N, default 4). Carries on past a province that fails, reports each, and exits 1 if any
// failed or a contract migration had to wait. Rerunning resumes each database where it stopped; when nothing is
// pending it is a no-op. The expand → deploy → contract rule: README "Schema changes", decision 0031.
//   npm run db:migrate [-- --concurrency 8]
import { parseArgs } from 'node:util'
import { migrateAllTenants } from '../db/provision/migrate.ts'
import { openPlatform, runMain } from './lib/cli.ts'

runMain(async () => {
  const { values } = parseArgs({ options: { concurrency: { type: 'string', default: '4' } } })
  const concurrency = Number(values.concurrency)
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 34) throw new Error('--concurrency must be a whole number from 1 to 34')
  const { platform } = await openPlatform()
  console.log('control: up to date')
  const report = await migrateAllTenants(platform.onboardDeps, { concurrency })
  for (const ok of report.migrated) {
    console.log(`${ok.province}: ${ok.schemaVersion}${ok.applied.length > 0 ? ` (applied ${ok.applied.join(', ')})` : ''}`)
  }
  for (const code of report.identityRecorded) console.log(`${code}: database id recorded (identity marker back-filled)`)
  for (const failure of report.failed) console.error(`${failure.province}: FAILED: ${failure.error}`)
  if (report.refused) {
    const behind = report.refused.behind.map((b) => `${b.province} (at ${b.at ?? 'nothing'})`).join(', ')
    console.error(`contract migration ${report.refused.contract} NOT RUN: provinces behind: ${behind}. Fix them and run db:migrate again.`)
  }
  console.log(`${report.migrated.length} province database(s) up to date, ${report.failed.length} failed`)
  return report.failed.length > 0 || report.refused ? 1 : 0
})
