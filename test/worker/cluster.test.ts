// The real Node server with WEB_CONCURRENCY=2 (decision 0024) on a temp DATA_DIR: the primary bootstraps, two
// workers serve the same files, writes from both at once commit without SQLITE_BUSY, a dead worker is replaced,
// SIGTERM stops them all.
import { mkdtempSync, rmSync } from 'node:fs'
import { spawn } from 'node:child_process'
import { createServer, get } from 'node:http'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { verifyAuditChain } from '../../db/audit/verify-audit.ts'
import { openControlDb, openTenantDb } from '../../db/client.node.ts'
import { tenantDbName } from '../../db/provision/provisioner.ts'
import { DEFAULT_DEMO_PASSWORD } from '../../worker/node-config.ts'
import { spawnServer, type RunningServer } from '../../scripts/lib/spawn-server.ts'

const dataDir = mkdtempSync(join(tmpdir(), 'binhan-cluster-'))
let server: RunningServer
let stopped: { code: number | null; signal: NodeJS.Signals | null } | undefined

beforeAll(async () => {
  server = await spawnServer(
    { DATA_DIR: dataDir, NODE_ENV: 'development', DEMO_PROVINCES: '82', DEMO_PASSWORD: DEFAULT_DEMO_PASSWORD, LOG_LEVEL: 'info', WEB_CONCURRENCY: '2' },
    { startupTimeoutMs: 110_000 },
  )
}, 120_000)

afterAll(async () => {
  if (!stopped) await server?.stop()
  rmSync(dataDir, { recursive: true, force: true })
})

const workerPid = (res: Response) => Number(res.headers.get('x-worker-pid'))

/**
 * The primary hands each new connection to the next worker, and fetch keeps its connections alive: so each
 * request here goes on a connection of its own. Bounded: 20 requests.
 */
async function workerPids(): Promise<Set<number>> {
  const pids = new Set<number>()
  for (let i = 0; i < 20 && pids.size < 2; i++) {
    const pid = await new Promise<number | undefined>((resolve) => {
      const req = get(`${server.baseUrl}/health`, { agent: false, timeout: 2_000 }, (res) => {
        res.resume()
        res.on('end', () => resolve(Number(res.headers['x-worker-pid'])))
      })
      // A connection handed to a worker at the moment it was killed is reset or never answered: no pid.
      req.on('timeout', () => {
        req.destroy()
        resolve(undefined)
      })
      req.on('error', () => resolve(undefined))
    })
    if (pid !== undefined) pids.add(pid)
  }
  return pids
}

async function signIn(): Promise<{ cookie: string; pid: number }> {
  const res = await fetch(`${server.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.baseUrl },
    body: JSON.stringify({ username: 'demo-commune-82', password: DEFAULT_DEMO_PASSWORD }),
  })
  expect(res.status, await res.clone().text()).toBe(200)
  const cookie = res.headers.getSetCookie()[0]?.split(';')[0]
  if (!cookie) throw new Error('no session cookie')
  return { cookie, pid: workerPid(res) }
}

describe('the Node server with two worker processes', () => {
  it('runs the daily check once, in the primary, not once per process', async () => {
    const checks = () =>
      server
        .output()
        .split('\n')
        .filter((line) => line.includes('"event":"tenant_db_check"')).length
    for (let waited = 0; checks() === 0 && waited < 60_000; waited += 250) await new Promise((resolve) => setTimeout(resolve, 250))
    // Workers start after the primary: a check of theirs would come later than its.
    await new Promise((resolve) => setTimeout(resolve, 3_000))
    expect(checks()).toBe(1)
  }, 70_000)

  it('answers from two worker processes, neither of them the primary', async () => {
    const pids = await workerPids()
    expect(pids.size).toBe(2)
    expect(pids.has(server.child.pid!)).toBe(false)
    for (const pid of pids) expect(pid).toBeGreaterThan(0)
  })

  it('signs in and writes from both workers at once without SQLITE_BUSY, the audit chains intact', async () => {
    // Sign-ins write to the control database (session, audit entry); caseload reads append tenant audit entries.
    const logins = await Promise.all(Array.from({ length: 4 }, signIn))
    const { cookie } = logins[0]!
    const reads = await Promise.all(
      Array.from({ length: 80 }, async () => {
        const res = await fetch(`${server.baseUrl}/api/p/82/caseload`, { headers: { cookie } })
        return { status: res.status, pid: workerPid(res), body: await res.text() }
      }),
    )
    const failed = reads.filter((r) => r.status !== 200)
    expect(failed.map((r) => `${r.status} ${r.body.slice(0, 200)}`)).toEqual([])
    expect(new Set(reads.map((r) => r.pid)).size).toBe(2)
    expect(server.output()).not.toMatch(/SQLITE_BUSY|database is locked/)

    // Both processes appended to the same chains: every entry there, in one unbroken sequence.
    const control = openControlDb({ url: `file:${join(dataDir, 'control.db')}` })
    const tenant = openTenantDb({ url: `file:${join(dataDir, 'tenants', `${tenantDbName('82')}.db`)}` })
    try {
      expect((await verifyAuditChain(control)).ok).toBe(true)
      const chain = await verifyAuditChain(tenant)
      expect(chain.ok).toBe(true)
      const caseloadReads = await tenant.$client.execute(`select count(*) as n from audit_log where action = 'person.caseload'`)
      expect(Number(caseloadReads.rows[0]?.n)).toBe(80)
    } finally {
      control.$client.close()
      tenant.$client.close()
    }
  })

  it('replaces a worker that dies', async () => {
    const [victim, survivor] = [...(await workerPids())]
    process.kill(victim!, 'SIGKILL')
    let pids = new Set<number>()
    // The replacement loads the app before it listens; meanwhile the survivor takes every connection. Bounded.
    for (let i = 0; i < 120; i++) {
      pids = await workerPids()
      if (pids.size === 2 && !pids.has(victim!)) break
      await new Promise((r) => setTimeout(r, 250))
    }
    expect(pids.has(survivor!)).toBe(true)
    expect(pids.has(victim!)).toBe(false)
    expect(pids.size).toBe(2)
    expect(server.output()).toContain('"event":"worker_exited"')
  }, 60_000)

  it('stops every process on SIGTERM', async () => {
    const pids = await workerPids()
    expect(pids.size, server.output()).toBe(2)
    stopped = await server.stop()
    expect(stopped).toEqual({ code: 0, signal: null })
    const alive = [...pids].filter((pid) => {
      try {
        process.kill(pid, 0)
        return true
      } catch {
        return false
      }
    })
    expect(alive).toEqual([])
  })
})

describe('a cluster whose workers cannot start', () => {
  it('stops with exit code 1 instead of forking replacements forever', async () => {
    // The port is taken: every worker's listen fails.
    const squatter = createServer()
    await new Promise<void>((resolve) => squatter.listen(0, '127.0.0.1', resolve))
    const address = squatter.address()
    const port = typeof address === 'object' && address ? address.port : 0
    const dir = mkdtempSync(join(tmpdir(), 'binhan-cluster-fail-'))
    try {
      const child = spawn(process.execPath, ['worker/entry.node.ts'], {
        env: {
          ...process.env,
          PORT: String(port),
          HOST: '127.0.0.1',
          DATA_DIR: dir,
          NODE_ENV: 'test',
          DEMO_PROVINCES: '',
          LOG_LEVEL: 'warn',
          WEB_CONCURRENCY: '2',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      })
      let output = ''
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()))
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()))
      const exit = await new Promise<number | null>((resolve) => {
        const timer = setTimeout(() => {
          child.kill('SIGKILL')
          resolve(null)
        }, 90_000)
        child.once('exit', (code) => {
          clearTimeout(timer)
          resolve(code)
        })
      })
      expect(exit, output).toBe(1)
      expect(output).toContain('before it listened')
    } finally {
      squatter.close()
      rmSync(dir, { recursive: true, force: true })
    }
  }, 100_000)
})
