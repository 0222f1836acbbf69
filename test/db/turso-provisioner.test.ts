import { describe, expect, it } from 'vitest'
import { tenantDbName } from '../../db/provision/provisioner.ts'
import { createTursoProvisioner, TursoProvisioningError } from '../../db/provision/turso-provisioner.ts'

const ORG = 'acme-vn'
const GROUP = 'binhan'
const API_TOKEN = 'platform-api-token-s3cr3t-value'
const ORG_URL = `https://api.turso.tech/v1/organizations/${ORG}`
const DB_NAME = tenantDbName('01')

interface RecordedRequest {
  method: string
  url: string
  authorization: string | null
  contentType: string | null
  body: unknown
}

interface FakeTursoState {
  databases: Map<string, { group: string }>
  groups: Set<string>
}

/** Lets a test replace Turso's answer to one request (failures, races); undefined = normal answer. */
type Interceptor = (request: RecordedRequest, state: FakeTursoState) => Response | undefined

interface FakeTurso {
  fetch: typeof fetch
  requests: RecordedRequest[]
  state: FakeTursoState
}

function hostnameOf(dbName: string): string {
  return `${dbName}-${ORG}.aws-ap-south-1.turso.io`
}

function json(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } })
}

function record(input: RequestInfo | URL, init: RequestInit | undefined): RecordedRequest {
  const headers = new Headers(init?.headers)
  return {
    method: init?.method ?? 'GET',
    url: input instanceof Request ? input.url : String(input),
    authorization: headers.get('authorization'),
    contentType: headers.get('content-type'),
    body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

/**
 * An in-memory Platform API answering the way the real one does (shapes from the Turso API
 * reference). It rejects what the real API would reject (wrong org, missing bearer token, body
 * without name/group), so a wrong request fails the test by its outcome, not only by inspection.
 */
function createFakeTurso(setup: { groups?: string[]; databases?: Record<string, string>; intercept?: Interceptor } = {}): FakeTurso {
  const state: FakeTursoState = {
    groups: new Set(setup.groups ?? [GROUP]),
    databases: new Map(Object.entries(setup.databases ?? {}).map(([name, group]) => [name, { group }])),
  }
  const requests: RecordedRequest[] = []

  const fakeFetch: typeof fetch = async (input, init) => {
    const request = record(input, init)
    requests.push(request)
    return setup.intercept?.(request, state) ?? answer(request, state)
  }
  return { fetch: fakeFetch, requests, state }
}

function answer(request: RecordedRequest, state: FakeTursoState): Response {
  if (!request.url.startsWith(`${ORG_URL}/`)) return json(404, { error: 'organization not found' })
  if (request.authorization !== `Bearer ${API_TOKEN}`) return json(401, { error: 'token is invalid or expired' })

  const path = request.url.slice(ORG_URL.length)
  const databaseMatch = /^\/databases\/([^/]+)$/.exec(path)
  const groupMatch = /^\/groups\/([^/]+)$/.exec(path)

  if (request.method === 'GET' && databaseMatch?.[1]) return getDatabase(databaseMatch[1], state)
  if (request.method === 'POST' && path === '/databases') return createDatabase(request, state)
  if (request.method === 'GET' && groupMatch?.[1]) return getGroup(groupMatch[1], state)
  if (request.method === 'POST' && path === '/groups') return createGroup(request, state)
  return json(404, { error: 'not found' })
}

function getDatabase(name: string, state: FakeTursoState): Response {
  const database = state.databases.get(name)
  if (!database) return json(404, { error: `database ${name} not found` })
  return json(200, {
    database: {
      Name: name,
      DbId: `id-${name}`,
      Hostname: hostnameOf(name),
      group: database.group,
      primaryRegion: 'aws-ap-south-1',
      regions: ['aws-ap-south-1'],
      type: 'logical',
      version: '0.24.32',
      is_schema: false,
      sleeping: false,
      archived: false,
      block_reads: false,
      block_writes: false,
      allow_attach: false,
    },
  })
}

function createDatabase(request: RecordedRequest, state: FakeTursoState): Response {
  if (request.contentType !== 'application/json') return json(415, { error: 'expected a JSON body' })
  const body = request.body
  if (!isRecord(body) || typeof body.name !== 'string' || typeof body.group !== 'string') {
    return json(400, { error: 'name and group are required' })
  }
  if (!state.groups.has(body.group)) return json(404, { error: `group ${body.group} not found` })
  if (state.databases.has(body.name)) return json(409, { error: `database with name ${body.name} already exists` })
  state.databases.set(body.name, { group: body.group })
  return json(200, { database: { DbId: `id-${body.name}`, Hostname: hostnameOf(body.name), Name: body.name } })
}

function getGroup(name: string, state: FakeTursoState): Response {
  if (!state.groups.has(name)) return json(404, { error: `group ${name} not found` })
  return json(200, { group: { name, locations: ['aws-ap-south-1'], primary: 'aws-ap-south-1', archived: false } })
}

function createGroup(request: RecordedRequest, state: FakeTursoState): Response {
  const body = request.body
  if (!isRecord(body) || typeof body.name !== 'string' || typeof body.location !== 'string') {
    return json(400, { error: 'name and location are required' })
  }
  state.groups.add(body.name)
  return json(200, { group: { name: body.name, locations: [body.location], primary: body.location, archived: false } })
}

function provisionerFor(turso: FakeTurso, overrides: { apiToken?: string; location?: string } = {}) {
  return createTursoProvisioner({
    org: ORG,
    apiToken: overrides.apiToken ?? API_TOKEN,
    group: GROUP,
    location: overrides.location,
    fetch: turso.fetch,
  })
}

function summary(requests: RecordedRequest[]): string[] {
  return requests.map((request) => `${request.method} ${request.url}`)
}

async function rejectionOf(promise: Promise<unknown>): Promise<TursoProvisioningError> {
  const error: unknown = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  )
  expect(error).toBeInstanceOf(TursoProvisioningError)
  return error as TursoProvisioningError
}

describe('Turso provisioner', () => {
  it('reports itself as the turso provider', () => {
    expect(provisionerFor(createFakeTurso()).provider).toBe('turso')
  })

  it('creates the database in the configured group when Turso does not have it yet', async () => {
    const turso = createFakeTurso()

    const result = await provisionerFor(turso).ensureDatabase(DB_NAME)

    expect(result).toEqual({ location: `libsql://${hostnameOf(DB_NAME)}`, created: true })
    expect(summary(turso.requests)).toEqual([`GET ${ORG_URL}/databases/${DB_NAME}`, `GET ${ORG_URL}/groups/${GROUP}`, `POST ${ORG_URL}/databases`])
    const create = turso.requests[2]
    expect(create?.contentType).toBe('application/json')
    expect(create?.body).toEqual({ name: DB_NAME, group: GROUP })
    expect(turso.state.databases.get(DB_NAME)).toEqual({ group: GROUP })
  })

  it('sends the Platform API token as a bearer token on every request', async () => {
    const turso = createFakeTurso()

    await provisionerFor(turso).ensureDatabase(DB_NAME)

    expect(turso.requests.length).toBeGreaterThan(0)
    for (const request of turso.requests) expect(request.authorization).toBe(`Bearer ${API_TOKEN}`)
  })

  it('reuses an existing database without sending any create request', async () => {
    const turso = createFakeTurso({ databases: { [DB_NAME]: GROUP } })

    const result = await provisionerFor(turso).ensureDatabase(DB_NAME)

    expect(result).toEqual({ location: `libsql://${hostnameOf(DB_NAME)}`, created: false })
    expect(summary(turso.requests)).toEqual([`GET ${ORG_URL}/databases/${DB_NAME}`])
  })

  it('returns the same location on a second call, reporting it as not created', async () => {
    const provisioner = provisionerFor(createFakeTurso())

    const first = await provisioner.ensureDatabase(DB_NAME)
    const second = await provisioner.ensureDatabase(DB_NAME)

    expect(second).toEqual({ location: first.location, created: false })
  })

  it('checks the group only once for several provinces created by the same provisioner', async () => {
    const turso = createFakeTurso()
    const provisioner = provisionerFor(turso)

    await provisioner.ensureDatabase(tenantDbName('01'))
    await provisioner.ensureDatabase(tenantDbName('79'))

    const groupLookups = turso.requests.filter((request) => request.url === `${ORG_URL}/groups/${GROUP}`)
    expect(groupLookups).toHaveLength(1)
    expect([...turso.state.databases.keys()]).toEqual([tenantDbName('01'), tenantDbName('79')])
  })

  it('fetches the existing database when a concurrent run wins the create race and Turso answers 409', async () => {
    const turso = createFakeTurso({
      intercept: (request, state) => {
        if (request.method !== 'POST' || !request.url.endsWith('/databases')) return undefined
        // Another onboarding run created it between our lookup and our create.
        state.databases.set(DB_NAME, { group: GROUP })
        return json(409, { error: `database with name ${DB_NAME} already exists` })
      },
    })

    const result = await provisionerFor(turso).ensureDatabase(DB_NAME)

    expect(result).toEqual({ location: `libsql://${hostnameOf(DB_NAME)}`, created: false })
    expect(summary(turso.requests)).toEqual([
      `GET ${ORG_URL}/databases/${DB_NAME}`,
      `GET ${ORG_URL}/groups/${GROUP}`,
      `POST ${ORG_URL}/databases`,
      `GET ${ORG_URL}/databases/${DB_NAME}`,
    ])
  })

  it('reports a 409 for a name that still cannot be found instead of pretending it exists', async () => {
    const turso = createFakeTurso({
      intercept: (request) => (request.method === 'POST' && request.url.endsWith('/databases') ? json(409, { error: 'database name is reserved' }) : undefined),
    })

    const error = await rejectionOf(provisionerFor(turso).ensureDatabase(DB_NAME))

    expect(error.status).toBe(409)
    expect(error.message).toContain('database name is reserved')
  })

  it('surfaces a rejected API token as a clear 401 error that does not contain the token', async () => {
    const turso = createFakeTurso()

    const error = await rejectionOf(provisionerFor(turso, { apiToken: 'expired-platform-token-value' }).ensureDatabase(DB_NAME))

    expect(error.status).toBe(401)
    expect(error.message).toContain(`GET /organizations/${ORG}/databases/${DB_NAME} failed with 401`)
    expect(error.message).toContain('token is invalid or expired')
    expect(error.message).toContain('turso auth api-tokens mint')
    expect(error.message).not.toContain('expired-platform-token-value')
    expect(turso.requests.filter((request) => request.method === 'POST')).toEqual([])
  })

  it('surfaces a Turso 500 on create as a retryable error that does not contain the token', async () => {
    const turso = createFakeTurso({
      intercept: (request) => (request.method === 'POST' ? new Response('upstream connect error', { status: 500 }) : undefined),
    })

    const error = await rejectionOf(provisionerFor(turso).ensureDatabase(DB_NAME))

    expect(error.status).toBe(500)
    expect(error.message).toContain(`POST /organizations/${ORG}/databases failed with 500: upstream connect error`)
    expect(error.message).toContain('retry later')
    expect(error.message).not.toContain(API_TOKEN)
  })

  it('redacts the token when the API echoes it back in an error body', async () => {
    const turso = createFakeTurso({
      intercept: () => json(503, { error: `gateway rejected Authorization: Bearer ${API_TOKEN}` }),
    })

    const error = await rejectionOf(provisionerFor(turso).ensureDatabase(DB_NAME))

    expect(error.status).toBe(503)
    expect(error.message).toContain('Bearer [redacted]')
    expect(error.message).not.toContain(API_TOKEN)
  })

  it('surfaces a network failure as an unreachable-API error that does not contain the token', async () => {
    const failingFetch: typeof fetch = async () => {
      throw new TypeError('fetch failed', { cause: new Error('getaddrinfo ENOTFOUND api.turso.tech') })
    }
    const provisioner = createTursoProvisioner({ org: ORG, apiToken: API_TOKEN, group: GROUP, fetch: failingFetch })

    const error = await rejectionOf(provisioner.ensureDatabase(DB_NAME))

    expect(error.status).toBeUndefined()
    expect(error.message).toContain('Turso Platform API unreachable')
    expect(error.message).toContain('ENOTFOUND')
    expect(error.message).not.toContain(API_TOKEN)
  })

  it('rejects an answer without a hostname instead of storing a broken location', async () => {
    const turso = createFakeTurso({
      intercept: (request) =>
        request.method === 'POST' && request.url.endsWith('/databases') ? json(200, { database: { DbId: 'id-x', Name: DB_NAME } }) : undefined,
    })

    const error = await rejectionOf(provisionerFor(turso).ensureDatabase(DB_NAME))

    expect(error.message).toContain('without a usable database.Hostname')
  })

  it.each([
    ['an empty name', ''],
    ['uppercase letters', 'Binhan-P01'],
    ['an underscore', 'binhan_p01'],
    ['a leading dash', '-binhan-p01'],
    ['a path separator', '../binhan-p01'],
    ['more than 32 characters', `binhan-p${'0'.repeat(25)}`],
  ])('rejects a database name with %s before calling Turso', async (_label, name) => {
    const turso = createFakeTurso()

    const error = await rejectionOf(provisionerFor(turso).ensureDatabase(name))

    expect(error.message).toContain('Invalid Turso database name')
    expect(turso.requests).toEqual([])
  })

  it('accepts the names derived for provinces', async () => {
    const turso = createFakeTurso()

    await expect(provisionerFor(turso).ensureDatabase(tenantDbName('96'))).resolves.toMatchObject({ created: true })
  })

  it('explains how to create the group when it is missing and no location is configured', async () => {
    const turso = createFakeTurso({ groups: [] })

    const error = await rejectionOf(provisionerFor(turso).ensureDatabase(DB_NAME))

    expect(error.message).toContain(`Turso group '${GROUP}' does not exist`)
    expect(error.message).toContain(`turso group create ${GROUP} --location`)
    expect(turso.requests.filter((request) => request.method === 'POST')).toEqual([])
  })

  it('creates the missing group in the configured location before creating the database', async () => {
    const turso = createFakeTurso({ groups: [] })

    const result = await provisionerFor(turso, { location: 'aws-ap-south-1' }).ensureDatabase(DB_NAME)

    expect(result.created).toBe(true)
    const posts = turso.requests.filter((request) => request.method === 'POST')
    expect(posts.map((request) => [request.url, request.body])).toEqual([
      [`${ORG_URL}/groups`, { name: GROUP, location: 'aws-ap-south-1' }],
      [`${ORG_URL}/databases`, { name: DB_NAME, group: GROUP }],
    ])
  })

  it('retries the group check on the next call after a transient failure', async () => {
    let groupLookups = 0
    const turso = createFakeTurso({
      intercept: (request) => {
        if (!request.url.endsWith(`/groups/${GROUP}`)) return undefined
        groupLookups += 1
        return groupLookups === 1 ? json(502, { error: 'bad gateway' }) : undefined
      },
    })
    const provisioner = provisionerFor(turso)

    await expect(provisioner.ensureDatabase(DB_NAME)).rejects.toThrow(/failed with 502/)
    await expect(provisioner.ensureDatabase(DB_NAME)).resolves.toMatchObject({ created: true })
  })

  it('refuses a database that exists in another group, which the group token could not open', async () => {
    const turso = createFakeTurso({ databases: { [DB_NAME]: 'default' } })

    const error = await rejectionOf(provisionerFor(turso).ensureDatabase(DB_NAME))

    expect(error.message).toContain(`already exists in group 'default', not in '${GROUP}'`)
  })

  it('refuses options that could not address a Turso organisation or group', () => {
    const fetch = createFakeTurso().fetch
    expect(() => createTursoProvisioner({ org: '', apiToken: API_TOKEN, group: GROUP, fetch })).toThrow(/org/)
    expect(() => createTursoProvisioner({ org: ORG, apiToken: ' ', group: GROUP, fetch })).toThrow(/apiToken/)
    expect(() => createTursoProvisioner({ org: ORG, apiToken: API_TOKEN, group: 'Bin An', fetch })).toThrow(/Invalid Turso group name/)
  })
})
