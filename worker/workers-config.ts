import * as v from 'valibot'
import type { DbLocation } from '../db/types.ts'
import type { AppConfig } from './env.ts'
import type { HttpMailConfig } from './mail/http-transport.ts'
import { MAIL_FROM_PATTERN } from './mail/mail.ts'
import { BareOrigin, OriginList, resolveOrigins } from './origins.ts'
import type { LogLevel } from './logger.ts'
import type { TenantRecord } from './tenancy/tenant-resolver.ts'

/** Vars (wrangler.toml) and secrets (`wrangler secret put`) the Worker reads. Documented in .dev.vars.example. */
export interface WorkerEnv {
  ENVIRONMENT?: string
  LOG_LEVEL?: string
  TENANT_CACHE_TTL_MS?: string
  MAX_BODY_BYTES?: string
  /** Var: counts 1…k−1 are withheld on central screens (default 5; decision 0042). */
  SUPPRESSION_K?: string
  /** Var: hours after which a province's snapshot is flagged stale (default 36). */
  SNAPSHOT_STALE_HOURS?: string
  /** Secret: the control-plane database, e.g. libsql://binhan-control-<org>.turso.io */
  CONTROL_DB_URL?: string
  /** Secret: token for the control database. */
  CONTROL_DB_AUTH_TOKEN?: string
  /** Secret: one group token that opens every province database of the Turso group. */
  TURSO_GROUP_AUTH_TOKEN?: string
  /**
   * Development only: base URL of the local libSQL HTTP endpoint (scripts/lib/local-libsql-server.ts).
   * Lets the Worker reach provinces provisioned as embedded files. Refused in production.
   */
  LOCAL_LIBSQL_URL?: string
  /** Var, required in production: the origin browsers use, e.g. https://binhan.example.gov.vn (README "Security"). */
  PUBLIC_ORIGIN?: string
  /** Var: comma-separated further origins allowed to make state-changing requests. */
  TRUSTED_ORIGINS?: string
  /** Secret: salt for hashing client addresses (audit trail, login throttle). Required in production. */
  AUDIT_SALT?: string
  /** Var: the HTTP mail API invite and reset links are sent through (Resend's JSON). Required in production. */
  MAIL_API_URL?: string
  /** Secret: its bearer token. */
  MAIL_API_TOKEN?: string
  /** Var: the sender, e.g. `Bình An <no-reply@binhan.example.gov.vn>`. Required with MAIL_API_URL. */
  MAIL_FROM?: string
  /** Var: where `tenant.unavailable` / `tenant.recovered` alerts are POSTed as JSON (decision 0040); none without it. */
  ALERT_WEBHOOK_URL?: string
  /** Var: the Turso organisation slug onboarding creates province databases in (decision 0031). */
  TURSO_ORG?: string
  /** Var: the one group holding every province database (default `binhan`). */
  TURSO_GROUP?: string
  /** Var: the group's primary location, used only if onboarding has to create the group (e.g. aws-ap-south-1). */
  TURSO_LOCATION?: string
  /** Var, tests and local runs only: a stand-in for the Platform API (https://api.turso.tech/v1 otherwise). */
  TURSO_API_URL?: string
  /**
   * Secret: the organisation-wide Platform API token. Read only by the onboarding run
   * (worker/provision/onboarding-config.ts), never by readWorkerConfig or a request.
   */
  TURSO_API_TOKEN?: string
  /** The onboarding Workflow (wrangler.toml [[workflows]]). */
  ONBOARDING?: import('./provision/start-onboarding.ts').OnboardingWorkflowBinding
  /** The R2 bucket of evidence files (wrangler.toml [[r2_buckets]], decision 0038). */
  EVIDENCE?: import('./storage/blob-store.r2.ts').R2BucketLike
  /** The static-assets binding (wrangler.toml [assets] binding): the Worker reads /assets/* through it. */
  ASSETS?: { fetch(request: Request): Promise<Response> }
}

const IntString = (fallback: number) => v.optional(v.pipe(v.string(), v.regex(/^\d+$/, 'must be a whole number'), v.transform(Number)), String(fallback))

const HttpUrl = v.pipe(v.string(), v.regex(/^(libsql|https?):\/\//, 'must be a libsql://, https:// or http:// URL'))

const WorkerEnvSchema = v.object({
  ENVIRONMENT: v.optional(v.picklist(['development', 'test', 'production']), 'production'),
  LOG_LEVEL: v.optional(v.picklist(['debug', 'info', 'warn', 'error', 'silent']), 'info'),
  TENANT_CACHE_TTL_MS: IntString(30_000),
  MAX_BODY_BYTES: IntString(1_048_576),
  SUPPRESSION_K: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d+$/, 'must be a whole number'),
      v.transform(Number),
      v.minValue(2, 'must be at least 2'),
      v.maxValue(50, 'must be at most 50'),
    ),
    '5',
  ),
  SNAPSHOT_STALE_HOURS: IntString(36),
  CONTROL_DB_URL: HttpUrl,
  CONTROL_DB_AUTH_TOKEN: v.optional(v.string()),
  TURSO_GROUP_AUTH_TOKEN: v.optional(v.string()),
  LOCAL_LIBSQL_URL: v.optional(v.pipe(v.string(), v.regex(/^https?:\/\//, 'must be an http(s):// URL'))),
  PUBLIC_ORIGIN: v.optional(BareOrigin),
  TRUSTED_ORIGINS: v.optional(OriginList),
  AUDIT_SALT: v.optional(v.pipe(v.string(), v.minLength(16, 'must be at least 16 characters'))),
  MAIL_API_URL: v.optional(v.pipe(v.string(), v.regex(/^https?:\/\/[^\s]+$/, 'must be an http(s):// URL'))),
  MAIL_API_TOKEN: v.optional(v.string()),
  ALERT_WEBHOOK_URL: v.optional(v.pipe(v.string(), v.url('must be a URL'), v.regex(/^https?:\/\//, 'must be an http(s):// URL'))),
  MAIL_FROM: v.optional(v.pipe(v.string(), v.regex(MAIL_FROM_PATTERN, 'must be an address, optionally with a name: Bình An <no-reply@example.gov.vn>'))),
})

export interface WorkerConfig {
  app: AppConfig
  logLevel: LogLevel
  tenantCacheTtlMs: number
  controlDb: DbLocation
  tursoGroupAuthToken: string | undefined
  localLibsqlUrl: string | undefined
  /** Absent outside production when not configured: invites and resets then answer 503 mail_not_configured. */
  mail: HttpMailConfig | undefined
  /** ALERT_WEBHOOK_URL, https in production; undefined: alerts only in the log. */
  alertWebhookUrl: string | undefined
}

// Read by the onboarding run alone (worker/provision/onboarding-config.ts): the token never enters WorkerConfig.
const ONBOARDING_ONLY = new Set(['TURSO_ORG', 'TURSO_GROUP', 'TURSO_LOCATION', 'TURSO_API_URL', 'TURSO_API_TOKEN'])

/** Parses the Worker's env; names the offending variable (never its value: some are secrets). */
export function readWorkerConfig(env: WorkerEnv): WorkerConfig {
  const defined = Object.fromEntries(Object.entries(env).filter(([name, value]) => !ONBOARDING_ONLY.has(name) && typeof value === 'string' && value !== ''))
  const result = v.safeParse(WorkerEnvSchema, defined)
  if (!result.success) {
    const names = result.issues.map((issue) => `${v.getDotPath(issue) ?? '?'}: ${issue.message}`)
    throw new Error(`Invalid Worker configuration: ${names.join('; ')}`)
  }
  const e = result.output
  if (e.ENVIRONMENT === 'production' && !e.AUDIT_SALT) {
    throw new Error('Invalid Worker configuration: AUDIT_SALT is required in production (wrangler secret put AUDIT_SALT)')
  }
  if (e.ENVIRONMENT === 'production' && !e.MAIL_API_URL) {
    throw new Error('Invalid Worker configuration: MAIL_API_URL is required in production (invite and reset links are sent by e-mail)')
  }
  if (e.ENVIRONMENT === 'production' && e.MAIL_API_URL?.startsWith('http://')) {
    throw new Error('Invalid Worker configuration: MAIL_API_URL must be https:// in production')
  }
  if (e.MAIL_API_URL && !e.MAIL_FROM) {
    throw new Error('Invalid Worker configuration: MAIL_FROM is required with MAIL_API_URL')
  }
  if (e.ENVIRONMENT === 'production' && e.ALERT_WEBHOOK_URL?.startsWith('http://')) {
    throw new Error('Invalid Worker configuration: ALERT_WEBHOOK_URL must be https:// in production')
  }
  if (e.ENVIRONMENT === 'production' && e.LOCAL_LIBSQL_URL) {
    throw new Error('Invalid Worker configuration: LOCAL_LIBSQL_URL is a development tool and is refused in production')
  }
  let origins: ReturnType<typeof resolveOrigins>
  try {
    // Outside production: wrangler dev's own port (8787).
    origins = resolveOrigins({ environment: e.ENVIRONMENT, publicOrigin: e.PUBLIC_ORIGIN, trustedOrigins: e.TRUSTED_ORIGINS, port: 8787 })
  } catch (err) {
    throw new Error(`Invalid Worker configuration: ${err instanceof Error ? err.message : String(err)}`)
  }
  return {
    app: {
      environment: e.ENVIRONMENT,
      maxBodyBytes: e.MAX_BODY_BYTES,
      ...origins,
      auditSalt: e.AUDIT_SALT ?? 'development-only-audit-salt',
      central: { k: e.SUPPRESSION_K, staleAfterMs: e.SNAPSHOT_STALE_HOURS * 3_600_000 },
    },
    logLevel: e.LOG_LEVEL,
    tenantCacheTtlMs: e.TENANT_CACHE_TTL_MS,
    controlDb: { url: e.CONTROL_DB_URL, authToken: e.CONTROL_DB_AUTH_TOKEN },
    tursoGroupAuthToken: e.TURSO_GROUP_AUTH_TOKEN,
    localLibsqlUrl: e.LOCAL_LIBSQL_URL,
    mail: e.MAIL_API_URL && e.MAIL_FROM ? { url: e.MAIL_API_URL, token: e.MAIL_API_TOKEN, from: e.MAIL_FROM } : undefined,
    alertWebhookUrl: e.ALERT_WEBHOOK_URL,
  }
}

/**
 * Workers reach databases over HTTP only: Turso URLs as registered, and (in development) embedded
 * province files through the local libSQL endpoint, which serves `<dataDir>/tenants/<dbName>.db`
 * at `<LOCAL_LIBSQL_URL>/<dbName>/`.
 */
export function locateTenantDbForWorkers(config: Pick<WorkerConfig, 'tursoGroupAuthToken' | 'localLibsqlUrl'>) {
  return (tenant: Pick<TenantRecord, 'provider' | 'dbName' | 'dbLocation'>): DbLocation => {
    // Development and tests: the local endpoint also stands in for Turso's hosts, so a province onboarded through
    // the Platform API stand-in (scripts/lib/turso-api-stand-in.ts) is served from its file. Refused in production.
    if (tenant.provider === 'turso' && config.localLibsqlUrl && tenant.dbLocation) {
      return { url: `${config.localLibsqlUrl.replace(/\/+$/, '')}/${tenant.dbName}/` }
    }
    if (tenant.provider === 'turso') {
      if (!tenant.dbLocation) throw new Error('Tenant database has not been provisioned yet')
      return { url: tenant.dbLocation, authToken: config.tursoGroupAuthToken }
    }
    if (!config.localLibsqlUrl) {
      throw new Error('An embedded province database is not reachable from Workers without LOCAL_LIBSQL_URL')
    }
    return { url: `${config.localLibsqlUrl.replace(/\/+$/, '')}/${tenant.dbName}/` }
  }
}
