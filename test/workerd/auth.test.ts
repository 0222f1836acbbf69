import { exports } from 'cloudflare:workers'
import { describe, expect, inject, it } from 'vitest'
import { authorize, can, type Actor } from '../../worker/policy.ts'

// Sessions and the policy, inside workerd: the same code paths the Worker serves in production.
const ORIGIN = 'https://binhan.example'
const call = (path: string, init: RequestInit = {}) => exports.default.fetch(`${ORIGIN}${path}`, init)
const json = (method: string, body: unknown, headers: Record<string, string> = {}): RequestInit => ({
  method,
  headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
  body: JSON.stringify(body),
})

describe('sessions in workerd', () => {
  it('signs in with a password hashed in Node, sets a Secure HttpOnly cookie, and signs out', async () => {
    const login = await call('/api/auth/login', json('POST', { username: 'wd-admin', password: inject('password') }, { 'cf-connecting-ip': '192.0.2.50' }))
    expect(login.status).toBe(200)
    const setCookie = login.headers.get('set-cookie') ?? ''
    expect(setCookie).toMatch(/HttpOnly/)
    expect(setCookie).toMatch(/Secure/)
    expect(setCookie).toMatch(/SameSite=Lax/)
    const cookie = /binhan_session=[^;]+/.exec(setCookie)![0]
    const me = await call('/api/me', { headers: { cookie } })
    expect(me.status).toBe(200)
    expect(((await me.json()) as { data: { role: string; province: { code: string } } }).data).toMatchObject({
      role: 'province_admin',
      province: { code: '82' },
    })
    const logout = await call('/api/auth/logout', { method: 'POST', headers: { cookie, origin: ORIGIN } })
    expect(logout.status).toBe(200)
    expect((await call('/api/me', { headers: { cookie } })).status).toBe(401)
  })

  it('accepts a session created on the Node side (one control database, one session table)', async () => {
    const me = await call('/api/me', { headers: { cookie: inject('cookies').commune } })
    expect(me.status).toBe(200)
    const body = (await me.json()) as { data: { communes: { code: string }[] } }
    expect(body.data.communes.map((c) => c.code)).toEqual([inject('communes').own])
  })

  it('answers a wrong password like an unknown user', async () => {
    const wrong = await call('/api/auth/login', json('POST', { username: 'wd-admin', password: 'not-the-right-one-1' }, { 'cf-connecting-ip': '192.0.2.51' }))
    const unknown = await call(
      '/api/auth/login',
      json('POST', { username: 'nobody-at-all', password: 'not-the-right-one-1' }, { 'cf-connecting-ip': '192.0.2.52' }),
    )
    expect(wrong.status).toBe(401)
    expect(await wrong.json()).toEqual(await unknown.json())
  })

  it('rejects a cross-site write', async () => {
    const res = await call('/api/auth/login', json('POST', { username: 'wd-admin', password: inject('password') }, { origin: 'https://evil.example' }))
    expect(res.status).toBe(403)
  })
})

describe('policy in workerd', () => {
  it('answers 401, 403 and 404 through the Worker as the matrix says', async () => {
    const { commune, central, admin } = inject('cookies')
    expect((await call('/api/p/82/users')).status).toBe(401)
    expect((await call('/api/p/82/users', { headers: { cookie: commune } })).status).toBe(403)
    expect((await call('/api/p/01/communes', { headers: { cookie: commune } })).status).toBe(404)
    expect((await call('/api/p/82/users', { headers: { cookie: admin } })).status).toBe(200)
    expect((await call('/api/p/01/users', { headers: { cookie: admin } })).status).toBe(404)
    expect((await call('/api/admin/audit', { headers: { cookie: central } })).status).toBe(200)
    expect((await call('/api/admin/audit', { headers: { cookie: admin } })).status).toBe(403)
  })

  it('decides commune scope and person-level access the same way as in Node', () => {
    const { own, other } = inject('communes')
    const officer: Actor = { userId: 'u1', role: 'commune_officer', province: '82', communes: [own] }
    const viewer: Actor = { userId: 'u2', role: 'central_viewer', province: null, communes: [] }
    expect(can(officer, 'person:write', { province: '82', commune: own })).toBe(true)
    expect(() => authorize(officer, 'person:write', { province: '82', commune: other })).toThrow(expect.objectContaining({ status: 404 }))
    expect(() => authorize(officer, 'person:read', { province: '01' })).toThrow(expect.objectContaining({ status: 404 }))
    expect(() => authorize(viewer, 'person:read', { province: '82' })).toThrow(expect.objectContaining({ status: 403 }))
  })
})
