// A small local stand-in for an HTTP mail API (Resend's JSON): it keeps every message posted with the expected
// bearer token and answers 200; a wrong token gets 401, a recipient on `failFor` 500. GET /messages lists them,
// for the workerd suite, whose tests cannot read this process's memory. Listens on 127.0.0.1 only.
import { createServer, type IncomingMessage } from 'node:http'

export interface PostedMail {
  from: string
  to: string[]
  subject: string
  text: string
}

export interface MailApiStandIn {
  /** e.g. http://127.0.0.1:41234/emails */
  url: string
  messages: PostedMail[]
  close(): Promise<void>
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = []
  for await (const chunk of req) chunks.push(chunk as Buffer)
  return Buffer.concat(chunks).toString('utf8')
}

export async function startMailApiStandIn(options: { token: string; failFor?: string[] }): Promise<MailApiStandIn> {
  const messages: PostedMail[] = []
  const server = createServer((req, res) => {
    void (async () => {
      if (req.method === 'GET' && req.url === '/messages') {
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(messages))
        return
      }
      if (req.method !== 'POST' || req.url !== '/emails') return void res.writeHead(404).end()
      if (req.headers.authorization !== `Bearer ${options.token}`) return void res.writeHead(401).end('{"message":"bad token"}')
      const mail = JSON.parse(await readBody(req)) as PostedMail
      if (mail.to.some((to) => options.failFor?.includes(to))) return void res.writeHead(500).end(`{"message":"cannot deliver to ${mail.to[0]}"}`)
      messages.push(mail)
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: crypto.randomUUID() }))
    })()
  })
  const port = await new Promise<number>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      resolve(typeof address === 'object' && address ? address.port : 0)
    })
  })
  return {
    url: `http://127.0.0.1:${port}/emails`,
    messages,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  }
}
