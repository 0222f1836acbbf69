/** One message to one account's address (decision 0018). `link` is inside `text` too; the dev outbox lists it apart. */
export interface OutgoingMail {
  to: string
  subject: string
  text: string
  link: string
}

export type MailTransportKind = 'smtp' | 'http' | 'outbox'

/** Sends invite and reset links out of band. Injected into createApp; each entry point builds its own. */
export interface MailTransport {
  /** Recorded in the audit trail, so an investigation knows where a link went (a real mailbox or the dev outbox). */
  readonly kind: MailTransportKind
  /** Resolves once the transport has accepted the message; throws MailDeliveryError otherwise. */
  send(mail: OutgoingMail): Promise<void>
}

/** What the development outbox screen lists. */
export interface OutboxEntry {
  id: string
  to: string
  subject: string
  sentAt: string
  link: string
}

/** Development only: the messages the local outbox wrote, newest first. */
export interface DevOutbox {
  list(limit: number): Promise<OutboxEntry[]>
}

/**
 * A transport refused or failed to take a message. The message says what failed in words safe to log: no
 * address, no body, no token (the link is inside the body).
 */
export class MailDeliveryError extends Error {
  override readonly name = 'MailDeliveryError'
}

/** Every transport gives up after this long: an admin waits on the answer. */
export const MAIL_TIMEOUT_MS = 15_000

/** `addr@host` or `Name <addr@host>`, on one line (it becomes a mail header). Both runtimes' config checks MAIL_FROM with it. */
export const MAIL_FROM_PATTERN = /^(?:[^<>\r\n@]*<[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+>|[^\s<>@]+@[^\s<>@]+\.[^\s<>@]+)$/

/** The sender outside production when MAIL_FROM is not set (.invalid: a domain that can never receive mail). */
export const DEVELOPMENT_MAIL_FROM = 'Bình An <no-reply@binhan.invalid>'
