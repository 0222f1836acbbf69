// Runs once before the e2e suite: the real Node server (worker/entry.node.ts) on a free port with a fresh
// data directory, exactly as `npm start` runs it in development (demo provinces 82 and 01, demo accounts).
import { spawn, type ChildProcess } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { DEFAULT_DEMO_PASSWORD } from '../../worker/node-config.ts'

declare module 'vitest' {
  interface ProvidedContext {
    /** Where the e2e server listens, e.g. http://127.0.0.1:41234 (no trailing slash). */
    baseUrl: string
    /** The demo accounts' password. */
    demoPassword: string
    /** The server's DATA_DIR: test/e2e/helpers.ts mints sessions in its control.db. */
    dataDir: string
  }
}

const STARTUP_TIMEOUT_MS = 90_000

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
    probe.once('error', reject)
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address()
      const port = typeof address === 'object' && address ? address.port : 0
      probe.close(() => resolve(port))
    })
  })
}

async function waitForHealth(baseUrl: string, child: ChildProcess, output: () => string): Promise<void> {
  const deadline = Date.now() + STARTUP_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The e2e server exited with ${child.exitCode} before answering /health:\n${output()}`)
    try {
      const res = await fetch(`${baseUrl}/health`)
      if (res.ok) return
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error(`The e2e server did not answer /health within ${STARTUP_TIMEOUT_MS / 1000} s:\n${output()}`)
}

export default async function setup(project: TestProject) {
  if (!existsSync('web/dist/index.html')) throw new Error('web/dist is not built: run the suite with `npm run test:e2e` (it builds first).')
  const dataDir = mkdtempSync(join(tmpdir(), 'binhan-e2e-'))
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const child = spawn(process.execPath, ['worker/entry.node.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_ORIGIN: baseUrl,
      DATA_DIR: dataDir,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DEMO_PASSWORD: DEFAULT_DEMO_PASSWORD,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  // Warnings and errors the server logs during the run are worth seeing next to a failing test.
  child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(`[e2e server] ${chunk.toString()}`))

  let stopping = false
  // A server that dies mid-run shows up as "connection refused" in every later test: say why, once.
  child.once('exit', (code, signal) => {
    if (!stopping) process.stderr.write(`[e2e server] exited during the run (code ${code}, signal ${signal}); output:\n${output}\n`)
  })

  const stop = async () => {
    stopping = true
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    }
    rmSync(dataDir, { recursive: true, force: true })
  }

  try {
    await waitForHealth(baseUrl, child, () => output)
  } catch (err) {
    await stop()
    throw err
  }
  project.provide('baseUrl', baseUrl)
  project.provide('demoPassword', DEFAULT_DEMO_PASSWORD)
  project.provide('dataDir', dataDir)
  return stop
}
