// `npm run backup [-- --out DIR]`: exports the control database and every onboarded province to DIR (default
// backups/<UTC time>), a file each with manifest.json and SHA256SUMS; DIR is 0700, its files 0600. Run it on a
// trusted machine with the server's environment (DATA_DIR, or CONTROL_DB_URL and TURSO_GROUP_AUTH_TOKEN for
// Turso). The files hold personal data: keep them encrypted at rest (README "Backups").
import { parseArgs } from 'node:util'
import { createNodePlatform } from '../worker/provision/node-platform.ts'
import { readNodeConfig } from '../worker/node-config.ts'
import { backupAll } from './lib/backup.ts'
import { runMain } from './lib/cli.ts'

runMain(async () => {
  const { values } = parseArgs({ options: { out: { type: 'string' } } })
  process.umask(0o077)
  const now = new Date()
  const dir = values.out ?? `backups/${now.toISOString().replace(/[:.]/g, '-')}`
  const config = readNodeConfig()
  // No migration here (a backup must not change what it copies): the platform opened as it is.
  const platform = createNodePlatform(config)
  try {
    const { manifest, failed } = await backupAll(platform, config, dir, now)
    for (const entry of manifest.entries)
      console.log(`${entry.database}: ${entry.file} (${entry.format}, ${entry.bytes} bytes, sha256 ${entry.sha256.slice(0, 12)}…)`)
    for (const f of failed) console.error(`${f.database}: FAILED: ${f.reason}`)
    console.log(`${manifest.entries.length} databases in ${dir} (manifest.json, SHA256SUMS)`)
    return failed.length > 0 ? 1 : 0
  } finally {
    platform.control.$client.close()
  }
})
