// Reading the development outbox the way a recipient reads a mailbox: the newest message to an address.
import { readdirSync, readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { OutboxEntry } from '../../worker/mail/mail.ts'

/** The newest outbox entry to `address`, or undefined. `dir` is outboxDir(platform). */
export function latestMailTo(dir: string, address: string): OutboxEntry | undefined {
  const names = (() => {
    try {
      return readdirSync(dir)
    } catch {
      return []
    }
  })()
  for (const name of names
    .filter((n) => n.endsWith('.json'))
    .sort()
    .reverse()) {
    const entry = JSON.parse(readFileSync(join(dir, name), 'utf8')) as OutboxEntry
    if (entry.to === address) return entry
  }
  return undefined
}

/** The token of the newest link sent to `address`; throws when none was sent. */
export function latestTokenTo(dir: string, address: string): string {
  const entry = latestMailTo(dir, address)
  if (!entry) throw new Error(`no message to ${address} in the outbox`)
  const token = new URL(entry.link).searchParams.get('token')
  if (!token) throw new Error('the link has no token')
  return token
}

/** The .eml file of an outbox entry, as written. */
export function emlOf(dir: string, entry: OutboxEntry): Buffer {
  const name = readdirSync(dir).find((n) => n.endsWith(`-${entry.id}.eml`))
  if (!name) throw new Error(`no .eml for ${entry.id}`)
  return readFileSync(join(dir, name))
}
