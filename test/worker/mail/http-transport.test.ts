// The HTTP mail transport (the one the Worker uses) against a real local HTTP server speaking Resend's JSON.
// test/workerd/mail.test.ts runs the same transport inside workerd.
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHttpMailTransport } from '../../../worker/mail/http-transport.ts'
import { MailDeliveryError } from '../../../worker/mail/mail.ts'
import { startMailApiStandIn, type MailApiStandIn } from '../../helpers/mail-api-stand-in.ts'

const TOKEN = 'mail-api-test-token'
let api: MailApiStandIn
beforeAll(async () => {
  api = await startMailApiStandIn({ token: TOKEN, failFor: ['bounce@example.test'] })
})
afterAll(() => api.close())

const mail = (to: string) => ({
  to,
  subject: 'Bình An: đặt lại mật khẩu',
  text: 'Xin chào,\nhttp://localhost/accept-invite?token=xyz\n',
  link: 'http://localhost/accept-invite?token=xyz',
})

describe('the HTTP mail transport', () => {
  it('posts from, to, subject and text with the bearer token', async () => {
    await createHttpMailTransport({ url: api.url, token: TOKEN, from: 'Bình An <no-reply@example.test>' }).send(mail('nhan@example.test'))
    expect(api.messages.at(-1)).toEqual({
      from: 'Bình An <no-reply@example.test>',
      to: ['nhan@example.test'],
      subject: 'Bình An: đặt lại mật khẩu',
      text: mail('').text,
    })
  })

  it('fails on a refused token or a provider error, naming the status and not the provider’s answer', async () => {
    const before = api.messages.length
    const wrong = await createHttpMailTransport({ url: api.url, token: 'not-it', from: 'x@example.test' })
      .send(mail('nhan@example.test'))
      .catch((e: unknown) => e)
    expect(wrong).toBeInstanceOf(MailDeliveryError)
    expect(String(wrong)).toContain('mail API answered 401')
    const bounced = await createHttpMailTransport({ url: api.url, token: TOKEN, from: 'x@example.test' })
      .send(mail('bounce@example.test'))
      .catch((e: unknown) => e)
    expect(String(bounced)).toContain('mail API answered 500')
    expect(String(bounced)).not.toContain('bounce@example.test')
    expect(api.messages.length).toBe(before)
  })

  it('fails when the API cannot be reached', async () => {
    const err = await createHttpMailTransport({ url: 'http://127.0.0.1:1/emails', token: TOKEN, from: 'x@example.test' })
      .send(mail('nhan@example.test'))
      .catch((e: unknown) => e)
    expect(err).toBeInstanceOf(MailDeliveryError)
    expect(String(err)).toContain('mail API unreachable')
  })
})
