// Synthetic users for tests: obviously fake names, created directly in the control database.
import { eq } from 'drizzle-orm'
import { userCommunes, users, type Role, type UserStatus } from '../../db/control/schema/index.ts'
import { hashPassword } from '../../worker/auth/password.ts'
import { createSession } from '../../worker/auth/session.ts'
import { SESSION_COOKIE } from '../../worker/auth/session-cookie.ts'
import type { ControlDb } from '../../db/types.ts'

export const TEST_PASSWORD = 'correct-horse-battery-staple-42'

let cachedHash: string | undefined

export interface TestUserInput {
  username: string
  role: Role
  province?: string | null
  communes?: string[]
  status?: UserStatus
  password?: string
}

async function testPasswordHash(): Promise<string> {
  cachedHash ??= await hashPassword(TEST_PASSWORD)
  return cachedHash
}

/** Inserts an active user (one password hash per test run unless a password is given). */
export async function createTestUser(control: ControlDb, input: TestUserInput): Promise<string> {
  const id = crypto.randomUUID()
  const now = new Date()
  const passwordHash = input.password ? await hashPassword(input.password) : await testPasswordHash()
  await control.insert(users).values({
    id,
    username: input.username,
    displayName: `Test ${input.username}`,
    role: input.role,
    provinceCode: input.province ?? null,
    status: input.status ?? 'active',
    passwordHash: input.status === 'invited' ? null : passwordHash,
    createdAt: now,
    updatedAt: now,
  })
  if (input.communes?.length) await control.insert(userCommunes).values(input.communes.map((communeCode) => ({ userId: id, communeCode })))
  return id
}

/** Signs a user in the way the style guide asks tests to: by creating a session, not through the form. */
export async function sessionCookieFor(control: ControlDb, userId: string, now: Date = new Date()): Promise<string> {
  const { token } = await createSession(control, userId, now)
  return `${SESSION_COOKIE}=${token}`
}

export async function userStatus(control: ControlDb, userId: string): Promise<UserStatus | undefined> {
  const [row] = await control.select({ status: users.status }).from(users).where(eq(users.id, userId))
  return row?.status
}
