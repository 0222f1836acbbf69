import type { OneTimeTokenPurpose } from '../../db/control/schema/index.ts'
import type { AuditDetails, AuditInput } from '../../db/audit/append-audit.ts'
import type { AuditContext } from '../audit-context.ts'
import { AppError } from '../errors.ts'
import type { Logger } from '../logger.ts'
import { MailDeliveryError, type MailTransport } from '../mail/mail.ts'
import { composeLinkMail, maskEmail } from '../mail/message.ts'
import type { UserView } from '../repo/users.ts'

/** What the admin is told: where the link went and until when it works. Never the link (decision 0018). */
export interface LinkDelivery {
  purpose: OneTimeTokenPurpose
  sentTo: string
  expiresAt: string
}

/** A one-time link on its way to its owner, before it is stored. */
export interface LinkToSend {
  token: string
  purpose: OneTimeTokenPurpose
  expiresAt: Date
  /** The account's address. */
  email: string
  username: string
  userId: string
}

/** How the link went: audited beside the link itself (`user.invite_sent`, `user.reset_sent`). */
export interface DeliveryOutcome {
  ok: boolean
  /** The masked address, the transport, and on failure a reason safe to log. */
  details: AuditDetails
  /** Where the admin is told it went (masked); null for a console hand-over. */
  sentTo: string | null
}

/**
 * How a link reaches its owner. It is tried once the link's reads have decided it may be issued and before the
 * link is written (decision 0054), so that the link, its account and the delivery's entry commit in one batch
 * and no database lock waits on a mail server. Never throws: a failure is an outcome, and the link is then
 * stored already withdrawn (it may or may not have arrived).
 */
export type Deliver = (link: LinkToSend) => Promise<DeliveryOutcome>

export interface MailDeps {
  mail: MailTransport
  log: Logger
}

/** E-mails the link to the account's address. */
export function mailDelivery(deps: MailDeps, origin: string): Deliver {
  return async (link) => {
    const url = `${origin}/accept-invite?token=${link.token}`
    const { subject, text } = composeLinkMail({ purpose: link.purpose, username: link.username, url, expiresAt: link.expiresAt })
    const sentTo = maskEmail(link.email)
    try {
      await deps.mail.send({ to: link.email, subject, text, link: url })
      return { ok: true, sentTo, details: { to: sentTo, transport: deps.mail.kind } }
    } catch (err) {
      const reason = err instanceof MailDeliveryError ? err.message : 'unexpected error'
      deps.log.error('mail_delivery_failed', { transport: deps.mail.kind, reason, userId: link.userId })
      return { ok: false, sentTo, details: { to: sentTo, transport: deps.mail.kind, reason } }
    }
  }
}

/** The delivery's audit entry, written in the link's batch. */
export function deliveryEntry(
  ctx: AuditContext,
  user: { id: string; province: string | null },
  purpose: OneTimeTokenPurpose,
  outcome: DeliveryOutcome,
): AuditInput {
  return {
    ...ctx,
    action: `user.${purpose}_sent`,
    entityType: 'user',
    entityId: user.id,
    provinceCode: user.province,
    outcome: outcome.ok ? 'success' : 'failure',
    details: outcome.details,
  }
}

/** What the admin is answered once the link is stored: where it went, or 502 when the mail failed (the account stays). */
export function deliveryAnswer(issued: { user: UserView; purpose: OneTimeTokenPurpose; expiresAt: string; delivery: DeliveryOutcome }): {
  user: UserView
  delivery: LinkDelivery
} {
  const sentTo = issued.delivery.sentTo ?? ''
  if (!issued.delivery.ok)
    throw new AppError(
      'mail_failed',
      502,
      'The e-mail with the link could not be sent, so the link was withdrawn. The account is kept: send a new link once mail works again.',
      { sentTo },
    )
  return { user: issued.user, delivery: { purpose: issued.purpose, sentTo, expiresAt: issued.expiresAt } }
}
