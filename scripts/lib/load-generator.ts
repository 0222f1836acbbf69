// A bounded closed-loop load generator (as autocannon does): `sessions` clients, each sending its next request
// as soon as its previous answer has been read in full, over its own keep-alive connection. Stops at the
// duration or the request cap, whichever comes first; a warm-up period is sent but not recorded.
import { Agent, request } from 'node:http'

export interface LoadSession {
  /** Request headers of this client (its session cookie, Accept-Encoding…). */
  headers: Record<string, string>
}

export interface LoadOptions {
  url: string
  sessions: readonly LoadSession[]
  durationMs: number
  warmupMs: number
  /** Hard cap on recorded requests, whatever the duration. */
  maxRequests: number
}

export interface LoadResult {
  /** Recorded requests (after the warm-up). */
  requests: number
  /** Every answered request, warm-up included (for CPU per request). */
  completed: number
  errors: number
  /** First few error descriptions (status and body start), for the report. */
  errorSamples: string[]
  seconds: number
  latenciesMs: number[]
  /** Bytes on the wire per answer (as sent: compressed when the server compressed). */
  bytes: number[]
}

export async function runLoad(opts: LoadOptions): Promise<LoadResult> {
  const target = new URL(opts.url)
  const agent = new Agent({ keepAlive: true, maxSockets: opts.sessions.length })
  const result: LoadResult = { requests: 0, completed: 0, errors: 0, errorSamples: [], seconds: 0, latenciesMs: [], bytes: [] }
  const started = performance.now()
  const recordFrom = started + opts.warmupMs
  const stopAt = recordFrom + opts.durationMs
  let recording = false
  let recordedStart = 0
  const once = (headers: Record<string, string>) =>
    new Promise<{ status: number; bytes: number; head: string }>((resolve, reject) => {
      const req = request({ host: target.hostname, port: target.port, path: target.pathname + target.search, method: 'GET', headers, agent }, (res) => {
        let bytes = 0
        let head = ''
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length
          if (head.length < 200 && res.statusCode !== 200) head += chunk.toString('utf8', 0, 200)
        })
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, head }))
        res.on('error', reject)
      })
      req.on('error', reject)
      req.end()
    })
  const client = async (session: LoadSession) => {
    for (;;) {
      const t0 = performance.now()
      if (t0 >= stopAt || result.requests >= opts.maxRequests) return
      if (!recording && t0 >= recordFrom) {
        recording = true
        recordedStart = t0
      }
      const counted = recording
      try {
        const answer = await once(session.headers)
        const ms = performance.now() - t0
        result.completed++
        if (!counted) continue
        result.requests++
        result.latenciesMs.push(ms)
        result.bytes.push(answer.bytes)
        if (answer.status !== 200) {
          result.errors++
          if (result.errorSamples.length < 5) result.errorSamples.push(`${answer.status} ${answer.head.slice(0, 160)}`)
        }
      } catch (err) {
        if (!counted) continue
        result.requests++
        result.errors++
        if (result.errorSamples.length < 5) result.errorSamples.push(err instanceof Error ? err.message : String(err))
      }
    }
  }
  await Promise.all(opts.sessions.map(client))
  result.seconds = (performance.now() - recordedStart) / 1000
  agent.destroy()
  return result
}

/** Nearest-rank percentile of unsorted samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return Number.NaN
  const sorted = [...samples].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!
}
