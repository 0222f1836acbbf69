// The real Node server (worker/entry.node.ts) as a child process on a free port with a fresh data directory,
// as `npm start` runs it in development (demo provinces and accounts). For fault tests that need a real
// process: its own event loop, its own worker threads, its own memory.
import { spawn } from 'node:child_process'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { request as httpRequest, type IncomingHttpHeaders } from 'node:http'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DEFAULT_DEMO_PASSWORD } from '../../worker/node-config.ts'

export interface NodeServer {
  baseUrl: string
  dataDir: string
  pid: number
  /** The last 20 KB the server printed, for a failing test's message. */
  output(): string
  /** Resident memory now and at its peak (kB, from /proc: Linux only). */
  memoryKb(): { rss: number; peak: number }
  stop(): Promise<void>
}

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

export async function startNodeServer(env: Record<string, string> = {}, startupTimeoutMs = 90_000): Promise<NodeServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'binhan-server-'))
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const child = spawn(process.execPath, ['worker/entry.node.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      NODE_ENV: 'development',
      LOG_LEVEL: 'warn',
      DEMO_PASSWORD: DEFAULT_DEMO_PASSWORD,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)

  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    }
    rmSync(dataDir, { recursive: true, force: true })
  }

  const deadline = Date.now() + startupTimeoutMs
  for (;;) {
    if (child.exitCode !== null) {
      await stop()
      throw new Error(`The server exited with ${child.exitCode} before answering /health:\n${output}`)
    }
    if (Date.now() > deadline) {
      await stop()
      throw new Error(`The server did not answer /health within ${startupTimeoutMs / 1000} s:\n${output}`)
    }
    try {
      if ((await fetch(`${baseUrl}/health`)).ok) break
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100))
  }

  const memoryKb = () => {
    const status = readFileSync(`/proc/${child.pid}/status`, 'utf8')
    const field = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN)
    return { rss: field('VmRSS'), peak: field('VmHWM') }
  }
  return { baseUrl, dataDir, pid: child.pid!, output: () => output, memoryKb, stop }
}

export interface HttpAnswer {
  status: number
  headers: IncomingHttpHeaders
  body: string
}

/**
 * One request on its own connection (no keep-alive): a fault test's probes then never meet a socket the server
 * closed while it sat idle in a pool, and every probe includes the server accepting a connection.
 */
export function send(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: Uint8Array; timeoutMs?: number } = {},
): Promise<HttpAnswer> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(url, { method: init.method ?? 'GET', headers: init.headers, agent: false, timeout: init.timeoutMs ?? 60_000 }, (res) => {
      const chunks: Buffer[] = []
      res.on('data', (chunk: Buffer) => chunks.push(chunk))
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }))
      res.on('error', reject)
    })
    req.on('timeout', () => req.destroy(new Error(`${init.method ?? 'GET'} ${url} timed out`)))
    req.on('error', reject)
    req.end(init.body)
  })
}

/** A multipart form as bytes with its content type, for `send`. */
export async function multipart(form: FormData): Promise<{ body: Uint8Array; contentType: string }> {
  const encoded = new Request('http://localhost/', { method: 'POST', body: form })
  return { body: new Uint8Array(await encoded.arrayBuffer()), contentType: encoded.headers.get('content-type')! }
}
