import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { auditLog, loginThrottle, sessions } from '../../../db/control/schema/index.ts'
import { onboardTenant } from '../../../db/provision/onboard-tenant.ts'
import { latestTokenTo } from '../../helpers/outbox.ts'
import { createTestApp, createTestPlatform, jsonBody, outboxDir, type TestApp, type TestPlatform } from '../../helpers/platform.ts'
import { createTestUser, sessionCookieFor, TEST_PASSWORD, userStatus } from '../../helpers/users.ts'

const START = new Date('2026-11-24T03:00:00.000Z')
const HOUR = 60 * 60 * 1000
const GOOD_PASSWORD = 'mây-trắng-bay-qua-đồi-27'

let platform: TestPlatform
let t: TestApp
let now = START
let adminCookie: string
let adminId: string
let centralCookie: string
let commune82: string
let commune01: string

beforeAll(async () => {
  platform = await createTestPlatform()
  for (const code of ['82', '01']) await onboardTenant(platform.onboardDeps, code)
  t = createTestApp(platform, { clock: { now: () => now }, onboardProvince: (code) => onboardTenant(platform.onboardDeps, code) })
  adminId = await createTestUser(platform.control, { username: 'test-admin-82', role: 'province_admin', province: '82' })
  adminCookie = await sessionCookieFor(platform.control, adminId, START)
  centralCookie = await sessionCookieFor(platform.control, await createTestUser(platform.control, { username: 'test-central', role: 'central_admin' }), START)
  commune82 = (await t.request('/api/p/82/communes', { headers: { cookie: adminCookie } }).then((r) => r.json())).data[0].code
  commune01 = '00127'
})
afterAll(() => platform.cleanup())
beforeEach(async () => {
  now = START
  await platform.control.delete(loginThrottle)
})

const asAdmin = (path: string, init: RequestInit = {}) =>
  t.request(path, { ...init, headers: { ...(init.headers as Record<string, string>), cookie: adminCookie } })
const logIn = (username: string, password: string) => t.request('/api/auth/login', jsonBody('POST', { username, password }))
const emailOf = (username: string) => `${username}@example.test`
/** The link's token, taken from the outbox the way its owner would take it from a mailbox. */
const tokenFor = (username: string) => latestTokenTo(outboxDir(platform), emailOf(username))

interface Sent {
  user: { id: string; status: string; maskedEmail: string | null }
  delivery: { purpose: string; sentTo: string; expiresAt: string }
}

async function invite(username: string, role = 'commune_officer', communes = [commune82]) {
  const res = await asAdmin('/api/p/82/users', jsonBody('POST', { username, displayName: `Cán bộ ${username}`, email: emailOf(username), role, communes }))
  expect(res.status).toBe(201)
  return { ...((await res.json()).data as Sent), token: tokenFor(username) }
}

describe('inviting an officer', () => {
  it('creates an invited user and e-mails a one-time link valid for 72 hours', async () => {
    const { user, delivery, token } = await invite('new-officer-a')
    expect(user.status).toBe('invited')
    expect(delivery).toEqual({ purpose: 'invite', sentTo: 'n***@example.test', expiresAt: new Date(START.getTime() + 72 * HOUR).toISOString() })
    expect(token).toMatch(/^[a-z2-7]{40}$/)
    const described = await t.request(`/api/auth/links/${token}`)
    expect((await described.json()).data).toMatchObject({ purpose: 'invite', username: 'new-officer-a', displayName: 'Cán bộ new-officer-a' })
  })

  it('lets the invited user set a password once, then sign in', async () => {
    const { token } = await invite('new-officer-b')
    expect((await logIn('new-officer-b', GOOD_PASSWORD)).status).toBe(401)
    const accepted = await t.request('/api/auth/accept-invite', jsonBody('POST', { token, password: GOOD_PASSWORD }))
    expect(accepted.status).toBe(200)
    expect((await logIn('new-officer-b', GOOD_PASSWORD)).status).toBe(200)
    const again = await t.request('/api/auth/accept-invite', jsonBody('POST', { token, password: 'another-good-password-9' }))
    expect(again.status).toBe(400)
    expect((await again.json()).error.code).toBe('token_invalid')
    expect((await logIn('new-officer-b', GOOD_PASSWORD)).status).toBe(200)
  })

  it('lets only one of two submissions of the same link, sent at once, set the password', async () => {
    const { user, token } = await invite('new-officer-twice')
    const passwords = [GOOD_PASSWORD, 'another-good-password-9']
    const answers = await Promise.all(passwords.map((password) => t.request('/api/auth/accept-invite', jsonBody('POST', { token, password }))))
    expect(answers.map((r) => r.status).sort()).toEqual([200, 400])
    const won = passwords[answers.findIndex((r) => r.status === 200)]!
    const lost = passwords.find((p) => p !== won)!
    expect((await logIn('new-officer-twice', won)).status).toBe(200)
    expect((await logIn('new-officer-twice', lost)).status).toBe(401)
    const accepted = await platform.control.select().from(auditLog).where(eq(auditLog.entityId, user.id))
    expect(accepted.filter((e) => e.action === 'user.invite_accepted')).toHaveLength(1)
  })

  it('refuses an expired link', async () => {
    const { token } = await invite('new-officer-c')
    now = new Date(START.getTime() + 72 * HOUR + 1)
    const res = await t.request('/api/auth/accept-invite', jsonBody('POST', { token, password: GOOD_PASSWORD }))
    expect(res.status).toBe(400)
    expect((await res.json()).error.code).toBe('token_invalid')
    expect((await t.request(`/api/auth/links/${token}`)).status).toBe(400)
  })

  it('applies the password rules, naming the field', async () => {
    const { token } = await invite('new-officer-d')
    for (const [password, code] of [
      ['short-pw', 'too_short'],
      ['password1234', 'too_common'],
      ['new-officer-d-2026!', 'contains_username'],
    ] as const) {
      const res = await t.request('/api/auth/accept-invite', jsonBody('POST', { token, password }))
      expect(res.status).toBe(400)
      const body = await res.json()
      expect(body.error.code).toBe('password_rejected')
      expect(body.error.details.issues.map((i: { code: string }) => i.code)).toContain(code)
      expect(body.error.details.issues[0].field).toBe('json.password')
    }
    // The link survives rejected attempts.
    expect((await t.request('/api/auth/accept-invite', jsonBody('POST', { token, password: GOOD_PASSWORD }))).status).toBe(200)
  })

  it('refuses a taken username with 409 and writes nothing', async () => {
    await invite('new-officer-e')
    const res = await asAdmin(
      '/api/p/82/users',
      jsonBody('POST', { username: 'NEW-OFFICER-E', displayName: 'Dup', email: 'dup@example.test', role: 'province_officer' }),
    )
    expect(res.status).toBe(409)
    expect((await res.json()).error.code).toBe('username_taken')
  })

  it('checks the commune scope against the role and the province', async () => {
    const none = await asAdmin(
      '/api/p/82/users',
      jsonBody('POST', { username: 'scope-a', displayName: 'A', email: 'a@example.test', role: 'commune_officer', communes: [] }),
    )
    expect(none.status).toBe(400)
    expect((await none.json()).error.details.issues[0].field).toBe('json.communes')
    const foreign = await asAdmin(
      '/api/p/82/users',
      jsonBody('POST', { username: 'scope-b', displayName: 'B', email: 'b@example.test', role: 'commune_officer', communes: [commune01] }),
    )
    expect(foreign.status).toBe(400)
    expect((await foreign.json()).error.message).toContain(commune01)
    const officer = await asAdmin(
      '/api/p/82/users',
      jsonBody('POST', { username: 'scope-c', displayName: 'C', email: 'c@example.test', role: 'province_officer', communes: [commune82] }),
    )
    expect(officer.status).toBe(400)
  })

  it('lets a province admin invite only officers, not other admins', async () => {
    const res = await asAdmin(
      '/api/p/82/users',
      jsonBody('POST', { username: 'would-be-admin', displayName: 'X', email: 'x@example.test', role: 'province_admin' }),
    )
    expect(res.status).toBe(400)
    expect((await res.json()).error.details.issues[0].field).toBe('json.role')
  })
})

describe('ending sessions when an account changes', () => {
  async function activeOfficer(username: string) {
    const id = await createTestUser(platform.control, { username, role: 'commune_officer', province: '82', communes: [commune82] })
    const cookies = [await sessionCookieFor(platform.control, id, now), await sessionCookieFor(platform.control, id, now)]
    return { id, cookies }
  }
  const countSessions = async (userId: string) => (await platform.control.select().from(sessions).where(eq(sessions.userId, userId))).length
  const meStatus = (cookie: string) => t.request('/api/me', { headers: { cookie } }).then((r) => r.status)

  it('disabling ends every session and blocks sign-in', async () => {
    const { id, cookies } = await activeOfficer('end-disable')
    expect((await asAdmin(`/api/p/82/users/${id}/disable`, { method: 'POST' })).status).toBe(200)
    expect(await countSessions(id)).toBe(0)
    for (const cookie of cookies) expect(await meStatus(cookie)).toBe(401)
    expect((await logIn('end-disable', TEST_PASSWORD)).status).toBe(401)
    expect(await userStatus(platform.control, id)).toBe('disabled')
    expect((await asAdmin(`/api/p/82/users/${id}/enable`, { method: 'POST' })).status).toBe(200)
    expect((await logIn('end-disable', TEST_PASSWORD)).status).toBe(200)
  })

  it('a role or scope change ends every session', async () => {
    const { id, cookies } = await activeOfficer('end-scope')
    const res = await asAdmin(`/api/p/82/users/${id}/access`, jsonBody('PUT', { role: 'province_officer', communes: [] }))
    expect(res.status).toBe(200)
    expect((await res.json()).data).toMatchObject({ role: 'province_officer', communes: [] })
    for (const cookie of cookies) expect(await meStatus(cookie)).toBe(401)
  })

  it('an admin-issued reset ends every session at once and the e-mailed link sets a new password', async () => {
    const { id, cookies } = await activeOfficer('end-reset')
    const res = await asAdmin(`/api/p/82/users/${id}/reset`, jsonBody('POST', { email: emailOf('end-reset') }))
    expect(res.status).toBe(200)
    const { delivery } = (await res.json()).data
    expect(delivery).toMatchObject({ purpose: 'reset', sentTo: 'e***@example.test' })
    for (const cookie of cookies) expect(await meStatus(cookie)).toBe(401)
    expect((await t.request('/api/auth/accept-invite', jsonBody('POST', { token: tokenFor('end-reset'), password: GOOD_PASSWORD }))).status).toBe(200)
    expect((await logIn('end-reset', TEST_PASSWORD)).status).toBe(401)
    expect((await logIn('end-reset', GOOD_PASSWORD)).status).toBe(200)
  })

  it('changing one’s own password ends the other sessions and keeps this device signed in', async () => {
    const { cookies } = await activeOfficer('end-password')
    const res = await t.request('/api/auth/password', jsonBody('POST', { currentPassword: TEST_PASSWORD, newPassword: GOOD_PASSWORD }, { cookie: cookies[0]! }))
    expect(res.status).toBe(200)
    const fresh = /binhan_session=([^;]*)/.exec(res.headers.get('set-cookie') ?? '')![1]
    expect(await meStatus(cookies[0]!)).toBe(401)
    expect(await meStatus(cookies[1]!)).toBe(401)
    expect(await meStatus(`binhan_session=${fresh}`)).toBe(200)
    expect((await logIn('end-password', GOOD_PASSWORD)).status).toBe(200)
  })

  it('lets only one of two password changes from the same current password, sent at once, through', async () => {
    const { cookies } = await activeOfficer('end-password-twice')
    const passwords = [GOOD_PASSWORD, 'another-good-password-9']
    const answers = await Promise.all(
      passwords.map((newPassword, i) =>
        t.request('/api/auth/password', jsonBody('POST', { currentPassword: TEST_PASSWORD, newPassword }, { cookie: cookies[i]! })),
      ),
    )
    expect(answers.map((r) => r.status).sort()).toEqual([200, 400])
    const won = passwords[answers.findIndex((r) => r.status === 200)]!
    expect((await logIn('end-password-twice', won)).status).toBe(200)
    expect((await logIn('end-password-twice', TEST_PASSWORD)).status).toBe(401)
  })

  it('refuses a password change with a wrong current password', async () => {
    const { cookies } = await activeOfficer('end-wrong-current')
    const res = await t.request(
      '/api/auth/password',
      jsonBody('POST', { currentPassword: 'not-it-at-all', newPassword: GOOD_PASSWORD }, { cookie: cookies[0]! }),
    )
    expect(res.status).toBe(400)
    expect((await res.json()).error.details.issues[0].field).toBe('json.currentPassword')
    expect(await meStatus(cookies[0]!)).toBe(200)
  })
})

describe('scope of user administration', () => {
  it('hides users of another province (404) and refuses to disable oneself (409)', async () => {
    const other = await createTestUser(platform.control, { username: 'other-prov-officer', role: 'province_officer', province: '01' })
    expect((await asAdmin(`/api/p/82/users/${other}/disable`, { method: 'POST' })).status).toBe(404)
    expect(await userStatus(platform.control, other)).toBe('active')
    expect((await asAdmin(`/api/p/82/users/${adminId}/disable`, { method: 'POST' })).status).toBe(404)
  })

  it('pages the user list by username', async () => {
    for (const name of ['page-a', 'page-b', 'page-c']) await createTestUser(platform.control, { username: name, role: 'province_officer', province: '82' })
    const first = await (await asAdmin('/api/p/82/users?limit=2')).json()
    expect(first.data).toHaveLength(2)
    expect(first.next).toBe(first.data[1].username)
    const all: string[] = []
    let after: string | null = null
    do {
      const page: { data: { username: string; province: string }[]; next: string | null } = await (
        await asAdmin(`/api/p/82/users?limit=2${after ? `&after=${after}` : ''}`)
      ).json()
      all.push(...page.data.map((u) => u.username))
      expect(page.data.every((u) => u.province === '82')).toBe(true)
      after = page.next
    } while (after)
    expect(all).toEqual([...all].sort())
    expect(new Set(all).size).toBe(all.length)
    expect(all).toEqual(expect.arrayContaining(['page-a', 'page-b', 'page-c', 'test-admin-82']))
  })

  it('lists the province trail of user administration for its admin', async () => {
    await invite('audited-officer')
    const body = await (await asAdmin('/api/p/82/audit?trail=users&action=user.invite')).json()
    expect(body.data.length).toBeGreaterThan(0)
    expect(body.data.every((e: { action: string; provinceCode: string }) => e.action === 'user.invite' && e.provinceCode === '82')).toBe(true)
    expect(body.data[0].actorId).toBe(adminId)
  })
})

describe('central administration', () => {
  const asCentral = (path: string, init: RequestInit = {}) =>
    t.request(path, { ...init, headers: { ...(init.headers as Record<string, string>), cookie: centralCookie } })

  it('invites a province admin, who then manages the province', async () => {
    const res = await asCentral(
      '/api/admin/provinces/01/admins',
      jsonBody('POST', { username: 'hanoi-admin', displayName: 'Quản trị Hà Nội', email: emailOf('hanoi-admin') }),
    )
    expect(res.status).toBe(201)
    const { user, delivery } = (await res.json()).data
    expect(user).toMatchObject({ role: 'province_admin', province: '01', status: 'invited', maskedEmail: 'h***@example.test' })
    expect(delivery.sentTo).toBe('h***@example.test')
    await t.request('/api/auth/accept-invite', jsonBody('POST', { token: tokenFor('hanoi-admin'), password: GOOD_PASSWORD }))
    const login = await logIn('hanoi-admin', GOOD_PASSWORD)
    const cookie = /binhan_session=[^;]*/.exec(login.headers.get('set-cookie')!)![0]
    expect((await t.request('/api/p/01/users', { headers: { cookie } })).status).toBe(200)
    expect((await t.request('/api/p/82/users', { headers: { cookie } })).status).toBe(404)
  })

  it('suspends and resumes a province; its routes answer 403 meanwhile', async () => {
    expect((await asCentral('/api/admin/provinces/01/suspend', { method: 'POST' })).status).toBe(200)
    expect((await asCentral('/api/p/01/communes')).status).toBe(403)
    expect((await asCentral('/api/admin/provinces/01/resume', { method: 'POST' })).status).toBe(200)
    expect((await asCentral('/api/p/01/communes')).status).toBe(200)
    const trail = await (await asCentral('/api/admin/audit?entityType=province')).json()
    expect(trail.data.map((e: { action: string }) => e.action)).toEqual(expect.arrayContaining(['province.suspend', 'province.resume']))
  })

  it('lists all 34 provinces with their onboarding state', async () => {
    const body = await (await asCentral('/api/admin/provinces')).json()
    expect(body.data).toHaveLength(34)
    expect(body.data.find((p: { code: string }) => p.code === '82')).toMatchObject({ status: 'active', communeCount: 102, provider: 'embedded' })
    expect(body.data.find((p: { code: string }) => p.code === '04')).toMatchObject({ status: 'not_onboarded', communeCount: null, provider: null })
  })

  it('refuses to invite an admin for a province that is not onboarded', async () => {
    const res = await asCentral('/api/admin/provinces/04/admins', jsonBody('POST', { username: 'cao-bang-admin', displayName: 'X', email: 'cb@example.test' }))
    expect(res.status).toBe(404)
  })

  it('onboards a province through the API, idempotently, and rejects an unknown code', async () => {
    const first = await asCentral('/api/admin/provinces', jsonBody('POST', { province: '86' }))
    expect(first.status).toBe(201)
    expect((await first.json()).data).toMatchObject({ province: '86', status: 'active' })
    const again = await asCentral('/api/admin/provinces', jsonBody('POST', { province: '86' }))
    expect(again.status).toBe(200)
    expect((await again.json()).data.stepsRun).toEqual([])
    const unknown = await asCentral('/api/admin/provinces', jsonBody('POST', { province: '99' }))
    expect(unknown.status).toBe(400)
    expect((await unknown.json()).error.details.issues[0].field).toBe('json.province')
    const onboarded = await platform.control.select().from(auditLog).where(eq(auditLog.action, 'province.onboard'))
    expect(onboarded.length).toBeGreaterThan(0)
  })
})
