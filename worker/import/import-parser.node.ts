// Node only: imports are parsed on worker threads, so no upload can hold the request thread (decision 0019).
// The Workers entry never imports this file; there the parse runs inline (analyse-file.ts, parseInline).
import { availableParallelism } from 'node:os'
import { Worker } from 'node:worker_threads'
import type { ImportParser, ParseJob, ParseOutcome } from './analyse-file.ts'
import { UPLOAD_AGAIN } from './raw-table.ts'
import { TOO_LARGE } from './zip-archive.ts'

export interface WorkerParserOptions {
  /** Threads parsing at once; further uploads wait their turn. Default: one core left to the request thread, at most 2. */
  threads?: number
  /** A parse still running after this is stopped and the file refused. */
  timeoutMs?: number
  /** Each thread's heap ceiling: a file that needs more is refused, the server is not. */
  maxHeapMb?: number
}

export const WORKER_PARSER_DEFAULTS = {
  threads: Math.max(1, Math.min(2, availableParallelism() - 1)),
  timeoutMs: 30_000,
  maxHeapMb: 512,
} as const

const TOO_SLOW = `The file takes too long to read: split the list into smaller files ${UPLOAD_AGAIN}`
const refused = (message: string): ParseOutcome => ({ ok: false, problem: { code: 'too_large', message } })

interface Task {
  job: ParseJob
  resolve(outcome: ParseOutcome): void
  reject(error: Error): void
}

type Reply = { outcome: ParseOutcome } | { failure: string }

/**
 * A small pool of long-lived worker threads (started on first use, unref'd so they never keep the process
 * alive). One job per thread at a time, the rest queued in order. A thread that runs out of heap or time is
 * ended and replaced; its job's file is refused as too large (400), anything else is a 500.
 */
export function createWorkerParser(options: WorkerParserOptions = {}): ImportParser & { close(): Promise<void> } {
  const { threads, timeoutMs, maxHeapMb } = { ...WORKER_PARSER_DEFAULTS, ...options }
  const idle: Worker[] = []
  const all = new Set<Worker>()
  let running = 0
  const queue: Task[] = []

  const spawn = () => {
    const worker = new Worker(new URL('./import-parser.worker.node.ts', import.meta.url), { resourceLimits: { maxOldGenerationSizeMb: maxHeapMb } })
    worker.unref()
    all.add(worker)
    worker.once('exit', () => all.delete(worker))
    return worker
  }

  const pump = () => {
    while (running < threads && queue.length > 0) run(queue.shift()!, idle.pop() ?? spawn())
  }

  const run = (task: Task, worker: Worker) => {
    running++
    let isSettled = false
    const settle = (result: { outcome: ParseOutcome } | { error: Error }, keep: boolean) => {
      if (isSettled) return
      isSettled = true
      clearTimeout(timer)
      worker.off('message', onMessage).off('error', onError).off('exit', onExit)
      if (keep) idle.push(worker)
      else void worker.terminate()
      running--
      if ('outcome' in result) task.resolve(result.outcome)
      else task.reject(result.error)
      pump()
    }
    const onMessage = (reply: Reply) => settle('outcome' in reply ? reply : { error: new Error(`import parser failed: ${reply.failure}`) }, true)
    const onError = (error: Error & { code?: string }) => settle(error.code === 'ERR_WORKER_OUT_OF_MEMORY' ? { outcome: refused(TOO_LARGE) } : { error }, false)
    const onExit = (code: number) => settle({ error: new Error(`import parser exited with ${code}`) }, false)
    const timer = setTimeout(() => settle({ outcome: refused(TOO_SLOW) }, false), timeoutMs)
    worker.on('message', onMessage).on('error', onError).on('exit', onExit)
    worker.postMessage(task.job)
  }

  const parse: ImportParser = (job) =>
    new Promise<ParseOutcome>((resolve, reject) => {
      queue.push({ job, resolve, reject })
      pump()
    })
  return Object.assign(parse, {
    close: async () => {
      idle.length = 0
      await Promise.all([...all].map((worker) => worker.terminate()))
    },
  })
}
