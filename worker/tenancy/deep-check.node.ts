import { spawn } from 'node:child_process'
import { fileURLToPath } from 'node:url'
import { filePathOf } from '../../db/client.node.ts'
import {
  CHECK_FAILED,
  DEEP_CHECK_TIMEOUT_MS,
  readPragmaAnswer,
  remoteDeepCheck,
  type DeepCheck,
  type DeepCheckDepth,
  type DeepCheckResult,
} from './deep-check.ts'

const CHILD = fileURLToPath(new URL('./deep-check-child.ts', import.meta.url))
const MAX_OUTPUT = 64 * 1024

/**
 * Node: an embedded file is checked by a child process (deep-check-child.ts) with its own connection. SQLite
 * runs on the caller's thread there, so the server's event loop (and every other province) keeps serving, and
 * the bound is real: past it the child is killed. A worker thread cannot be stopped that way: terminating one
 * inside the libsql binding aborts the whole process (tried: a neon assertion panics). Remote databases are
 * checked over their client.
 */
export function nodeDeepCheck(timeoutMs: Record<DeepCheckDepth, number> = DEEP_CHECK_TIMEOUT_MS): DeepCheck {
  const remote = remoteDeepCheck(timeoutMs)
  return async (location, db, depth) => {
    const path = filePathOf(location.url)
    return path === undefined ? remote(location, db, depth) : checkInChild(path, depth, timeoutMs[depth])
  }
}

function checkInChild(path: string, depth: DeepCheckDepth, timeoutMs: number): Promise<DeepCheckResult> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [CHILD, path, depth], { stdio: ['ignore', 'pipe', 'ignore'] })
    let output = ''
    let settled = false
    const settle = (result: DeepCheckResult) => {
      if (settled) return
      settled = true
      clearTimeout(timer)
      resolve(result)
    }
    const timer = setTimeout(() => {
      child.kill('SIGKILL')
      settle({ ok: false, problem: 'check_timed_out' })
    }, timeoutMs)
    child.stdout.setEncoding('utf8')
    child.stdout.on('data', (chunk: string) => {
      if (output.length < MAX_OUTPUT) output += chunk
    })
    child.once('error', () => settle({ ok: false, problem: 'unreachable' }))
    child.once('close', () => settle(readChildAnswer(depth, output)))
  })
}

function readChildAnswer(depth: DeepCheckDepth, output: string): DeepCheckResult {
  let answer: unknown
  try {
    answer = JSON.parse(output.trim().split('\n').at(-1) ?? '')
  } catch {
    return { ok: false, problem: 'unreachable' }
  }
  if (typeof answer !== 'object' || answer === null) return { ok: false, problem: 'unreachable' }
  if ('values' in answer && Array.isArray(answer.values)) return readPragmaAnswer(depth, answer.values)
  if ('error' in answer && answer.error === 'corrupt') {
    const detail = 'message' in answer && typeof answer.message === 'string' ? answer.message : undefined
    return { ok: false, problem: CHECK_FAILED[depth], detail }
  }
  return { ok: false, problem: 'unreachable' }
}
