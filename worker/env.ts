import type { ControlDb } from '../db/types.ts'
import type { Logger } from './logger.ts'
import type { ResolvedTenant, TenantResolver } from './tenancy/tenant-resolver.ts'

export interface Clock {
  now(): Date
}

/** Settings the app itself reads; each entry point parses its environment into this shape. */
export interface AppConfig {
  /** 'production' turns off everything meant for demos and local development. */
  environment: 'development' | 'test' | 'production'
  /** Maximum JSON request body, in bytes. */
  maxBodyBytes: number
}

/** Everything stateful the app needs, built by an entry point (Node, Workers) or a test. */
export interface AppDeps {
  config: AppConfig
  control: ControlDb
  tenants: TenantResolver
  clock: Clock
  logger: Logger
}

export interface AppEnv {
  Variables: {
    deps: AppDeps
    requestId: string
    log: Logger
    /** Set by the tenancy middleware on /api/p/:province/… */
    tenant: ResolvedTenant
  }
}
