import { and, asc, eq, inArray } from 'drizzle-orm'
import { communes, tenants, userCommunes, users, type Role } from '../../db/control/schema/index.ts'
import type { ControlDb } from '../../db/types.ts'
import { appendAudit, writeTransaction } from '../../db/audit/append-audit.ts'
import { checkNewPassword } from '../auth/password-policy.ts'
import { hashPassword, verifyPassword } from '../auth/password.ts'
import { hasCommuneScope } from '../policy.ts'

interface DemoUser {
  username: string
  displayName: string
  role: Role
  province: string | null
  /** Commune officers: the preferred commune; falls back to the province's first commune by code. */
  commune?: string
}

/** One demo account per role in provinces 82 and 01 (README "Demo accounts"). Node embedded default only. */
export const DEMO_USERS: readonly DemoUser[] = [
  { username: 'demo-central-admin', displayName: 'Quản trị trung ương (demo)', role: 'central_admin', province: null },
  { username: 'demo-central-viewer', displayName: 'Theo dõi trung ương (demo)', role: 'central_viewer', province: null },
  { username: 'demo-admin-82', displayName: 'Quản trị tỉnh Đồng Tháp (demo)', role: 'province_admin', province: '82' },
  { username: 'demo-officer-82', displayName: 'Cán bộ tỉnh Đồng Tháp (demo)', role: 'province_officer', province: '82' },
  { username: 'demo-commune-82', displayName: 'Cán bộ xã (demo, Đồng Tháp)', role: 'commune_officer', province: '82' },
  // Reviews and decides drug-free commune dossiers (decision 0037).
  { username: 'demo-reviewer-82', displayName: 'Thẩm định xã không ma túy (demo, Đồng Tháp)', role: 'province_reviewer', province: '82' },
  { username: 'demo-admin-01', displayName: 'Quản trị thành phố Hà Nội (demo)', role: 'province_admin', province: '01' },
  { username: 'demo-commune-01', displayName: 'Cán bộ phường (demo, Hà Nội)', role: 'commune_officer', province: '01', commune: '00127' },
]

/**
 * Creates the demo accounts that are missing (for provinces that are onboarded) and re-hashes a demo
 * password that no longer matches DEMO_PASSWORD. Accounts an admin disabled during a demo stay disabled.
 */
export async function ensureDemoUsers(control: ControlDb, password: string, now: Date): Promise<string[]> {
  for (const demo of DEMO_USERS) {
    const problems = checkNewPassword(password, { username: demo.username, displayName: demo.displayName })
    if (problems.length > 0) throw new Error(`DEMO_PASSWORD is rejected by the password rules: ${problems.map((p) => p.message).join('; ')}`)
  }
  const onboarded = new Set(
    (
      await control
        .select({ code: tenants.provinceCode })
        .from(tenants)
        .where(inArray(tenants.status, ['active', 'suspended']))
    ).map((r) => r.code),
  )
  const ensured: string[] = []
  let sharedHash: string | undefined
  const hashOnce = async () => (sharedHash ??= await hashPassword(password))
  for (const demo of DEMO_USERS) {
    if (demo.province !== null && !onboarded.has(demo.province)) continue
    const [existing] = await control.select({ id: users.id, passwordHash: users.passwordHash }).from(users).where(eq(users.username, demo.username))
    if (existing) {
      if (!existing.passwordHash || !(await verifyPassword(existing.passwordHash, password))) {
        await control
          .update(users)
          .set({ passwordHash: await hashOnce(), passwordChangedAt: now, updatedAt: now })
          .where(eq(users.id, existing.id))
      }
      ensured.push(demo.username)
      continue
    }
    const commune = hasCommuneScope(demo.role) ? await pickCommune(control, demo) : undefined
    const id = crypto.randomUUID()
    const passwordHash = await hashOnce()
    await writeTransaction(control, async (tx) => {
      await tx.insert(users).values({
        // A synthetic address (.invalid never receives mail): a reset in the demo lands in the development outbox.
        id,
        username: demo.username,
        displayName: demo.displayName,
        email: `${demo.username}@demo.binhan.invalid`,
        role: demo.role,
        provinceCode: demo.province,
        status: 'active',
        passwordHash,
        createdAt: now,
        updatedAt: now,
        passwordChangedAt: now,
      })
      if (commune) await tx.insert(userCommunes).values({ userId: id, communeCode: commune })
      await appendAudit(tx, {
        at: now,
        actorId: null,
        actorRole: null,
        action: 'user.demo_create',
        entityType: 'user',
        entityId: id,
        provinceCode: demo.province,
        outcome: 'success',
        requestId: null,
        clientHash: null,
        details: { role: demo.role },
      })
    })
    ensured.push(demo.username)
  }
  return ensured
}

async function pickCommune(control: ControlDb, demo: DemoUser): Promise<string> {
  const province = demo.province ?? ''
  if (demo.commune) {
    const [preferred] = await control
      .select({ code: communes.code })
      .from(communes)
      .where(and(eq(communes.code, demo.commune), eq(communes.provinceCode, province)))
    if (preferred) return preferred.code
  }
  const [first] = await control.select({ code: communes.code }).from(communes).where(eq(communes.provinceCode, province)).orderBy(asc(communes.code)).limit(1)
  if (!first) throw new Error(`Province ${province} has no communes`)
  return first.code
}
