// The writes of user administration (control database), each one statement or two; services/user-admin.ts
// decides which run, in which transaction, with which audit entry.
import { and, eq, isNull, sql } from 'drizzle-orm'
import { oneTimeTokens, userCommunes, users, type OneTimeTokenPurpose, type Role } from '../../db/control/schema/index.ts'
import type { ControlDb, ControlTx } from '../../db/types.ts'

type Control = ControlDb | ControlTx

export async function usernameTaken(db: Control, username: string): Promise<boolean> {
  const [taken] = await db.select({ id: users.id }).from(users).where(eq(users.username, username))
  return taken !== undefined
}

/** A new account, waiting on its invite, with its commune scope. */
export async function insertInvitedUser(db: Control, row: Omit<typeof users.$inferInsert, 'status'>, communes: readonly string[]): Promise<void> {
  await db.insert(users).values({ ...row, status: 'invited' })
  await replaceCommunes(db, row.id, communes, false)
}

export interface NewLink {
  tokenId: string
  userId: string
  purpose: OneTimeTokenPurpose
  createdBy: string | null
  createdClientHash: string | null
  createdAt: Date
  expiresAt: Date
}

export async function insertLink(db: Control, link: NewLink): Promise<void> {
  const { tokenId, ...rest } = link
  await db.insert(oneTimeTokens).values({ id: tokenId, ...rest })
}

/** Withdraws every unused link of the user (marked used). */
export async function withdrawUserLinks(db: Control, userId: string, at: Date): Promise<void> {
  await db
    .update(oneTimeTokens)
    .set({ usedAt: at })
    .where(and(eq(oneTimeTokens.userId, userId), isNull(oneTimeTokens.usedAt)))
}

export async function markDisabled(db: Control, userId: string, at: Date): Promise<void> {
  await db.update(users).set({ status: 'disabled', disabledAt: at, updatedAt: at }).where(eq(users.id, userId))
}

/** Back to where the user was: active if a password was ever set, otherwise still waiting on the invite. One statement, so it can be held in a batch. */
export async function markEnabled(db: Control, userId: string, at: Date): Promise<void> {
  await db
    .update(users)
    .set({ status: sql`case when coalesce(${users.passwordHash}, '') <> '' then 'active' else 'invited' end`, disabledAt: null, updatedAt: at })
    .where(eq(users.id, userId))
}

export async function emailOnFile(db: Control, userId: string): Promise<string | null> {
  const [row] = await db.select({ email: users.email }).from(users).where(eq(users.id, userId))
  return row?.email ?? null
}

export async function setEmail(db: Control, userId: string, email: string, at: Date): Promise<void> {
  await db.update(users).set({ email, updatedAt: at }).where(eq(users.id, userId))
}

/** Role and commune scope together. */
export async function setAccess(db: Control, userId: string, role: Role, communes: readonly string[], at: Date): Promise<void> {
  await db.update(users).set({ role, updatedAt: at }).where(eq(users.id, userId))
  await replaceCommunes(db, userId, communes, true)
}

async function replaceCommunes(db: Control, userId: string, communes: readonly string[], clear: boolean): Promise<void> {
  if (clear) await db.delete(userCommunes).where(eq(userCommunes.userId, userId))
  if (communes.length > 0) await db.insert(userCommunes).values(communes.map((communeCode) => ({ userId, communeCode })))
}
