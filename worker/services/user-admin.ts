import type { OneTimeTokenPurpose, Role } from '../../db/control/schema/index.ts'
import type { ControlDb } from '../../db/types.ts'
import type { AuditContext } from '../audit-context.ts'
import { invalidateUserSessions } from '../auth/session.ts'
import { generateToken, hashToken } from '../auth/tokens.ts'
import { controlWrites, loadThenWrite, persisted, type Audit } from '../commands/persist.ts'
import { AppError, fieldError } from '../errors.ts'
import { hasCommuneScope, isCentral, isRoleAmong } from '../policy.ts'
import { checkRegistered, provinceStatus } from '../repo/provinces.ts'
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
import { withdrawLink } from '../repo/credentials.ts'
import { findUserView, unknownCommunes, type UserView } from '../repo/users.ts'
import { deliveryEntry, type Deliver, type DeliveryOutcome } from './link-delivery.ts'

// User administration on the control database. Each write is a load (one round trip on a remote database,
// beside the audit tail) and then its writes, entries and the answer's read in one batch (decision 0054).

/** Invite and reset links stay valid this long, then must be issued again. */
export const ONE_TIME_TOKEN_LIFETIME_MS = 72 * 60 * 60 * 1000

export interface IssuedLink {
  user: UserView
  /** Went only to `email` (the Deliver given), never into the admin's answer; only its hash is stored. */
  token: string
  purpose: OneTimeTokenPurpose
  expiresAt: string
  /** The account's address, where the link was sent. */
  email: string
  delivery: DeliveryOutcome
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
  /** The province must be onboarded and in this state (a central admin inviting a province's admin). */
  provinceMustBe?: 'active' | undefined
}

/** Who an admin acts on: a user of `province` with one of `roles`; anyone else is not found. */
export interface ManagedUser {
  userId: string
  province: string
  roles: readonly Role[]
}

/** Commune officers work in at least one commune of their province; other roles have no commune scope. */
function checkScope(role: Role, province: string, communes: readonly string[], unknown: readonly string[]): void {
  if (hasCommuneScope(role) && communes.length === 0) {
    throw fieldError('json.communes', 'a commune officer needs at least one commune')
  }
  if (!hasCommuneScope(role) && communes.length > 0) {
    throw fieldError('json.communes', 'only commune officers have a commune scope')
  }
  if (unknown.length > 0) throw fieldError('json.communes', `not communes of province ${province}: ${unknown.join(', ')}`)
}

/** Issues the link of a new account, sends it (`deliver`), then stores the account, the link and both entries. */
export async function inviteUser(control: ControlDb, ctx: AuditContext, input: NewUser, deliver: Deliver): Promise<IssuedLink> {
  if ((input.province === null) !== isCentral(input.role)) throw new Error('central roles have no province; every other role has one')
  const id = crypto.randomUUID()
  const token = generateToken()
  const expiresAt = new Date(ctx.at.getTime() + ONE_TIME_TOKEN_LIFETIME_MS)
  const check = (loaded: { taken: boolean; unknown: string[]; province: { status: string } | undefined }) => {
    if (input.province !== null && input.provinceMustBe) checkRegistered(input.province, loaded.province, input.provinceMustBe)
    if (input.province !== null) checkScope(input.role, input.province, input.communes, loaded.unknown)
    if (loaded.taken) throw new AppError('username_taken', 409, `The username "${input.username}" is already taken`, { field: 'json.username' })
  }
  return loadThenWrite(controlWrites(control), {
    async load(db) {
      const [taken, unknown, province] = await Promise.all([
        usernameTaken(db, input.username),
        input.province === null ? Promise.resolve([]) : unknownCommunes(db, input.province, input.communes),
        input.province !== null && input.provinceMustBe ? provinceStatus(db, input.province) : Promise.resolve(undefined),
      ])
      return { taken, unknown, province }
    },
    async prepare(loaded) {
      check(loaded)
      return deliver({ token, purpose: 'invite', expiresAt, email: input.email, username: input.username, userId: id })
    },
    async write(tx, loaded, delivery, audit) {
      // Checked again: the trail moved since the link was sent (rare; the link then leads nowhere).
      check(loaded)
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
      if (!delivery.ok) await withdrawLink(tx, hashToken(token), ctx.at)
      const user = { id, province: input.province }
      await audit({
        ...ctx,
        action: 'user.invite',
        entityType: 'user',
        entityId: id,
        provinceCode: input.province,
        outcome: 'success',
        details: { role: input.role, communes: input.communes.length },
      })
      await audit(deliveryEntry(ctx, user, 'invite', delivery))
      return { user: await written(tx, id), token, purpose: 'invite', expiresAt: expiresAt.toISOString(), email: input.email, delivery }
    },
  })
}

/** The account as the writes left it: read last, so on a remote database it rides in their batch. */
async function written(db: ControlDb, id: string): Promise<UserView> {
  const user = await findUserView(db, id)
  if (!user) throw new Error('user vanished after write')
  return user
}

/** The user, if it is in `province` and has one of `roles`; otherwise 404 (another province's users do not exist). */
export async function findManagedUser(control: ControlDb, who: ManagedUser): Promise<UserView> {
  return managed(await findUserView(control, who.userId), who)
}

function managed(user: UserView | undefined, who: ManagedUser): UserView {
  if (!user || user.province !== who.province || !isRoleAmong(user.role, who.roles)) throw new AppError('not_found', 404, 'No such user')
  return user
}

function refuseSelf(ctx: AuditContext, user: UserView, what: string): void {
  if (ctx.actorId === user.id) throw new AppError('conflict', 409, `You cannot ${what} your own account; ask another administrator`)
}

/** The managed user read with the audit tail, then `change` and its entry in one batch with the answer's read; nothing when `change` says so. */
function changeUser(
  control: ControlDb,
  who: ManagedUser,
  change: (tx: ControlDb, user: UserView, audit: Audit) => Promise<'unchanged' | 'changed'>,
): Promise<UserView> {
  return persisted(controlWrites(control), async (tx: ControlDb, audit) => {
    const user = managed(await findUserView(tx, who.userId), who)
    return (await change(tx, user, audit)) === 'unchanged' ? user : written(tx, user.id)
  })
}

const userEntry = (ctx: AuditContext, user: UserView) =>
  ({ ...ctx, entityType: 'user', entityId: user.id, provinceCode: user.province, outcome: 'success' }) as const

export function disableUser(control: ControlDb, ctx: AuditContext, who: ManagedUser): Promise<UserView> {
  return changeUser(control, who, async (tx, user, audit) => {
    refuseSelf(ctx, user, 'disable')
    if (user.status === 'disabled') return 'unchanged'
    await markDisabled(tx, user.id, ctx.at)
    await invalidateUserSessions(tx, user.id)
    await withdrawUserLinks(tx, user.id, ctx.at)
    await audit({ ...userEntry(ctx, user), action: 'user.disable' })
    return 'changed'
  })
}

export function enableUser(control: ControlDb, ctx: AuditContext, who: ManagedUser): Promise<UserView> {
  return changeUser(control, who, async (tx, user, audit) => {
    if (user.status !== 'disabled') return 'unchanged'
    await markEnabled(tx, user.id, ctx.at)
    await audit({ ...userEntry(ctx, user), action: 'user.enable' })
    return 'changed'
  })
}

/** Role and commune scope change together (a commune officer promoted loses the commune list); sessions end. */
export async function changeAccess(control: ControlDb, ctx: AuditContext, who: ManagedUser, role: Role, communes: readonly string[]): Promise<UserView> {
  return persisted(controlWrites(control), async (tx: ControlDb, audit) => {
    const [found, unknown] = await Promise.all([findUserView(tx, who.userId), unknownCommunes(tx, who.province, communes)])
    const user = managed(found, who)
    refuseSelf(ctx, user, 'change the access of')
    checkScope(role, who.province, communes, unknown)
    await setAccess(tx, user.id, role, communes, ctx.at)
    await invalidateUserSessions(tx, user.id)
    await audit({ ...userEntry(ctx, user), action: 'user.change_access', details: { role, communes: communes.length } })
    return written(tx, user.id)
  })
}

/**
 * A new link replacing any unused one: an invite again for a user who never accepted, a password reset otherwise.
 * The user's sessions end now: a reset is often asked for because an account may be compromised.
 *
 * The link goes to the address on file. `email` gives one where there is none yet (accounts made before
 * addresses were required) or corrects it while the account was never activated (a mistyped invite). An active
 * account's address is not changed here: otherwise an admin could point its reset link at his own mailbox.
 */
export async function issueResetLink(control: ControlDb, ctx: AuditContext, who: ManagedUser, deliver: Deliver, email?: string): Promise<IssuedLink> {
  const token = generateToken()
  const expiresAt = new Date(ctx.at.getTime() + ONE_TIME_TOKEN_LIFETIME_MS)
  const plan = ({ user, onFile }: { user: UserView | undefined; onFile: string | null }) => {
    const found = managed(user, who)
    if (found.status === 'disabled') throw new AppError('conflict', 409, 'Enable the account before issuing a link')
    if (email !== undefined && onFile !== null && email !== onFile && found.status !== 'invited') {
      throw new AppError('conflict', 409, 'This account already has an e-mail address; the link is sent there')
    }
    const address = email ?? onFile
    if (address === null) throw fieldError('json.email', 'is required: this account has no e-mail address yet')
    const purpose: OneTimeTokenPurpose = found.status === 'invited' ? 'invite' : 'reset'
    return { user: found, address, purpose, emailSet: address !== onFile }
  }
  return loadThenWrite(controlWrites(control), {
    async load(db) {
      const [user, onFile] = await Promise.all([findUserView(db, who.userId), emailOnFile(db, who.userId)])
      return { user, onFile }
    },
    async prepare(loaded) {
      const { user, address, purpose } = plan(loaded)
      return { purpose, address, delivery: await deliver({ token, purpose, expiresAt, email: address, username: user.username, userId: user.id }) }
    },
    async write(tx, loaded, sent, audit) {
      const { user, address, purpose, emailSet } = plan(loaded)
      // The link was sent for the first load; should the account have changed meanwhile, that link is withdrawn.
      const delivery = purpose === sent.purpose && address === sent.address ? sent.delivery : { ...sent.delivery, ok: false }
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
      if (!delivery.ok) await withdrawLink(tx, hashToken(token), ctx.at)
      await invalidateUserSessions(tx, user.id)
      await audit({ ...userEntry(ctx, user), action: `user.${purpose}_link`, details: { emailSet } })
      await audit(deliveryEntry(ctx, user, purpose, delivery))
      return { user: emailSet ? await written(tx, user.id) : user, token, purpose, expiresAt: expiresAt.toISOString(), email: address, delivery }
    },
  })
}
