// Records audit trail heads in the control trail, as the daily job does (db/audit/anchor.ts, decision 0017).
//   npm run audit:anchor -- --all | --province 82 [--province 01 …]
//   npm run audit:anchor -- --province 82 --after-restore   (after restoring a backup older than the last anchor)
// Exits 1 when a trail no longer extends its anchor (and records nothing for it). --after-restore records the
// restored head anyway, as an audit.anchor_reset entry that names the anchor it replaces.
import { parseArgs } from 'node:util'
import { asc, eq, inArray } from 'drizzle-orm'
import { anchorProvinceTrail, readAuditHead } from '../db/audit/anchor.ts'
import { tenants } from '../db/control/schema/index.ts'
import type { NodePlatform } from '../worker/provision/node-platform.ts'
import { fail, openPlatform, runMain } from './lib/cli.ts'

const USAGE = 'usage: node scripts/audit-anchor.ts --province NN [--province NN …] [--after-restore] | --all'

runMain(async () => {
  const { values } = parseArgs({
    options: { province: { type: 'string', multiple: true }, all: { type: 'boolean', default: false }, 'after-restore': { type: 'boolean', default: false } },
  })
  const codes = (values.province ?? [])
    .flatMap((value) => value.split(','))
    .map((code) => code.trim())
    .filter(Boolean)
  for (const code of codes) if (!/^\d{2}$/.test(code)) fail(`--province must be a two-digit code such as 01 or 82, got "${code}"`)
  if (codes.length === 0 && !values.all) fail(USAGE)
  const afterRestore = values['after-restore']
  if (afterRestore && (values.all || codes.length !== 1)) fail('--after-restore applies to exactly one province, the one restored')

  const { platform } = await openPlatform()
  const targets = values.all ? await servedProvinces(platform) : codes
  let failed = 0
  for (const code of targets) failed += await anchor(platform, code, afterRestore)
  const head = await readAuditHead(platform.control)
  console.log(`control: head seq ${head?.seq ?? 0}, hash ${head?.hash ?? '-'} (keep it outside this machine, or find it in the server log: event audit_anchor)`)
  return failed > 0 ? 1 : 0
})

async function anchor(platform: NodePlatform, code: string, afterRestore: boolean): Promise<number> {
  const [row] = await platform.control.select().from(tenants).where(eq(tenants.provinceCode, code))
  if (!row || row.status === 'provisioning' || !row.dbLocation) {
    console.error(`province ${code}: ERROR: not onboarded`)
    return 1
  }
  try {
    const db = platform.onboardDeps.openTenant(platform.onboardDeps.locate(row))
    try {
      const outcome = await anchorProvinceTrail(platform.control, db, code, { at: new Date(), actorRole: 'operator' }, { afterRestore })
      if (outcome.status === 'mismatch') {
        console.error(
          `province ${code}: NOT ANCHORED: the trail no longer extends its anchor at seq ${outcome.anchor.seq} (${outcome.firstBad.reason} at seq ${outcome.firstBad.seq}; head now seq ${outcome.head.seq})`,
        )
        return 1
      }
      if (outcome.status === 'empty') console.log(`province ${code}: empty trail, nothing to anchor`)
      else
        console.log(
          `province ${code}: ${outcome.status === 'anchored' ? (afterRestore ? 'anchor reset' : 'anchored') : 'unchanged'} at seq ${outcome.head.seq}, hash ${outcome.head.hash}`,
        )
      return 0
    } finally {
      db.$client.close()
    }
  } catch (err) {
    console.error(`province ${code}: ERROR: ${err instanceof Error ? err.message : String(err)}`)
    return 1
  }
}

async function servedProvinces(platform: NodePlatform): Promise<string[]> {
  const rows = await platform.control
    .select({ code: tenants.provinceCode })
    .from(tenants)
    .where(inArray(tenants.status, ['active', 'suspended']))
    .orderBy(asc(tenants.provinceCode))
  return rows.map((row) => row.code)
}
