import { spawnSync } from 'node:child_process'
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appendAudit, type AuditInput } from '../../db/audit/append-audit.ts'
import { tenants } from '../../db/control/schema/index.ts'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import type { TenantDb } from '../../db/types.ts'
import { createTestPlatform, type TestPlatform } from '../helpers/platform.ts'

// The real script in a child process, as `npm run audit:verify` runs it, against a temp DATA_DIR.
let platform: TestPlatform
let province: TenantDb
let firstSeq: number

const entry = (i: number): AuditInput => ({
  at: new Date(Date.parse('2026-11-24T03:00:00.000Z') + i * 1000),
  actorId: 'u-1',
  actorRole: 'province_officer',
  action: 'person.read',
  entityType: 'person',
  entityId: `p-${i}`,
  outcome: 'success',
  requestId: `req-${i}`,
  clientHash: null,
})

beforeAll(async () => {
  platform = await createTestPlatform()
  await onboardTenant(platform.onboardDeps, '82')
  const [row] = await platform.control.select().from(tenants).where(eq(tenants.provinceCode, '82'))
  province = platform.onboardDeps.openTenant(platform.onboardDeps.locate(row!))
  // Relative to whatever onboarding may already have recorded, so the test does not depend on it.
  firstSeq = (await appendAudit(province, entry(1))).seq
  for (let i = 2; i <= 10; i++) await appendAudit(province, entry(i))
  await appendAudit(platform.control, { ...entry(1), action: 'province.onboard', entityType: 'province', entityId: '82', provinceCode: '82' })
})
afterAll(() => {
  province.$client.close()
  platform.cleanup()
})

function script(file: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [file, ...args], {
    env: { ...process.env, DATA_DIR: platform.dataDir, NODE_ENV: 'test' },
    encoding: 'utf8',
  })
  return { code: run.status, out: run.stdout, err: run.stderr }
}
const verify = (...args: string[]) => script('scripts/audit-verify.ts', ...args)
const anchor = (...args: string[]) => script('scripts/audit-anchor.ts', ...args)

describe('npm run audit:verify', () => {
  it('reports OK with the entry count and last hash for an intact province trail', () => {
    const run = verify('--province', '82')
    expect(run.err).toBe('')
    expect(run.code).toBe(0)
    expect(run.out).toMatch(new RegExp(`^province 82: OK, ${firstSeq + 9} entries, last hash [0-9a-f]{64}$`, 'm'))
  })

  it('verifies the control trail, and control plus every province with --all', () => {
    const control = verify('--control')
    expect(control.code).toBe(0)
    expect(control.out).toMatch(/^control: OK, \d+ entries, last hash [0-9a-f]{64}$/m)
    const all = verify('--all')
    expect(all.code).toBe(0)
    expect(all.out).toMatch(/^control: OK/m)
    expect(all.out).toMatch(/^province 82: OK/m)
  })

  it('accepts the checkpoint it printed, and refuses one that does not match', () => {
    const printed = /OK, (\d+) entries, last hash ([0-9a-f]{64})/.exec(verify('--province', '82').out)!
    expect(verify('--province', '82', '--checkpoint', `${printed[1]}:${printed[2]}`).code).toBe(0)
    const wrong = verify('--province', '82', '--checkpoint', `${printed[1]}:${'f'.repeat(64)}`)
    expect(wrong.code).toBe(1)
    expect(wrong.err).toContain(`province 82: BROKEN at seq ${printed[1]} (checkpoint_mismatch)`)
  })

  it('exits 1 on an unknown or not onboarded province, and on missing arguments', () => {
    const unknown = verify('--province', '01')
    expect(unknown.code).toBe(1)
    expect(unknown.err).toContain('province 01: ERROR: not onboarded')
    const malformed = verify('--province', '8')
    expect(malformed.code).toBe(1)
    expect(malformed.err).toContain('--province must be a two-digit code')
    const none = verify()
    expect(none.code).toBe(1)
    expect(none.err).toContain('usage:')
  })

  it('says a province trail has no anchor before the first daily run', () => {
    expect(verify('--province', '82').out).toContain('province 82: no anchor yet')
  })

  it('checks every province trail against its latest anchor by default', () => {
    const anchored = anchor('--all')
    expect(anchored.err).toBe('')
    expect(anchored.code).toBe(0)
    expect(anchored.out).toContain(`province 82: anchored at seq ${firstSeq + 9}, hash `)
    expect(anchored.out).toMatch(/^control: head seq \d+, hash [0-9a-f]{64}/m)
    const run = verify('--province', '82')
    expect(run.code).toBe(0)
    expect(run.out).toMatch(new RegExp(`^province 82: matches its anchor at seq ${firstSeq + 9} \\(\\d{4}-\\d{2}-\\d{2}\\)$`, 'm'))
  })

  it('catches newest entries cut off after the anchor, and passes again once a restore is recorded', async () => {
    for (let i = 11; i <= 12; i++) await appendAudit(province, entry(i))
    expect(anchor('--province', '82').out).toContain(`province 82: anchored at seq ${firstSeq + 11}`)
    await province.run(sql`DELETE FROM audit_log WHERE seq > ${firstSeq + 9}`)
    const cut = verify('--province', '82')
    expect(cut.code).toBe(1)
    expect(cut.err).toContain(`province 82: BROKEN at seq ${firstSeq + 11} (anchor_mismatch); the ${firstSeq + 9} entries before it verify`)
    expect(cut.err).toContain('npm run audit:anchor -- --province 82 --after-restore')
    // The daily anchoring refuses too: nothing is recorded over the evidence.
    const refused = anchor('--province', '82')
    expect(refused.code).toBe(1)
    expect(refused.err).toContain(`province 82: NOT ANCHORED: the trail no longer extends its anchor at seq ${firstSeq + 11}`)
    // The operator states that a backup (here: the trail as it was at seq firstSeq + 9) was restored.
    const reset = anchor('--province', '82', '--after-restore')
    expect(reset.code).toBe(0)
    expect(reset.out).toContain(`province 82: anchor reset at seq ${firstSeq + 9}`)
    const after = verify('--province', '82')
    expect(after.code).toBe(0)
    expect(after.out).toContain(`province 82: matches its anchor reset after a restore at seq ${firstSeq + 9}`)
    expect(anchor('--province', '82', '--all', '--after-restore').code).toBe(1)
  })

  // Last: it tampers with the trail the other tests rely on.
  it('names the first bad entry and exits 1 after tampering, also under --all', async () => {
    const bad = firstSeq + 4
    await province.run(sql`UPDATE audit_log SET entity_id = 'p-999' WHERE seq = ${bad}`)
    const run = verify('--province', '82')
    expect(run.code).toBe(1)
    expect(run.err).toContain(`province 82: BROKEN at seq ${bad} (hash_mismatch); the ${bad - 1} entries before it verify`)
    expect(run.out).not.toContain('province 82: OK')
    const all = verify('--all')
    expect(all.code).toBe(1)
    expect(all.out).toMatch(/^control: OK/m)
    expect(all.err).toContain(`province 82: BROKEN at seq ${bad}`)
  })
})
