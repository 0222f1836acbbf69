import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test'
import { exports } from 'cloudflare:workers'
import { describe, expect, inject, it, vi } from 'vitest'
import type { CentralSummary } from '../../kernel/contract/central.ts'
import { SNAPSHOT_CRON } from '../../worker/jobs/refresh-snapshots.ts'
import worker from '../../worker/index.ts'
import type { WorkerEnv } from '../../worker/workers-config.ts'

// The central snapshots' Cron Trigger inside workerd (decision 0042): the Worker's own scheduled handler, on the
// snapshot schedule of wrangler.toml, refreshes every active province over libSQL HTTP; the provinces whose
// database the Worker refuses (11 a release behind, 48 another copy) fail alone and are counted.
describe('the central snapshots on Workers', () => {
  it('refreshes every active province on its Cron schedule and serves the summary from the snapshots', async () => {
    const lines: string[] = []
    const spy = vi.spyOn(console, 'log').mockImplementation((line: unknown) => {
      lines.push(String(line))
    })
    try {
      const ctx = createExecutionContext()
      worker.scheduled(createScheduledController({ cron: SNAPSHOT_CRON }), { ...(env as WorkerEnv), LOG_LEVEL: 'info' }, ctx)
      await waitOnExecutionContext(ctx)
    } finally {
      spy.mockRestore()
    }
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
    const done = entries.find((e) => e.event === 'central_snapshots_refreshed')
    expect(done).toMatchObject({ level: 'info', failed: 2 })
    // Logged as each lane finishes, in whatever order the provinces' lanes end.
    expect(
      entries
        .filter((e) => e.event === 'central_snapshot_failed')
        .map((e) => String(e.province))
        .sort(),
    ).toEqual(['11', '48'])
    // The daily checks did not run on this schedule.
    expect(entries.some((e) => e.event === 'tenant_db_check')).toBe(false)

    const res = await exports.default.fetch('https://binhan.example/api/central/summary', { headers: { cookie: inject('cookies').central } })
    expect(res.status).toBe(200)
    const { data } = (await res.json()) as { data: CentralSummary }
    expect(data.provinces).toHaveLength(34)
    const row = (code: string) => data.provinces.find((p) => p.code === code)!
    expect(row('82').snapshot).toMatchObject({ stale: false, lastError: null })
    expect(row('01').snapshot).toMatchObject({ stale: false })
    expect(row('11').snapshot).toBeNull()
    expect(data.total.provincesIncluded).toBeGreaterThanOrEqual(2)
  }, 120_000)
})
