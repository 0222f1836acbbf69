import { env, exports } from 'cloudflare:workers'
import { and, eq } from 'drizzle-orm'
import { describe, expect, inject, it } from 'vitest'
import { hashClientAddress } from '../../db/audit/append-audit.ts'
import { openControlDb } from '../../db/client.web.ts'
import { auditLog, loginThrottle } from '../../db/control/schema/index.ts'
import { throttleKeys } from '../../worker/auth/login-throttle.ts'

// Bursts of sign-ins through the real Worker, sent at once. Every attempt the Worker evaluates (hashes) is
// audited once as `auth.login`, and its reservation is one count in `login_throttle`; a refused attempt
// leaves neither. So both are read back from the control database to count what was really evaluated.
const ORIGIN = 'https://binhan.example'
const control = openControlDb({ url: `${inject('libsqlUrl')}/control/` })
const salt = env.AUDIT_SALT!

// X-Forwarded-For is whatever the client wrote; on Workers only CF-Connecting-IP (set by Cloudflare) counts.
const logIn = (username: string, password: string, address: string, forged = '198.51.100.1') =>
  exports.default.fetch(`${ORIGIN}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN, 'cf-connecting-ip': address, 'x-forwarded-for': forged },
    body: JSON.stringify({ username, password }),
  })

async function auditedLogins(address: string): Promise<number> {
  const rows = await control
    .select({ seq: auditLog.seq })
    .from(auditLog)
    .where(and(eq(auditLog.action, 'auth.login'), eq(auditLog.clientHash, hashClientAddress(address, salt)!)))
  return rows.length
}

async function counted(username: string, address: string): Promise<number | undefined> {
  const key = throttleKeys(username, hashClientAddress(address, salt), salt).find((k) => k.scope === 'pair')!.key
  const [row] = await control.select({ failures: loginThrottle.failures }).from(loginThrottle).where(eq(loginThrottle.key, key))
  return row?.failures
}

describe('sign-in bursts in workerd', () => {
  it('evaluates only 5 of 30 wrong passwords and the right one sent together, whatever X-Forwarded-For says; the rest answer 429 with Retry-After', async () => {
    const address = '192.0.2.200'
    const responses = await Promise.all(
      Array.from({ length: 31 }, (_, i) => logIn('wd-burst', i === 30 ? inject('password') : 'not-the-password-1', address, `198.51.100.${i}`)),
    )
    const statuses = responses.map((res) => res.status)
    expect(statuses.filter((s) => s === 401)).toHaveLength(5)
    expect(statuses.filter((s) => s === 429)).toHaveLength(26)
    expect(statuses[30]).toBe(429)
    expect(responses.filter((res) => res.status === 429).every((res) => Number(res.headers.get('retry-after')) > 0)).toBe(true)
    expect(await auditedLogins(address)).toBe(5)
    expect(await counted('wd-burst', address)).toBe(5)
    expect((await logIn('wd-burst', inject('password'), address)).status).toBe(429)
  })
})
