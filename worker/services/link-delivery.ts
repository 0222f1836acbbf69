import type { OneTimeTokenPurpose } from '../../db/control/schema/index.ts'
import { appendAudit, writeTransaction } from '../../db/audit/append-audit.ts'
import type { ControlDb } from '../../db/types.ts'
import type { AuditContext } from '../audit-context.ts'
import { hashToken } from '../auth/tokens.ts'
import { AppError } from '../errors.ts'
import type { Logger } from '../logger.ts'
import { MailDeliveryError, type MailTransport } from '../mail/mail.ts'
import { composeLinkMail, maskEmail } from '../mail/message.ts'
import { withdrawLink } from '../repo/credentials.ts'
import type { UserView } from '../repo/users.ts'
import type { IssuedLink } from './user-admin.ts'

/** What the admin is told: where the link went and until when it works. Never the link (decision 0018). */
export interface LinkDelivery {
  purpose: OneTimeTokenPurpose
  sentTo: string
  expiresAt: string
}

export interface DeliveryDeps {
  control: ControlDb
  mail: MailTransport
  log: Logger
}

/**
 * E-mails the link to the account's address and audits the delivery (`user.invite_sent`, `user.reset_sent`, the
 * masked address and the transport). Runs after the link's transaction has committed: a mail server is not
 * waited on inside a database lock. If the transport fails, the link is withdrawn (it may or may not have
 * arrived) and the admin is told to send a new one; the account itself stays.
 */
export async function deliverLink(
  deps: DeliveryDeps,
  ctx: AuditContext,
  issued: IssuedLink,
  origin: string,
): Promise<{ user: UserView; delivery: LinkDelivery }> {
  const url = `${origin}/accept-invite?token=${issued.token}`
  const { subject, text } = composeLinkMail({ purpose: issued.purpose, username: issued.user.username, url, expiresAt: new Date(issued.expiresAt) })
  const sentTo = maskEmail(issued.email)
  const entry = { ...ctx, action: `user.${issued.purpose}_sent`, entityType: 'user', entityId: issued.user.id, provinceCode: issued.user.province }
  try {
    await deps.mail.send({ to: issued.email, subject, text, link: url })
  } catch (err) {
    const reason = err instanceof MailDeliveryError ? err.message : 'unexpected error'
    deps.log.error('mail_delivery_failed', { transport: deps.mail.kind, reason, userId: issued.user.id })
    await writeTransaction(deps.control, async (tx) => {
      await withdrawLink(tx, hashToken(issued.token), ctx.at)
      await appendAudit(tx, { ...entry, outcome: 'failure', details: { to: sentTo, transport: deps.mail.kind, reason } })
    })
    throw new AppError(
      'mail_failed',
      502,
      'The e-mail with the link could not be sent, so the link was withdrawn. The account is kept: send a new link once mail works again.',
      {
        sentTo,
      },
    )
  }
  await appendAudit(deps.control, { ...entry, outcome: 'success', details: { to: sentTo, transport: deps.mail.kind } })
  return { user: issued.user, delivery: { purpose: issued.purpose, sentTo, expiresAt: issued.expiresAt } }
}
