import * as v from 'valibot'
import type { ProvisionedDatabase, Provisioner } from './provisioner.ts'

/**
 * Turso provisioner: one Turso database per province, all in ONE group.
 *
 * Why direct `fetch` instead of `@tursodatabase/api` (v2.0.5; not a dependency, decision 0002):
 * - its `createClient({ org, token, baseUrl })` has no `fetch` option; every call goes through the
 *   global `fetch`, so tests could only fake it by patching a global shared by every test file;
 * - its ESM build exports only `createClient`: `TursoClientError`, declared in its types, is
 *   `undefined` at runtime, so callers cannot tell a 404 or a 409 from any other failure;
 * - it imports the `whatwg-fetch` polyfill, dead weight in the Worker bundle.
 * The three endpoints used here are small and documented, so we call them with an injected fetch.
 *
 * Which token the Worker uses to open tenant databases (not minted here, on purpose):
 * ONE group-level token, `turso group tokens create <group>`, stored as the Worker secret
 * `TURSO_GROUP_AUTH_TOKEN` (`wrangler secret put TURSO_GROUP_AUTH_TOKEN`). A group token opens
 * every database of the group, including databases created after it was minted, so onboarding a
 * province needs no new secret and no per-database token bookkeeping. That is also why a database
 * found in ANOTHER group is an error below: the group token could not open it. Rotate with
 * `turso group tokens invalidate <group>`, then mint and store a new one.
 *
 * The `apiToken` given here is a different, organisation-wide Platform API token
 * (`turso auth api-tokens mint <name>`); it must only reach the onboarding path, never tenant
 * queries, and never appears in an error message.
 */

export interface TursoProvisionerOptions {
  /** Organisation (or personal account) slug that owns the databases. */
  org: string
  /** Platform API token, sent as `Authorization: Bearer`. */
  apiToken: string
  /** The one group holding every province database, e.g. 'binhan'. */
  group: string
  /**
   * Primary location used only if the group does not exist yet (e.g. 'aws-ap-south-1').
   * Databases have no location of their own on Turso: they live where their group lives.
   * Without it a missing group is reported instead of created.
   */
  location?: string | undefined
  /** The Platform API's base URL; a local stand-in in tests (scripts/lib/turso-api-stand-in.ts). */
  apiBaseUrl?: string | undefined
  /** Injected for tests and for runtimes that need a bound fetch; defaults to the global one. */
  fetch?: typeof fetch | undefined
}

/** Thrown for every provisioning failure; `status` is the HTTP status when Turso answered. */
export class TursoProvisioningError extends Error {
  readonly status: number | undefined

  constructor(message: string, status?: number) {
    super(message)
    this.name = 'TursoProvisioningError'
    this.status = status
  }
}

const PLATFORM_API_BASE = 'https://api.turso.tech/v1'
// Onboarding runs inside a request (Node) or a Workflow step (Workers): a hung call must fail, not hold it forever.
const REQUEST_TIMEOUT_MS = 15_000
// Turso's rule for database and group names: lowercase letters, digits, dashes, at most 32.
const TURSO_NAME_MAX_LENGTH = 32
const TURSO_NAME_PATTERN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/
// The hostname becomes a libsql:// URL stored in the registry, so it must be a bare host.
const HOSTNAME_PATTERN = /^[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?$/i
const MAX_API_MESSAGE_LENGTH = 300

const DatabaseResponseSchema = v.object({
  database: v.object({
    Name: v.string(),
    Hostname: v.pipe(v.string(), v.regex(HOSTNAME_PATTERN)),
    // Present on GET, absent on the create answer.
    group: v.optional(v.nullable(v.string())),
  }),
})
type TursoDatabase = v.InferOutput<typeof DatabaseResponseSchema>['database']

const ErrorResponseSchema = v.object({ error: v.string() })

interface ApiRequest {
  method: 'GET' | 'POST'
  path: string
  body?: Record<string, string>
}

interface ApiResponse {
  status: number
  body: unknown
}

type PlatformApi = (request: ApiRequest) => Promise<ApiResponse>

export function createTursoProvisioner(opts: TursoProvisionerOptions): Provisioner {
  assertUsableOptions(opts)
  const api = createPlatformApi(opts)
  const orgPath = `/organizations/${encodeURIComponent(opts.org)}`
  const ensureGroup = memoizeUntilFailure(() => ensureGroupExists(api, orgPath, opts))

  return {
    provider: 'turso',
    async ensureDatabase(dbName: string): Promise<ProvisionedDatabase> {
      assertValidTursoName(dbName, 'database')
      const existing = await findDatabase(api, orgPath, dbName)
      if (existing) return reuse(existing, dbName, opts.group)

      await ensureGroup()
      return createDatabase(api, orgPath, dbName, opts.group)
    },
  }
}

async function findDatabase(api: PlatformApi, orgPath: string, dbName: string): Promise<TursoDatabase | null> {
  const request: ApiRequest = { method: 'GET', path: `${orgPath}/databases/${dbName}` }
  const response = await api(request)
  if (response.status === 404) return null
  if (response.status !== 200) throw apiFailure(request, response)
  return parseDatabase(request, response)
}

async function createDatabase(api: PlatformApi, orgPath: string, dbName: string, group: string): Promise<ProvisionedDatabase> {
  const request: ApiRequest = { method: 'POST', path: `${orgPath}/databases`, body: { name: dbName, group } }
  const response = await api(request)
  if (response.status === 200 || response.status === 201) {
    return { location: libsqlUrl(parseDatabase(request, response)), created: true }
  }
  // 409 is the documented "already exists"; the Turso CLI reads 422 as "name not available".
  // Either can mean another onboarding run created it between our GET and POST: look again.
  if (response.status === 409 || response.status === 422) {
    const raced = await findDatabase(api, orgPath, dbName)
    if (raced) return reuse(raced, dbName, group)
  }
  throw apiFailure(request, response)
}

function reuse(database: TursoDatabase, dbName: string, group: string): ProvisionedDatabase {
  if (database.group && database.group !== group) {
    throw new TursoProvisioningError(
      `Turso database '${dbName}' already exists in group '${database.group}', not in '${group}': ` +
        `the group token the Worker uses could not open it. Move or delete it, then retry.`,
    )
  }
  return { location: libsqlUrl(database), created: false }
}

async function ensureGroupExists(api: PlatformApi, orgPath: string, opts: TursoProvisionerOptions): Promise<void> {
  const lookup: ApiRequest = { method: 'GET', path: `${orgPath}/groups/${opts.group}` }
  const found = await api(lookup)
  if (found.status === 200) return
  if (found.status !== 404) throw apiFailure(lookup, found)

  if (!opts.location) {
    throw new TursoProvisioningError(
      `Turso group '${opts.group}' does not exist in organisation '${opts.org}'. Create it once ` +
        `(turso group create ${opts.group} --location <location>) or configure a location to create it here.`,
      404,
    )
  }
  const create: ApiRequest = {
    method: 'POST',
    path: `${orgPath}/groups`,
    body: { name: opts.group, location: opts.location },
  }
  const created = await api(create)
  // 409: a concurrent run created the group first, which is what we wanted.
  if (created.status === 200 || created.status === 201 || created.status === 409) return
  throw apiFailure(create, created)
}

function parseDatabase(request: ApiRequest, response: ApiResponse): TursoDatabase {
  const parsed = v.safeParse(DatabaseResponseSchema, response.body)
  if (!parsed.success) {
    throw new TursoProvisioningError(
      `Turso Platform API ${describe(request)} answered ${response.status} without a usable ` + `database.Hostname; the API may have changed.`,
      response.status,
    )
  }
  return parsed.output.database
}

function libsqlUrl(database: TursoDatabase): string {
  return `libsql://${database.Hostname.toLowerCase()}`
}

function createPlatformApi(opts: TursoProvisionerOptions): PlatformApi {
  // Wrapped rather than stored: workerd rejects a detached global fetch with "Illegal invocation".
  const fetchImpl: typeof fetch = opts.fetch ?? ((input, init) => fetch(input, init))
  const redact = redactor(opts.apiToken)
  const base = (opts.apiBaseUrl ?? PLATFORM_API_BASE).replace(/\/+$/, '')

  return async (request) => {
    let response: Response
    try {
      response = await fetchImpl(`${base}${request.path}`, {
        method: request.method,
        headers: requestHeaders(opts.apiToken, request),
        ...(request.body ? { body: JSON.stringify(request.body) } : {}),
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      })
    } catch (error) {
      // Only the message travels on, never the error object: it is not ours to vouch for.
      throw new TursoProvisioningError(redact(`Turso Platform API unreachable (${describe(request)}): ${networkErrorMessage(error)}`))
    }
    return { status: response.status, body: await readBody(response, redact) }
  }
}

function requestHeaders(apiToken: string, request: ApiRequest): Record<string, string> {
  const headers: Record<string, string> = { Authorization: `Bearer ${apiToken}`, Accept: 'application/json' }
  if (request.body) headers['Content-Type'] = 'application/json'
  return headers
}

/**
 * JSON when it parses, otherwise the text, so error messages can still quote it. Redacted before
 * parsing so an echoed token cannot reach an error message through either path.
 */
async function readBody(response: Response, redact: (text: string) => string): Promise<unknown> {
  const text = redact(await response.text().catch(() => ''))
  if (text === '') return undefined
  try {
    return JSON.parse(text)
  } catch {
    return text
  }
}

function apiFailure(request: ApiRequest, response: ApiResponse): TursoProvisioningError {
  const detail = apiMessage(response.body)
  const hint = statusHint(response.status)
  return new TursoProvisioningError(
    `Turso Platform API ${describe(request)} failed with ${response.status}` + (detail ? `: ${detail}` : '') + (hint ? ` (${hint})` : ''),
    response.status,
  )
}

function apiMessage(body: unknown): string {
  const parsed = v.safeParse(ErrorResponseSchema, body)
  const message = parsed.success ? parsed.output.error : typeof body === 'string' ? body : ''
  return message.trim().slice(0, MAX_API_MESSAGE_LENGTH)
}

function statusHint(status: number): string {
  if (status === 401) return 'the Platform API token is invalid or expired; mint a new one with `turso auth api-tokens mint`'
  if (status === 403) return 'the Platform API token has no access to this organisation'
  if (status === 402) return 'the Turso organisation has no active plan or hit its database limit'
  if (status >= 500) return 'Turso is failing on its side; retry later'
  return ''
}

function describe(request: ApiRequest): string {
  return `${request.method} ${request.path}`
}

function networkErrorMessage(error: unknown): string {
  if (!(error instanceof Error)) return String(error)
  const cause = error.cause instanceof Error ? ` (${error.cause.message})` : ''
  return `${error.message}${cause}`
}

/** The token is never interpolated on purpose; this guards against Turso or a proxy echoing it. */
function redactor(secret: string): (text: string) => string {
  return (text) => text.split(secret).join('[redacted]')
}

/**
 * Caches a successful run (the group check happens once per provisioner) but forgets a failed one,
 * so a transient error or a group created by hand afterwards does not poison later calls.
 */
function memoizeUntilFailure(run: () => Promise<void>): () => Promise<void> {
  let pending: Promise<void> | undefined
  return () => {
    pending ??= run().catch((error: unknown) => {
      pending = undefined
      throw error
    })
    return pending
  }
}

function assertUsableOptions(opts: TursoProvisionerOptions): void {
  if (opts.org.trim() === '') throw new TursoProvisioningError('Turso provisioner needs an organisation slug (org).')
  if (opts.apiToken.trim() === '') throw new TursoProvisioningError('Turso provisioner needs a Platform API token (apiToken).')
  assertValidTursoName(opts.group, 'group')
  if (opts.location !== undefined && opts.location.trim() === '') {
    throw new TursoProvisioningError('Turso provisioner location, when given, must not be empty.')
  }
}

function assertValidTursoName(name: string, kind: 'database' | 'group'): void {
  if (name.length > TURSO_NAME_MAX_LENGTH || !TURSO_NAME_PATTERN.test(name)) {
    throw new TursoProvisioningError(
      `Invalid Turso ${kind} name ${JSON.stringify(name)}: use 1-${TURSO_NAME_MAX_LENGTH} lowercase letters, ` + `digits and inner dashes.`,
    )
  }
}
