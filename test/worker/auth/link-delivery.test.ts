// Invite and reset links reach only their owner (decision 0018): they go by e-mail, the admin is told only where
// and until when, and an acceptance from the issuing admin's own client is flagged in the province's trail.
import { readdirSync, statSync } from 'node:fs'
import { join } from 'node:path'
import { and, eq } from 'drizzle-orm'
import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { hashClientAddress } from '../../../db/audit/append-audit.ts'
import { auditLog, oneTimeTokens, users } from '../../../db/control/schema/index.ts'
import { onboardTenant } from '../../../db/provision/onboard-tenant.ts'
import { createSmtpTransport } from '../../../worker/mail/smtp-transport.node.ts'
import { emlOf, latestMailTo, latestTokenTo } from '../../helpers/outbox.ts'
import { createTestApp, createTestPlatform, jsonBody, outboxDir, type TestApp, type TestPlatform } from '../../helpers/platform.ts'
import { createTestUser, sessionCookieFor } from '../../helpers/users.ts'

const GOOD_PASSWORD = 'mây-trắng-bay-qua-đồi-27'
const ADMIN_ADDRESS = '203.0.113.7'
const OFFICER_ADDRESS = '198.51.100.23'

let platform: TestPlatform
let t: TestApp
let adminCookie: string
let adminId: string
let centralCookie: string
let commune82: string

beforeAll(async () => {
  platform = await createTestPlatform()
  await onboardTenant(platform.onboardDeps, '82')
  t = createTestApp(platform)
  adminId = await createTestUser(platform.control, { username: 'mail-admin-82', role: 'province_admin', province: '82' })
  adminCookie = await sessionCookieFor(platform.control, adminId)
  centralCookie = await sessionCookieFor(platform.control, await createTestUser(platform.control, { username: 'mail-central', role: 'central_admin' }))
  commune82 = (await t.request('/api/p/82/communes', { headers: { cookie: adminCookie } }).then((r) => r.json())).data[0].code
})
afterAll(() => platform.cleanup())

const asAdmin = (app: TestApp, path: string, init: RequestInit = {}) =>
  app.request(path, { ...init, headers: { ...(init.headers as Record<string, string>), cookie: adminCookie, 'x-test-client-address': ADMIN_ADDRESS } })
const inviteBody = (username: string, extra: Record<string, unknown> = {}) => ({
  username,
  displayName: 'Cán bộ Thử Nghiệm',
  email: `${username}@example.test`,
  role: 'commune_officer',
  communes: [commune82],
  ...extra,
})
const accept = (token: string, clientAddress: string) =>
  t.request('/api/auth/accept-invite', jsonBody('POST', { token, password: GOOD_PASSWORD }, { 'x-test-client-address': clientAddress }))
const userNamed = async (username: string) => (await platform.control.select().from(users).where(eq(users.username, username)))[0]
const entries = (action: string, entityId: string) =>
  platform.control
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, action), eq(auditLog.entityId, entityId)))

describe('the admin’s answer', () => {
  it('says where the link went and when it expires, and never contains the link or its token', async () => {
    const res = await asAdmin(t, '/api/p/82/users', jsonBody('POST', inviteBody('mail-officer-a')))
    expect(res.status).toBe(201)
    const text = await res.text()
    const token = latestTokenTo(outboxDir(platform), 'mail-officer-a@example.test')
    expect(text).not.toContain(token)
    expect(text).not.toContain('accept-invite')
    expect(text).not.toContain('mail-officer-a@example.test')
    const { data } = JSON.parse(text)
    expect(Object.keys(data).sort()).toEqual(['delivery', 'user'])
    expect(data.delivery).toEqual({ purpose: 'invite', sentTo: 'm***@example.test', expiresAt: '2026-11-27T03:00:00.000Z' })
    expect(data.user.maskedEmail).toBe('m***@example.test')

    // The user list shows the masked address only.
    const list = await (await asAdmin(t, '/api/p/82/users?status=invited')).text()
    expect(list).toContain('m***@example.test')
    expect(list).not.toContain('mail-officer-a@example.test')
  })

  it('for a reset, too', async () => {
    const id = await createTestUser(platform.control, { username: 'mail-reset-a', role: 'province_officer', province: '82' })
    const res = await asAdmin(t, `/api/p/82/users/${id}/reset`, jsonBody('POST', { email: 'mail-reset-a@example.test' }))
    expect(res.status).toBe(200)
    const text = await res.text()
    expect(text).not.toContain(latestTokenTo(outboxDir(platform), 'mail-reset-a@example.test'))
    expect(JSON.parse(text).data.delivery).toMatchObject({ purpose: 'reset', sentTo: 'm***@example.test' })
  })
})

describe('the message in the development outbox', () => {
  it('is an .eml file with the link, readable by a mail parser, private to the server’s user', async () => {
    await asAdmin(t, '/api/p/82/users', jsonBody('POST', inviteBody('mail-officer-b')))
    const entry = latestMailTo(outboxDir(platform), 'mail-officer-b@example.test')!
    expect(entry.link).toMatch(/^http:\/\/localhost\/accept-invite\?token=[a-z2-7]{40}$/)
    const mail = await simpleParser(emlOf(outboxDir(platform), entry))
    expect(mail.to && !Array.isArray(mail.to) ? mail.to.value[0]?.address : undefined).toBe('mail-officer-b@example.test')
    expect(mail.subject).toBe('Bình An: kích hoạt tài khoản / Activate your account')
    expect(mail.text).toContain(entry.link)
    expect(mail.text).toContain('mail-officer-b')
    expect(mail.text).toContain('10:00 ngày 27/11/2026') // 03:00 UTC + 72 h, in Vietnam time
    expect(mail.text).toContain('You have been invited')
    expect(mail.text).not.toContain('Cán bộ Thử Nghiệm') // the display name is not needed to sign in
    const eml = readdirSync(outboxDir(platform)).find((name) => name.endsWith(`-${entry.id}.eml`))!
    expect(statSync(join(outboxDir(platform), eml)).mode & 0o077).toBe(0)
  })

  it('is listed by GET /api/dev/outbox outside production, newest first', async () => {
    const res = await t.request('/api/dev/outbox')
    expect(res.status).toBe(200)
    const { data } = await res.json()
    expect(data[0]).toMatchObject({ to: 'mail-officer-b@example.test', subject: 'Bình An: kích hoạt tài khoản / Activate your account' })
    expect(data[0].link).toContain('/accept-invite?token=')
    expect(Date.parse(data[0].sentAt)).not.toBeNaN()
  })

  it('has no route in production, even if an outbox is passed in, nor without an outbox', async () => {
    const production = createTestApp(platform, { config: { ...t.deps.config, environment: 'production' } })
    const res = await production.request('/api/dev/outbox')
    expect(res.status).toBe(404)
    expect((await res.json()).error.code).toBe('not_found')
    const none = createTestApp(platform, { devOutbox: undefined })
    expect((await none.request('/api/dev/outbox')).status).toBe(404)
  })
})

describe('an e-mail address', () => {
  it('is required to invite, naming json.email, and nothing is written without it', async () => {
    for (const email of [undefined, '', 'not-an-address', 'a@b', 'x@example.test\r\nBcc: y@example.test']) {
      const body = inviteBody('mail-no-address', { email })
      const res = await asAdmin(t, '/api/p/82/users', jsonBody('POST', body))
      expect(res.status).toBe(400)
      expect((await res.json()).error.details.issues.map((i: { field: string }) => i.field)).toContain('json.email')
    }
    const admin = await t.request(
      '/api/admin/provinces/82/admins',
      jsonBody('POST', { username: 'mail-no-address-2', displayName: 'X' }, { cookie: centralCookie }),
    )
    expect(admin.status).toBe(400)
    expect((await admin.json()).error.details.issues[0].field).toBe('json.email')
    expect(await userNamed('mail-no-address')).toBeUndefined()
    expect(await userNamed('mail-no-address-2')).toBeUndefined()
  })

  it('is required for a reset of an account that has none; the one given is kept for next time', async () => {
    const id = await createTestUser(platform.control, { username: 'mail-legacy', role: 'province_officer', province: '82' })
    const without = await asAdmin(t, `/api/p/82/users/${id}/reset`, { method: 'POST' })
    expect(without.status).toBe(400)
    const body = await without.json()
    expect(body.error.details.issues[0]).toEqual({ field: 'json.email', message: 'is required: this account has no e-mail address yet' })
    expect(await platform.control.select().from(oneTimeTokens).where(eq(oneTimeTokens.userId, id))).toEqual([])

    expect((await asAdmin(t, `/api/p/82/users/${id}/reset`, jsonBody('POST', { email: 'Mail-Legacy@Example.TEST' }))).status).toBe(200)
    expect((await userNamed('mail-legacy'))!.email).toBe('mail-legacy@example.test')
    const again = await asAdmin(t, `/api/p/82/users/${id}/reset`, { method: 'POST' })
    expect(again.status).toBe(200)
    expect((await again.json()).data.delivery.sentTo).toBe('m***@example.test')
  })

  it('of an active account cannot be changed with a reset (the link would go to whoever asks), that of a never-activated one can', async () => {
    const res = await asAdmin(t, '/api/p/82/users', jsonBody('POST', inviteBody('mail-typo', { email: 'mail-tpyo@example.test' })))
    const { user } = (await res.json()).data
    const fixed = await asAdmin(t, `/api/p/82/users/${user.id}/reset`, jsonBody('POST', { email: 'mail-typo@example.test' }))
    expect(fixed.status).toBe(200)
    expect((await fixed.json()).data.delivery.purpose).toBe('invite')
    expect((await accept(latestTokenTo(outboxDir(platform), 'mail-typo@example.test'), OFFICER_ADDRESS)).status).toBe(200)
    // The first link, sent to the mistyped address, was replaced.
    expect((await accept(latestTokenTo(outboxDir(platform), 'mail-tpyo@example.test'), OFFICER_ADDRESS)).status).toBe(400)

    const redirect = await asAdmin(t, `/api/p/82/users/${user.id}/reset`, jsonBody('POST', { email: 'admins-own@example.test' }))
    expect(redirect.status).toBe(409)
    expect(latestMailTo(outboxDir(platform), 'admins-own@example.test')).toBeUndefined()
    expect((await userNamed('mail-typo'))!.email).toBe('mail-typo@example.test')
  })
})

describe('the audit trail', () => {
  it('records the delivery with the masked address, and the acceptance with the accepting client’s hash', async () => {
    const res = await asAdmin(t, '/api/p/82/users', jsonBody('POST', inviteBody('mail-audited')))
    const { user } = (await res.json()).data
    const [sent] = await entries('user.invite_sent', user.id)
    expect(sent).toMatchObject({
      outcome: 'success',
      provinceCode: '82',
      actorId: adminId,
      clientHash: hashClientAddress(ADMIN_ADDRESS, t.deps.config.auditSalt),
    })
    expect(JSON.parse(sent!.details!)).toEqual({ to: 'm***@example.test', transport: 'outbox' })

    expect((await accept(latestTokenTo(outboxDir(platform), 'mail-audited@example.test'), OFFICER_ADDRESS)).status).toBe(200)
    const [accepted] = await entries('user.invite_accepted', user.id)
    expect(accepted).toMatchObject({ actorId: user.id, provinceCode: '82', clientHash: hashClientAddress(OFFICER_ADDRESS, t.deps.config.auditSalt) })
    expect(JSON.parse(accepted!.details!)).toEqual({ issuedBy: adminId, sameClientAsIssuer: false })
    expect(await entries('user.accept_flagged', user.id)).toEqual([])
    expect(t.logger.lines.some((line) => line.event === 'link_accepted_from_issuer_client')).toBe(false)
  })

  it('flags, in the province’s trail, a link accepted from the client of the admin who issued it', async () => {
    const res = await asAdmin(t, '/api/p/82/users', jsonBody('POST', inviteBody('mail-self-accept')))
    const { user } = (await res.json()).data
    expect((await accept(latestTokenTo(outboxDir(platform), 'mail-self-accept@example.test'), ADMIN_ADDRESS)).status).toBe(200)

    const trail = await (await asAdmin(t, '/api/p/82/audit?trail=users&action=user.accept_flagged')).json()
    expect(trail.data).toHaveLength(1)
    expect(trail.data[0]).toMatchObject({
      entityId: user.id,
      provinceCode: '82',
      details: { reason: 'same_client_as_issuer', issuedBy: adminId, purpose: 'invite' },
    })
    const [accepted] = await entries('user.invite_accepted', user.id)
    expect(JSON.parse(accepted!.details!)).toMatchObject({ sameClientAsIssuer: true })
    expect(t.logger.lines.find((line) => line.event === 'link_accepted_from_issuer_client')).toMatchObject({ level: 'warn', fields: { userId: user.id } })
  })
})

describe('without working mail', () => {
  it('refuses to invite or reset with 503 mail_not_configured and writes nothing', async () => {
    const noMail = createTestApp(platform, { mail: undefined })
    const res = await asAdmin(noMail, '/api/p/82/users', jsonBody('POST', inviteBody('mail-unsent')))
    expect(res.status).toBe(503)
    expect((await res.json()).error.code).toBe('mail_not_configured')
    expect(await userNamed('mail-unsent')).toBeUndefined()
    const id = await createTestUser(platform.control, { username: 'mail-unsent-reset', role: 'province_officer', province: '82' })
    const reset = await asAdmin(noMail, `/api/p/82/users/${id}/reset`, jsonBody('POST', { email: 'mail-unsent-reset@example.test' }))
    expect(reset.status).toBe(503)
    expect(await platform.control.select().from(oneTimeTokens).where(eq(oneTimeTokens.userId, id))).toEqual([])
  })

  it('answers 502 mail_failed when the mail server cannot be reached, withdraws the link and audits the failure', async () => {
    // A real SMTP connection to a port nothing listens on.
    const unreachable = createSmtpTransport({ url: 'smtp://127.0.0.1:1', from: 'Bình An <no-reply@example.test>', requireTls: false })
    const failing = createTestApp(platform, { mail: unreachable })
    const res = await asAdmin(failing, '/api/p/82/users', jsonBody('POST', inviteBody('mail-bounced')))
    expect(res.status).toBe(502)
    const body = await res.json()
    expect(body.error).toMatchObject({ code: 'mail_failed', details: { sentTo: 'm***@example.test' } })
    const user = (await userNamed('mail-bounced'))!
    expect(user.status).toBe('invited') // the account is kept: a new link can be sent later
    const tokens = await platform.control.select().from(oneTimeTokens).where(eq(oneTimeTokens.userId, user.id))
    expect(tokens).toHaveLength(1)
    expect(tokens[0]!.usedAt).not.toBeNull()
    const [failure] = await entries('user.invite_sent', user.id)
    expect(failure).toMatchObject({ outcome: 'failure' })
    expect(JSON.parse(failure!.details!)).toMatchObject({ to: 'm***@example.test', transport: 'smtp', reason: expect.stringContaining('SMTP delivery failed') })
    expect(failing.logger.lines.find((line) => line.event === 'mail_delivery_failed')).toMatchObject({ level: 'error', fields: { transport: 'smtp' } })
    unreachable.close()

    // Once mail works, a new link reaches the account.
    const resent = await asAdmin(t, `/api/p/82/users/${user.id}/reset`, { method: 'POST' })
    expect(resent.status).toBe(200)
    expect((await accept(latestTokenTo(outboxDir(platform), 'mail-bounced@example.test'), OFFICER_ADDRESS)).status).toBe(200)
  })
})
