import { eq, sql } from 'drizzle-orm'
import { sessions, users, type Role } from '../../db/control/schema/index.ts'
import type { ControlDb, ControlTx } from '../../db/types.ts'
import { generateToken, hashToken, TOKEN_PATTERN } from './tokens.ts'

// Lucia's session design ("Sessions" in the Lucia learning resource), built on @oslojs.
export const SESSION_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000
/** A session used with less than this left is extended to a full lifetime (sliding expiry). */
export const SESSION_RENEW_BEFORE_MS = 15 * 24 * 60 * 60 * 1000

export interface SessionUser {
  id: string
  username: string
  displayName: string
  role: Role
  provinceCode: string | null
  communes: string[]
}

export interface ValidSession {
  sessionId: string
  expiresAt: Date
  /** True when this validation extended the expiry: the cookie must be re-sent. */
  renewed: boolean
  user: SessionUser
}

export async function createSession(control: ControlDb | ControlTx, userId: string, now: Date): Promise<{ token: string; expiresAt: Date }> {
  const token = generateToken()
  const expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS)
  await control.insert(sessions).values({ id: hashToken(token), userId, createdAt: now, expiresAt })
  return { token, expiresAt }
}

/**
 * One database round trip on the common path: the session, its user and the user's communes in one query.
 * Expired sessions and sessions of users who are no longer active are deleted and rejected.
 */
export async function validateSessionToken(control: ControlDb, token: string, now: Date): Promise<ValidSession | null> {
  if (!TOKEN_PATTERN.test(token)) return null
  const sessionId = hashToken(token)
  const row = await lookupSession(control, sessionId)
  if (!row) return null
  if (row.status !== 'active' || row.expiresAt.getTime() <= now.getTime()) {
    await invalidateSession(control, sessionId)
    return null
  }
  let expiresAt = row.expiresAt
  let renewed = false
  if (expiresAt.getTime() - now.getTime() < SESSION_RENEW_BEFORE_MS) {
    expiresAt = new Date(now.getTime() + SESSION_LIFETIME_MS)
    renewed = true
    await control.update(sessions).set({ expiresAt }).where(eq(sessions.id, sessionId))
  }
  const communes = row.communes ? row.communes.split(',').sort() : []
  return {
    sessionId,
    expiresAt,
    renewed,
    user: { id: row.userId, username: row.username, displayName: row.displayName, role: row.role, provinceCode: row.provinceCode, communes },
  }
}

// The session check runs on every request: its SQL is built by drizzle once (below), sent straight to the driver
// and its one row read by position, without the query builder and row mapper on each request (docs/benchmarks.md).
let lookupSql: string | undefined
async function lookupSession(control: ControlDb, sessionId: string) {
  if (lookupSql === undefined) {
    const built = sessionLookupQuery(control, sessionId).toSQL()
    if (built.params.length !== 1) throw new Error('the session lookup must take exactly one parameter, the session id')
    lookupSql = built.sql
  }
  const { rows } = await control.$client.execute({ sql: lookupSql, args: [sessionId] })
  const r = rows[0]
  if (!r) return undefined
  return {
    expiresAt: new Date(Number(r[0])),
    userId: r[1] as string,
    username: r[2] as string,
    displayName: r[3] as string,
    role: r[4] as Role,
    provinceCode: (r[5] as string | null) ?? null,
    status: r[6] as string,
    communes: (r[7] as string | null) ?? null,
  }
}

/** The one query a request's session check runs (session, user and communes); `.toSQL()` shows its SQL. */
export function sessionLookupQuery(control: ControlDb, sessionId: string) {
  return control
    .select({
      expiresAt: sessions.expiresAt,
      userId: users.id,
      username: users.username,
      displayName: users.displayName,
      role: users.role,
      provinceCode: users.provinceCode,
      status: users.status,
      communes: sql<string | null>`(select group_concat(commune_code, ',') from user_communes where user_id = ${users.id})`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .where(eq(sessions.id, sessionId))
}

export async function invalidateSession(control: ControlDb, sessionId: string): Promise<void> {
  await control.delete(sessions).where(eq(sessions.id, sessionId))
}

/** Ends every session of a user; takes a transaction so it commits with the change that requires it. */
export async function invalidateUserSessions(db: ControlDb | ControlTx, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId))
}
