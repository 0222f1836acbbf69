// Runs in Node before the workerd suite: real province databases on disk, served over libSQL HTTP.
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { asc, eq } from 'drizzle-orm'
import type { TestProject } from 'vitest/node'
import { communes, tenants, userCommunes, users, type Role } from '../../db/control/schema/index.ts'
import { tenantMeta } from '../../db/tenant/schema/index.ts'
import { hashPassword } from '../../worker/auth/password.ts'
import { createSession } from '../../worker/auth/session.ts'
import { bootstrapNode } from '../../worker/provision/bootstrap.ts'
import { createNodePlatform } from '../../worker/provision/node-platform.ts'
import { suspendTenant } from '../../db/provision/tenant-status.ts'
import { readMigrations, tenantMigrationsFolder } from '../../db/provision/migration-files.ts'
import { applyPending } from '../../db/provision/migrator.ts'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { createJsonLogger } from '../../worker/logger.ts'
import { readNodeConfig } from '../../worker/node-config.ts'
import { startLocalLibsqlServer } from '../../scripts/lib/local-libsql-server.ts'
import { startCountingProxy } from '../../scripts/lib/counting-hrana-proxy.ts'
import { startMailApiStandIn } from '../helpers/mail-api-stand-in.ts'
import { startTursoApiStandIn } from '../../scripts/lib/turso-api-stand-in.ts'

declare module 'vitest' {
  interface ProvidedContext {
    libsqlUrl: string
    /** The same endpoint behind a proxy counting its HTTP requests (round trips), for test/workerd/round-trips.test.ts only. */
    countingLibsqlUrl: string
    /** The local HTTP mail API stand-in the Worker sends invite and reset links to (MAIL_API_URL). */
    mailApiUrl: string
    mailApiToken: string
    /** The local Turso Platform API stand-in the Worker's onboarding runs talk to (TURSO_API_URL). */
    tursoApiUrl: string
    tursoApiToken: string
    /** Session cookies made on the Node side; the Worker must accept them (same control database). */
    cookies: Record<'central' | 'commune' | 'admin' | 'reviewer', string>
    /** The commune in the commune officer's scope, and another commune of the same province. */
    communes: { own: string; other: string }
    /** The shared password of the test accounts (hashed in Node, verified in workerd). */
    password: string
  }
}

const PASSWORD = 'workerd-test-password-2026'
const MAIL_API_TOKEN = 'workerd-mail-api-token'
const TURSO_API_TOKEN = 'workerd-turso-platform-token'
export const TURSO_ORG = 'binhan-test'

export default async function setup(project: TestProject) {
  // wrangler.toml points the assets binding at web/dist; the suite tests the API, so an empty dir will do.
  mkdirSync('web/dist', { recursive: true })
  const dataDir = mkdtempSync(join(tmpdir(), 'binhan-workerd-'))
  const config = readNodeConfig({ DATA_DIR: dataDir, NODE_ENV: 'test', DEMO_PROVINCES: '82,01,31,48' })
  const platform = createNodePlatform(config)
  await bootstrapNode(platform, { demoProvinces: config.demoProvinces, demoPassword: undefined }, createJsonLogger('silent'))
  await suspendTenant(platform.control, '31', new Date())
  // 11 as a release behind left it (every migration but the newest): the Worker must refuse it with 503.
  const behind = readMigrations(tenantMigrationsFolder).slice(0, -1)
  await onboardTenant({ ...platform.onboardDeps, migrateTenant: async (db) => (await applyPending(db, behind)).at(-1)! }, '11')
  // Suspended and resumed by test/workerd/round-trips.test.ts, so that no other file's province changes under it.
  await onboardTenant(platform.onboardDeps, '79')
  // 48's database becomes another copy (another database id): the Worker must refuse it with 503 (decision 0017).
  const [danang] = await platform.control.select().from(tenants).where(eq(tenants.provinceCode, '48'))
  const foreign = platform.onboardDeps.openTenant(platform.onboardDeps.locate(danang!))
  await foreign.update(tenantMeta).set({ value: 'another-copy-of-48' }).where(eq(tenantMeta.key, 'database_id'))
  foreign.$client.close()
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
    await platform.control
      .insert(users)
      .values({ id, username, displayName: username, role, provinceCode: province, status: 'active', passwordHash, createdAt: now, updatedAt: now })
    if (scope.length) await platform.control.insert(userCommunes).values(scope.map((communeCode) => ({ userId: id, communeCode })))
    const { token } = await createSession(platform.control, id, now)
    return `binhan_session=${token}`
  }
  const cookies = {
    central: await makeUser('wd-central', 'central_admin', null),
    commune: await makeUser('wd-commune', 'commune_officer', '82', [own!.code]),
    admin: await makeUser('wd-admin', 'province_admin', '82'),
    reviewer: await makeUser('wd-reviewer', 'province_reviewer', '82'),
  }
  // The target of the sign-in bursts (test/workerd/login-throttle.test.ts), apart so its counters touch no other test.
  await makeUser('wd-burst', 'province_officer', '82')
  platform.control.$client.close()

  const server = await startLocalLibsqlServer({ dataDir })
  const counting = await startCountingProxy({ target: server.url })
  const mailApi = await startMailApiStandIn({ token: MAIL_API_TOKEN })
  // No group yet: the first onboarding creates it in TURSO_LOCATION, as on a new Turso organisation.
  const tursoApi = await startTursoApiStandIn({ org: TURSO_ORG, token: TURSO_API_TOKEN, dataDir })
  project.provide('libsqlUrl', server.url)
  project.provide('countingLibsqlUrl', counting.url)
  project.provide('mailApiUrl', mailApi.url)
  project.provide('mailApiToken', MAIL_API_TOKEN)
  project.provide('tursoApiUrl', tursoApi.url)
  project.provide('tursoApiToken', TURSO_API_TOKEN)
  project.provide('cookies', cookies)
  project.provide('communes', { own: own!.code, other: other!.code })
  project.provide('password', PASSWORD)
  return async () => {
    await counting.close()
    await server.close()
    await mailApi.close()
    await tursoApi.close()
    rmSync(dataDir, { recursive: true, force: true })
  }
}
