import cluster, { type Worker } from 'node:cluster'
import type { WriteGate } from '../db/audit/append-audit.ts'

// Turns for write transactions on the embedded files, kept by the cluster's primary (decision 0024; the
// WriteGate in db/audit/append-audit.ts says why). A worker asks over the cluster's IPC channel and awaits its
// turn without blocking its event loop; the primary answers in the order asked, one file at a time.

/** A turn not granted by then is not waited for: the transaction goes ahead and waits on the file's lock. */
const GATE_WAIT_MS = 5_000

interface GateMessage {
  binhanGate: 'enter' | 'granted' | 'leave'
  id: number
  key?: string
}

function isGateMessage(message: unknown): message is GateMessage {
  return typeof message === 'object' && message !== null && 'binhanGate' in message && typeof (message as { id?: unknown }).id === 'number'
}

interface Turn {
  owner: Worker | null
  id: number
  grant(): void
}

const none = () => undefined

/** The primary's side: keeps the lines, answers the workers, and gives the primary its own turns too. */
export function createGateKeeper(keyOf: (client: object) => string | undefined): WriteGate {
  const lines = new Map<string, Turn[]>()
  const join = (key: string, turn: Turn) => {
    const line = lines.get(key) ?? []
    lines.set(key, line)
    line.push(turn)
    if (line.length === 1) turn.grant()
  }
  const leave = (key: string, isTurn: (turn: Turn) => boolean) => {
    const line = lines.get(key)
    if (!line) return
    const at = line.findIndex(isTurn)
    if (at < 0) return
    line.splice(at, 1)
    if (line.length === 0) lines.delete(key)
    else if (at === 0) line[0]!.grant()
  }
  cluster.on('message', (worker, message: unknown) => {
    if (!isGateMessage(message) || message.key === undefined) return
    const { id, key } = message
    if (message.binhanGate === 'enter') join(key, { owner: worker, id, grant: () => worker.isConnected() && worker.send({ binhanGate: 'granted', id }) })
    if (message.binhanGate === 'leave') leave(key, (turn) => turn.owner === worker && turn.id === id)
  })
  // A worker that dies holding or awaiting a turn gives it up.
  cluster.on('exit', (worker) => {
    for (const [key, line] of lines) {
      const kept = line.filter((turn) => turn.owner !== worker)
      if (kept.length === 0) lines.delete(key)
      else if (kept.length < line.length) {
        lines.set(key, kept)
        if (kept[0] !== line[0]) kept[0]!.grant()
      }
    }
  })
  let nextId = 0
  return {
    enter(client) {
      const key = keyOf(client)
      if (key === undefined) return Promise.resolve(none)
      const id = ++nextId
      const end = () => leave(key, (turn) => turn.owner === null && turn.id === id)
      return new Promise((resolve) => {
        let settled = false
        // As for the workers: not granted in time, go ahead (and give the turn back when it comes).
        const timer = setTimeout(() => {
          settled = true
          resolve(none)
        }, GATE_WAIT_MS)
        join(key, {
          owner: null,
          id,
          grant: () => {
            if (settled) return end()
            settled = true
            clearTimeout(timer)
            resolve(end)
          },
        })
      })
    },
  }
}

/** A worker's side: asks the primary for each turn and tells it when the turn is over. */
export function createWorkerGate(keyOf: (client: object) => string | undefined): WriteGate {
  const waiting = new Map<number, () => void>()
  process.on('message', (message: unknown) => {
    if (!isGateMessage(message) || message.binhanGate !== 'granted') return
    const granted = waiting.get(message.id)
    waiting.delete(message.id)
    granted?.()
  })
  const send = (message: GateMessage) => {
    try {
      process.send?.(message)
      return process.send !== undefined
    } catch {
      return false // the primary is gone: the process is about to be stopped anyway
    }
  }
  let nextId = 0
  return {
    enter(client) {
      const key = keyOf(client)
      if (key === undefined) return Promise.resolve(none)
      const id = ++nextId
      const leave = () => void send({ binhanGate: 'leave', id, key })
      return new Promise((resolve) => {
        let settled = false
        const timer = setTimeout(() => {
          settled = true
          resolve(none)
        }, GATE_WAIT_MS)
        waiting.set(id, () => {
          // Granted after giving up: hand the turn straight back.
          if (settled) return leave()
          settled = true
          clearTimeout(timer)
          resolve(leave)
        })
        if (!send({ binhanGate: 'enter', id, key })) {
          waiting.delete(id)
          clearTimeout(timer)
          settled = true
          resolve(none)
        }
      })
    },
  }
}
