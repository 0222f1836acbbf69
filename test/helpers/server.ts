// The real Node server (worker/entry.node.ts) in a child process on a free port, as `npm start` runs it:
// for tests that must delete files under a running server and restart it.
import { spawn, type ChildProcess } from 'node:child_process'
import { createServer } from 'node:net'
import { DEFAULT_DEMO_PASSWORD } from '../../worker/node-config.ts'

const STARTUP_TIMEOUT_MS = 120_000

export interface RunningServer {
  baseUrl: string
  /** Every JSON log line so far, parsed (other output is skipped). */
  logs(): Record<string, unknown>[]
  output(): string
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

export async function startServer(dataDir: string, env: Record<string, string> = {}): Promise<RunningServer> {
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const child: ChildProcess = spawn(process.execPath, ['worker/entry.node.ts'], {
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATA_DIR: dataDir,
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      DEMO_PASSWORD: DEFAULT_DEMO_PASSWORD,
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-500_000)
  }
  child.stdout?.on('data', keep)
  child.stderr?.on('data', keep)
  const server: RunningServer = {
    baseUrl,
    output: () => output,
    logs: () =>
      output.split('\n').flatMap((line) => {
        if (!line.startsWith('{')) return []
        try {
          return [JSON.parse(line) as Record<string, unknown>]
        } catch {
          return []
        }
      }),
    stop: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
      child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), 10_000)
      await exited
      clearTimeout(timer)
    },
  }
  const deadline = Date.now() + STARTUP_TIMEOUT_MS
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited with ${child.exitCode} during start-up:\n${output.slice(-5000)}`)
    try {
      if ((await fetch(`${baseUrl}/health`)).ok) return server
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  await server.stop()
  throw new Error(`The server did not answer /health within ${STARTUP_TIMEOUT_MS / 1000} s:\n${output.slice(-5000)}`)
}

/** Signs in through the real login route (the demo accounts exist in development) and returns the cookie. */
export async function signIn(server: RunningServer, username: string): Promise<string> {
  const res = await fetch(`${server.baseUrl}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: server.baseUrl },
    body: JSON.stringify({ username, password: DEFAULT_DEMO_PASSWORD }),
  })
  if (res.status !== 200) throw new Error(`Sign-in as ${username} answered ${res.status}: ${await res.text()}`)
  const cookie = res.headers.get('set-cookie')?.split(';')[0]
  if (!cookie) throw new Error('No session cookie')
  return cookie
}
