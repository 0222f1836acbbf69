import { spawnSync } from 'node:child_process'
import { existsSync, mkdtempSync, renameSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eq, sql } from 'drizzle-orm'
import { afterAll, describe, expect, it } from 'vitest'
import { openControlDb, openTenantDb } from '../../db/client.node.ts'
import { auditLog, tenants } from '../../db/control/schema/index.ts'

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

describe('npm run tenant:check and tenant:relocate (README "Operations")', () => {
  const tenantsDir = () => join(dataDir, 'tenants')
  const control = () => {
    const db = openControlDb({ url: `file:${join(dataDir, 'control.db')}` })
    return db
  }

  it('runs the full check of a province and says it is served', () => {
    const run = tenant('check', '--province', '82')
    expect(run.err).toBe('')
    expect(run.code).toBe(0)
    expect(run.out).toContain('82: OK (file, identity marker, schema, integrity_check); the province is served')
    expect(tenant('list').out).toMatch(/'82'.*'active'.*'ok'/)
  })

  it('names what is wrong, exits 1 and records it, for a province whose file is gone', async () => {
    const file = join(tenantsDir(), 'binhan-p82.db')
    renameSync(file, `${file}.aside`)
    try {
      const run = tenant('check', '--province', '82')
      expect(run.code).toBe(1)
      expect(run.err).toContain('82: UNAVAILABLE: database_missing')
      expect(existsSync(file)).toBe(false)
      expect(tenant('list').out).toMatch(/'82'.*'database_missing'/)
    } finally {
      renameSync(`${file}.aside`, file)
    }
    expect(tenant('check', '--province', '82').code).toBe(0)
    expect(tenant('list').out).toMatch(/'82'.*'active'.*'ok'/)
  })

  it('points a province at a restored copy of its own database, and refuses any other database', async () => {
    const source = openTenantDb({ url: `file:${join(tenantsDir(), 'binhan-p82.db')}` })
    try {
      await source.run(sql.raw(`vacuum into '${join(tenantsDir(), 'binhan-p82-restored.db')}'`))
    } finally {
      source.$client.close()
    }
    const moved = tenant('relocate', '--province', '82', '--location', 'tenants/binhan-p82-restored.db')
    expect(moved.err).toBe('')
    expect(moved.out).toContain('82: relocated (identity, schema and integrity_check passed)')
    const db = control()
    try {
      const [row] = await db.select().from(tenants).where(eq(tenants.provinceCode, '82'))
      expect(row).toMatchObject({ dbLocation: 'tenants/binhan-p82-restored.db', dbName: 'binhan-p82-restored', dbFault: null })
      const [audited] = await db.select().from(auditLog).where(eq(auditLog.action, 'province.relocate'))
      expect(audited).toMatchObject({ actorRole: 'operator', entityId: '82' })
    } finally {
      db.$client.close()
    }
    expect(tenant('check', '--province', '82').code).toBe(0)
    // Another copy (another database id), an empty file, a missing file, a bad location: refused, nothing changed.
    const other = openTenantDb({ url: `file:${join(tenantsDir(), 'binhan-p82-other.db')}` })
    try {
      await other.run(sql.raw(`attach '${join(tenantsDir(), 'binhan-p82.db')}' as src`))
      await other.run(sql.raw('create table tenant_meta as select * from src.tenant_meta'))
      await other.run(sql.raw('create table __drizzle_migrations as select * from src.__drizzle_migrations'))
      await other.run(sql.raw(`update tenant_meta set value = 'another-id' where key = 'database_id'`))
    } finally {
      other.$client.close()
    }
    expect(tenant('relocate', '--province', '82', '--location', 'tenants/binhan-p82-other.db').err).toContain(
      'NOT RELOCATED: The database of province 82 is another copy',
    )
    expect(tenant('relocate', '--province', '82', '--location', 'tenants/binhan-p82-nowhere.db').err).toContain('NOT RELOCATED: No database file at')
    expect(existsSync(join(tenantsDir(), 'binhan-p82-nowhere.db'))).toBe(false)
    expect(tenant('relocate', '--province', '82', '--location', '/etc/passwd').err).toContain('--location must be tenants/<name>.db under DATA_DIR')
    expect(tenant('relocate', '--province', '82').err).toContain('relocate needs exactly one --province NN and --location')
    expect(tenant('check', '--province', '82').out).toContain('82: OK')
  })
})

describe('npm run user:invite-central', () => {
  it('invites a central admin and prints a one-time link to the operator at the console', async () => {
    const run = spawnSync(
      process.execPath,
      [
        'scripts/user.ts',
        '--username',
        'first-central',
        '--name',
        'Quản trị đầu tiên',
        '--email',
        'first-central@example.test',
        '--origin',
        'https://binhan.example.gov.vn',
      ],
      {
        env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'test' },
        encoding: 'utf8',
      },
    )
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
    const none = spawnSync(process.execPath, ['scripts/user.ts', '--username', 'no-address', '--name', 'X'], {
      env: { ...process.env, DATA_DIR: dataDir },
      encoding: 'utf8',
    })
    expect(none.status).toBe(1)
    expect(none.stderr).toContain('--email is required')
    const bad = spawnSync(process.execPath, ['scripts/user.ts', '--username', 'no-address', '--name', 'X', '--email', 'nope'], {
      env: { ...process.env, DATA_DIR: dataDir },
      encoding: 'utf8',
    })
    expect(bad.status).toBe(1)
    expect(bad.stderr).toContain('--email must be an e-mail address')
  })

  it('rejects a bad username or role', () => {
    const bad = spawnSync(process.execPath, ['scripts/user.ts', '--username', 'A B', '--name', 'X'], {
      env: { ...process.env, DATA_DIR: dataDir },
      encoding: 'utf8',
    })
    expect(bad.status).toBe(1)
    expect(bad.stderr).toContain('--username must be')
    const role = spawnSync(
      process.execPath,
      ['scripts/user.ts', '--username', 'abc', '--name', 'X', '--email', 'abc@example.test', '--role', 'province_admin'],
      { env: { ...process.env, DATA_DIR: dataDir }, encoding: 'utf8' },
    )
    expect(role.status).toBe(1)
    expect(role.stderr).toContain('--role must be')
  })
})
