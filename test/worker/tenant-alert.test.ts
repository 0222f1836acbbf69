// The alert an operator receives when a province database fails (decision 0040): a real HTTP server on
// loopback receives the webhook, a real province file is damaged on disk, and the real checks find it.
import { copyFileSync, closeSync, openSync, writeSync } from 'node:fs'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join } from 'node:path'
import { sql } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { fileIdentityOf, openExistingTenantDb, openTenantDb } from '../../db/client.node.ts'
import { locateTenantDbForNode } from '../../db/provision/locate.ts'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { watchTenantDatabases } from '../../worker/jobs/check-tenant-databases.ts'
import { runDailyChecks } from '../../worker/jobs/daily-checks.ts'
import { createDetachedWork } from '../../worker/background.ts'
import { createAlertWebhook } from '../../worker/jobs/tenant-alert.ts'
import { nodeDeepCheck } from '../../worker/tenancy/deep-check.node.ts'
import { createTenantResolver, type TenantResolver } from '../../worker/tenancy/tenant-resolver.ts'
import { createMemoryLogger, createTestApp, createTestPlatform, type TestPlatform } from '../helpers/platform.ts'
import { createTestUser, sessionCookieFor } from '../helpers/users.ts'

interface Received {
  body: Record<string, unknown>
  contentType: string | undefined
}

/** A webhook receiver: answers each POST with the next status of `answers` (then 204), keeps what it got. */
function startReceiver(): Promise<{ url: string; received: Received[]; answers: number[]; close(): Promise<void> }> {
  const received: Received[] = []
  const answers: number[] = []
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      received.push({ body: JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>, contentType: req.headers['content-type'] })
      res.statusCode = answers.shift() ?? 204
      res.end()
    })
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      resolve({ url: `http://127.0.0.1:${port}/hooks/binhan`, received, answers, close: () => new Promise((r) => server.close(() => r())) })
    }),
  )
}

/**
 * A receiver that holds each POST until `release()` (or, so that a request waiting for it is not stuck, 2 s),
 * noting in `events` when a POST arrives and when it is answered.
 */
function startSlowReceiver(events: string[]): Promise<{ url: string; bodies: Record<string, unknown>[]; release(): void; close(): Promise<void> }> {
  const bodies: Record<string, unknown>[] = []
  const held: (() => void)[] = []
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      bodies.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>)
      events.push('webhook_received')
      let answered = false
      const answer = () => {
        if (answered) return
        answered = true
        res.statusCode = 204
        res.end(() => events.push('webhook_answered'))
      }
      held.push(answer)
      setTimeout(answer, 2_000).unref()
    })
  })
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo
      resolve({
        url: `http://127.0.0.1:${port}/hooks/slow`,
        bodies,
        release: () => {
          for (const answer of held.splice(0)) answer()
        },
        close: () => new Promise((r) => server.close(() => r())),
      })
    }),
  )
}

let platform: TestPlatform
let receiver: Awaited<ReturnType<typeof startReceiver>>
const fileOf = (code: string) => join(platform.dataDir, 'tenants', `binhan-p${code}.db`)

/** As worker/entry.node.ts builds it, with the webhook: each call is another process or isolate. */
function resolverWithAlerts(logger = createMemoryLogger(), attempts = 3, url = receiver.url): TenantResolver {
  return createTenantResolver({
    control: platform.control,
    locate: locateTenantDbForNode({ dataDir: platform.dataDir }),
    open: openExistingTenantDb,
    fileIdentity: fileIdentityOf,
    deepCheck: nodeDeepCheck(),
    logger,
    alert: createAlertWebhook({ url, environment: 'test', logger, attempts, backoffMs: 20 }),
    nowMs: () => Date.now(),
    ttlMs: 30_000,
  })
}

/** Folds the WAL in, then overwrites the communes table's root page: integrity_check fails, opening does not. */
async function damageCommunes(code: string) {
  const db = openTenantDb({ url: `file:${fileOf(code)}` })
  let root: number
  try {
    await db.run(sql`PRAGMA wal_checkpoint(TRUNCATE)`)
    const [row] = await db.all<{ rootpage: number }>(sql`select rootpage from sqlite_master where name = 'communes'`)
    root = row!.rootpage
  } finally {
    db.$client.close()
  }
  const fd = openSync(fileOf(code), 'r+')
  writeSync(fd, Buffer.alloc(4096, 0xab), 0, 4096, (root - 1) * 4096)
  closeSync(fd)
}

beforeAll(async () => {
  platform = await createTestPlatform()
  for (const code of ['82', '01']) await onboardTenant(platform.onboardDeps, code)
  receiver = await startReceiver()
})
afterAll(async () => {
  await receiver.close()
  platform.cleanup()
})
beforeEach(() => {
  receiver.received.length = 0
  receiver.answers.length = 0
})

describe('a province database that fails its check', () => {
  it('raises one alert per outage, to the log and the webhook, with codes and times only; and one when it recovers', async () => {
    // A consistent copy to put back later (the checkpoint above folds the WAL, so the .db alone is the database).
    const good = join(platform.dataDir, 'binhan-p01.good')
    {
      const db = openTenantDb({ url: `file:${fileOf('01')}` })
      await db.run(sql`PRAGMA wal_checkpoint(TRUNCATE)`)
      db.$client.close()
    }
    copyFileSync(fileOf('01'), good)
    await damageCommunes('01')

    const logger = createMemoryLogger()
    const tenants = resolverWithAlerts(logger)
    const report = await runDailyChecks({ control: platform.control, tenants, logger, now: new Date() })
    expect(report.unavailable).toEqual([{ province: '01', problem: 'integrity_check_failed' }])
    expect(report.healthy).toEqual(['82'])

    expect(receiver.received).toHaveLength(1)
    const [alert] = receiver.received
    expect(alert?.contentType).toBe('application/json')
    expect(alert?.body).toEqual({
      event: 'tenant.unavailable',
      province: '01',
      check: 'full',
      problem: 'integrity_check_failed',
      since: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      environment: 'test',
    })
    expect(logger.lines).toContainEqual({
      level: 'error',
      event: 'tenant.unavailable',
      fields: { province: '01', check: 'full', problem: 'integrity_check_failed', since: alert?.body.since },
    })
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ event: 'tenant_alert_sent', fields: { province: '01', alert: 'tenant.unavailable', attempt: 1 } }),
    )

    // The same outage met again, by requests, by the watch and by the checks of another process: no new alert.
    const central = await sessionCookieFor(platform.control, await createTestUser(platform.control, { username: 'alert-central', role: 'central_admin' }))
    const t = createTestApp(platform, { tenants: resolverWithAlerts() })
    for (let i = 0; i < 3; i++) expect((await t.request('/api/p/01/communes', { headers: { cookie: central } })).status).toBe(503)
    await watchTenantDatabases({ control: platform.control, tenants: resolverWithAlerts(), logger: createMemoryLogger() })
    await runDailyChecks({ control: platform.control, tenants: resolverWithAlerts(), logger: createMemoryLogger(), now: new Date() })
    expect(receiver.received).toHaveLength(1)

    // The central admin's Provinces screen shows it, since the time the alert gave.
    const listed = (await (await t.request('/api/admin/provinces', { headers: { cookie: central } })).json()).data as { code: string; database: unknown }[]
    expect(listed.find((p) => p.code === '01')?.database).toEqual({ status: 'unavailable', reason: 'integrity_check_failed', since: alert?.body.since })

    // Restored: the next full check clears the record and says so, once.
    copyFileSync(good, fileOf('01'))
    await runDailyChecks({ control: platform.control, tenants: resolverWithAlerts(), logger: createMemoryLogger(), now: new Date() })
    await runDailyChecks({ control: platform.control, tenants: resolverWithAlerts(), logger: createMemoryLogger(), now: new Date() })
    expect(receiver.received.map((r) => r.body)).toEqual([
      alert?.body,
      { event: 'tenant.recovered', province: '01', check: 'full', since: alert?.body.since, environment: 'test' },
    ])
  }, 60_000)

  it('retries a failing receiver a bounded number of times; a receiver that keeps failing is logged, and the province still answers 503', async () => {
    // A file of garbage where province 82's database was: the watch finds it at open.
    const good = join(platform.dataDir, 'binhan-p82.good')
    {
      const db = openTenantDb({ url: `file:${fileOf('82')}` })
      await db.run(sql`PRAGMA wal_checkpoint(TRUNCATE)`)
      db.$client.close()
    }
    copyFileSync(fileOf('82'), good)
    const fd = openSync(fileOf('82'), 'w')
    writeSync(fd, Buffer.from('not a database at all '.repeat(500)))
    closeSync(fd)

    receiver.answers.push(503, 500)
    const logger = createMemoryLogger()
    await watchTenantDatabases({ control: platform.control, tenants: resolverWithAlerts(logger), logger })
    expect(receiver.received.map((r) => r.body.event)).toEqual(['tenant.unavailable', 'tenant.unavailable', 'tenant.unavailable'])
    expect(receiver.received[0]?.body).toMatchObject({ province: '82', check: 'open', problem: 'database_corrupt' })
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ event: 'tenant_alert_sent', fields: { province: '82', alert: 'tenant.unavailable', attempt: 3 } }),
    )

    // Recovered, then broken again with a receiver that always fails: 3 attempts, then one error line.
    copyFileSync(good, fileOf('82'))
    await runDailyChecks({ control: platform.control, tenants: resolverWithAlerts(), logger: createMemoryLogger(), now: new Date() })
    receiver.received.length = 0
    const again = openSync(fileOf('82'), 'w')
    writeSync(again, Buffer.from('garbage '.repeat(1000)))
    closeSync(again)
    receiver.answers.push(500, 500, 500, 500)
    const failing = createMemoryLogger()
    const central = await sessionCookieFor(platform.control, await createTestUser(platform.control, { username: 'alert-central-2', role: 'central_admin' }))
    const t = createTestApp(platform, { tenants: resolverWithAlerts(failing), logger: failing })
    expect((await t.request('/api/p/82/communes', { headers: { cookie: central } })).status).toBe(503)
    expect(receiver.received).toHaveLength(3)
    expect(receiver.received[0]?.body).toMatchObject({ province: '82', check: 'request', problem: 'database_corrupt' })
    expect(failing.lines).toContainEqual({
      level: 'error',
      event: 'tenant_alert_failed',
      fields: { province: '82', alert: 'tenant.unavailable', outcome: 'http_500', attempts: 3 },
    })
    copyFileSync(good, fileOf('82'))
  }, 60_000)

  it('answers the request that meets the outage before the webhook answers; the alert goes out after (Node: detached work)', async () => {
    // Province 82 ends the test above restored with its corruption still recorded: a full check clears it first.
    await runDailyChecks({ control: platform.control, tenants: resolverWithAlerts(), logger: createMemoryLogger(), now: new Date() })
    const good = join(platform.dataDir, 'binhan-p82.good')
    const fd = openSync(fileOf('82'), 'w')
    writeSync(fd, Buffer.from('still not a database '.repeat(500)))
    closeSync(fd)

    const events: string[] = []
    const slow = await startSlowReceiver(events)
    const logger = createMemoryLogger()
    const tenants = resolverWithAlerts(logger, 3, slow.url)
    // The execution context worker/entry.node.ts gives every request (Workers gives its own, with waitUntil).
    const detached = createDetachedWork(logger)
    const central = await sessionCookieFor(platform.control, await createTestUser(platform.control, { username: 'alert-central-3', role: 'central_admin' }))
    const t = createTestApp(platform, { tenants, logger })
    try {
      const res = await t.app.request('/api/p/82/communes', { headers: { cookie: central } }, undefined, detached.context)
      events.push(`answered_${res.status}`)
      slow.release()
      await detached.settled()
    } finally {
      await slow.close()
      copyFileSync(good, fileOf('82'))
    }
    expect(events.indexOf('answered_503')).toBeGreaterThanOrEqual(0)
    expect(events.indexOf('answered_503')).toBeLessThan(events.indexOf('webhook_answered'))
    expect(events.filter((e) => e === 'webhook_received')).toHaveLength(1)
    expect(slow.bodies).toEqual([expect.objectContaining({ event: 'tenant.unavailable', province: '82', check: 'request', problem: 'database_corrupt' })])
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ event: 'tenant_alert_sent', fields: { province: '82', alert: 'tenant.unavailable', attempt: 1 } }),
    )
  }, 60_000)

  it('a receiver that refuses the request (4xx) is not asked again', async () => {
    const logger = createMemoryLogger()
    const send = createAlertWebhook({ url: receiver.url, environment: 'test', logger, backoffMs: 20 })
    receiver.answers.push(400)
    await send({ event: 'tenant.unavailable', province: '04', check: 'open', problem: 'unreachable', since: new Date().toISOString() })
    expect(receiver.received).toHaveLength(1)
    expect(logger.lines).toContainEqual(
      expect.objectContaining({ event: 'tenant_alert_failed', fields: expect.objectContaining({ outcome: 'http_400', attempts: 1 }) }),
    )
  })
})
