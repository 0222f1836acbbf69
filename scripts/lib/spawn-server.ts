// The real Node server (worker/entry.node.ts) as a child process on a free loopback port, for the load
// benchmark and the multi-process test: started, waited for until /health answers, stopped with SIGTERM.
import { spawn, type ChildProcess } from 'node:child_process'
import { readdirSync, readFileSync } from 'node:fs'
import { createServer } from 'node:net'

export interface RunningServer {
  baseUrl: string
  child: ChildProcess
  /** The last 20,000 characters the server wrote (stdout and stderr), for error messages. */
  output(): string
  /** SIGTERM, then waits for the exit (SIGKILL after `graceMs`); resolves with the exit code and signal. */
  stop(graceMs?: number): Promise<{ code: number | null; signal: NodeJS.Signals | null }>
}

export function freePort(): Promise<number> {
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

/** `env` is added to this process's environment; PORT and HOST are chosen here. */
export async function spawnServer(env: Record<string, string>, opts: { startupTimeoutMs?: number; keepStdout?: boolean } = {}): Promise<RunningServer> {
  const port = await freePort()
  const baseUrl = `http://127.0.0.1:${port}`
  const child = spawn(process.execPath, ['worker/entry.node.ts'], {
    env: { ...process.env, ...env, PORT: String(port), HOST: '127.0.0.1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let output = ''
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000)
  }
  // Until it listens, or for good when asked to: a server logging every request is not slowed by keeping it.
  const onStdout = (chunk: Buffer) => {
    keep(chunk)
    if (opts.keepStdout === false && output.includes('is listening on')) child.stdout?.off('data', onStdout).resume()
  }
  child.stdout?.on('data', onStdout)
  child.stderr?.on('data', keep)
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  )
  const server: RunningServer = {
    baseUrl,
    child,
    output: () => output,
    async stop(graceMs = 15_000) {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM')
      const timer = setTimeout(() => child.kill('SIGKILL'), graceMs)
      const result = await exited
      clearTimeout(timer)
      return result
    },
  }
  const deadline = Date.now() + (opts.startupTimeoutMs ?? 90_000)
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`The server exited with ${child.exitCode} before answering /health:\n${output}`)
    try {
      // The line comes once every worker listens (worker/entry.node.ts); /health alone may be one worker's.
      if (output.includes('is listening on') && (await fetch(`${baseUrl}/health`)).ok) return server
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 100))
  }
  await server.stop()
  throw new Error(`The server did not answer /health in time:\n${output}`)
}

/**
 * CPU time (user + system, ms) used so far by a process and its live children (the cluster's workers),
 * from /proc on Linux; undefined elsewhere.
 */
export function processTreeCpuMs(rootPid: number): number | undefined {
  try {
    const ticksPerMs = 100 / 1000 // USER_HZ is 100 on Linux
    const stats = readdirSync('/proc')
      .filter((name) => /^\d+$/.test(name))
      .flatMap((pid) => {
        try {
          // Fields after the command name, which is in parentheses and may hold spaces.
          const text = readFileSync(`/proc/${pid}/stat`, 'utf8')
          const fields = text.slice(text.lastIndexOf(')') + 2).split(' ')
          return [{ pid: Number(pid), ppid: Number(fields[1]), cpu: Number(fields[11]) + Number(fields[12]) }]
        } catch {
          return []
        }
      })
    const tree = new Set([rootPid])
    for (let grew = true; grew; ) {
      grew = false
      for (const s of stats)
        if (!tree.has(s.pid) && tree.has(s.ppid)) {
          tree.add(s.pid)
          grew = true
        }
    }
    return stats.filter((s) => tree.has(s.pid)).reduce((sum, s) => sum + s.cpu / ticksPerMs, 0)
  } catch {
    return undefined
  }
}
