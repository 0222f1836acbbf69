import type { Context } from 'hono'
import type { AppEnv } from '../env.ts'
import type { IssuedLink } from '../services/user-admin.ts'

/**
 * The link an admin copies and hands over (no e-mail is assumed). It starts with the configured public
 * origin, never the request's: behind a reverse proxy the request URL is internal, and a forged Host header
 * must not make a link point elsewhere.
 */
export function presentLink(c: Context<AppEnv>, issued: IssuedLink) {
  const url = `${c.var.deps.config.publicOrigin}/accept-invite?token=${issued.token}`
  return { user: issued.user, link: { purpose: issued.purpose, url, expiresAt: issued.expiresAt } }
}
