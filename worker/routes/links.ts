import type { Context } from 'hono'
import type { AppEnv } from '../env.ts'
import type { IssuedLink } from '../../kernel/contract/identity.ts'
import type { IssuedLink as Issued } from '../services/user-admin.ts'

/**
 * The link an admin copies and hands over (no e-mail is assumed). The public origin is the first trusted
 * origin when one is configured (behind a reverse proxy the request URL is internal), else the request's.
 */
export function presentLink(c: Context<AppEnv>, issued: Issued): IssuedLink {
  const origin = c.var.deps.config.trustedOrigins[0] ?? new URL(c.req.url).origin
  const url = `${origin}/accept-invite?token=${issued.token}`
  return { user: issued.user, link: { purpose: issued.purpose, url, expiresAt: issued.expiresAt } }
}
