import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { createTransport } from 'nodemailer'
import * as v from 'valibot'
import { MailDeliveryError, type DevOutbox, type MailTransport, type OutboxEntry, type OutgoingMail } from './mail.ts'

const Entry = v.object({ id: v.string(), to: v.string(), subject: v.string(), sentAt: v.string(), link: v.string() })

/**
 * Development only: each message becomes `<time>-<id>.eml` (open it in any mail client) under `dir`, with a
 * `.json` beside it that the outbox screen lists. It stands in for the recipients' mailboxes so the demo can
 * invite people without a mail server; production refuses to start with it (worker/mail/node-mail.ts).
 * Files are readable by the server's user only: they hold working links.
 */
export function createDevOutbox(dir: string, from: string, now: () => Date = () => new Date()): MailTransport & DevOutbox {
  // The same message composer as SMTP, writing to a buffer instead of a socket.
  const composer = createTransport({ streamTransport: true, buffer: true, newline: 'unix' })
  // Names sort by time, then by this counter: two messages in one millisecond keep their order.
  let sequence = 0
  return {
    kind: 'outbox',
    async send(mail: OutgoingMail) {
      const id = crypto.randomUUID()
      const at = now()
      const base = `${at.toISOString().replace(/[:.]/g, '-')}-${String(++sequence).padStart(6, '0')}-${id}`
      try {
        const info = await composer.sendMail({
          from,
          to: mail.to,
          subject: mail.subject,
          text: mail.text,
          date: at,
          messageId: `<${id}@outbox.binhan.invalid>`,
        })
        await mkdir(dir, { recursive: true, mode: 0o700 })
        await writeFile(join(dir, `${base}.eml`), info.message, { mode: 0o600 })
        const entry: OutboxEntry = { id, to: mail.to, subject: mail.subject, sentAt: at.toISOString(), link: mail.link }
        await writeFile(join(dir, `${base}.json`), JSON.stringify(entry), { mode: 0o600 })
      } catch (err) {
        throw new MailDeliveryError(`dev outbox could not write (${err instanceof Error ? err.name : 'error'})`)
      }
    },
    async list(limit: number) {
      const names = await readdir(dir).catch(() => [] as string[])
      const newest = names
        .filter((name) => name.endsWith('.json'))
        .sort()
        .reverse()
        .slice(0, limit)
      const entries: OutboxEntry[] = []
      for (const name of newest) {
        const parsed = v.safeParse(Entry, parseJson(await readFile(join(dir, name), 'utf8')))
        if (parsed.success) entries.push(parsed.output)
      }
      return entries
    },
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text)
  } catch {
    return undefined // a half-written or hand-edited file is skipped, not fatal
  }
}
