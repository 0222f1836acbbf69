// The real Node server in a child process, its real files damaged under it and the process restarted
// (decision 0017): a deleted or corrupt province never takes the others down, never comes back empty, never
// stops start-up; and a province is restored from a backup by the steps README "Operations" gives.
import { spawnSync } from 'node:child_process'
import { closeSync, copyFileSync, existsSync, mkdirSync, mkdtempSync, openSync, readdirSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTenantDb } from '../../db/client.node.ts'
import { signIn, startServer, type RunningServer } from '../helpers/server.ts'

const dataDir = mkdtempSync(join(tmpdir(), 'binhan-restore-'))
const backupDir = join(dataDir, '..', `${dataDir.split('/').at(-1)}-backup`)
const tenantsDir = join(dataDir, 'tenants')
const fileOf = (code: string) => join(tenantsDir, `binhan-p${code}.db`)
// One serving process: a fault found by one worker of a cluster reaches the others only through the registry,
// whose cached copy lives up to TENANT_CACHE_TTL_MS (README "Operations"); the rules here are per process.
const env = { DEMO_PROVINCES: '82,01,86', WEB_CONCURRENCY: '1' }
let server: RunningServer | undefined
let cookies: Record<'central' | 'admin01', string>

afterAll(async () => {
  await server?.stop()
  rmSync(dataDir, { recursive: true, force: true })
  rmSync(backupDir, { recursive: true, force: true })
})

async function restart() {
  await server?.stop()
  server = await startServer(dataDir, env)
  cookies = { central: await signIn(server, 'demo-central-admin'), admin01: await signIn(server, 'demo-admin-01') }
}

const get = (path: string, who: keyof typeof cookies = 'central') => fetch(`${server!.baseUrl}${path}`, { headers: { cookie: cookies[who] } })

async function reasonOf(res: Response): Promise<string | undefined> {
  expect(res.status).toBe(503)
  const body = (await res.json()) as { error: { code: string; details: { reason: string } } }
  expect(body.error.code).toBe('tenant_database_unavailable')
  return body.error.details.reason
}

const errorsAbout = (province: string) => server!.logs().filter((l) => l.level === 'error' && l.province === province)

function script(file: string, ...args: string[]) {
  const run = spawnSync(process.execPath, [file, ...args], { env: { ...process.env, DATA_DIR: dataDir, NODE_ENV: 'development' }, encoding: 'utf8' })
  return { code: run.status, out: run.stdout, err: run.stderr }
}

async function personCount(): Promise<number> {
  const body = (await (await get('/api/p/01/persons?limit=100', 'admin01')).json()) as { data: unknown[] }
  return body.data.length
}

/** Overwrites one page of the communes table on disk, after folding the WAL in through a connection of its own. */
async function damageCommunes(code: string) {
  const db = openTenantDb({ url: `file:${fileOf(code)}` })
  let root: number
  try {
    const [folded] = await db.all<{ busy: number }>(sql`PRAGMA wal_checkpoint(TRUNCATE)`)
    expect(folded?.busy).toBe(0)
    const [row] = await db.all<{ rootpage: number }>(sql`select rootpage from sqlite_master where name = 'communes'`)
    root = row!.rootpage
  } finally {
    db.$client.close()
  }
  const fd = openSync(fileOf(code), 'r+')
  writeSync(fd, Buffer.alloc(4096, 0xab), 0, 4096, (root - 1) * 4096)
  closeSync(fd)
}

describe('province databases under a running server, across restarts', () => {
  let backedUp: number

  beforeAll(async () => {
    await restart()
    // Some audited activity in 01 before the backup.
    backedUp = await personCount()
    expect(backedUp).toBeGreaterThan(0)
    // The backup as README says: server stopped, the province's .db and its -wal copied (never the -shm).
    await server!.stop()
    mkdirSync(backupDir, { recursive: true })
    for (const suffix of ['', '-wal'])
      if (existsSync(`${fileOf('01')}${suffix}`)) copyFileSync(`${fileOf('01')}${suffix}`, join(backupDir, `binhan-p01.db${suffix}`))
    await restart()
  }, 300_000)

  it('corrupt bytes under the running server: 503 for that province on every route, the others keep serving', async () => {
    expect(await personCount()).toBe(backedUp)
    // Activity after the backup, and the daily anchoring of it: these entries will be lost by the restore.
    await personCount()
    expect(script('scripts/audit-anchor.ts', '--province', '01').code).toBe(0)
    await damageCommunes('01')
    expect(await reasonOf(await get('/api/p/01/health'))).toBe('quick_check_failed')
    expect(await reasonOf(await get('/api/p/01/persons', 'admin01'))).toBe('quick_check_failed')
    expect((await get('/api/p/82/communes')).status).toBe(200)
    expect((await get('/api/p/86/health')).status).toBe(200)
    expect(errorsAbout('01')).toContainEqual(expect.objectContaining({ event: 'tenant_database_unavailable', reason: 'quick_check_failed' }))
  })

  it('a province file deleted under the running server: 503 at the next request, nothing recreated, the others keep serving', async () => {
    expect((await get('/api/p/86/communes')).status).toBe(200)
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${fileOf('86')}${suffix}`, { force: true })
    expect(await reasonOf(await get('/api/p/86/communes'))).toBe('database_missing')
    expect(await reasonOf(await get('/api/p/86/health'))).toBe('database_missing')
    expect(existsSync(fileOf('86'))).toBe(false)
    expect((await get('/api/p/82/communes')).status).toBe(200)
    // One line for this process, and the one alert of the outage (decision 0040).
    expect(errorsAbout('86')).toEqual([
      expect.objectContaining({ event: 'tenant_database_unavailable', reason: 'database_missing' }),
      expect.objectContaining({ event: 'tenant.unavailable', check: 'request', problem: 'database_missing' }),
    ])
  })

  it('the server restarted with one province file gone and another corrupt: no empty database comes back, start-up does not fail', async () => {
    for (const suffix of ['', '-wal', '-shm']) rmSync(`${fileOf('01')}${suffix}`, { force: true })
    // Garbage bytes where another province's file was: that used to stop the development server from starting.
    writeFileSync(fileOf('86'), 'not a database at all '.repeat(500))
    await restart()
    expect(existsSync(fileOf('01'))).toBe(false)
    expect(await reasonOf(await get('/api/p/01/communes'))).toBe('quick_check_failed') // recorded corruption stays
    expect(await reasonOf(await get('/api/p/86/communes'))).toBe('database_corrupt')
    expect((await get('/api/p/82/communes')).status).toBe(200)
    expect((await get('/api/p/82/health')).status).toBe(200)
    const failed = server!
      .logs()
      .filter((l) => l.event === 'tenant_migration_failed')
      .map((l) => l.province)
    expect(failed.sort()).toEqual(['01', '86'])
    const listed = ((await (await get('/api/admin/provinces')).json()) as { data: { code: string; database: { status: string } | null }[] }).data
    expect(
      listed
        .filter((p) => p.database?.status === 'unavailable')
        .map((p) => p.code)
        .sort(),
    ).toEqual(['01', '86'])
  }, 300_000)

  it('is restored from the backup by the documented steps: health ok, the backup’s data, audit:verify passes', async () => {
    await server!.stop()
    // 1. Server stopped (above). 2. The damaged files moved aside (here: nothing left of 01 but its name).
    const damaged = join(dataDir, 'damaged')
    mkdirSync(damaged, { recursive: true })
    for (const name of readdirSync(tenantsDir).filter((n) => n.startsWith('binhan-p01.db'))) renameSync(join(tenantsDir, name), join(damaged, name))
    // 3. The backup's files copied in.
    for (const name of readdirSync(backupDir)) copyFileSync(join(backupDir, name), join(tenantsDir, name))
    // 4. Migrated (a backup may predate the release) and checked: the recorded corruption is cleared.
    expect(script('scripts/db-migrate.ts').out).toContain('01: ')
    const check = script('scripts/tenant.ts', 'check', '--province', '01')
    expect(check.err).toBe('')
    expect(check.out).toContain('01: OK')
    // 5. The trail: entries made after the backup are gone, which its anchor shows; the restore is recorded.
    const cut = script('scripts/audit-verify.ts', '--province', '01')
    expect(cut.code).toBe(1)
    expect(cut.err).toContain('(anchor_mismatch)')
    expect(script('scripts/audit-anchor.ts', '--province', '01', '--after-restore').code).toBe(0)
    const verified = script('scripts/audit-verify.ts', '--province', '01')
    expect(verified.code).toBe(0)
    expect(verified.out).toContain('province 01: matches its anchor reset after a restore')
    // 6. Started again: served, with the backup's data.
    await restart()
    const health = await get('/api/p/01/health')
    expect(health.status).toBe(200)
    expect(((await health.json()) as { data: { status: string } }).data.status).toBe('ok')
    expect(await personCount()).toBe(backedUp)
    expect((await get('/api/p/82/health')).status).toBe(200)
    expect(script('scripts/audit-verify.ts', '--all').code).toBe(1) // 86 is still broken, and says so
  }, 300_000)
})
