// Checks the hash chain of audit trails; exits 1 if any is broken or cannot be read.
//   npm run audit:verify -- --province 82 [--province 01 …]
//   npm run audit:verify -- --control
//   npm run audit:verify -- --all                       (control + every provisioned province)
//   npm run audit:verify -- --province 82 --checkpoint 1200:<hash>   (a head you kept yourself)
// Every province trail is also checked against its latest anchor, the head the daily job recorded in the
// control trail (db/audit/anchor.ts): newest entries cut off, a wiped trail or a re-hashed one fail it. The
// control trail's head goes to the log (event audit_anchor, trail "control"): pass it with --checkpoint.
import { parseArgs } from 'node:util'
import { asc, eq } from 'drizzle-orm'
import { tenants } from '../db/control/schema/index.ts'
import { latestAnchor, type Anchor } from '../db/audit/anchor.ts'
import { verifyAuditChain, type AuditVerification, type VerifyOptions } from '../db/audit/verify-audit.ts'
import type { NodePlatform } from '../worker/provision/node-platform.ts'
import { fail, openPlatform, runMain } from './lib/cli.ts'

const USAGE = 'usage: node scripts/audit-verify.ts --province NN [--province NN …] | --control | --all [--checkpoint SEQ:HASH]'

runMain(async () => {
  const { values } = parseArgs({
    options: {
      province: { type: 'string', multiple: true },
      control: { type: 'boolean', default: false },
      all: { type: 'boolean', default: false },
      checkpoint: { type: 'string' },
    },
  })
  const codes = (values.province ?? [])
    .flatMap((value) => value.split(','))
    .map((code) => code.trim())
    .filter(Boolean)
  for (const code of codes) if (!/^\d{2}$/.test(code)) fail(`--province must be a two-digit code such as 01 or 82, got "${code}"`)
  if (codes.length === 0 && !values.control && !values.all) fail(USAGE)
  const checkpoint = values.checkpoint === undefined ? undefined : parseCheckpoint(values.checkpoint)
  if (checkpoint && (values.all || codes.length + (values.control ? 1 : 0) !== 1)) fail('--checkpoint applies to exactly one trail')

  const { platform } = await openPlatform()
  const provinces = values.all ? await provisionedProvinces(platform) : codes
  let failed = 0
  if (values.control || values.all) failed += report('control', await verifyAuditChain(platform.control, { checkpoint }))
  for (const code of provinces) failed += await verifyProvince(platform, code, { checkpoint })
  if (values.all && provinces.length === 0) console.log('No province database to verify yet.')
  return failed > 0 ? 1 : 0
})

async function verifyProvince(platform: NodePlatform, code: string, options: VerifyOptions): Promise<number> {
  const [row] = await platform.control.select().from(tenants).where(eq(tenants.provinceCode, code))
  if (!row || row.status === 'provisioning' || !row.dbLocation) {
    console.error(`province ${code}: ERROR: not onboarded (no province database in the registry; run npm run tenant:create -- --province ${code})`)
    return 1
  }
  try {
    const anchor = await latestAnchor(platform.control, code)
    const db = platform.onboardDeps.openTenant(platform.onboardDeps.locate(row))
    try {
      const result = await verifyAuditChain(db, { ...options, anchor: anchor ?? undefined })
      const failed = report(`province ${code}`, result)
      reportAnchor(code, anchor, result)
      return failed
    } finally {
      db.$client.close()
    }
  } catch (err) {
    console.error(`province ${code}: ERROR: ${err instanceof Error ? err.message : String(err)}`)
    return 1
  }
}

function report(label: string, result: Awaited<ReturnType<typeof verifyAuditChain>>): number {
  if (result.ok) {
    console.log(`${label}: OK, ${result.entries} entries, last hash ${result.lastHash}`)
    return 0
  }
  const { seq, reason } = result.firstBad
  console.error(`${label}: BROKEN at seq ${seq} (${reason}); the ${result.entries} entries before it verify`)
  return 1
}

function reportAnchor(code: string, anchor: Anchor | null, result: AuditVerification): void {
  const label = `province ${code}`
  if (!anchor) {
    if (result.ok) console.log(`${label}: no anchor yet (the daily job records one in the control trail)`)
    return
  }
  const on = anchor.at.toISOString().slice(0, 10)
  const kind = anchor.isReset ? 'anchor reset after a restore' : 'anchor'
  if (result.ok) {
    console.log(`${label}: matches its ${kind} at seq ${anchor.seq} (${on})`)
    return
  }
  if (result.firstBad.reason !== 'anchor_mismatch') return
  console.error(`${label}: its ${kind} of ${on} is seq ${anchor.seq} with hash ${anchor.hash}: entries were cut off, wiped or re-hashed since.`)
  console.error(`${label}: after restoring a backup older than that, record the restore: npm run audit:anchor -- --province ${code} --after-restore`)
}

async function provisionedProvinces(platform: NodePlatform): Promise<string[]> {
  const rows = await platform.control.select().from(tenants).orderBy(asc(tenants.provinceCode))
  // Same rule as the migrator: a province still provisioning has no migrated database to verify yet.
  return rows.filter((row) => row.status !== 'provisioning' && row.dbLocation !== null).map((row) => row.provinceCode)
}

function parseCheckpoint(value: string): { seq: number; hash: string } {
  const match = /^(\d+):([0-9a-f]{64})$/.exec(value)
  if (!match) fail('--checkpoint must be SEQ:HASH, as printed by an earlier run (entries:last hash)')
  return { seq: Number(match[1]), hash: match[2]! }
}
