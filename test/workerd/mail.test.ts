import { exports } from 'cloudflare:workers'
import { describe, expect, inject, it } from 'vitest'

// Invite links from the Worker go out through its HTTP mail transport to the local mail API stand-in
// (test/helpers/mail-api-stand-in.ts); the officer takes the link from there, never from the admin's answer.
const ORIGIN = 'https://binhan.example'
const call = (path: string, init: RequestInit = {}) => exports.default.fetch(`${ORIGIN}${path}`, init)
const asAdmin = (path: string, body?: unknown) =>
  call(path, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { cookie: inject('cookies').admin, origin: ORIGIN, 'content-type': 'application/json', 'cf-connecting-ip': '192.0.2.80' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  })

interface Posted {
  to: string[]
  subject: string
  text: string
}

describe('invite links from the Worker', () => {
  it('are e-mailed through the HTTP mail API, and the admin is told only where', async () => {
    const address = 'wd-invited@example.test'
    const res = await asAdmin('/api/p/82/users', {
      username: 'wd-invited',
      displayName: 'Cán bộ workerd',
      email: address,
      role: 'commune_officer',
      communes: [inject('communes').own],
    })
    expect(res.status).toBe(201)
    const answer = await res.text()
    expect(JSON.parse(answer).data.delivery).toMatchObject({ purpose: 'invite', sentTo: 'w***@example.test' })

    const posted = (await (await fetch(inject('mailApiUrl').replace(/\/emails$/, '/messages'))).json()) as Posted[]
    const mail = posted.find((m) => m.to.includes(address))!
    expect(mail.subject).toBe('Bình An: kích hoạt tài khoản / Activate your account')
    const token = /https:\/\/binhan\.example\/accept-invite\?token=([a-z2-7]{40})/.exec(mail.text)?.[1]
    expect(token).toBeDefined()
    expect(answer).not.toContain(token!)

    const accepted = await call('/api/auth/accept-invite', {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/json', 'cf-connecting-ip': '192.0.2.81' },
      body: JSON.stringify({ token, password: 'mây trắng bay qua đồi 27' }),
    })
    expect(accepted.status).toBe(200)
    const trail = (await (await asAdmin('/api/p/82/audit?trail=users&action=user.invite_sent')).json()) as { data: { details: Record<string, unknown> }[] }
    expect(trail.data[0]?.details).toEqual({ to: 'w***@example.test', transport: 'http' })
  })

  it('has no development outbox route on Workers', async () => {
    expect((await call('/api/dev/outbox')).status).toBe(404)
  })
})
