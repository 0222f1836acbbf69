// Mail configuration in both runtimes: checked at start-up, never echoing a secret.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'
import { createNodeMail } from '../../../worker/mail/node-mail.ts'
import { readNodeConfig } from '../../../worker/node-config.ts'
import { readWorkerConfig } from '../../../worker/workers-config.ts'

const dataDir = mkdtempSync(join(tmpdir(), 'binhan-mail-config-'))
afterAll(() => rmSync(dataDir, { recursive: true, force: true }))
const SALT = 'a-production-secret-salt'
const node = (env: Record<string, string>) => readNodeConfig({ DATA_DIR: dataDir, ...env })

describe('mail on Node', () => {
  it('uses the development outbox under DATA_DIR/outbox when SMTP_URL is not set outside production', () => {
    const mail = createNodeMail(node({ NODE_ENV: 'development' }))
    expect(mail.transport.kind).toBe('outbox')
    expect(mail.outbox).toBeDefined()
  })

  it('uses SMTP when SMTP_URL is set, with MAIL_FROM required beside it', () => {
    const mail = createNodeMail(
      node({
        NODE_ENV: 'production',
        AUDIT_SALT: SALT,
        SMTP_URL: 'smtps://relay:pw@mail.example.test:465',
        MAIL_FROM: 'Bình An <no-reply@example.test>',
        PUBLIC_ORIGIN: 'https://binhan.example.test',
      }),
    )
    expect(mail.transport.kind).toBe('smtp')
    expect(mail.outbox).toBeUndefined()
    mail.close()
    expect(() => node({ SMTP_URL: 'smtp://127.0.0.1:25' })).toThrow(/MAIL_FROM: is required with SMTP_URL/)
  })

  it('refuses to start in production without SMTP_URL or without a public origin for the links (PUBLIC_ORIGIN, decision 0016)', () => {
    expect(() => createNodeMail(node({ NODE_ENV: 'production', AUDIT_SALT: SALT, PUBLIC_ORIGIN: 'https://binhan.example.test' }))).toThrow(
      /SMTP_URL: is required in production/,
    )
    expect(() =>
      createNodeMail(node({ NODE_ENV: 'production', AUDIT_SALT: SALT, SMTP_URL: 'smtp://127.0.0.1:25', MAIL_FROM: 'no-reply@example.test' })),
    ).toThrow(/PUBLIC_ORIGIN/)
  })

  it('names a malformed SMTP_URL or MAIL_FROM without echoing the password', () => {
    try {
      node({ SMTP_URL: 'http://relay:hunter2-secret@mail.example.test', MAIL_FROM: 'no-reply@example.test' })
      expect.unreachable()
    } catch (err) {
      expect(String(err)).toContain('SMTP_URL')
      expect(String(err)).not.toContain('hunter2-secret')
    }
    expect(() => node({ SMTP_URL: 'smtp://127.0.0.1:25', MAIL_FROM: 'Bình An <no-reply@example.test>\r\nBcc: x@example.test' })).toThrow(/MAIL_FROM/)
  })
})

describe('mail on Workers', () => {
  const base = { CONTROL_DB_URL: 'libsql://x', AUDIT_SALT: SALT, PUBLIC_ORIGIN: 'https://binhan.example.test' }
  it('requires an https MAIL_API_URL and MAIL_FROM in production', () => {
    expect(() => readWorkerConfig(base)).toThrow(/MAIL_API_URL is required in production/)
    expect(() => readWorkerConfig({ ...base, MAIL_API_URL: 'http://mail.example.test/emails', MAIL_FROM: 'no-reply@example.test' })).toThrow(
      /must be https:\/\/ in production/,
    )
    expect(() => readWorkerConfig({ ...base, MAIL_API_URL: 'https://api.resend.com/emails' })).toThrow(/MAIL_FROM is required with MAIL_API_URL/)
    const config = readWorkerConfig({
      ...base,
      MAIL_API_URL: 'https://api.resend.com/emails',
      MAIL_API_TOKEN: 're_secret',
      MAIL_FROM: 'Bình An <no-reply@example.test>',
    })
    expect(config.mail).toEqual({ url: 'https://api.resend.com/emails', token: 're_secret', from: 'Bình An <no-reply@example.test>' })
  })

  it('runs without mail outside production (invites then answer 503)', () => {
    expect(readWorkerConfig({ CONTROL_DB_URL: 'http://127.0.0.1:8788/control/', ENVIRONMENT: 'development' }).mail).toBeUndefined()
  })
})
