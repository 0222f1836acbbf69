// Runs in Node before the workerd suite: real province databases on disk, served over libSQL HTTP.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { bootstrapNode } from '../../db/provision/bootstrap.ts'
import { createNodePlatform } from '../../db/provision/node-platform.ts'
import { suspendTenant } from '../../db/provision/tenant-status.ts'
import { createJsonLogger } from '../../worker/logger.ts'
import { readNodeConfig } from '../../worker/node-config.ts'
import { startLocalLibsqlServer } from '../../scripts/lib/local-libsql-server.ts'

declare module 'vitest' {
  interface ProvidedContext {
    libsqlUrl: string
  }
}

export default async function setup(project: TestProject) {
  // wrangler.toml points the assets binding at web/dist; the suite tests the API, so an empty dir will do.
  mkdirSync('web/dist', { recursive: true })
  const dataDir = mkdtempSync(join(tmpdir(), 'binhan-workerd-'))
  const config = readNodeConfig({ DATA_DIR: dataDir, NODE_ENV: 'test', DEMO_PROVINCES: '82,01,31' })
  const platform = createNodePlatform(config)
  await bootstrapNode(platform, config.demoProvinces, createJsonLogger('silent'))
  await suspendTenant(platform.control, '31', new Date())
  platform.control.$client.close()

  const server = await startLocalLibsqlServer({ dataDir })
  project.provide('libsqlUrl', server.url)
  return async () => {
    await server.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
