// The SMTP transport against a real SMTP server on loopback (no mock): what the server receives is what a
// mailbox would get.
import { simpleParser } from 'mailparser'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { onboardTenant } from '../../../db/provision/onboard-tenant.ts'
import { MailDeliveryError } from '../../../worker/mail/mail.ts'
import { createSmtpTransport } from '../../../worker/mail/smtp-transport.node.ts'
import { createTestApp, createTestPlatform, jsonBody, type TestPlatform } from '../../helpers/platform.ts'
import { startSmtpSink, type SmtpSink } from '../../helpers/smtp-sink.ts'
import { createTestUser, sessionCookieFor } from '../../helpers/users.ts'

const AUTH = { user: 'binhan-relay', pass: 'relay-secret-2026' }
const FROM = 'Bình An <no-reply@example.test>'

let sink: SmtpSink
let platform: TestPlatform
beforeAll(async () => {
  sink = await startSmtpSink(AUTH)
  platform = await createTestPlatform()
  await onboardTenant(platform.onboardDeps, '82')
})
afterAll(async () => {
  await sink.close()
  platform.cleanup()
})

describe('the SMTP transport', () => {
  it('delivers the message, authenticated, to the account’s address only', async () => {
    const smtp = createSmtpTransport({ url: sink.url(AUTH), from: FROM, requireTls: false })
    await smtp.send({
      to: 'nhan@example.test',
      subject: 'Bình An: kích hoạt tài khoản',
      text: 'Xin chào,\nhttp://localhost/accept-invite?token=abc\n',
      link: 'http://localhost/accept-invite?token=abc',
    })
    smtp.close()
    const got = sink.received.at(-1)!
    expect(got).toMatchObject({ from: 'no-reply@example.test', to: ['nhan@example.test'], user: AUTH.user })
    const mail = await simpleParser(got.raw)
    expect(mail.subject).toBe('Bình An: kích hoạt tài khoản')
    expect(mail.text).toContain('http://localhost/accept-invite?token=abc')
  })

  it('fails with a MailDeliveryError that quotes neither the address nor the password when the login is refused', async () => {
    const smtp = createSmtpTransport({ url: sink.url({ user: AUTH.user, pass: 'wrong-password' }), from: FROM, requireTls: false })
    const err = await smtp.send({ to: 'nhan@example.test', subject: 's', text: 't', link: 'l' }).catch((e: unknown) => e)
    smtp.close()
    expect(err).toBeInstanceOf(MailDeliveryError)
    expect(String(err)).toContain('SMTP delivery failed (EAUTH 535)')
    expect(String(err)).not.toContain('nhan@example.test')
    expect(String(err)).not.toContain('wrong-password')
  })

  it('refuses to send in the clear when TLS is required and the server offers none', async () => {
    const before = sink.received.length
    const smtp = createSmtpTransport({ url: sink.url(AUTH), from: FROM, requireTls: true })
    const err = await smtp.send({ to: 'nhan@example.test', subject: 's', text: 't', link: 'l' }).catch((e: unknown) => e)
    smtp.close()
    expect(err).toBeInstanceOf(MailDeliveryError)
    expect(String(err)).toContain('ETLS')
    expect(sink.received.length).toBe(before)
  })

  it('carries an invite from the API to the server, while the admin’s answer holds no token', async () => {
    const smtp = createSmtpTransport({ url: sink.url(AUTH), from: FROM, requireTls: false })
    const t = createTestApp(platform, { mail: smtp, devOutbox: undefined })
    const admin = await createTestUser(platform.control, { username: 'smtp-admin-82', role: 'province_admin', province: '82' })
    const cookie = await sessionCookieFor(platform.control, admin)
    const commune = (await t.request('/api/p/82/communes', { headers: { cookie } }).then((r) => r.json())).data[0].code
    const res = await t.request(
      '/api/p/82/users',
      jsonBody(
        'POST',
        { username: 'smtp-officer', displayName: 'Cán bộ SMTP', email: 'smtp-officer@example.test', role: 'commune_officer', communes: [commune] },
        { cookie },
      ),
    )
    expect(res.status).toBe(201)
    const answer = await res.text()
    smtp.close()

    const got = sink.received.at(-1)!
    expect(got.to).toEqual(['smtp-officer@example.test'])
    const mail = await simpleParser(got.raw)
    const token = /accept-invite\?token=([a-z2-7]{40})/.exec(mail.text ?? '')?.[1]
    expect(token).toBeDefined()
    expect(answer).not.toContain(token!)
    expect(JSON.parse(answer).data.delivery.sentTo).toBe('s***@example.test')
    expect((await t.request(`/api/auth/links/${token}`)).status).toBe(200)
  })
})
