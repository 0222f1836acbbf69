// A real SMTP server on 127.0.0.1 (smtp-server, the library nodemailer's authors test with) that keeps what it
// receives, for tests of the SMTP transport. Plain SMTP with AUTH allowed: loopback only.
import { SMTPServer, type SMTPServerOptions } from 'smtp-server'

export interface ReceivedMail {
  from: string | undefined
  to: string[]
  user: string | undefined
  raw: Buffer
}

export interface SmtpSink {
  url(auth?: { user: string; pass: string }): string
  received: ReceivedMail[]
  close(): Promise<void>
}

export async function startSmtpSink(options: { user?: string; pass?: string; starttls?: boolean } = {}): Promise<SmtpSink> {
  const received: ReceivedMail[] = []
  const config: SMTPServerOptions = {
    logger: false,
    // No certificate of ours: STARTTLS is hidden unless a test wants the server to offer it.
    hideSTARTTLS: !options.starttls,
    disabledCommands: options.starttls ? [] : ['STARTTLS'],
    allowInsecureAuth: true,
    authOptional: !options.user,
    onAuth(auth, _session, callback) {
      if (auth.username === options.user && auth.password === options.pass) callback(null, { user: auth.username })
      else callback(new Error('Invalid username or password'))
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = []
      stream.on('data', (chunk: Buffer) => chunks.push(chunk))
      stream.on('end', () => {
        const from = session.envelope.mailFrom
        received.push({
          from: from ? from.address : undefined,
          to: session.envelope.rcptTo.map((r) => r.address),
          user: typeof session.user === 'string' ? session.user : undefined,
          raw: Buffer.concat(chunks),
        })
        callback()
      })
    },
  }
  const server = new SMTPServer(config)
  const port = await new Promise<number>((resolve, reject) => {
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.server.address()
      resolve(typeof address === 'object' && address ? address.port : 0)
    })
  })
  return {
    url: (auth) => `smtp://${auth ? `${encodeURIComponent(auth.user)}:${encodeURIComponent(auth.pass)}@` : ''}127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
