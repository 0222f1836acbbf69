import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { openControlDb } from '../../db/client.node.ts'
import { auditLog } from '../../db/control/schema/index.ts'

// The real script in a child process, as `npm run tenant:*` runs it, against a temp DATA_DIR.
const dataDir = mkdtempSync(join(tmpdir(), 'binhan-cli-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))

function tenant(...args: string[]) {
  const run = spawnSync(process.execPath, ['scripts/tenant.ts', ...args], {
    env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'test' },
    encoding: 'utf8',
  })
  return { code: run.status, out: run.stdout, err: run.stderr }
}

describe('npm run tenant:*', () => {
  it('lists nothing before onboarding', () => {
    const run = tenant('list')
    expect(run.code).toBe(0)
    expect(run.out).toContain('No province is onboarded yet')
  })

  it('creates a province, then finds nothing to do the second time', () => {
    const first = tenant('create', '--province', '82')
    expect(first.code).toBe(0)
    expect(first.out).toMatch(/82: active \(ran provision → migrate → seed → activate/)
    expect(existsSync(join(dataDir, 'tenants', 'binhan-p82.db'))).toBe(true)
    const second = tenant('create', '--province', '82')
    expect(second.code).toBe(0)
    expect(second.out).toContain('82: active (already onboarded, nothing to do')
  })

  it('lists onboarded provinces with status and commune count', () => {
    const run = tenant('list')
    expect(run.code).toBe(0)
    expect(run.out).toMatch(/'82'.*'Đồng Tháp'.*'active'.*'embedded'.*'\d{4}_[a-z_]+'.*102/)
  })

  it('suspends and resumes, idempotently', () => {
    expect(tenant('suspend', '--province', '82').out).toContain('82: suspended')
    expect(tenant('list').out).toMatch(/'82'.*'suspended'/)
    expect(tenant('suspend', '--province', '82').out).toContain('82: suspended (already)')
    expect(tenant('resume', '--province', '82').out).toContain('82: active')
    expect(tenant('list').out).toMatch(/'82'.*'active'/)
  })

  it('rejects an unknown province with the list of valid codes', () => {
    const run = tenant('create', '--province', '99')
    expect(run.code).toBe(1)
    expect(run.err).toContain('Unknown province code "99". Valid codes: 01, 04, 08')
    expect(run.err).toContain('96')
  })

  it('rejects a malformed code and a missing command clearly', () => {
    const bad = tenant('create', '--province', '8')
    expect(bad.code).toBe(1)
    expect(bad.err).toContain('--province must be a two-digit code')
    const none = tenant('frobnicate')
    expect(none.code).toBe(1)
    expect(none.err).toContain('usage: node scripts/tenant.ts')
  })

  it('refuses to suspend a province that is not onboarded', () => {
    const run = tenant('suspend', '--province', '01')
    expect(run.code).toBe(1)
    expect(run.err).toContain('Province 01 is not onboarded')
  })
})

describe('npm run user:invite-central', () => {
  it('invites a central admin and prints a one-time link to the operator at the console', async () => {
    const run = spawnSync(process.execPath, ['scripts/user.ts', '--username', 'first-central', '--name', 'Quản trị đầu tiên', '--email', 'first-central@example.test', '--origin', 'https://binhan.example.gov.vn'], {
      env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'test' },
      encoding: 'utf8',
    })
    expect(run.status).toBe(0)
    expect(run.stdout).toContain('Invited first-central (central_admin)')
    expect(run.stdout).toMatch(/^https:\/\/binhan\.example\.gov\.vn\/accept-invite\?token=[a-z2-7]{40}$/m)
    // The console is the channel, and the trail says so.
    const control = openControlDb({ url: `file:${join(dataDir, 'control.db')}` })
    const [sent] = await control.select().from(auditLog).where(eq(auditLog.action, 'user.invite_sent'))
    control.$client.close()
    expect(sent).toMatchObject({ actorRole: 'operator', outcome: 'success', details: '{"transport":"console"}' })
    const again = spawnSync(process.execPath, ['scripts/user.ts', '--username', 'first-central', '--name', 'X', '--email', 'x@example.test'], {
      env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'test' },
      encoding: 'utf8',
    })
    expect(again.status).toBe(1)
    expect(again.stderr).toContain('already taken')
  })

  it('requires an e-mail address for later resets', () => {
    const none = spawnSync(process.execPath, ['scripts/user.ts', '--username', 'no-address', '--name', 'X'], { env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8' })
    expect(none.status).toBe(1)
    expect(none.stderr).toContain('--email is required')
    const bad = spawnSync(process.execPath, ['scripts/user.ts', '--username', 'no-address', '--name', 'X', '--email', 'nope'], { env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8' })
    expect(bad.status).toBe(1)
    expect(bad.stderr).toContain('--email must be an e-mail address')
  })

  it('rejects a bad username or role', () => {
    const bad = spawnSync(process.execPath, ['scripts/user.ts', '--username', 'A B', '--name', 'X'], { env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8' })
    expect(bad.status).toBe(1)
    expect(bad.stderr).toContain('--username must be')
    const role = spawnSync(process.execPath, ['scripts/user.ts', '--username', 'abc', '--name', 'X', '--email', 'abc@example.test', '--role', 'province_admin'], { env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8' })
    expect(role.status).toBe(1)
    expect(role.stderr).toContain('--role must be')
  })
})
