/**
 * A counting HTTP proxy in front of a Hrana-over-HTTP endpoint (the local one of decision 0003), for the
 * round-trip ceiling test (test/workerd/round-trips.test.ts) and `npm run bench:round-trips`. TESTS AND BENCH ONLY.
 *
 * Every HTTP request that reaches a database is one round trip: a Hrana pipeline carries any number of
 * statements (a `batch()`, the steps of a transaction sent together) and costs one network round trip from
 * the Worker to Turso. The counter is per database name (`control`, `binhan-p82`, …).
 *
 * `GET /__round-trips` answers the counts since the last `POST /__round-trips/reset` (which also answers them).
 * `delayMs` holds each request that long before forwarding it, to play a distant database.
 */
import { createServer, request as httpRequest, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface CountingProxy {
  url: string
  /** Round trips per database name since the last reset. */
  counts(): Record<string, number>
  reset(): Record<string, number>
  close(): Promise<void>
}

export interface CountingProxyOptions {
  /** The endpoint proxied, e.g. http://127.0.0.1:PORT */
  target: string
  delayMs?: number
}

export const COUNTS_PATH = '/__round-trips'

export async function startCountingProxy(opts: CountingProxyOptions): Promise<CountingProxy> {
  const target = new URL(opts.target)
  let counts: Record<string, number> = {}
  const take = () => {
    const taken = counts
    counts = {}
    return taken
  }

  function forward(req: IncomingMessage, res: ServerResponse): void {
    const upstream = httpRequest(
      { host: target.hostname, port: target.port, method: req.method, path: req.url, headers: { ...req.headers, host: target.host } },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.headers)
        answer.pipe(res)
      },
    )
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502, { 'content-type': 'application/json' })
      res.end(JSON.stringify({ message: 'upstream unreachable', code: 'BAD_GATEWAY' }))
    })
    req.pipe(upstream)
  }

  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname
    if (path === COUNTS_PATH || path === `${COUNTS_PATH}/reset`) {
      const body = JSON.stringify(req.method === 'POST' ? take() : counts)
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) })
      res.end(body)
      return
    }
    const db = /^\/([^/]+)\/v[23]\/pipeline$/.exec(path)?.[1]
    if (db !== undefined && req.method === 'POST') counts[db] = (counts[db] ?? 0) + 1
    if (opts.delayMs) setTimeout(() => forward(req, res), opts.delayMs)
    else forward(req, res)
  })
  // As the endpoint it fronts: pooled sockets stay open across a Worker's pauses (local-libsql-server.ts).
  server.keepAliveTimeout = 120_000
  await new Promise<void>((ready) => server.listen(0, '127.0.0.1', ready))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    counts: () => ({ ...counts }),
    reset: take,
    close: () =>
      new Promise<void>((done, fail) => {
        server.close((err) => (err ? fail(err) : done()))
        server.closeAllConnections()
      }),
  }
}
