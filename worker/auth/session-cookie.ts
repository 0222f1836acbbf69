import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import type { AppEnv } from '../env.ts'

export const SESSION_COOKIE = 'binhan_session'

/**
 * Secure whenever the configured public origin is https, which production requires; never decided by the
 * request's Host header. Only plain-HTTP development (http://localhost) gets a cookie without it, because
 * browsers drop Secure cookies over http.
 */
function isSecure(c: Context<AppEnv>): boolean {
  return c.var.deps.config.publicOrigin.startsWith('https://')
}

export function readSessionCookie(c: Context): string | undefined {
  return getCookie(c, SESSION_COOKIE)
}

export function setSessionCookie(c: Context<AppEnv>, token: string, expiresAt: Date): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Lax',
    secure: isSecure(c),
    path: '/',
    expires: expiresAt,
  })
}

export function clearSessionCookie(c: Context<AppEnv>): void {
  deleteCookie(c, SESSION_COOKIE, { httpOnly: true, sameSite: 'Lax', secure: isSecure(c), path: '/' })
}
