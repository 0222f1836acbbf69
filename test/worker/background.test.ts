import { describe, expect, it } from 'vitest'
import { createDetachedWork } from '../../worker/background.ts'
import { createMemoryLogger } from '../helpers/platform.ts'

// Node's waitUntil (worker/entry.node.ts passes it to every request): work after the answer, never thrown.
describe('detached work on Node', () => {
  it('runs the work to its end; settled() waits for it', async () => {
    const logger = createMemoryLogger()
    const detached = createDetachedWork(logger)
    const done: string[] = []
    let finish: () => void = () => {}
    detached.context.waitUntil(new Promise<void>((resolve) => (finish = resolve)).then(() => void done.push('work')))
    const settled = detached.settled().then(() => done.push('settled'))
    finish()
    await settled
    expect(done).toEqual(['work', 'settled'])
    expect(logger.lines).toEqual([])
  })

  it('logs a failure by its name, not its message, instead of an unhandled rejection', async () => {
    const logger = createMemoryLogger()
    const detached = createDetachedWork(logger)
    detached.context.waitUntil(Promise.reject(new TypeError('Nguyễn Văn A at 12 Hàng Bạc')))
    await detached.settled()
    expect(logger.lines).toEqual([{ level: 'error', event: 'background_work_failed', fields: { errorName: 'TypeError' } }])
  })

  it('stops waiting for work that never ends, and says so', async () => {
    const logger = createMemoryLogger()
    const detached = createDetachedWork(logger, 10)
    detached.context.waitUntil(new Promise(() => {}))
    await detached.settled()
    expect(logger.lines).toEqual([{ level: 'error', event: 'background_work_timed_out', fields: { timeoutMs: 10 } }])
  })
})
