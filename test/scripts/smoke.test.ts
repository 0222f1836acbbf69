// `npm run smoke` (scripts/smoke.ts) as an operator runs it after a deploy, as its own process with the
// credentials in its environment: against the real Node server, and against the Worker in the local Workers
// runtime (`npm run dev:edge`: wrangler dev, workerd, the local libSQL endpoint). It passes, and when a
// province's database is broken it exits 1 naming that province's health check.
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { DEFAULT_DEMO_PASSWORD } from '../../worker/node-config.ts'
import { freePort } from '../../scripts/lib/spawn-server.ts'
import { startNodeServer, type NodeServer } from '../helpers/node-server.ts'

const SMOKE_ENV = {
  SMOKE_USERNAME: 'demo-central-admin',
  SMOKE_PASSWORD: DEFAULT_DEMO_PASSWORD,
  SMOKE_PROVINCE_USERNAME: 'demo-officer-82',
  SMOKE_PROVINCE_PASSWORD: DEFAULT_DEMO_PASSWORD,
}

function smoke(baseUrl: string, env: Record<string, string> = SMOKE_ENV): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['scripts/smoke.ts', baseUrl], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] })
    let out = ''
    let err = ''
    child.stdout.on('data', (c: Buffer) => (out += c.toString()))
    child.stderr.on('data', (c: Buffer) => (err += c.toString()))
    child.on('exit', (code) => resolve({ code, out, err }))
  })
}

/** The operators' webhook receiver: keeps every alert it is sent. */
async function startReceiver(): Promise<{ url: string; alerts: Record<string, unknown>[]; close(): Promise<void> }> {
  const alerts: Record<string, unknown>[] = []
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => {
      alerts.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>)
      res.statusCode = 204
      res.end()
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return { url: `http://127.0.0.1:${port}/alerts`, alerts, close: () => new Promise((resolve) => server.close(() => resolve())) }
}

/** The broken province's one alert, as the runtime's configuration sends it. */
function expectOneAlert(alerts: Record<string, unknown>[]) {
  expect(alerts).toEqual([
    {
      event: 'tenant.unavailable',
      province: '01',
      // The province list's open check or the health route's quick check, whichever met it first.
      check: expect.stringMatching(/^(open|quick)$/),
      problem: expect.stringMatching(/^(database_corrupt|quick_check_failed|not_a_province_database)$/),
      since: expect.stringMatching(/^\d{4}-/),
      environment: 'development',
    },
  ])
}

/** Garbage where a province's database was: what a broken disk or a bad restore leaves. */
function breakProvince(dataDir: string, code: string) {
  const file = join(dataDir, 'tenants', `binhan-p${code}.db`)
  for (const suffix of ['-wal', '-shm']) rmSync(`${file}${suffix}`, { force: true })
  writeFileSync(file, 'not a database at all '.repeat(500))
}

function expectPassed(run: { code: number | null; out: string; err: string }) {
  expect(run.err).toBe('')
  expect(run.code).toBe(0)
  for (const line of ['ok    process /health: up', 'ok    health 01: ok', 'ok    health 82: ok', 'ok    report 82 ']) expect(run.out).toContain(line)
  expect(run.out).toMatch(/ok {4}communes 82: \d+ communes/)
  expect(run.out).toMatch(/smoke passed: \d+ checks/)
}

function expectProvinceDown(run: { code: number | null; out: string; err: string }) {
  expect(run.code).toBe(1)
  expect(run.out).toContain('ok    health 82: ok')
  expect(run.out).toMatch(/FAIL {2}health 01: 503 tenant_database_unavailable \((database_corrupt|quick_check_failed|not_a_province_database)\)/)
  expect(run.err).toMatch(/^smoke FAILED \(1 of \d+\): health 01: 503 tenant_database_unavailable/)
}

describe('npm run smoke against the Node server', () => {
  let server: NodeServer
  let receiver: Awaited<ReturnType<typeof startReceiver>>
  beforeAll(async () => {
    receiver = await startReceiver()
    server = await startNodeServer({ DEMO_PROVINCES: '82,01', WEB_CONCURRENCY: '1', ALERT_WEBHOOK_URL: receiver.url })
  }, 180_000)
  afterAll(async () => {
    await server?.stop()
    await receiver?.close()
  })

  it('passes, never takes a password on the command line, and names the province that is down', async () => {
    expectPassed(await smoke(server.baseUrl))
    const missing = await smoke(server.baseUrl, { ...SMOKE_ENV, SMOKE_PASSWORD: '' })
    expect(missing.code).toBe(1)
    expect(missing.err).toContain('SMOKE_PASSWORD is not set')
    const wrong = await smoke(server.baseUrl, { ...SMOKE_ENV, SMOKE_PROVINCE_PASSWORD: 'not-the-password' })
    expect(wrong.code).toBe(1)
    expect(wrong.out).toContain('FAIL  sign-in (province): 401')

    expect(receiver.alerts).toEqual([])
    breakProvince(server.dataDir, '01')
    expectProvinceDown(await smoke(server.baseUrl))
    // Met twice, alerted once.
    expectProvinceDown(await smoke(server.baseUrl))
    expectOneAlert(receiver.alerts)
  }, 120_000)
})

describe('npm run smoke against the Worker in the local Workers runtime (npm run dev:edge)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'binhan-smoke-edge-'))
  const dataDir = join(dir, 'data')
  let edge: ChildProcess
  let baseUrl = ''
  let output = ''
  let receiver: Awaited<ReturnType<typeof startReceiver>>

  beforeAll(async () => {
    receiver = await startReceiver()
    // A small site stands in for web/dist, which this suite does not build.
    mkdirSync(join(dir, 'site'), { recursive: true })
    writeFileSync(join(dir, 'site', 'index.html'), '<!doctype html><title>Bình An</title>')
    const [port, libsqlPort, inspector] = [await freePort(), await freePort(), await freePort()]
    baseUrl = `http://127.0.0.1:${port}`
    edge = spawn(
      process.execPath,
      [
        'scripts/dev-edge.ts',
        '--libsql-port',
        String(libsqlPort),
        '--',
        '--assets',
        join(dir, 'site'),
        '--inspector-port',
        String(inspector),
        '--persist-to',
        join(dir, 'state'),
        '--show-interactive-dev-session=false',
      ],
      {
        env: {
          ...process.env,
          PORT: String(port),
          HOST: '127.0.0.1',
          DATA_DIR: dataDir,
          NODE_ENV: 'development',
          LOG_LEVEL: 'warn',
          DEMO_PROVINCES: '82,01',
          ALERT_WEBHOOK_URL: receiver.url,
        },
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    )
    const keep = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-20_000)
    }
    edge.stdout?.on('data', keep)
    edge.stderr?.on('data', keep)
    const deadline = Date.now() + 150_000
    for (;;) {
      if (edge.exitCode !== null) throw new Error(`dev:edge exited with ${edge.exitCode}:\n${output}`)
      try {
        if ((await fetch(`${baseUrl}/health`)).ok) break
      } catch {
        // Not listening yet.
      }
      if (Date.now() > deadline) throw new Error(`dev:edge did not start:\n${output}`)
      await new Promise((resolve) => setTimeout(resolve, 250))
    }
  }, 180_000)

  afterAll(async () => {
    if (edge?.pid && edge.exitCode === null) {
      const exited = new Promise<void>((resolve) => edge.once('exit', () => resolve()))
      process.kill(-edge.pid, 'SIGTERM')
      const timer = setTimeout(() => edge.pid && process.kill(-edge.pid, 'SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    }
    await receiver?.close()
    rmSync(dir, { recursive: true, force: true })
  })

  it('passes through workerd and the Hrana endpoint, and names the province that is down', async () => {
    expectPassed(await smoke(baseUrl))
    breakProvince(dataDir, '01')
    expectProvinceDown(await smoke(baseUrl))
    expectProvinceDown(await smoke(baseUrl))
    expectOneAlert(receiver.alerts)
  }, 120_000)
})
