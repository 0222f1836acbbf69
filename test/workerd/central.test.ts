import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test'
import { exports } from 'cloudflare:workers'
import { describe, expect, inject, it, vi } from 'vitest'
import { and, eq } from 'drizzle-orm'
import { verifyAuditChain } from '../../db/audit/verify-audit.ts'
import { openControlDb } from '../../db/client.web.ts'
import { auditLog } from '../../db/control/schema/index.ts'
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

  it('refreshes a province at a central admin’s request with the reads issued beside the session, twice at once too', async () => {
    const ORIGIN = 'https://binhan.example'
    const refresh = (cookie?: string) =>
      exports.default.fetch(`${ORIGIN}/api/admin/provinces/82/refresh`, { method: 'POST', headers: { origin: ORIGIN, ...(cookie ? { cookie } : {}) } })
    const control = openControlDb({ url: `${inject('libsqlUrl')}/control/` })
    const entries = async () =>
      (
        await control
          .select({ outcome: auditLog.outcome })
          .from(auditLog)
          .where(and(eq(auditLog.action, 'province.snapshot_refresh'), eq(auditLog.entityId, '82')))
      ).map((e) => e.outcome)
    const before = await entries()
    // Refused before the route: the reads issued ahead are dropped, nothing is refreshed or audited.
    expect((await refresh()).status).toBe(401)
    expect((await refresh(inject('cookies').commune)).status).toBe(403)
    // Two at once read the same tail ahead: one batch moves the trail, the other is loaded again and lands after it.
    const answers = await Promise.all([refresh(inject('cookies').central), refresh(inject('cookies').central)])
    expect(answers.map((r) => r.status)).toEqual([200, 200])
    for (const res of answers) expect(((await res.json()) as { data: { ok: boolean; periods: string[] } }).data).toMatchObject({ ok: true })
    expect(await entries()).toEqual([...before, 'success', 'success'])
    expect((await verifyAuditChain(control)).ok).toBe(true)
    control.$client.close()
  })
})
