/**
 * Local libSQL endpoint speaking Hrana over HTTP (JSON), for `wrangler dev` and the workerd test suite.
 * DEVELOPMENT AND TESTS ONLY: it serves the embedded database files that the Node server uses.
 *
 * What `@libsql/client/web` 0.18 sends (hrana-client 0.10): no version probe at all, it goes straight to
 * `POST <base>/v2/pipeline` with `{baton, requests}`; the base keeps the URL's path when it ends in `/`, so a
 * client URL `http://127.0.0.1:8788/binhan-p82/` maps to `/binhan-p82/v2/pipeline`. `/v3/pipeline` (same body)
 * and `GET /v2`, `/v3` are served too; `/v3-protobuf` answers 404 so any probing client falls back to JSON.
 *
 * Each Hrana stream owns its own connection, so an interactive transaction (BEGIN … COMMIT spread over several
 * requests tied together by the baton) is isolated from every other stream exactly as on sqld.
 *
 * Run standalone: node scripts/lib/local-libsql-server.ts --data-dir ./data --port 8788 [--auth-token X]
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import { statSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import { join, resolve } from 'node:path'
import { pathToFileURL } from 'node:url'
import { parseArgs } from 'node:util'
import { Connection } from './hrana-connection.ts'
import { describe, executeBatch, executeSequence, executeStmt, parseStmt, storeSql } from './hrana-exec.ts'
import { HranaError, ProtocolError, isObject } from './hrana-values.ts'

export interface LocalLibsqlServerOptions {
  /** Absolute path; databases are FILES under it (`control.db`, `tenants/<name>.db`). */
  dataDir: string
  /** 0 = random free port (default). */
  port?: number
  /** Default '127.0.0.1'. */
  host?: string
  /** If set, every database route requires `Authorization: Bearer <token>`. */
  authToken?: string
  /** Idle streams are closed (rolling back any open transaction) and their baton becomes invalid. Default 10 s. */
  streamIdleTimeoutMs?: number
  /** How long a statement keeps retrying while another connection holds the lock. Default 5 s. */
  busyTimeoutMs?: number
}

export interface LocalLibsqlServer {
  /** e.g. http://127.0.0.1:PORT — clients use `${url}/<dbName>/`. */
  url: string
  close(): Promise<void>
}

const MAX_BODY_BYTES = 10 * 1024 * 1024
const EXPIRED_BATON_MEMORY_MS = 5 * 60_000
const DB_NAME = /^[a-z0-9-]+$/

interface Stream {
  dbName: string
  conn: Connection
  timer: NodeJS.Timeout | undefined
}

class HttpError extends Error {
  readonly status: number
  readonly code: string
  constructor(status: number, message: string, code: string) {
    super(message)
    this.status = status
    this.code = code
  }
}

/** `control` → `<dataDir>/control.db`; any other valid name → `<dataDir>/tenants/<name>.db`. */
export function databaseFile(dataDir: string, dbName: string): string {
  return dbName === 'control' ? join(dataDir, 'control.db') : join(dataDir, 'tenants', `${dbName}.db`)
}

function send(res: ServerResponse, status: number, contentType: string, body: string): void {
  // hrana-client recognises an error body only when Content-Type is exactly "application/json".
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(body) })
  res.end(body)
}

const sendJson = (res: ServerResponse, status: number, body: unknown) => send(res, status, 'application/json', JSON.stringify(body))
const sendText = (res: ServerResponse, status: number, body: string) => send(res, status, 'text/plain', body)

async function readJsonBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  let size = 0
  let tooLarge = Number(req.headers['content-length'] ?? 0) > MAX_BODY_BYTES
  // Oversized bodies are drained rather than cut off, so the client reliably reads the 413.
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length
    if (size > MAX_BODY_BYTES) tooLarge = true
    if (!tooLarge) chunks.push(chunk)
  }
  if (tooLarge) throw new HttpError(413, `Request body exceeds ${MAX_BODY_BYTES} bytes`, 'REQUEST_TOO_LARGE')
  try {
    return JSON.parse(Buffer.concat(chunks).toString('utf8'))
  } catch {
    throw new HttpError(400, 'Request body is not valid JSON', 'PROTOCOL_ERROR')
  }
}

type StreamResponse = Record<string, unknown> & { type: string }
type StreamResult = { type: 'ok'; response: StreamResponse } | { type: 'error'; error: unknown }

async function handleStreamRequest(conn: Connection, r: unknown): Promise<StreamResult> {
  if (!isObject(r)) throw new ProtocolError('Stream request must be an object')
  const ok = (response: StreamResponse): StreamResult => ({ type: 'ok', response })
  try {
    switch (r.type) {
      case 'close':
        conn.close()
        return ok({ type: 'close' })
      case 'execute':
        return ok({ type: 'execute', result: await executeStmt(conn, parseStmt(conn, r.stmt)) })
      case 'batch':
        return ok({ type: 'batch', result: await executeBatch(conn, r.batch) })
      case 'sequence':
        await executeSequence(conn, r.sql, r.sql_id)
        return ok({ type: 'sequence' })
      case 'describe':
        return ok({ type: 'describe', result: await describe(conn, r.sql, r.sql_id) })
      case 'store_sql':
        storeSql(conn, r.sql_id, r.sql)
        return ok({ type: 'store_sql' })
      case 'close_sql':
        if (typeof r.sql_id !== 'number') throw new ProtocolError('close_sql needs a sql_id')
        conn.sqls.delete(r.sql_id)
        return ok({ type: 'close_sql' })
      case 'get_autocommit':
        return ok({ type: 'get_autocommit', is_autocommit: conn.isAutocommit() })
      default:
        throw new ProtocolError('Unknown stream request type')
    }
  } catch (err) {
    if (err instanceof HranaError) return { type: 'error', error: err.toProto() }
    throw err
  }
}

function sameSecret(given: string, expected: string): boolean {
  // Hashing first gives equal-length inputs, which timingSafeEqual requires.
  const digest = (s: string) => createHash('sha256').update(s).digest()
  return timingSafeEqual(digest(given), digest(expected))
}

export async function startLocalLibsqlServer(opts: LocalLibsqlServerOptions): Promise<LocalLibsqlServer> {
  const dataDir = resolve(opts.dataDir)
  const host = opts.host ?? '127.0.0.1'
  const idleMs = opts.streamIdleTimeoutMs ?? 10_000
  const busyMs = opts.busyTimeoutMs ?? 5_000
  const available = new Map<string, Stream>() // baton → idle stream waiting for its next request
  const acquired = new Set<Stream>() // streams with a request in progress (their baton is already spent)
  const expired = new Map<string, number>() // baton → when its stream expired, for a clearer error
  let closing: Promise<void> | undefined

  function rememberExpired(baton: string): void {
    const now = Date.now()
    for (const [old, at] of expired) {
      if (now - at < EXPIRED_BATON_MEMORY_MS) break
      expired.delete(old)
    }
    expired.set(baton, now)
  }

  /** Parks the stream under a fresh baton, or returns null once the stream is closed. */
  function release(stream: Stream): string | null {
    acquired.delete(stream)
    if (closing || stream.conn.closed) {
      stream.conn.close()
      return null
    }
    const baton = randomBytes(24).toString('base64url')
    available.set(baton, stream)
    stream.timer = setTimeout(() => {
      available.delete(baton)
      stream.conn.close()
      rememberExpired(baton)
    }, idleMs)
    stream.timer.unref()
    return baton
  }

  // Each baton is good for exactly one request: it is spent here and the response carries the next one.
  function acquire(baton: string, dbName: string): Stream {
    const stream = available.get(baton)
    if (!stream || stream.dbName !== dbName) {
      if (expired.has(baton)) throw new HttpError(400, 'The stream has expired due to inactivity', 'STREAM_EXPIRED')
      throw new HttpError(400, 'The baton is invalid or was already used', 'BATON_INVALID')
    }
    available.delete(baton)
    clearTimeout(stream.timer)
    acquired.add(stream)
    return stream
  }

  function openStream(dbName: string, file: string): Stream {
    const stream: Stream = { dbName, conn: new Connection(file, busyMs), timer: undefined }
    acquired.add(stream)
    return stream
  }

  async function handlePipeline(req: IncomingMessage, res: ServerResponse, dbName: string, file: string) {
    const body = await readJsonBody(req)
    if (!isObject(body) || !Array.isArray(body.requests)) throw new ProtocolError('Pipeline body must have requests')
    const baton = body.baton ?? null
    if (baton !== null && typeof baton !== 'string') throw new ProtocolError('baton must be a string or null')
    const stream = baton === null ? openStream(dbName, file) : acquire(baton, dbName)
    const results: StreamResult[] = []
    try {
      for (const request of body.requests) {
        if (stream.conn.closed) throw new ProtocolError('The stream was closed by an earlier request')
        results.push(await handleStreamRequest(stream.conn, request))
      }
    } catch (err) {
      // Like sqld, a broken request drops the stream (and rolls back whatever it had open).
      acquired.delete(stream)
      stream.conn.close()
      throw err
    }
    sendJson(res, 200, { baton: release(stream), base_url: null, results })
  }

  function checkAuth(req: IncomingMessage): void {
    if (opts.authToken === undefined) return
    const header = req.headers.authorization ?? ''
    if (!header.startsWith('Bearer ') || !sameSecret(header.slice(7), opts.authToken)) {
      throw new HttpError(401, 'Authentication required: missing or invalid bearer token', 'UNAUTHORIZED')
    }
  }

  async function route(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname
    if (path === '/health') return sendText(res, 200, 'ok')
    if (path === '/version') return sendText(res, 200, 'binhan-local-libsql (Hrana over HTTP, JSON)')
    const match = /^\/([^/]+)(\/.*)?$/.exec(path)
    const dbName = match?.[1]
    if (dbName === undefined || !DB_NAME.test(dbName)) throw new HttpError(404, 'Not found', 'NOT_FOUND')
    const rest = match?.[2] ?? '/'
    if (rest === '/v3-protobuf' || rest.startsWith('/v3-protobuf/')) {
      throw new HttpError(404, 'Hrana over protobuf is not supported by this server', 'NOT_FOUND')
    }
    checkAuth(req)
    const file = databaseFile(dataDir, dbName)
    // Never create databases here: provisioning creates the file, and a typo must not yield an empty database.
    if (!statSync(file, { throwIfNoEntry: false })?.isFile()) {
      throw new HttpError(404, `Database "${dbName}" does not exist`, 'NAMESPACE_DOESNT_EXIST')
    }
    const isPipeline = rest === '/v2/pipeline' || rest === '/v3/pipeline'
    const isIndex = rest === '/' || rest === '/v2' || rest === '/v3'
    if (isPipeline && req.method === 'POST') return handlePipeline(req, res, dbName, file)
    if (isIndex && req.method === 'GET') return sendText(res, 200, 'Hello, this is HTTP API v2 (Hrana over HTTP)')
    if (isPipeline || isIndex) throw new HttpError(405, 'Method not allowed', 'METHOD_NOT_ALLOWED')
    throw new HttpError(404, 'Not found', 'NOT_FOUND')
  }

  const inFlight = new Set<Promise<void>>()
  const server = createServer((req, res) => {
    const handled = route(req, res).catch((err: unknown) => {
      if (res.headersSent || res.destroyed) return
      if (err instanceof HttpError) return sendJson(res, err.status, { message: err.message, code: err.code })
      if (err instanceof ProtocolError) return sendJson(res, 400, { message: err.message, code: 'PROTOCOL_ERROR' })
      // Only the error itself is logged: statements and values may carry personal data.
      console.error('[local-libsql] internal error:', err instanceof Error ? err.stack : err)
      const message = err instanceof Error && err.name === 'SqliteError' ? `SQLite error: ${err.message}` : 'Internal server error'
      sendJson(res, 500, { message, code: 'INTERNAL_ERROR' })
    })
    inFlight.add(handled)
    void handled.finally(() => inFlight.delete(handled))
  })

  // Node closes an idle kept-alive socket after 5 s by default. A Worker busy hashing passwords (scrypt runs
  // synchronously in workerd) can leave its pooled sockets idle that long and then reuse one the server is
  // closing: "Network connection lost". Keep them open well beyond any such pause.
  server.keepAliveTimeout = 120_000
  await new Promise<void>((ready, fail) => {
    server.once('error', fail)
    server.listen(opts.port ?? 0, host, () => {
      server.off('error', fail)
      ready()
    })
  })
  const { port } = server.address() as AddressInfo
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}`

  return {
    url,
    close() {
      closing ??= (async () => {
        for (const stream of available.values()) {
          clearTimeout(stream.timer)
          stream.conn.close()
        }
        available.clear()
        for (const stream of acquired) stream.conn.close()
        const stopped = new Promise<void>((done, fail) => server.close((err) => (err ? fail(err) : done())))
        server.closeAllConnections()
        // A request still waiting on a busy lock notices the closed connection when it wakes up, and only then
        // resets its statement; until it has, the file may still be locked.
        await Promise.allSettled([...inFlight])
        await stopped
      })()
      return closing
    },
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      'data-dir': { type: 'string' },
      port: { type: 'string', default: '8788' },
      host: { type: 'string', default: '127.0.0.1' },
      'auth-token': { type: 'string' },
    },
  })
  const dataDir = values['data-dir']
  if (!dataDir) {
    console.error('usage: node scripts/lib/local-libsql-server.ts --data-dir DIR [--port 8788] [--host 127.0.0.1] [--auth-token X]')
    process.exit(2)
  }
  const port = Number(values.port)
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`Invalid port: ${values.port}`)
  const server = await startLocalLibsqlServer({
    dataDir: resolve(dataDir),
    port,
    host: values.host,
    ...(values['auth-token'] ? { authToken: values['auth-token'] } : {}),
  })
  console.log(`Local libSQL (Hrana over HTTP) listening on ${server.url}`)
  console.log(`  e.g. ${server.url}/control/ and ${server.url}/binhan-p01/  (development only)`)
  const stop = () => void server.close().then(() => process.exit(0))
  process.once('SIGINT', stop)
  process.once('SIGTERM', stop)
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err)
    process.exit(1)
  })
}
