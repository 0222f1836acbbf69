// The queries behind sign-in and one-time links (control database). The rules — hashing, throttling, who may
// accept what — stay in services/credentials.ts and services/link-delivery.ts.
import { and, eq, gt, isNull } from 'drizzle-orm'
import { oneTimeTokens, users } from '../../db/control/schema/index.ts'
import type { ControlDb, ControlTx } from '../../db/types.ts'

type Control = ControlDb | ControlTx

/** A successful sign-in: when, and the password's new hash if its parameters were out of date. */
export async function recordLogin(db: Control, userId: string, at: Date, rehash: string | undefined): Promise<void> {
  await db
    .update(users)
    .set({ lastLoginAt: at, ...(rehash ? { passwordHash: rehash } : {}) })
    .where(eq(users.id, userId))
}

/** A link still usable at `now` (unused, unexpired), with what the accept page shows. */
export async function findOpenLink(db: Control, tokenId: string, now: Date) {
  const [row] = await db
    .select({ purpose: oneTimeTokens.purpose, username: users.username, displayName: users.displayName, expiresAt: oneTimeTokens.expiresAt })
    .from(oneTimeTokens)
    .innerJoin(users, eq(users.id, oneTimeTokens.userId))
    .where(openLink(tokenId, now))
  return row
}

/** A link still usable at `now`, with its issuer and the account it sets a password for. */
export async function findLinkToAccept(db: Control, tokenId: string, now: Date) {
  const [row] = await db
    .select({
      purpose: oneTimeTokens.purpose,
      issuedBy: oneTimeTokens.createdBy,
      issuerClientHash: oneTimeTokens.createdClientHash,
      userId: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      status: users.status,
      province: users.provinceCode,
    })
    .from(oneTimeTokens)
    .innerJoin(users, eq(users.id, oneTimeTokens.userId))
    .where(openLink(tokenId, now))
  return row
}

const openLink = (tokenId: string, now: Date) => and(eq(oneTimeTokens.id, tokenId), isNull(oneTimeTokens.usedAt), gt(oneTimeTokens.expiresAt, now))

/** Uses the link: one statement, held in the accepting batch; that it was still unused is the caller's check (services/credentials.ts). */
export async function useLink(db: Control, tokenId: string, at: Date): Promise<void> {
  await db
    .update(oneTimeTokens)
    .set({ usedAt: at })
    .where(and(eq(oneTimeTokens.id, tokenId), isNull(oneTimeTokens.usedAt)))
}

/** Withdraws a link (marked used), whether or not it was. */
export async function withdrawLink(db: Control, tokenId: string, at: Date): Promise<void> {
  await db.update(oneTimeTokens).set({ usedAt: at }).where(eq(oneTimeTokens.id, tokenId))
}

/** The account whose own password is being changed, with its current hash. */
export async function findPasswordOwner(db: Control, userId: string) {
  const [user] = await db
    .select({
      id: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      province: users.provinceCode,
      passwordHash: users.passwordHash,
    })
    .from(users)
    .where(eq(users.id, userId))
  return user
}

/** A new password; `activate` for the first one, set from an invite. */
export async function setPassword(db: Control, userId: string, passwordHash: string, at: Date, activate = false): Promise<void> {
  await db
    .update(users)
    .set({ passwordHash, passwordChangedAt: at, updatedAt: at, ...(activate ? { status: 'active' as const } : {}) })
    .where(eq(users.id, userId))
}
