import type { Context } from 'hono'
import type { ControlDb } from '../db/types.ts'
import type { OnboardResult } from '../db/provision/onboard-tenant.ts'
import type { ImportParser } from './import/analyse-file.ts'
import type { ValidSession } from './auth/session.ts'
import type { Logger } from './logger.ts'
import type { DevOutbox, MailTransport } from './mail/mail.ts'
import type { ResolvedTenant, TenantResolver } from './tenancy/tenant-resolver.ts'
import type { AuditContext } from './audit-context.ts'
import type { StartedOnboarding } from './provision/start-onboarding.ts'
import type { BlobStore } from './storage/blob-store.ts'
import type { CentralSettings } from './services/central-summary.ts'

export interface Clock {
  now(): Date
}

/** Settings the app itself reads; each entry point parses its environment into this shape. */
export interface AppConfig {
  /** 'production' turns off everything meant for demos and local development. */
  environment: 'development' | 'test' | 'production'
  /** Maximum JSON request body, in bytes. */
  maxBodyBytes: number
  /**
   * The origin browsers use, from configuration, never from the request (behind a reverse proxy the request
   * URL is internal, and a Host header is whatever the client sent). A state-changing request must come from
   * it (CSRF); the session cookie is Secure when it is https; links sent to users start with it.
   */
  publicOrigin: string
  /** Further origins allowed to make state-changing requests. */
  trustedOrigins: readonly string[]
  /** Secret salt for hashing client addresses in the audit trail and the login throttle. */
  auditSalt: string
  /** The central overview's suppression threshold and staleness (decision 0042); DEFAULT_CENTRAL when absent. */
  central?: CentralSettings | undefined
}

/** Everything stateful the app needs, built by an entry point (Node, Workers) or a test. */
export interface AppDeps {
  config: AppConfig
  control: ControlDb
  tenants: TenantResolver
  clock: Clock
  logger: Logger
  /** The caller's network address as the runtime sees it (Workers: CF-Connecting-IP; Node: the socket or trusted proxy). */
  clientAddress(c: Context): string | undefined
  /** Sends invite and reset links to the account's address (decision 0018); absent: those answer 503 mail_not_configured. */
  mail?: MailTransport | undefined
  /** Development only: the local outbox's messages, listed at GET /api/dev/outbox (never mounted in production). */
  devOutbox?: DevOutbox | undefined
  /**
   * Where uploaded lists are read and checked: worker threads on Node (import/import-parser.node.ts); absent,
   * inline in the request (Workers, tests). Decision 0019.
   */
  parseImport?: ImportParser | undefined
  /** Node: onboards a province end to end within the request (docs/decisions/0005). */
  onboardProvince?: ((provinceCode: string) => Promise<OnboardResult>) | undefined
  /** Workers: starts an onboarding run that goes on after the request (a Workflow, decision 0031); absent unless configured. */
  startOnboarding?: ((provinceCode: string, ctx: AuditContext) => Promise<StartedOnboarding>) | undefined
  /**
   * Where evidence files' bytes live (decision 0038): R2 on Workers (binding EVIDENCE), DATA_DIR/attachments on
   * Node. Absent: the attachment routes answer 503 not_available.
   */
  blobs?: BlobStore | undefined
}

export interface AppEnv {
  Variables: {
    deps: AppDeps
    requestId: string
    log: Logger
    /** Set by the tenancy middleware on /api/p/:province/… */
    tenant: ResolvedTenant
    /** Set by the authentication middleware when a valid session cookie came with the request. */
    session: ValidSession | undefined
  }
}
