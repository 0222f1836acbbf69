import { appendAudit, primeAuditTail } from '../../db/audit/append-audit.ts'
import { controlWrites, loadThenWrite } from '../commands/persist.ts'
import { together } from '../../db/pipelined-client.ts'
import type { ControlDb } from '../../db/types.ts'
import type { AuditContext } from '../audit-context.ts'
import { releaseAfterSuccess, reserveAttempt, throttleKeys } from '../auth/login-throttle.ts'
import { checkNewPassword } from '../auth/password-policy.ts'
import { dummyVerify, hashPassword, needsRehash, verifyPassword } from '../auth/password.ts'
import { createSession, invalidateUserSessions } from '../auth/session.ts'
import { hashToken } from '../auth/tokens.ts'
import { AppError } from '../errors.ts'
import { findLinkToAccept, findOpenLink, findPasswordOwner, recordLogin, setPassword, useLink } from '../repo/credentials.ts'
import { findLoginCandidate } from '../repo/users.ts'

export class LoginThrottledError extends AppError {
  readonly retryAfterSeconds: number
  constructor(retryAfterSeconds: number) {
    super('too_many_requests', 429, `Too many failed sign-in attempts. Try again in ${retryAfterSeconds} seconds.`, { retryAfterSeconds })
    this.retryAfterSeconds = retryAfterSeconds
  }
}

const invalidCredentials = () => new AppError('invalid_credentials', 401, 'Wrong username or password')

/**
 * A wrong username, a wrong password, a disabled or not-yet-activated account all answer the same 401 after
 * the same amount of hashing work, so the answer does not reveal which accounts exist. The attempt is
 * reserved against the throttle before any hashing (worker/auth/login-throttle.ts); `auditSalt` keys it.
 */
export async function logIn(
  control: ControlDb,
  ctx: AuditContext,
  auditSalt: string,
  username: string,
  password: string,
): Promise<{ userId: string; token: string; expiresAt: Date }> {
  const keys = throttleKeys(username, ctx.clientHash, auditSalt)
  // One round trip on the Hrana path (decision 0046): the account is read beside the reservation (nothing is
  // hashed before the reservation is granted), and the trail's tail that the entry below will need.
  const [reservation, candidate] = await together(
    control,
    () => reserveAttempt(control, keys, ctx.at),
    () => findLoginCandidate(control, username),
    () => primeAuditTail(control),
  )
  if (!reservation.granted) throw new LoginThrottledError(Math.ceil(reservation.retryAfterMs / 1000))

  const ok = candidate?.passwordHash ? await verifyPassword(candidate.passwordHash, password) : await dummyVerify(password).then(() => false)
  if (!candidate || !ok || candidate.status !== 'active') {
    // The reservation already counts this failure.
    // The attempted username is not recorded: people type passwords into the username field.
    await appendAudit(control, {
      ...ctx,
      actorId: candidate?.id ?? null,
      actorRole: candidate?.role ?? null,
      action: 'auth.login',
      entityType: 'session',
      entityId: null,
      provinceCode: candidate?.provinceCode ?? null,
      outcome: 'failure',
    })
    throw invalidCredentials()
  }

  const rehash = needsRehash(candidate.passwordHash!) ? await hashPassword(password) : undefined
  // The success's writes are independent of each other: the second round trip.
  const [, session] = await together(
    control,
    () => releaseAfterSuccess(control, keys),
    () => createSession(control, candidate.id, ctx.at),
    () => recordLogin(control, candidate.id, ctx.at, rehash),
    () =>
      appendAudit(control, {
        ...ctx,
        actorId: candidate.id,
        actorRole: candidate.role,
        action: 'auth.login',
        entityType: 'session',
        entityId: null,
        provinceCode: candidate.provinceCode,
        outcome: 'success',
      }),
  )
  return { userId: candidate.id, ...session }
}

function passwordRejected(problems: ReturnType<typeof checkNewPassword>, field: string): AppError {
  const issues = problems.map((problem) => ({ field, message: problem.message, code: problem.code }))
  return new AppError('password_rejected', 400, `Invalid ${field}: ${issues.map((i) => i.message).join('; ')}`, { issues })
}

const invalidLink = () =>
  new AppError('token_invalid', 400, 'This link is invalid, has already been used or has expired. Ask your administrator for a new one.')

/** What the accept-invite page shows before the user chooses a password. */
export async function describeLink(control: ControlDb, token: string, now: Date) {
  const row = await findOpenLink(control, hashToken(token), now)
  if (!row) throw invalidLink()
  return { ...row, expiresAt: row.expiresAt.toISOString() }
}

/**
 * Sets the password from an invite or reset link: single use, expiring, ends every existing session. The entry
 * `user.invite_accepted` / `user.reset_accepted` carries the accepting client's hash; when it is the issuing
 * admin's own, a `user.accept_flagged` entry beside it puts the case in the province's trail (decision 0018):
 * the link was meant for someone else's mailbox.
 */
export async function acceptLink(
  control: ControlDb,
  ctx: AuditContext,
  token: string,
  password: string,
): Promise<{ username: string; userId: string; flagged: boolean }> {
  const tokenId = hashToken(token)
  const usable = (row: Awaited<ReturnType<typeof findLinkToAccept>>) => {
    if (!row || row.status === 'disabled') throw invalidLink()
    return row
  }
  // Hashed between the link's read and its use, outside any lock (persist.ts): still unused is checked by the
  // audit tail read with the link, which every use of a link moves — two tabs submitting it cannot both succeed.
  return loadThenWrite(controlWrites(control), {
    load: (db) => findLinkToAccept(db, tokenId, ctx.at),
    async prepare(loaded) {
      const row = usable(loaded)
      const problems = checkNewPassword(password, { username: row.username, displayName: row.displayName })
      if (problems.length > 0) throw passwordRejected(problems, 'json.password')
      return { passwordHash: await hashPassword(password), for: row.userId }
    },
    async write(tx, loaded, prepared, audit) {
      const row = usable(loaded)
      if (row.userId !== prepared.for) throw invalidLink()
      const flagged = row.issuerClientHash !== null && row.issuerClientHash === ctx.clientHash
      await useLink(tx, tokenId, ctx.at)
      await setPassword(tx, row.userId, prepared.passwordHash, ctx.at, true)
      await invalidateUserSessions(tx, row.userId)
      const entry = {
        ...ctx,
        actorId: row.userId,
        actorRole: row.role,
        entityType: 'user',
        entityId: row.userId,
        provinceCode: row.province,
        outcome: 'success' as const,
      }
      await audit({ ...entry, action: `user.${row.purpose}_accepted`, details: { issuedBy: row.issuedBy, sameClientAsIssuer: flagged } })
      if (flagged)
        await audit({
          ...entry,
          action: 'user.accept_flagged',
          details: { reason: 'same_client_as_issuer', issuedBy: row.issuedBy, purpose: row.purpose },
        })
      return { username: row.username, userId: row.userId, flagged }
    },
  })
}

/** Own password change: the current password is required; every session ends and this device gets a new one. */
export async function changePassword(control: ControlDb, ctx: AuditContext & { actorId: string }, currentPassword: string, newPassword: string) {
  const wrongPassword = () =>
    new AppError('invalid_credentials', 400, 'Invalid json.currentPassword: the current password is wrong', {
      issues: [{ field: 'json.currentPassword', message: 'the current password is wrong' }],
    })
  return loadThenWrite(controlWrites(control), {
    load: (db) => findPasswordOwner(db, ctx.actorId),
    async prepare(user) {
      if (!user?.passwordHash || !(await verifyPassword(user.passwordHash, currentPassword))) throw wrongPassword()
      const problems = checkNewPassword(newPassword, { username: user.username, displayName: user.displayName })
      if (problems.length > 0) throw passwordRejected(problems, 'json.newPassword')
      return { verified: user.passwordHash, passwordHash: await hashPassword(newPassword) }
    },
    async write(tx, user, prepared, audit) {
      // The password checked must still be the one on file (changed meanwhile elsewhere: check the new one).
      if (!user || user.passwordHash !== prepared.verified) throw wrongPassword()
      await setPassword(tx, user.id, prepared.passwordHash, ctx.at)
      await invalidateUserSessions(tx, user.id)
      await audit({ ...ctx, action: 'user.change_password', entityType: 'user', entityId: user.id, provinceCode: user.province, outcome: 'success' })
      // In the same batch: every session ended, this device's new one begun.
      return createSession(tx, user.id, ctx.at)
    },
  })
}
