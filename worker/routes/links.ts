import type { Context } from 'hono'
import { AppError } from '../errors.ts'
import type { AppEnv } from '../env.ts'
import type { MailTransport } from '../mail/mail.ts'
import { mailDelivery, type Deliver } from '../services/link-delivery.ts'

/**
 * Checked before anything is written: without a mail transport no link can reach its owner, and the admin must
 * not be handed one instead (decision 0018).
 */
export function requireMail(c: Context<AppEnv>): MailTransport {
  const mail = c.var.deps.mail
  if (!mail)
    throw new AppError(
      'mail_not_configured',
      503,
      'Sending e-mail is not configured on this server, so no invite or reset link can be sent. Ask the operator to configure mail (README "Configuration").',
    )
  return mail
}

/**
 * The origin of links in e-mails: the configured public origin, never the request's: behind a reverse proxy the
 * request URL is internal, and a forged Host header must not make a link point elsewhere (decision 0016).
 */
export function linkOrigin(c: Context<AppEnv>): string {
  return c.var.deps.config.publicOrigin
}

/** How the route's link reaches its owner: by e-mail, tried before the link is stored (services/link-delivery.ts). */
export function mailedLink(c: Context<AppEnv>, mail: MailTransport): Deliver {
  return mailDelivery({ mail, log: c.var.log }, linkOrigin(c))
}
