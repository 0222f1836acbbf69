// wrangler.toml as wrangler itself reads it, per environment: staging is its own Worker with its own bindings
// (wrangler inherits none into an environment), and both run the watch and the daily job.
import { unstable_readConfig } from 'wrangler'
import { describe, expect, it } from 'vitest'
import { WATCH_CRON } from '../../worker/jobs/check-tenant-databases.ts'
import { SNAPSHOT_CRON } from '../../worker/jobs/refresh-snapshots.ts'

const read = (env?: string) => unstable_readConfig({ config: 'wrangler.toml', ...(env ? { env } : {}) })

describe('wrangler.toml', () => {
  it('production and staging are separate Workers, each with the onboarding Workflow, the assets and the three schedules', () => {
    const production = read()
    const staging = read('staging')
    expect(production.name).toBe('binh-an')
    expect(staging.name).toBe('binh-an-staging')
    for (const config of [production, staging]) {
      expect(config.triggers.crons).toEqual([WATCH_CRON, '0 19 * * *', SNAPSHOT_CRON])
      expect(config.workflows).toEqual([expect.objectContaining({ binding: 'ONBOARDING', class_name: 'OnboardingWorkflow' })])
      expect(config.assets).toMatchObject({ binding: 'ASSETS', run_worker_first: ['/api/*', '/health', '/assets/*'] })
      expect(config.observability).toMatchObject({ enabled: true, logs: { invocation_logs: false } })
      // Near the databases (decision 0046).
      expect(config.placement).toEqual({ mode: 'smart' })
      // Production rules (secrets required, https only) in staging too: it rehearses the real deploy.
      expect(config.vars).toMatchObject({ ENVIRONMENT: 'production', LOG_LEVEL: 'info' })
    }
    // Two Workflows of one account must not share a name: staging's runs are not production's.
    expect(staging.workflows[0]?.name).not.toBe(production.workflows[0]?.name)
    expect(staging.vars.TURSO_GROUP).not.toBe(production.vars.TURSO_GROUP)
    // Evidence files: each Worker its own bucket (bindings are not inherited into an environment).
    for (const config of [production, staging]) expect(config.r2_buckets).toEqual([expect.objectContaining({ binding: 'EVIDENCE' })])
    expect(staging.r2_buckets[0]?.bucket_name).not.toBe(production.r2_buckets[0]?.bucket_name)
  })
})
