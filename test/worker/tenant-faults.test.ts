// Province databases that vanish or rot (decision 0017), through the real app on real files: a file deleted,
// replaced or damaged while the app serves answers 503 tenant_database_unavailable on every route of its
// province, logs one error to alert on, and the other province keeps serving.
import { closeSync, existsSync, mkdirSync, openSync, readFileSync, renameSync, rmSync, writeFileSync, writeSync } from 'node:fs'
import { join } from 'node:path'
import { eq, sql } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { fileIdentityOf, openExistingTenantDb, openTenantDb } from '../../db/client.node.ts'
import { locateTenantDbForNode } from '../../db/provision/locate.ts'
import { tenants } from '../../db/control/schema/index.ts'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { watchTenantDatabases } from '../../worker/jobs/check-tenant-databases.ts'
import { runDailyChecks } from '../../worker/jobs/daily-checks.ts'
import { nodeDeepCheck } from '../../worker/tenancy/deep-check.node.ts'
import { createTenantResolver } from '../../worker/tenancy/tenant-resolver.ts'
import {
  createMemoryLogger,
  createNodeTenantResolver,
  createTestApp,
  createTestPlatform,
  jsonBody,
  type TestApp,
  type TestPlatform,
} from '../helpers/platform.ts'
import { createTestUser, sessionCookieFor } from '../helpers/users.ts'

let platform: TestPlatform
let central = ''
let admin01 = ''
const FILES = ['', '-wal', '-shm']
const fileOf = (code: string) => join(platform.dataDir, 'tenants', `binhan-p${code}.db`)

beforeAll(async () => {
  platform = await createTestPlatform()
  for (const code of ['82', '01']) await onboardTenant(platform.onboardDeps, code)
  central = await sessionCookieFor(platform.control, await createTestUser(platform.control, { username: 'fault-central', role: 'central_admin' }))
  admin01 = await sessionCookieFor(
    platform.control,
    await createTestUser(platform.control, { username: 'fault-admin01', role: 'province_admin', province: '01' }),
  )
})
afterAll(() => platform.cleanup())

const get = (t: TestApp, path: string, cookie = central) => t.request(path, { headers: { cookie } })

async function expectUnavailable(res: Response, reason: string) {
  expect(res.status).toBe(503)
  expect(await res.json()).toEqual({
    error: { code: 'tenant_database_unavailable', message: 'The database of province 01 is unavailable', details: { reason } },
  })
}

async function registryFault(code: string) {
  const [row] = await platform.control.select({ dbFault: tenants.dbFault }).from(tenants).where(eq(tenants.provinceCode, code))
  return row?.dbFault ?? null
}

/** Moves a province's files (with their WAL) aside, and back: what an accident and a restore do to them. */
function moveFiles(from: (suffix: string) => string, to: (suffix: string) => string) {
  for (const suffix of FILES) if (existsSync(from(suffix))) renameSync(from(suffix), to(suffix))
}

/** A province's files moved into `dirName` under the data directory; the function returned puts them back. */
function setAside(code: string, dirName: string): () => void {
  const dir = join(platform.dataDir, dirName)
  mkdirSync(dir, { recursive: true })
  const aside = (suffix: string) => join(dir, `binhan-p${code}.db${suffix}`)
  const own = (suffix: string) => `${fileOf(code)}${suffix}`
  moveFiles(own, aside)
  return () => moveFiles(aside, own)
}

/** Folds the WAL into the file through a connection of its own, so the pages damaged below are the ones read. */
async function checkpoint(code: string) {
  const db = openTenantDb({ url: `file:${fileOf(code)}` })
  try {
    await db.run(sql`PRAGMA wal_checkpoint(TRUNCATE)`)
    const [row] = await db.all<{ rootpage: number }>(sql`select rootpage from sqlite_master where name = 'communes'`)
    return { communesRoot: row!.rootpage }
  } finally {
    db.$client.close()
  }
}

function overwritePage(path: string, page: number) {
  const fd = openSync(path, 'r+')
  try {
    writeSync(fd, Buffer.alloc(4096, 0xab), 0, 4096, (page - 1) * 4096)
  } finally {
    closeSync(fd)
  }
}

/** The province's database as the central admin's Provinces screen gets it (GET /api/admin/provinces). */
async function databaseListed(t: TestApp, code: string) {
  const listed = (await (await get(t, '/api/admin/provinces')).json()).data as { code: string; database: unknown }[]
  return listed.find((p) => p.code === code)?.database
}

const unavailableLines = (t: TestApp) => t.logger.lines.filter((l) => l.event === 'tenant_database_unavailable')

describe('a province file deleted while the app serves', () => {
  let t: TestApp

  beforeEach(() => {
    t = createTestApp(platform)
  })

  it('answers 503 on every route at the next request, accepts no write, and leaves the other province serving', async () => {
    expect((await get(t, '/api/p/01/communes')).status).toBe(200) // the client is open
    const asideDir = join(platform.dataDir, 'aside')
    mkdirSync(asideDir, { recursive: true })
    moveFiles(
      (s) => `${fileOf('01')}${s}`,
      (s) => join(asideDir, `binhan-p01.db${s}`),
    )
    try {
      await expectUnavailable(await get(t, '/api/p/01/communes'), 'database_missing')
      await expectUnavailable(await get(t, '/api/p/01/health'), 'database_missing')
      await expectUnavailable(
        await t.request('/api/p/01/settings', {
          ...jsonBody('PUT', { reviewPolicy: { intervalMonths: 2, graceDays: 5 } }),
          headers: { 'content-type': 'application/json', cookie: admin01 },
        }),
        'database_missing',
      )
      expect(existsSync(fileOf('01'))).toBe(false) // nothing recreated in its place
      expect((await get(t, '/api/p/82/communes')).status).toBe(200)
      expect((await get(t, '/api/p/82/health')).status).toBe(200)
      // One line to alert on, however many requests fail; recorded for other processes and the admin screen.
      expect(unavailableLines(t)).toEqual([{ level: 'error', event: 'tenant_database_unavailable', fields: { province: '01', reason: 'database_missing' } }])
      expect(await registryFault('01')).toBe('database_missing')
      // The central admin's Provinces screen says so, with since when.
      const listed = (await (await get(t, '/api/admin/provinces')).json()).data as { code: string; database: unknown }[]
      expect(listed.find((p) => p.code === '01')?.database).toEqual({
        status: 'unavailable',
        reason: 'database_missing',
        since: expect.stringMatching(/^\d{4}-/),
      })
      expect(listed.find((p) => p.code === '82')?.database).toEqual({ status: 'available' })
      expect(listed.find((p) => p.code === '04')?.database).toBeNull()
    } finally {
      moveFiles(
        (s) => join(asideDir, `binhan-p01.db${s}`),
        (s) => `${fileOf('01')}${s}`,
      )
    }
    // Put back: served again at the next request, the record cleared, the recovery logged.
    expect((await get(t, '/api/p/01/communes')).status).toBe(200)
    expect(await registryFault('01')).toBeNull()
    expect(t.logger.lines.some((l) => l.event === 'tenant_database_recovered' && l.fields.province === '01')).toBe(true)
    expect(await databaseListed(t, '01')).toEqual({ status: 'available' })
    // The settings write never reached a file: the policy is still the default.
    expect((await (await get(t, '/api/p/01/settings', admin01)).json()).data.isDefault).toBe(true)
  })

  it('answers 503 identity_mismatch when another province’s database is put in its place', async () => {
    expect((await get(t, '/api/p/01/communes')).status).toBe(200)
    const asideDir = join(platform.dataDir, 'aside-2')
    mkdirSync(asideDir, { recursive: true })
    moveFiles(
      (s) => `${fileOf('01')}${s}`,
      (s) => join(asideDir, `binhan-p01.db${s}`),
    )
    const copy = openTenantDb({ url: `file:${fileOf('82')}` })
    await copy.run(sql.raw(`vacuum into '${fileOf('01')}'`))
    copy.$client.close()
    try {
      await expectUnavailable(await get(t, '/api/p/01/communes'), 'identity_mismatch')
      expect((await get(t, '/api/p/82/communes')).status).toBe(200)
    } finally {
      moveFiles(
        (s) => join(asideDir, `binhan-p01.db${s}`),
        (s) => `${fileOf('01')}${s}`,
      )
    }
    expect((await get(t, '/api/p/01/communes')).status).toBe(200)
  })

  it('answers 503 not_a_province_database for an empty file in its place', async () => {
    const asideDir = join(platform.dataDir, 'aside-3')
    mkdirSync(asideDir, { recursive: true })
    moveFiles(
      (s) => `${fileOf('01')}${s}`,
      (s) => join(asideDir, `binhan-p01.db${s}`),
    )
    writeFileSync(fileOf('01'), '')
    try {
      await expectUnavailable(await get(createTestApp(platform), '/api/p/01/communes'), 'not_a_province_database')
    } finally {
      moveFiles(
        (s) => join(asideDir, `binhan-p01.db${s}`),
        (s) => `${fileOf('01')}${s}`,
      )
    }
  })
})

describe('a province file with damaged bytes', () => {
  let pristine: Buffer

  beforeEach(async () => {
    await checkpoint('01')
    pristine = readFileSync(fileOf('01'))
  })
  // As a restore does it: the damaged file's WAL and shared memory go, a good copy takes the name (a new inode).
  const restorePristine = () => {
    for (const suffix of ['-wal', '-shm']) rmSync(`${fileOf('01')}${suffix}`, { force: true })
    writeFileSync(`${fileOf('01')}.restoring`, pristine)
    renameSync(`${fileOf('01')}.restoring`, fileOf('01'))
  }

  it('a request that reads a damaged page answers 503 and takes the province out of service until a full check passes', async () => {
    const { communesRoot } = await checkpoint('01')
    overwritePage(fileOf('01'), communesRoot)
    try {
      const t = createTestApp(platform) // a fresh process: its connection reads the damaged page from disk
      await expectUnavailable(await get(t, '/api/p/01/communes'), 'database_corrupt')
      expect(await registryFault('01')).toBe('database_corrupt')
      // Every route now, even those that would not read the damaged page, and in any other process too.
      await expectUnavailable(await get(t, '/api/p/01/settings', admin01), 'database_corrupt')
      await expectUnavailable(await get(createTestApp(platform), '/api/p/01/health'), 'database_corrupt')
      expect((await get(t, '/api/p/82/communes')).status).toBe(200)
      // The daily job's full check still finds the damage: the province stays out of service.
      const resolver = createNodeTenantResolver(platform)
      expect(await resolver.check('01', 'full')).toMatchObject({
        ok: false,
        problem: 'integrity_check_failed',
        detail: expect.stringMatching(/malformed|page/),
      })
    } finally {
      restorePristine()
    }
    // Repaired (here: the bytes put back; in operations: restored from a backup): a full check brings it back.
    const logger = createMemoryLogger()
    const report = await runDailyChecks({ control: platform.control, tenants: createNodeTenantResolver(platform, 30_000, logger), logger, now: new Date() })
    expect(report.unavailable).toEqual([])
    expect(await registryFault('01')).toBeNull()
    expect((await get(createTestApp(platform), '/api/p/01/communes')).status).toBe(200)
  })

  it('the health route runs quick_check: damage no request has met yet answers 503 there, then everywhere', async () => {
    const t = createTestApp(platform)
    expect((await get(t, '/api/p/01/health')).status).toBe(200)
    expect((await get(t, '/api/p/01/communes')).status).toBe(200)
    const { communesRoot } = await checkpoint('01')
    overwritePage(fileOf('01'), communesRoot)
    try {
      const health = await get(t, '/api/p/01/health')
      await expectUnavailable(health, 'quick_check_failed')
      const line = unavailableLines(t).find((l) => l.fields.province === '01')
      expect(line).toMatchObject({ level: 'error', fields: { reason: 'quick_check_failed', detail: expect.stringMatching(/malformed|page/) } })
      await expectUnavailable(await get(t, '/api/p/01/communes'), 'quick_check_failed')
      expect((await get(t, '/api/p/82/health')).status).toBe(200)
    } finally {
      restorePristine()
      await createNodeTenantResolver(platform).check('01', 'full')
    }
    expect((await get(createTestApp(platform), '/api/p/01/communes')).status).toBe(200)
  })

  it('bounds the check: past its time the child is stopped, the answer is 503 check_timed_out and nothing is recorded', async () => {
    const tight = createTestApp(platform, {
      tenants: createTenantResolver({
        control: platform.control,
        locate: locateTenantDbForNode({ dataDir: platform.dataDir }),
        open: openExistingTenantDb,
        fileIdentity: fileIdentityOf,
        deepCheck: nodeDeepCheck({ quick: 1, full: 1 }), // no child process answers within a millisecond
        logger: createMemoryLogger(),
        nowMs: () => Date.now(),
        ttlMs: 30_000,
      }),
    })
    await expectUnavailable(await get(tight, '/api/p/01/health'), 'check_timed_out')
    expect(await registryFault('01')).toBeNull()
    expect((await get(tight, '/api/p/01/communes')).status).toBe(200)
  })
})

describe('the Provinces list answers what is recorded, not a check of every database (decision 0017, addendum of 2026-12-08)', () => {
  it('shows a file deleted once the watch has met it, with since when; the watch passing it again clears it', async () => {
    const t = createTestApp(platform)
    expect((await get(t, '/api/p/01/communes')).status).toBe(200)
    const putBack = setAside('01', 'aside-watch')
    try {
      // Nobody has met it yet: the list opens no province database, so it still says what was last recorded.
      expect(await databaseListed(t, '01')).toEqual({ status: 'available' })
      // The watch (every 10 minutes), with a resolver of its own as in the primary or the Cron run, meets it and records it.
      const report = await watchTenantDatabases({ control: platform.control, tenants: createNodeTenantResolver(platform), logger: createMemoryLogger() })
      expect(report.unavailable).toEqual([{ province: '01', problem: 'database_missing' }])
      const listed = await databaseListed(t, '01')
      expect(listed).toEqual({ status: 'unavailable', reason: 'database_missing', since: expect.stringMatching(/^\d{4}-/) })
      expect(await databaseListed(t, '82')).toEqual({ status: 'available' })
      // Met again by requests, the outage keeps the time it began.
      await expectUnavailable(await get(t, '/api/p/01/communes'), 'database_missing')
      expect(await databaseListed(t, '01')).toEqual(listed)
    } finally {
      putBack()
    }
    // Put back: the list says so only once a check has passed it (the next watch here).
    expect((await databaseListed(t, '01')) as { status: string }).toMatchObject({ status: 'unavailable' })
    await watchTenantDatabases({ control: platform.control, tenants: createNodeTenantResolver(platform), logger: createMemoryLogger() })
    expect(await databaseListed(t, '01')).toEqual({ status: 'available' })
    expect(await registryFault('01')).toBeNull()
  })

  it('asks no province database: the list makes the same answer with every province file gone', async () => {
    const t = createTestApp(platform)
    const before = await (await get(t, '/api/admin/provinces')).json()
    const putBack = ['01', '82'].map((code) => setAside(code, 'aside-all'))
    try {
      expect(await (await get(t, '/api/admin/provinces')).json()).toEqual(before)
      expect(unavailableLines(t)).toEqual([])
    } finally {
      for (const back of putBack) back()
    }
    expect((await get(t, '/api/p/82/communes')).status).toBe(200)
  })
})
