// What the case-management benchmarks start from: embedded libSQL files in a fresh temp directory, the control
// database ready, the given provinces onboarded, and the real app over them (createApp: session, tenancy,
// policy, audit; silent logger, real clock) — the embedded default `npm start` runs.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileIdentityOf, openExistingTenantDb } from '../../db/client.node.ts'
import { fileOfUrl } from '../../db/private-files.ts'
import { cachedSeed, restoreSeedFile, type SeedInfo, storeSeedFile } from './seed-cache.ts'
import { eq } from 'drizzle-orm'
import { tenants, userCommunes, users, type Role } from '../../db/control/schema/index.ts'
import { locateTenantDbForNode } from '../../db/provision/locate.ts'
import { createNodePlatform, prepareControlDb } from '../../worker/provision/node-platform.ts'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { seedDemo } from '../../worker/provision/seed-demo.ts'
import { communes } from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'
import { createApp } from '../../worker/app.ts'
import { createSession } from '../../worker/auth/session.ts'
import { SESSION_COOKIE } from '../../worker/auth/session-cookie.ts'
import { createJsonLogger } from '../../worker/logger.ts'
import { readNodeConfig } from '../../worker/node-config.ts'
import { createTenantResolver } from '../../worker/tenancy/tenant-resolver.ts'

export type BenchPlatform = Awaited<ReturnType<typeof startBenchPlatform>>

export async function startBenchPlatform(name: string, provinces: readonly string[]) {
  const dataDir = mkdtempSync(join(tmpdir(), `binhan-bench-${name}-`))
  const platform = createNodePlatform(readNodeConfig({ DATA_DIR: dataDir, NODE_ENV: 'test' }))
  await prepareControlDb(platform.control, new Date())
  for (const code of provinces) await onboardTenant(platform.onboardDeps, code)
  const resolver = createTenantResolver({
    control: platform.control,
    locate: locateTenantDbForNode({ dataDir }),
    open: openExistingTenantDb,
    fileIdentity: fileIdentityOf,
    logger: createJsonLogger('silent'),
    nowMs: () => Date.now(),
    ttlMs: 3_600_000,
  })
  const app = createApp({
    config: { environment: 'test', maxBodyBytes: 1_048_576, publicOrigin: 'http://localhost', trustedOrigins: [], auditSalt: 'bench-only-audit-salt' },
    control: platform.control,
    tenants: resolver,
    clock: { now: () => new Date() },
    logger: createJsonLogger('silent'),
    clientAddress: () => '192.0.2.1',
  })
  return {
    /** The temp directory holding the files: DATA_DIR for a real server over the same databases. */
    dataDir,
    control: platform.control,
    /** The app's resolver of province databases (the central refresh reads through it). */
    tenants: resolver,
    app,
    /** The province's database, on the app's own connection. */
    async tenantDb(code: string): Promise<TenantDb> {
      const tenant = await resolver.resolve(code)
      if (!tenant) throw new Error(`province ${code} is not onboarded`)
      return tenant.db
    },
    /**
     * An active officer with a session, as the cookie header a browser would send. The password is never used:
     * sessions are created directly. Returns the user id too (for figures by creator).
     */
    async signedIn(username: string, role: Role, province: string, communes: readonly string[] = []): Promise<{ userId: string; cookie: string }> {
      const userId = crypto.randomUUID()
      const at = new Date()
      await platform.control.insert(users).values({
        id: userId,
        username,
        displayName: `Bench ${username}`,
        role,
        provinceCode: province,
        status: 'active',
        passwordHash: 'x',
        createdAt: at,
        updatedAt: at,
      })
      if (communes.length > 0) await platform.control.insert(userCommunes).values(communes.map((communeCode) => ({ userId, communeCode })))
      const { token } = await createSession(platform.control, userId, at)
      return { userId, cookie: `${SESSION_COOKIE}=${token}` }
    },
    /**
     * `persons` synthetic people (db/seed) in a province, the first commune by code (the demo commune officer's)
     * holding exactly `caseload` of them, every one on an active plan; the rest spread over the other communes.
     */
    async seedCaseload(code: string, opts: { persons: number; caseload: number; seed: number; now: Date }) {
      const db = await this.tenantDb(code)
      const codes = (await db.select({ code: communes.code }).from(communes).orderBy(communes.code)).map((c) => c.code)
      const focus = codes[0]!
      const started = performance.now()
      const seeded = await seedDemo(db, {
        persons: opts.persons,
        seed: opts.seed,
        communes: codes.slice(1),
        now: opts.now,
        caseloads: [{ commune: focus, people: opts.caseload }],
      })
      const ms = performance.now() - started
      console.log(`Seeded ${seeded.persons} people (${seeded.plans} plans, ${seeded.reviews} reviews) in ${(ms / 1000).toFixed(1)} s`)
      return { db, focus, seeded, ms }
    },
    /**
     * The province seeded by `seed`, or its copy from the bench seed cache (scripts/lib/seed-cache.ts, decision
     * 0047) when a fresh one is there; the seeded file is stored for the next run. Returns the province's
     * database as the app now sees it (a restored copy is a new file, which the resolver reopens).
     */
    async seedCached(code: string, key: { persons: number; seed: number; variant: string }, seed: (db: TenantDb) => Promise<SeedInfo>) {
      // Found from the registry, not opened: a copy then replaces a file nobody has open yet.
      const [row] = await platform.control.select().from(tenants).where(eq(tenants.provinceCode, code))
      const target = row && fileOfUrl(locateTenantDbForNode({ dataDir })(row).url)
      if (!target) throw new Error(`province ${code} has no file in ${dataDir}`)
      const cacheKey = { province: code, ...key }
      const cached = cachedSeed(cacheKey)
      let info: SeedInfo
      if (cached) {
        restoreSeedFile(cached.file, target)
        info = cached.info
      } else {
        info = await seed(await this.tenantDb(code))
        storeSeedFile(cacheKey, target, info)
      }
      return { db: await this.tenantDb(code), cached: cached !== undefined, info, file: target }
    },
    /** Closes every connection and deletes the temp directory. */
    async close(): Promise<void> {
      for (const code of provinces) (await resolver.resolve(code))?.db.$client.close()
      platform.control.$client.close()
      rmSync(dataDir, { recursive: true, force: true })
    },
  }
}
