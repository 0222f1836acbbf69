import { availableParallelism } from 'node:os'
import { resolve } from 'node:path'
import * as v from 'valibot'
import type { LogLevel } from './logger.ts'
import type { CentralSettings } from './services/central-summary.ts'
import { DEVELOPMENT_MAIL_FROM, MAIL_FROM_PATTERN } from './mail/mail.ts'
import { BareOrigin, OriginList, resolveOrigins } from './origins.ts'

const IntFromEnv = (fallback: number) => v.optional(v.pipe(v.string(), v.regex(/^\d+$/, 'must be a whole number'), v.transform(Number)), String(fallback))

/** More processes than this only add contention on the database files' write lock. */
const MAX_WORKERS = 64

const NodeEnvSchema = v.object({
  PORT: IntFromEnv(8787),
  HOST: v.optional(v.string(), '127.0.0.1'),
  DATA_DIR: v.optional(v.pipe(v.string(), v.minLength(1)), './data'),
  NODE_ENV: v.optional(v.picklist(['development', 'test', 'production']), 'development'),
  LOG_LEVEL: v.optional(v.picklist(['debug', 'info', 'warn', 'error', 'silent']), 'info'),
  TENANT_CACHE_TTL_MS: IntFromEnv(30_000),
  MAX_BODY_BYTES: IntFromEnv(1_048_576),
  /** Central overview (decision 0042): counts 1…k−1 withheld; hours after which a snapshot is flagged stale. */
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
  SNAPSHOT_STALE_HOURS: IntFromEnv(36),
  /** Comma-separated province codes onboarded at first start; empty in production unless set. */
  DEMO_PROVINCES: v.optional(v.string()),
  PROVISIONER: v.optional(v.picklist(['embedded', 'turso']), 'embedded'),
  CONTROL_DB_URL: v.optional(v.string()),
  CONTROL_DB_AUTH_TOKEN: v.optional(v.string()),
  TURSO_ORG: v.optional(v.string()),
  TURSO_API_TOKEN: v.optional(v.string()),
  TURSO_GROUP: v.optional(v.string(), 'binhan'),
  TURSO_LOCATION: v.optional(v.string()),
  TURSO_GROUP_AUTH_TOKEN: v.optional(v.string()),
  PUBLIC_ORIGIN: v.optional(BareOrigin),
  TRUSTED_ORIGINS: v.optional(OriginList),
  AUDIT_SALT: v.optional(v.pipe(v.string(), v.minLength(16, 'must be at least 16 characters'))),
  /** Reverse proxies in front of the server that each append the address they saw to X-Forwarded-For. */
  TRUST_PROXY_HOPS: v.optional(v.pipe(v.string(), v.regex(/^\d+$/, 'must be a whole number'), v.transform(Number), v.maxValue(5, 'must be at most 5')), '0'),
  // Refused rather than ignored: it trusted the left-most X-Forwarded-For entry, which the client writes.
  TRUST_PROXY: v.optional(v.never('is no longer supported: set TRUST_PROXY_HOPS to the number of reverse proxies in front (usually 1)')),
  DEMO_PASSWORD: v.optional(v.string()),
  SMTP_URL: v.optional(
    v.pipe(v.string(), v.url('must be a URL'), v.regex(/^smtps?:\/\/[^/?#]+\/?$/, 'must be smtp://[user:password@]host[:port] or smtps://…')),
  ),
  MAIL_FROM: v.optional(v.pipe(v.string(), v.regex(MAIL_FROM_PATTERN, 'must be an address, optionally with a name: Bình An <no-reply@example.gov.vn>'))),
  /** Where `tenant.unavailable` / `tenant.recovered` alerts are POSTed (decision 0040); https in production. */
  ALERT_WEBHOOK_URL: v.optional(v.pipe(v.string(), v.url('must be a URL'), v.regex(/^https?:\/\//, 'must be an http(s):// URL'))),
  /** Serving processes (decision 0024); 1 serves from the one process, as before. */
  WEB_CONCURRENCY: v.optional(
    v.pipe(
      v.string(),
      v.regex(/^\d+$/, 'must be a whole number'),
      v.transform(Number),
      v.minValue(1, 'must be at least 1'),
      v.maxValue(MAX_WORKERS, `must be at most ${MAX_WORKERS}`),
    ),
  ),
})

export interface NodeConfig {
  port: number
  host: string
  dataDir: string
  environment: 'development' | 'test' | 'production'
  logLevel: LogLevel
  tenantCacheTtlMs: number
  maxBodyBytes: number
  demoProvinces: string[]
  provisioner: 'embedded' | 'turso'
  controlDb: { url: string; authToken: string | undefined }
  turso: { org: string | undefined; apiToken: string | undefined; group: string; location: string | undefined; groupAuthToken: string | undefined }
  /** The origin browsers use (README "Security"): CSRF checks and the cookie's Secure flag follow it. */
  publicOrigin: string
  trustedOrigins: string[]
  auditSalt: string
  /** How many reverse proxies in front append to X-Forwarded-For; 0 takes the socket's address. */
  trustProxyHops: number
  /** Demo users' password; undefined in production (no demo users there). */
  demoPassword: string | undefined
  /** SMTP for invite and reset links; without a URL, the development outbox (worker/mail/node-mail.ts). */
  mail: { smtpUrl: string | undefined; from: string }
  /** ALERT_WEBHOOK_URL; undefined: alerts only in the log. */
  alertWebhookUrl: string | undefined
  central: CentralSettings
  /** Serving processes: the available cores unless WEB_CONCURRENCY says otherwise; 1 = a single process. */
  workers: number
}

/** The documented development default (README). Never used when NODE_ENV=production. */
export const DEFAULT_DEMO_PASSWORD = 'binh-an-demo-2026'
const DEVELOPMENT_AUDIT_SALT = 'development-only-audit-salt'

/** Parses the process environment once at startup; a bad value stops the process with the variable's name. */
export function readNodeConfig(env: Record<string, string | undefined> = process.env): NodeConfig {
  const result = v.safeParse(NodeEnvSchema, pickDefined(env))
  if (!result.success) {
    const lines = result.issues.map((i) => `${v.getDotPath(i) ?? '?'}: ${i.message}`)
    throw new Error(`Invalid configuration:\n  ${lines.join('\n  ')}`)
  }
  const e = result.output
  const dataDir = resolve(e.DATA_DIR)
  const isProduction = e.NODE_ENV === 'production'
  if (e.SMTP_URL && !e.MAIL_FROM) {
    throw new Error('Invalid configuration:\n  MAIL_FROM: is required with SMTP_URL (the sender of invite and reset e-mails)')
  }
  if (isProduction && e.ALERT_WEBHOOK_URL?.startsWith('http://')) {
    throw new Error('Invalid configuration:\n  ALERT_WEBHOOK_URL: must be https:// in production (the alert names a province and its fault)')
  }
  if (isProduction && !e.AUDIT_SALT) {
    throw new Error('Invalid configuration:\n  AUDIT_SALT: is required in production (a random secret of at least 16 characters)')
  }
  const origins = withConfigError(() =>
    resolveOrigins({ environment: e.NODE_ENV, publicOrigin: e.PUBLIC_ORIGIN, trustedOrigins: e.TRUSTED_ORIGINS, port: e.PORT }),
  )
  return {
    port: e.PORT,
    host: e.HOST,
    dataDir,
    environment: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    tenantCacheTtlMs: e.TENANT_CACHE_TTL_MS,
    maxBodyBytes: e.MAX_BODY_BYTES,
    demoProvinces: (e.DEMO_PROVINCES ?? (isProduction ? '' : '82,01'))
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean),
    provisioner: e.PROVISIONER,
    controlDb: { url: e.CONTROL_DB_URL ?? `file:${dataDir}/control.db`, authToken: e.CONTROL_DB_AUTH_TOKEN },
    turso: {
      org: e.TURSO_ORG,
      apiToken: e.TURSO_API_TOKEN,
      group: e.TURSO_GROUP,
      location: e.TURSO_LOCATION,
      groupAuthToken: e.TURSO_GROUP_AUTH_TOKEN,
    },
    ...origins,
    auditSalt: e.AUDIT_SALT ?? DEVELOPMENT_AUDIT_SALT,
    trustProxyHops: e.TRUST_PROXY_HOPS,
    demoPassword: isProduction ? undefined : (e.DEMO_PASSWORD ?? DEFAULT_DEMO_PASSWORD),
    mail: { smtpUrl: e.SMTP_URL, from: e.MAIL_FROM ?? DEVELOPMENT_MAIL_FROM },
    alertWebhookUrl: e.ALERT_WEBHOOK_URL,
    central: { k: e.SUPPRESSION_K, staleAfterMs: e.SNAPSHOT_STALE_HOURS * 3_600_000 },
    workers: e.WEB_CONCURRENCY ?? Math.min(MAX_WORKERS, availableParallelism()),
  }
}

function withConfigError<T>(read: () => T): T {
  try {
    return read()
  } catch (err) {
    throw new Error(`Invalid configuration:\n  ${err instanceof Error ? err.message : String(err)}`)
  }
}

function pickDefined(env: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {}
  for (const [k, val] of Object.entries(env)) if (val !== undefined && val !== '') out[k] = val
  return out
}
