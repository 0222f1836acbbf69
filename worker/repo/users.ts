import { and, asc, eq, gt, inArray, sql } from 'drizzle-orm'
import { communes, provinces, userCommunes, users, type Role, type UserStatus } from '../../db/control/schema/index.ts'
import type { ControlDb } from '../../db/types.ts'
import { maskEmail } from '../mail/message.ts'
import type { UserView } from '../../kernel/contract/identity.ts'

/** What the API shows of a user (never the password hash): the kernel's contract. */
export type { UserView }

const userColumns = {
  id: users.id,
  username: users.username,
  displayName: users.displayName,
  role: users.role,
  province: users.provinceCode,
  status: users.status,
  email: users.email,
  createdAt: users.createdAt,
  lastLoginAt: users.lastLoginAt,
  communes: sql<string | null>`(select group_concat(commune_code, ',') from user_communes where user_id = ${users.id})`,
}

interface UserRow {
  id: string
  username: string
  displayName: string
  role: Role
  province: string | null
  status: UserStatus
  email: string | null
  createdAt: Date
  lastLoginAt: Date | null
  communes: string | null
}

function toView(row: UserRow): UserView {
  return {
    id: row.id,
    username: row.username,
    displayName: row.displayName,
    role: row.role,
    province: row.province,
    status: row.status,
    communes: row.communes ? row.communes.split(',').sort() : [],
    maskedEmail: row.email ? maskEmail(row.email) : null,
    createdAt: row.createdAt.toISOString(),
    lastLoginAt: row.lastLoginAt?.toISOString() ?? null,
  }
}

export async function findUserView(db: ControlDb, userId: string): Promise<UserView | undefined> {
  const [row] = await db.select(userColumns).from(users).where(eq(users.id, userId))
  return row ? toView(row) : undefined
}

export interface UserListFilter {
  province: string | null
  roles: readonly Role[]
  status?: UserStatus | undefined
  role?: Role | undefined
  after?: string | undefined
  limit: number
}

/** Keyset pagination on the unique username: stable under inserts, no offsets. */
export async function listUsers(db: ControlDb, filter: UserListFilter): Promise<{ data: UserView[]; nextAfter: string | null }> {
  const conditions = [
    filter.province === null ? sql`${users.provinceCode} is null` : eq(users.provinceCode, filter.province),
    inArray(users.role, [...filter.roles]),
    filter.status ? eq(users.status, filter.status) : undefined,
    filter.role ? eq(users.role, filter.role) : undefined,
    filter.after ? gt(users.username, filter.after) : undefined,
  ]
  const rows = await db
    .select(userColumns)
    .from(users)
    .where(and(...conditions))
    .orderBy(asc(users.username))
    .limit(filter.limit + 1)
  const page = rows.slice(0, filter.limit).map(toView)
  return { data: page, nextAfter: rows.length > filter.limit ? (page.at(-1)?.username ?? null) : null }
}

export async function findLoginCandidate(db: ControlDb, username: string) {
  const [row] = await db
    .select({ id: users.id, role: users.role, status: users.status, passwordHash: users.passwordHash, provinceCode: users.provinceCode })
    .from(users)
    .where(eq(users.username, username))
  return row
}

/** Codes among `codes` that are not communes of the province. */
export async function unknownCommunes(db: ControlDb, province: string, codes: readonly string[]): Promise<string[]> {
  if (codes.length === 0) return []
  const found = await db
    .select({ code: communes.code })
    .from(communes)
    .where(and(eq(communes.provinceCode, province), inArray(communes.code, [...codes])))
  const known = new Set(found.map((row) => row.code))
  return codes.filter((code) => !known.has(code))
}

/**
 * For /api/me: the names behind a user's province and commune codes, keyed by the user's id alone so that the two
 * reads go with the user's own row in one round trip (decision 0046).
 */
export async function describeScope(db: ControlDb, userId: string) {
  const [provinceRows, communeRows] = await Promise.all([
    db
      .select({ code: provinces.code, name: provinces.name })
      .from(provinces)
      .where(eq(provinces.code, sql`(select ${users.provinceCode} from ${users} where ${users.id} = ${userId})`)),
    db
      .select({ code: communes.code, name: communes.name })
      .from(communes)
      .innerJoin(userCommunes, eq(userCommunes.communeCode, communes.code))
      .where(eq(userCommunes.userId, userId))
      .orderBy(asc(communes.code)),
  ])
  return { province: provinceRows[0] ?? null, communes: communeRows }
}
