import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test'
import { describe, expect, it, vi } from 'vitest'
import worker from '../../worker/index.ts'
import { WATCH_CRON } from '../../worker/jobs/check-tenant-databases.ts'
import type { WorkerEnv } from '../../worker/workers-config.ts'

// The 10-minute Cron Trigger (decision 0040) inside workerd: the open check of every active province over the
// Hrana endpoint, none of the daily job's work (no integrity_check, no anchors, no housekeeping).
describe('the watch cron', () => {
  it('opens every active province database and logs the watch, and only that', async () => {
    const lines: string[] = []
    const spy = vi.spyOn(console, 'log').mockImplementation((line: unknown) => {
      lines.push(String(line))
    })
    try {
      const ctx = createExecutionContext()
      worker.scheduled(createScheduledController({ cron: WATCH_CRON }), { ...(env as WorkerEnv), LOG_LEVEL: 'info' }, ctx)
      await waitOnExecutionContext(ctx)
    } finally {
      spy.mockRestore()
    }
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
    const watch = entries.find((entry) => entry.event === 'tenant_db_watch')
    // 01, 11, 48 and 82 are active; 11 is a release behind and 48's database is another copy (global-setup.ts).
    expect(watch).toMatchObject({ level: 'info', unavailable: 2 })
    expect(watch?.checked).toBeGreaterThanOrEqual(4)
    expect(entries.map((entry) => entry.event)).not.toContain('tenant_db_check')
    expect(entries.map((entry) => entry.event)).not.toContain('audit_anchor')
  })
})
