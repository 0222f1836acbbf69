import { createTransport } from 'nodemailer'
import { MAIL_TIMEOUT_MS, MailDeliveryError, type MailTransport, type OutgoingMail } from './mail.ts'

export interface SmtpConfig {
  /** smtp://user:pass@host:587 (STARTTLS) or smtps://user:pass@host:465 (TLS from the start). */
  url: string
  from: string
  /**
   * Refuse to send over a connection that did not upgrade to TLS (smtp:// URLs). On in production except for
   * a relay on this machine (127.0.0.1, ::1, localhost), where the message never crosses a network.
   */
  requireTls: boolean
}

const LOOPBACK = new Set(['127.0.0.1', '::1', '[::1]', 'localhost'])

export function isLoopbackSmtp(url: string): boolean {
  return LOOPBACK.has(new URL(url).hostname)
}

/** Mail through an SMTP server with nodemailer (Node: the embedded server and self-hosted provinces). */
export function createSmtpTransport(config: SmtpConfig): MailTransport & { close(): void } {
  const url = new URL(config.url)
  const transporter = createTransport({
    host: url.hostname.replace(/^\[|\]$/g, ''),
    port: url.port ? Number(url.port) : url.protocol === 'smtps:' ? 465 : 587,
    secure: url.protocol === 'smtps:',
    requireTLS: url.protocol === 'smtp:' && config.requireTls,
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
    connectionTimeout: MAIL_TIMEOUT_MS,
    greetingTimeout: MAIL_TIMEOUT_MS,
    socketTimeout: MAIL_TIMEOUT_MS,
  })
  return {
    kind: 'smtp',
    async send(mail: OutgoingMail) {
      try {
        await transporter.sendMail({ from: config.from, to: mail.to, subject: mail.subject, text: mail.text })
      } catch (err) {
        // nodemailer's messages carry the server's reply, which can quote the recipient: keep the codes only
        // (nodemailer's own, e.g. EAUTH or ETLS, and the server's reply code).
        const { code, responseCode } = err as { code?: unknown; responseCode?: unknown }
        const codes = [code, responseCode].filter((c) => typeof c === 'string' || typeof c === 'number')
        throw new MailDeliveryError(`SMTP delivery failed (${codes.join(' ') || 'error'})`)
      }
    },
    close: () => transporter.close(),
  }
}
