// `npm run restore -- --from DIR --province 01`: puts province 01 back as `npm run backup` saved it in DIR.
// The file must match the manifest's checksum; it is copied under DATA_DIR/tenants with a new name (the damaged
// file stays where it is, to be looked at), then `tenant:relocate` does the rest: the copy must carry the
// province's identity marker and database id, is migrated, must pass integrity_check, and only then does the
// registry point at it (audited `province.relocate`). Running servers follow within TENANT_CACHE_TTL_MS.
// Then: `npm run audit:verify -- --province 01` (README "Backups"). Provinces on Turso: see README.
import { copyFileSync, chmodSync, existsSync } from 'node:fs'
import { join } from 'node:path'
import { parseArgs } from 'node:util'
import { eq } from 'drizzle-orm'
import { tenants } from '../db/control/schema/index.ts'
import { readManifest, sha256Of } from './lib/backup.ts'
import { fail, openPlatform, runMain } from './lib/cli.ts'
import { relocateProvince } from './lib/tenant-db.ts'

runMain(async () => {
  const { values } = parseArgs({ options: { from: { type: 'string' }, province: { type: 'string' } } })
  const code = values.province ?? ''
  if (!values.from || !/^\d{2}$/.test(code)) fail('usage: npm run restore -- --from DIR --province NN')
  process.umask(0o077)
  const manifest = readManifest(values.from)
  const entry = manifest.entries.find((e) => e.database === code)
  if (!entry) fail(`${values.from} holds no backup of province ${code}`)
  const source = join(values.from, entry.file)
  if (!existsSync(source)) fail(`${source} is missing`)
  if ((await sha256Of(source)) !== entry.sha256) fail(`${source} does not match its checksum in ${values.from}/manifest.json: damaged or altered, not restored`)

  const { config, platform } = await openPlatform()
  try {
    const [row] = await platform.control.select().from(tenants).where(eq(tenants.provinceCode, code))
    if (!row) fail(`province ${code} is not in the registry`)
    if (row.provider !== 'embedded' || entry.format !== 'sqlite') {
      fail(`province ${code} is on Turso: load ${entry.file} into a new database of the group and run tenant:relocate (README "Backups")`)
    }
    if (entry.databaseId && row.databaseId && entry.databaseId !== row.databaseId) {
      fail(`the backup is of another copy of province ${code} (database id ${entry.databaseId}, the registry has ${row.databaseId})`)
    }
    const stamp = manifest.createdAt.replace(/\D/g, '').slice(0, 14)
    const name = `binhan-p${code}-r${stamp}`
    const target = join(config.dataDir, 'tenants', `${name}.db`)
    if (existsSync(target)) fail(`${target} exists already: this backup was restored before (relocate to it, or remove it first)`)
    copyFileSync(source, target)
    chmodSync(target, 0o600)
    console.log(`${code}: ${entry.file} (backup of ${manifest.createdAt}) copied to tenants/${name}.db`)
    const status = await relocateProvince(platform, code, `tenants/${name}.db`)
    if (status === 0) console.log(`${code}: next, npm run audit:verify -- --province ${code} (README "Backups")`)
    return status
  } finally {
    platform.control.$client.close()
  }
})
