// A small local stand-in for the Turso Platform API, for the workerd tests and `npm run dev:edge` (never production) (https://docs.turso.tech/api-reference), speaking the endpoints
// onboarding uses with the documented shapes: get/create group, get/create database, and create a database token.
// Creating a database creates an empty libSQL file under `<dataDir>/tenants/`, which the local Hrana endpoint
// (scripts/lib/local-libsql-server.ts) then serves, so a province onboarded through it is really served.
// A wrong bearer token gets 401. Tests make a database's creation fail with POST /__fail {database, status, error}
// and read what was asked with GET /__requests (the workerd suite cannot read this process's memory).
import { existsSync, mkdirSync, writeFileSync } from 'node:fs'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { join } from 'node:path'

export interface TursoApiRequest {
  method: string
  path: string
  body: unknown
  authorization: string | null
}

export interface TursoApiStandIn {
  /** e.g. http://127.0.0.1:41234/v1 — the provisioner's apiBaseUrl. */
  url: string
  requests: TursoApiRequest[]
  close(): Promise<void>
}

interface Options {
  org: string
  token: string
  dataDir: string
  /** Groups that exist at start, with their primary location. */
  groups?: Record<string, string>
  /** Defaults to a free one. */
  port?: number
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  return text === '' ? undefined : JSON.parse(text)
}

const json = (res: ServerResponse, status: number, body: unknown) =>
  void res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))

export async function startTursoApiStandIn(options: Options): Promise<TursoApiStandIn> {
  const requests: TursoApiRequest[] = []
  const groups = new Map(Object.entries(options.groups ?? {}))
  const databases = new Map<string, { Name: string; DbId: string; Hostname: string; group: string }>()
  const failures = new Map<string, { status: number; error: string }>()
  const org = `/v1/organizations/${options.org}`
  const fileOf = (name: string) => join(options.dataDir, 'tenants', `${name}.db`)
  const hostOf = (name: string) => `${name}-${options.org}.aws-ap-south-1.turso.io`
  // A file already there is a database that exists (dev:edge restarted): never truncated, found by GET.
  const find = (name: string) =>
    databases.get(name) ?? (existsSync(fileOf(name)) ? { Name: name, DbId: name, Hostname: hostOf(name), group: groups.keys().next().value ?? '' } : undefined)

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = (req.url ?? '').split('?')[0] ?? ''
    const body = await readBody(req)
    if (path === '/__requests') return json(res, 200, requests)
    if (path === '/__fail' && req.method === 'POST') {
      const { database, status, error } = body as { database: string; status: number | null; error?: string }
      if (status === null) failures.delete(database)
      else failures.set(database, { status, error: error ?? 'failure injected by the test' })
      return json(res, 200, {})
    }
    requests.push({ method: req.method ?? '', path, body: body ?? null, authorization: req.headers.authorization ?? null })
    if (req.headers.authorization !== `Bearer ${options.token}`) return json(res, 401, { error: 'invalid token' })

    const group = /^\/groups\/([a-z0-9-]+)$/.exec(path.slice(org.length))
    const database = /^\/databases\/([a-z0-9-]+)$/.exec(path.slice(org.length))
    const token = /^\/databases\/([a-z0-9-]+)\/auth\/tokens$/.exec(path.slice(org.length))
    if (!path.startsWith(org)) return json(res, 404, { error: 'organization not found' })
    if (req.method === 'GET' && group) {
      const location = groups.get(group[1]!)
      return location ? json(res, 200, { group: { name: group[1], primary: location, locations: [location] } }) : json(res, 404, { error: 'group not found' })
    }
    if (req.method === 'POST' && path === `${org}/groups`) {
      const { name, location } = body as { name: string; location: string }
      if (groups.has(name)) return json(res, 409, { error: 'group already exists' })
      groups.set(name, location)
      return json(res, 200, { group: { name, primary: location, locations: [location] } })
    }
    if (req.method === 'GET' && database) {
      const found = find(database[1]!)
      return found ? json(res, 200, { database: found }) : json(res, 404, { error: 'database not found' })
    }
    if (req.method === 'POST' && path === `${org}/databases`) {
      const { name, group: inGroup } = body as { name: string; group: string }
      const failure = failures.get(name)
      if (failure) return json(res, failure.status, { error: failure.error })
      if (!groups.has(inGroup)) return json(res, 400, { error: `group ${inGroup} does not exist` })
      if (find(name)) return json(res, 409, { error: 'database already exists' })
      mkdirSync(join(options.dataDir, 'tenants'), { recursive: true })
      writeFileSync(fileOf(name), '', { flag: 'wx' })
      const created = { Name: name, DbId: crypto.randomUUID(), Hostname: hostOf(name), group: inGroup }
      databases.set(name, created)
      return json(res, 200, { database: { DbId: created.DbId, Hostname: created.Hostname, Name: created.Name } })
    }
    if (req.method === 'POST' && token) {
      return find(token[1]!) ? json(res, 200, { jwt: `stand-in-jwt-${token[1]}` }) : json(res, 404, { error: 'database not found' })
    }
    return json(res, 404, { error: 'not found' })
  }

  const server = createServer((req, res) => {
    handle(req, res).catch(() => json(res, 500, { error: 'stand-in failure' }))
  })
  const port = await new Promise<number>((resolve) => {
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      const address = server.address()
      resolve(typeof address === 'object' && address ? address.port : 0)
    })
  })
  return { url: `http://127.0.0.1:${port}/v1`, requests, close: () => new Promise<void>((resolve) => server.close(() => resolve())) }
}
