import { MAIL_TIMEOUT_MS, MailDeliveryError, type MailTransport, type OutgoingMail } from './mail.ts'

export interface HttpMailConfig {
  /** e.g. https://api.resend.com/emails, or a relay speaking the same JSON. */
  url: string
  /** Sent as `Authorization: Bearer …`; absent for a relay on a private network that needs none. */
  token: string | undefined
  /** `Bình An <no-reply@binhan.example.gov.vn>` */
  from: string
}

/**
 * Mail through an HTTP API (Workers, where no SMTP library runs): one POST per message with the JSON Resend's
 * API takes, `{ from, to: [address], subject, text }`. Any 2xx is accepted; anything else, a network error or
 * the timeout is a MailDeliveryError that names the status only (a provider's answer may echo the address).
 */
export function createHttpMailTransport(config: HttpMailConfig, fetcher: typeof fetch = fetch): MailTransport {
  return {
    kind: 'http',
    async send(mail: OutgoingMail) {
      const headers: Record<string, string> = { 'content-type': 'application/json' }
      if (config.token) headers.authorization = `Bearer ${config.token}`
      let res: Response
      try {
        res = await fetcher(config.url, {
          method: 'POST',
          headers,
          body: JSON.stringify({ from: config.from, to: [mail.to], subject: mail.subject, text: mail.text }),
          signal: AbortSignal.timeout(MAIL_TIMEOUT_MS),
        })
      } catch (err) {
        throw new MailDeliveryError(`mail API unreachable (${err instanceof Error ? err.name : 'error'})`)
      }
      // The body is read and dropped so the connection can be reused; its text is never logged.
      await res.arrayBuffer().catch(() => undefined)
      if (!res.ok) throw new MailDeliveryError(`mail API answered ${res.status}`)
    },
  }
}
