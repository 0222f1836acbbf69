import { Hono } from 'hono'
import { auditContextOf, auditControl } from '../audit-context.ts'
import { clearSessionCookie, setSessionCookie } from '../auth/session-cookie.ts'
import { invalidateSession } from '../auth/session.ts'
import type { AppEnv } from '../env.ts'
import { open, signedIn } from '../middleware/auth.ts'
import { AcceptInviteBody, ChangePasswordBody, LoginBody, TokenParam } from '../schemas/auth.ts'
import { validate } from '../schemas/validate.ts'
import { acceptLink, changePassword, describeLink, LoginThrottledError, logIn } from '../services/credentials.ts'
import { describeMe } from './me.ts'

export const authRoutes = new Hono<AppEnv>()
  .post('/login', open, validate('json', LoginBody), async (c) => {
    const { username, password } = c.req.valid('json')
    try {
      const session = await logIn(c.var.deps.control, auditContextOf(c), c.var.deps.config.auditSalt, username, password)
      setSessionCookie(c, session.token, session.expiresAt)
      return c.json({ data: await describeMe(c.var.deps.control, session.userId) })
    } catch (err) {
      if (err instanceof LoginThrottledError) c.header('Retry-After', String(err.retryAfterSeconds))
      throw err
    }
  })
  .post('/logout', open, async (c) => {
    const session = c.var.session
    if (session) {
      await invalidateSession(c.var.deps.control, session.sessionId)
      await auditControl(c, {
        action: 'auth.logout',
        entityType: 'session',
        entityId: null,
        provinceCode: session.user.provinceCode,
        outcome: 'success',
      })
    }
    clearSessionCookie(c)
    return c.json({ data: { signedOut: true } })
  })
  .get('/links/:token', open, validate('param', TokenParam), async (c) => {
    const { token } = c.req.valid('param')
    return c.json({ data: await describeLink(c.var.deps.control, token, c.var.deps.clock.now()) })
  })
  .post('/accept-invite', open, validate('json', AcceptInviteBody), async (c) => {
    const { token, password } = c.req.valid('json')
    const result = await acceptLink(c.var.deps.control, auditContextOf(c), token, password)
    // An operator can alert on this line; the audit trail holds the same fact for the province's admins.
    if (result.flagged) c.var.log.warn('link_accepted_from_issuer_client', { userId: result.userId })
    // Any session this browser had (perhaps another user's) ends too: the next step is signing in.
    clearSessionCookie(c)
    return c.json({ data: { username: result.username, activated: true } })
  })
  .post('/password', signedIn, validate('json', ChangePasswordBody), async (c) => {
    const { currentPassword, newPassword } = c.req.valid('json')
    const ctx = auditContextOf(c)
    const session = await changePassword(c.var.deps.control, { ...ctx, actorId: c.var.session!.user.id }, currentPassword, newPassword)
    setSessionCookie(c, session.token, session.expiresAt)
    return c.json({ data: { changed: true } })
  })
