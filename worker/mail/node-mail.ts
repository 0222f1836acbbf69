import { join } from 'node:path'
import type { NodeConfig } from '../node-config.ts'
import type { DevOutbox, MailTransport } from './mail.ts'
import { createDevOutbox } from './outbox.node.ts'
import { createSmtpTransport, isLoopbackSmtp } from './smtp-transport.node.ts'

export interface NodeMail {
  transport: MailTransport
  /** Only when the transport is the development outbox. */
  outbox: DevOutbox | undefined
  close(): void
}

/**
 * The Node server's mail (decision 0018): SMTP when SMTP_URL is set; otherwise, outside production, the local
 * outbox under DATA_DIR/outbox. Production without SMTP_URL, or without a public origin for the links, refuses
 * to start: a server that cannot invite or reset anyone is not a working deployment, and a link built from a
 * request's Host header could be made to point anywhere.
 */
export function createNodeMail(config: Pick<NodeConfig, 'environment' | 'dataDir' | 'mail'>): NodeMail {
  const isProduction = config.environment === 'production'
  if (isProduction && !config.mail.smtpUrl) {
    throw new Error('Invalid configuration:\n  SMTP_URL: is required in production (invite and reset links are sent by e-mail)')
  }
  if (config.mail.smtpUrl) {
    const smtp = createSmtpTransport({ url: config.mail.smtpUrl, from: config.mail.from, requireTls: isProduction && !isLoopbackSmtp(config.mail.smtpUrl) })
    return { transport: smtp, outbox: undefined, close: () => smtp.close() }
  }
  const outbox = createDevOutbox(join(config.dataDir, 'outbox'), config.mail.from)
  return { transport: outbox, outbox, close: () => undefined }
}
