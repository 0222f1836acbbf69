// Real libSQL files in a fresh temp directory per test file: no mocks, nothing shared between files.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileIdentityOf, openExistingTenantDb } from '../../db/client.node.ts'
import { createNodePlatform, prepareControlDb, type NodePlatform } from '../../worker/provision/node-platform.ts'
import { locateTenantDbForNode } from '../../db/provision/locate.ts'
import { createApp } from '../../worker/app.ts'
import type { AppDeps } from '../../worker/env.ts'
import type { Logger, LogFields } from '../../worker/logger.ts'
import { DEVELOPMENT_MAIL_FROM } from '../../worker/mail/mail.ts'
import { createDevOutbox } from '../../worker/mail/outbox.node.ts'
import { createFileBlobStore } from '../../worker/storage/blob-store.node.ts'
import { readNodeConfig, type NodeConfig } from '../../worker/node-config.ts'
import { nodeDeepCheck } from '../../worker/tenancy/deep-check.node.ts'
import { createTenantResolver, type TenantResolver } from '../../worker/tenancy/tenant-resolver.ts'

export interface TestPlatform extends NodePlatform {
  config: NodeConfig
  dataDir: string
  cleanup(): void
}

/** A data directory with a migrated control database holding the real administrative units. */
export async function createTestPlatform(env: Record<string, string> = {}): Promise<TestPlatform> {
  const dataDir = mkdtempSync(join(tmpdir(), 'binhan-test-'))
  const config = readNodeConfig({ DATA_DIR: dataDir, NODE_ENV: 'test', ...env })
  const platform = createNodePlatform(config)
  await prepareControlDb(platform.control, new Date())
  return {
    ...platform,
    config,
    dataDir,
    cleanup: () => {
      platform.control.$client.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}

export interface LogLine {
  level: 'info' | 'warn' | 'error'
  event: string
  fields: LogFields
}

/** Keeps log lines in memory so tests can assert what is (and is not) logged. */
export function createMemoryLogger(): Logger & { lines: LogLine[] } {
  const lines: LogLine[] = []
  const push =
    (level: LogLine['level']) =>
    (event: string, fields: LogFields = {}) => {
      lines.push({ level, event, fields })
    }
  return { lines, info: push('info'), warn: push('warn'), error: push('error') }
}

/** The resolver as worker/entry.node.ts builds it: files that must exist, their inode watched, checks in a child process. */
export function createNodeTenantResolver(platform: TestPlatform, ttlMs = 30_000, logger: Logger = createMemoryLogger()): TenantResolver {
  return createTenantResolver({
    control: platform.control,
    locate: locateTenantDbForNode({ dataDir: platform.dataDir }),
    open: openExistingTenantDb,
    fileIdentity: fileIdentityOf,
    deepCheck: nodeDeepCheck(),
    logger,
    nowMs: () => Date.now(),
    ttlMs,
  })
}

export interface TestApp {
  app: ReturnType<typeof createApp>
  deps: AppDeps
  logger: ReturnType<typeof createMemoryLogger>
  /**
   * `app.request` as a same-origin browser would send it: state-changing requests carry
   * `Origin: http://localhost` unless the test sets its own (or `origin: null` to send none).
   */
  request(path: string, init?: RequestInit & { origin?: string | null }): Promise<Response>
}

export const TEST_ORIGIN = 'http://localhost'

/** Where the test app's development outbox writes (.eml and .json per message). */
export const outboxDir = (platform: TestPlatform) => join(platform.dataDir, 'outbox')

export function createTestApp(platform: TestPlatform, overrides: Partial<AppDeps> = {}): TestApp {
  const logger = createMemoryLogger()
  // The real development outbox, in the platform's data directory: tests read the links where recipients would.
  const outbox = createDevOutbox(outboxDir(platform), DEVELOPMENT_MAIL_FROM)
  const deps: AppDeps = {
    config: { environment: 'test', maxBodyBytes: 64 * 1024, publicOrigin: TEST_ORIGIN, trustedOrigins: [], auditSalt: 'test-only-audit-salt' },
    control: platform.control,
    tenants: createNodeTenantResolver(platform, 30_000, logger),
    clock: { now: () => new Date('2026-11-24T03:00:00.000Z') },
    logger,
    // Tests choose the client address with this header; the real runtimes never read it.
    clientAddress: (c) => c.req.header('x-test-client-address') ?? '192.0.2.1',
    mail: outbox,
    devOutbox: outbox,
    blobs: createFileBlobStore(join(platform.dataDir, 'attachments')),
    ...overrides,
  }
  const app = createApp(deps)
  return {
    app,
    deps,
    logger,
    request: async (path, init = {}) => {
      const { origin, ...rest } = init
      const headers = new Headers(rest.headers)
      const method = (rest.method ?? 'GET').toUpperCase()
      if (origin !== null && !['GET', 'HEAD', 'OPTIONS'].includes(method) && !headers.has('origin')) headers.set('origin', origin ?? TEST_ORIGIN)
      return app.request(path, { ...rest, headers })
    },
  }
}

/** A JSON request body with its content type. */
export function jsonBody(method: string, body: unknown, headers: Record<string, string> = {}): RequestInit {
  return { method, headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) }
}
