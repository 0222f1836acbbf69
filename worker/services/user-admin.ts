import type { OneTimeTokenPurpose, Role } from '../../db/control/schema/index.ts'
import { appendAudit, writeTransaction } from '../../db/audit/append-audit.ts'
import type { ControlDb } from '../../db/types.ts'
import type { AuditContext } from '../audit-context.ts'
import { invalidateUserSessions } from '../auth/session.ts'
import { generateToken, hashToken } from '../auth/tokens.ts'
import { AppError, fieldError } from '../errors.ts'
import { hasCommuneScope, isCentral, isRoleAmong } from '../policy.ts'
import {
  emailOnFile,
  insertInvitedUser,
  insertLink,
  markDisabled,
  markEnabled,
  setAccess,
  setEmail,
  usernameTaken,
  withdrawUserLinks,
} from '../repo/user-accounts.ts'
import { findUserView, unknownCommunes, type UserView } from '../repo/users.ts'

/** Invite and reset links stay valid this long, then must be issued again. */
export const ONE_TIME_TOKEN_LIFETIME_MS = 72 * 60 * 60 * 1000

export interface IssuedLink {
  user: UserView
  /** Goes only into the e-mail to `email` (services/link-delivery.ts), never into the admin's answer; only its hash is stored. */
  token: string
  purpose: OneTimeTokenPurpose
  expiresAt: string
  /** The account's address, where the link is sent. */
  email: string
}

export interface NewUser {
  username: string
  displayName: string
  /** Where the invite link goes (decision 0018). */
  email: string
  role: Role
  /** Null for central roles. */
  province: string | null
  communes: readonly string[]
}

/** Commune officers work in at least one commune of their province; other roles have no commune scope. */
async function assertScope(db: ControlDb, role: Role, province: string, communes: readonly string[]): Promise<void> {
  if (hasCommuneScope(role) && communes.length === 0) {
    throw fieldError('json.communes', 'a commune officer needs at least one commune')
  }
  if (!hasCommuneScope(role) && communes.length > 0) {
    throw fieldError('json.communes', 'only commune officers have a commune scope')
  }
  const unknown = await unknownCommunes(db, province, communes)
  if (unknown.length > 0) throw fieldError('json.communes', `not communes of province ${province}: ${unknown.join(', ')}`)
}

export async function inviteUser(control: ControlDb, ctx: AuditContext, input: NewUser): Promise<IssuedLink> {
  if ((input.province === null) !== isCentral(input.role)) throw new Error('central roles have no province; every other role has one')
  if (input.province !== null) await assertScope(control, input.role, input.province, input.communes)
  const id = crypto.randomUUID()
  const token = generateToken()
  const expiresAt = new Date(ctx.at.getTime() + ONE_TIME_TOKEN_LIFETIME_MS)
  await writeTransaction(control, async (tx) => {
    if (await usernameTaken(tx, input.username))
      throw new AppError('username_taken', 409, `The username "${input.username}" is already taken`, { field: 'json.username' })
    await insertInvitedUser(
      tx,
      {
        id,
        username: input.username,
        displayName: input.displayName,
        email: input.email,
        role: input.role,
        provinceCode: input.province,
        createdBy: ctx.actorId,
        createdAt: ctx.at,
        updatedAt: ctx.at,
      },
      input.communes,
    )
    await insertLink(tx, {
      tokenId: hashToken(token),
      userId: id,
      purpose: 'invite',
      createdBy: ctx.actorId,
      createdClientHash: ctx.clientHash,
      createdAt: ctx.at,
      expiresAt,
    })
    await appendAudit(tx, {
      ...ctx,
      action: 'user.invite',
      entityType: 'user',
      entityId: id,
      provinceCode: input.province,
      outcome: 'success',
      details: { role: input.role, communes: input.communes.length },
    })
  })
  return { user: await mustFind(control, id), token, purpose: 'invite', expiresAt: expiresAt.toISOString(), email: input.email }
}

async function mustFind(control: ControlDb, id: string): Promise<UserView> {
  const user = await findUserView(control, id)
  if (!user) throw new Error('user vanished after write')
  return user
}

/** The user, if it is in `province` and has one of `roles`; otherwise 404 (another province's users do not exist). */
export async function findManagedUser(control: ControlDb, userId: string, province: string, roles: readonly Role[]): Promise<UserView> {
  const user = await findUserView(control, userId)
  if (!user || user.province !== province || !isRoleAmong(user.role, roles)) throw new AppError('not_found', 404, 'No such user')
  return user
}

function refuseSelf(ctx: AuditContext, user: UserView, what: string): void {
  if (ctx.actorId === user.id) throw new AppError('conflict', 409, `You cannot ${what} your own account; ask another administrator`)
}

export async function disableUser(control: ControlDb, ctx: AuditContext, user: UserView): Promise<UserView> {
  refuseSelf(ctx, user, 'disable')
  if (user.status === 'disabled') return user
  await writeTransaction(control, async (tx) => {
    await markDisabled(tx, user.id, ctx.at)
    await invalidateUserSessions(tx, user.id)
    await withdrawUserLinks(tx, user.id, ctx.at)
    await appendAudit(tx, { ...ctx, action: 'user.disable', entityType: 'user', entityId: user.id, provinceCode: user.province, outcome: 'success' })
  })
  return mustFind(control, user.id)
}

export async function enableUser(control: ControlDb, ctx: AuditContext, user: UserView): Promise<UserView> {
  if (user.status !== 'disabled') return user
  await writeTransaction(control, async (tx) => {
    await markEnabled(tx, user.id, ctx.at)
    await appendAudit(tx, { ...ctx, action: 'user.enable', entityType: 'user', entityId: user.id, provinceCode: user.province, outcome: 'success' })
  })
  return mustFind(control, user.id)
}

/**
 * A new link replacing any unused one: an invite again for a user who never accepted, a password reset otherwise.
 * The user's sessions end now: a reset is often asked for because an account may be compromised.
 *
 * The link goes to the address on file. `email` gives one where there is none yet (accounts made before
 * addresses were required) or corrects it while the account was never activated (a mistyped invite). An active
 * account's address is not changed here: otherwise an admin could point its reset link at his own mailbox.
 */
export async function issueResetLink(control: ControlDb, ctx: AuditContext, user: UserView, email?: string): Promise<IssuedLink> {
  if (user.status === 'disabled') throw new AppError('conflict', 409, 'Enable the account before issuing a link')
  const onFile = await emailOnFile(control, user.id)
  if (email !== undefined && onFile !== null && email !== onFile && user.status !== 'invited') {
    throw new AppError('conflict', 409, 'This account already has an e-mail address; the link is sent there')
  }
  const address = email ?? onFile
  if (address === null) throw fieldError('json.email', 'is required: this account has no e-mail address yet')
  const purpose: OneTimeTokenPurpose = user.status === 'invited' ? 'invite' : 'reset'
  const token = generateToken()
  const expiresAt = new Date(ctx.at.getTime() + ONE_TIME_TOKEN_LIFETIME_MS)
  const emailSet = address !== onFile
  await writeTransaction(control, async (tx) => {
    if (emailSet) await setEmail(tx, user.id, address, ctx.at)
    await withdrawUserLinks(tx, user.id, ctx.at)
    await insertLink(tx, {
      tokenId: hashToken(token),
      userId: user.id,
      purpose,
      createdBy: ctx.actorId,
      createdClientHash: ctx.clientHash,
      createdAt: ctx.at,
      expiresAt,
    })
    await invalidateUserSessions(tx, user.id)
    await appendAudit(tx, {
      ...ctx,
      action: `user.${purpose}_link`,
      entityType: 'user',
      entityId: user.id,
      provinceCode: user.province,
      outcome: 'success',
      details: { emailSet },
    })
  })
  return { user: emailSet ? await mustFind(control, user.id) : user, token, purpose, expiresAt: expiresAt.toISOString(), email: address }
}

/** Role and commune scope change together (a commune officer promoted loses the commune list); sessions end. */
export async function changeAccess(control: ControlDb, ctx: AuditContext, user: UserView, role: Role, communes: readonly string[]): Promise<UserView> {
  refuseSelf(ctx, user, 'change the access of')
  if (!user.province) throw new Error('changeAccess is for province users')
  await assertScope(control, role, user.province, communes)
  await writeTransaction(control, async (tx) => {
    await setAccess(tx, user.id, role, communes, ctx.at)
    await invalidateUserSessions(tx, user.id)
    await appendAudit(tx, {
      ...ctx,
      action: 'user.change_access',
      entityType: 'user',
      entityId: user.id,
      provinceCode: user.province,
      outcome: 'success',
      details: { role, communes: communes.length },
    })
  })
  return mustFind(control, user.id)
}
