// Runs in Node before the workerd suite: real province databases on disk, served over libSQL HTTP.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { asc, eq } from 'drizzle-orm'
import type { TestProject } from 'vitest/node'
import { communes, userCommunes, users, type Role } from '../../db/control/schema/index.ts'
import { hashPassword } from '../../worker/auth/password.ts'
import { createSession } from '../../worker/auth/session.ts'
import { bootstrapNode } from '../../db/provision/bootstrap.ts'
import { createNodePlatform } from '../../db/provision/node-platform.ts'
import { suspendTenant } from '../../db/provision/tenant-status.ts'
import { createJsonLogger } from '../../worker/logger.ts'
import { readNodeConfig } from '../../worker/node-config.ts'
import { startLocalLibsqlServer } from '../../scripts/lib/local-libsql-server.ts'

declare module 'vitest' {
  interface ProvidedContext {
    libsqlUrl: string
    /** Session cookies made on the Node side; the Worker must accept them (same control database). */
    cookies: Record<'central' | 'commune' | 'admin', string>
    /** The commune in the commune officer's scope, and another commune of the same province. */
    communes: { own: string; other: string }
    /** The shared password of the test accounts (hashed in Node, verified in workerd). */
    password: string
  }
}

const PASSWORD = 'workerd-test-password-2026'

export default async function setup(project: TestProject) {
  // wrangler.toml points the assets binding at web/dist; the suite tests the API, so an empty dir will do.
  mkdirSync('web/dist', { recursive: true })
  const dataDir = mkdtempSync(join(tmpdir(), 'binhan-workerd-'))
  const config = readNodeConfig({ DATA_DIR: dataDir, NODE_ENV: 'test', DEMO_PROVINCES: '82,01,31' })
  const platform = createNodePlatform(config)
  await bootstrapNode(platform, { demoProvinces: config.demoProvinces, demoPassword: undefined }, createJsonLogger('silent'))
  await suspendTenant(platform.control, '31', new Date())
  const [own, other] = await platform.control
    .select({ code: communes.code })
    .from(communes)
    .where(eq(communes.provinceCode, '82'))
    .orderBy(asc(communes.code))
    .limit(2)
  const passwordHash = await hashPassword(PASSWORD)
  const makeUser = async (username: string, role: Role, province: string | null, scope: string[] = []) => {
    const id = crypto.randomUUID()
    const now = new Date()
    await platform.control.insert(users).values({ id, username, displayName: username, role, provinceCode: province, status: 'active', passwordHash, createdAt: now, updatedAt: now })
    if (scope.length) await platform.control.insert(userCommunes).values(scope.map((communeCode) => ({ userId: id, communeCode })))
    const { token } = await createSession(platform.control, id, now)
    return `binhan_session=${token}`
  }
  const cookies = {
    central: await makeUser('wd-central', 'central_admin', null),
    commune: await makeUser('wd-commune', 'commune_officer', '82', [own!.code]),
    admin: await makeUser('wd-admin', 'province_admin', '82'),
  }
  // The target of the sign-in bursts (test/workerd/login-throttle.test.ts), apart so its counters touch no other test.
  await makeUser('wd-burst', 'province_officer', '82')
  platform.control.$client.close()

  const server = await startLocalLibsqlServer({ dataDir })
  project.provide('libsqlUrl', server.url)
  project.provide('cookies', cookies)
  project.provide('communes', { own: own!.code, other: other!.code })
  project.provide('password', PASSWORD)
  return async () => {
    await server.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
