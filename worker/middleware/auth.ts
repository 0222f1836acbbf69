import type { Context, MiddlewareHandler } from 'hono'
import { clearSessionCookie, readSessionCookie, setSessionCookie } from '../auth/session-cookie.ts'
import { validateSessionToken } from '../auth/session.ts'
import { AppError } from '../errors.ts'
import type { AppEnv } from '../env.ts'
import { authorize, type Action, type Actor, type Target } from '../policy.ts'

/** Reads the session cookie on every API request; sets `session` when valid, re-sends the cookie when renewed. */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  const token = readSessionCookie(c)
  c.set('session', undefined)
  if (token !== undefined) {
    const session = await validateSessionToken(c.var.deps.control, token, c.var.deps.clock.now())
    if (session) {
      c.set('session', session)
      if (session.renewed) setSessionCookie(c, token, session.expiresAt)
    } else {
      clearSessionCookie(c)
    }
  }
  await next()
}

export function actorOf(c: Context<AppEnv>): Actor {
  const session = c.var.session
  if (!session) throw new AppError('unauthenticated', 401, 'Sign in first')
  const { user } = session
  return { userId: user.id, role: user.role, province: user.provinceCode, communes: user.communes }
}

/** Policy metadata carried by a guard, so the authorization-matrix test can find every route's policy. */
export interface RoutePolicy {
  action: Action | 'public' | 'authenticated'
}

type Guard = MiddlewareHandler<AppEnv> & { policy: RoutePolicy }

function withPolicy(handler: MiddlewareHandler<AppEnv>, policy: RoutePolicy): Guard {
  return Object.assign(handler, { policy })
}

/**
 * Every API route starts with exactly one of these. `guard(action)` authenticates and asks worker/policy.ts;
 * the target defaults to the `:province` of the path.
 */
export function guard(action: Action, target: (c: Context<AppEnv>) => Target = (c) => ({ province: c.req.param('province') })): Guard {
  return withPolicy(
    async (c, next) => {
      authorize(actorOf(c), action, target(c))
      await next()
    },
    { action },
  )
}

/** Any signed-in user (e.g. /api/me, changing one's own password). */
export const signedIn: Guard = withPolicy(
  async (c, next) => {
    actorOf(c)
    await next()
  },
  { action: 'authenticated' },
)

/** Deliberately open (login, accepting an invite, liveness). */
export const open: Guard = withPolicy(
  async (_c, next) => {
    await next()
  },
  { action: 'public' },
)
