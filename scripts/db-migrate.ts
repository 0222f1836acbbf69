// Upgrades the control database and every province database to the committed migrations.
// Carries on past a province that fails, reports it, and exits 1 if any failed. Rerunning is a no-op.
import { migrateAllTenants } from '../db/provision/migrate.ts'
import { openPlatform, runMain } from './lib/cli.ts'

runMain(async () => {
  const { platform } = await openPlatform()
  console.log('control: up to date')
  const report = await migrateAllTenants(platform.onboardDeps)
  for (const ok of report.migrated) console.log(`${ok.province}: ${ok.schemaVersion}`)
  for (const code of report.identityRecorded) console.log(`${code}: database id recorded (identity marker back-filled)`)
  for (const failure of report.failed) console.error(`${failure.province}: FAILED: ${failure.error}`)
  console.log(`${report.migrated.length} province database(s) up to date, ${report.failed.length} failed`)
  return report.failed.length > 0 ? 1 : 0
})
