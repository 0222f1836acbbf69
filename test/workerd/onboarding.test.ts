import { exports } from 'cloudflare:workers'
import { and, desc, eq } from 'drizzle-orm'
import { describe, expect, inject, it } from 'vitest'
import { openControlDb } from '../../db/client.web.ts'
import { auditLog, tenants } from '../../db/control/schema/index.ts'

// Onboarding from the Provinces screen on Workers, end to end: the request starts a Workflow run (202), the run
// creates the database through the Platform API stand-in (scripts/lib/turso-api-stand-in.ts), migrates it over
// the local Hrana endpoint from the bundled SQL, seeds its communes and activates it; the list shows each step.
const ORIGIN = 'https://binhan.example'
const control = openControlDb({ url: `${inject('libsqlUrl')}/control/` })
const api = inject('tursoApiUrl')
const central = inject('cookies').central

const call = (path: string, init: RequestInit = {}) =>
  exports.default.fetch(`${ORIGIN}${path}`, { ...init, headers: { cookie: central, origin: ORIGIN, 'content-type': 'application/json', ...init.headers } })
const onboard = (province: string) => call('/api/admin/provinces', { method: 'POST', body: JSON.stringify({ province }) })

interface Listed {
  code: string
  status: string
  communeCount: number | null
  provider: string | null
  onboardingError: string | null
  database: unknown
}

async function listed(code: string): Promise<Listed> {
  const body = (await (await call('/api/admin/provinces')).json()) as { data: Listed[] }
  return body.data.find((p) => p.code === code)!
}

/** Polls the list as the screen does, and returns every status it saw on the way. */
async function pollUntil(code: string, done: (p: Listed) => boolean): Promise<{ last: Listed; seen: string[] }> {
  const seen: string[] = []
  for (let i = 0; i < 300; i++) {
    const p = await listed(code)
    if (seen.at(-1) !== p.status) seen.push(p.status)
    if (done(p)) return { last: p, seen }
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  throw new Error(`province ${code} never got there; saw ${seen.join(' → ')}`)
}

const lastAudit = async (province: string) => {
  const [row] = await control
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.action, 'province.onboard'), eq(auditLog.entityId, province)))
    .orderBy(desc(auditLog.seq))
    .limit(1)
  return row && { ...row, details: JSON.parse(row.details ?? 'null') as Record<string, string> | null }
}

const failCreate = (database: string, status: number | null, error?: string) =>
  fetch(api.replace(/\/v1$/, '/__fail'), { method: 'POST', body: JSON.stringify({ database, status, error }) })

describe('onboarding a province on Workers', () => {
  it('answers 202 at once, then the run creates, migrates, seeds and activates the database; the province is served', async () => {
    const res = await onboard('04')
    expect(res.status).toBe(202)
    const body = (await res.json()) as { data: { province: string; status: string; started: boolean; job: string } }
    expect(body.data).toMatchObject({ province: '04', status: 'provisioning', started: true, job: expect.stringMatching(/^onboard-04-/) })

    // A second click while the run goes on starts nothing new.
    const again = await onboard('04')
    const second = (await again.json()) as { data: { started: boolean; job: string } }
    if (again.status === 202) expect(second.data).toMatchObject({ started: false, job: body.data.job })

    const { last } = await pollUntil('04', (p) => p.status === 'active')
    expect(last).toMatchObject({ provider: 'turso', onboardingError: null, database: { status: 'available' } })
    expect(last.communeCount).toBeGreaterThan(10)

    // The stand-in saw the documented calls, with the Platform API token, in the group and its location.
    const requests = (await (await fetch(api.replace(/\/v1$/, '/__requests'))).json()) as {
      method: string
      path: string
      body: unknown
      authorization: string
    }[]
    expect(requests).toEqual(
      expect.arrayContaining([
        { method: 'GET', path: '/v1/organizations/binhan-test/databases/binhan-p04', body: null, authorization: 'Bearer workerd-turso-platform-token' },
        {
          method: 'POST',
          path: '/v1/organizations/binhan-test/databases',
          body: { name: 'binhan-p04', group: 'binhan-test' },
          authorization: 'Bearer workerd-turso-platform-token',
        },
      ]),
    )
    expect(requests.find((r) => r.method === 'POST' && r.path === '/v1/organizations/binhan-test/groups')?.body).toEqual({
      name: 'binhan-test',
      location: 'aws-ap-south-1',
    })
    const [row] = await control.select().from(tenants).where(eq(tenants.provinceCode, '04'))
    expect(row).toMatchObject({ status: 'active', dbLocation: 'libsql://binhan-p04-binhan-test.aws-ap-south-1.turso.io', databaseId: expect.any(String) })

    // Served from its own database, like any province: its communes and its health.
    const communes = (await (await call('/api/p/04/communes?limit=1')).json()) as { total: number }
    expect(communes.total).toBe(last.communeCount)
    expect((await call('/api/p/04/health')).status).toBe(200)
    expect(await lastAudit('04')).toMatchObject({ outcome: 'success', actorRole: 'central_admin', details: { steps: 'provision,migrate,seed,activate' } })

    // Onboarding it again changes nothing.
    const done = await onboard('04')
    expect(done.status).toBe(200)
    expect(((await done.json()) as { data: unknown }).data).toMatchObject({ status: 'active', started: false })
  })

  it('records and audits a failed run with its reason, and a new click resumes it to the end', async () => {
    await failCreate('binhan-p08', 402, 'database limit reached for this plan')
    expect((await onboard('08')).status).toBe(202)
    const { last } = await pollUntil('08', (p) => p.onboardingError !== null)
    expect(last.status).toBe('provisioning')
    expect(last.onboardingError).toContain('failed with 402: database limit reached for this plan')
    const audit = await lastAudit('08')
    expect(audit).toMatchObject({ outcome: 'failure', actorRole: 'central_admin' })
    expect(audit?.details?.reason).toContain('database limit reached')
    // Not served while it is not onboarded.
    expect((await call('/api/p/08/communes')).status).toBe(404)

    await failCreate('binhan-p08', null)
    const retry = await onboard('08')
    expect(retry.status).toBe(202)
    const { last: done } = await pollUntil('08', (p) => p.status === 'active')
    expect(done.onboardingError).toBeNull()
    expect((await call('/api/p/08/communes?limit=1')).status).toBe(200)
  })

  it('starts one run for two clicks sent at once; both answers name it', async () => {
    const answers = await Promise.all([onboard('12'), onboard('12')])
    const bodies = (await Promise.all(answers.map((r) => r.json()))) as { data: { started: boolean; job: string } }[]
    expect(answers.map((r) => r.status)).toEqual([202, 202])
    expect(bodies.filter((b) => b.data.started)).toHaveLength(1)
    expect(new Set(bodies.map((b) => b.data.job)).size).toBe(1)
    await pollUntil('12', (p) => p.status === 'active')
    const runs = await control
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'province.onboard'), eq(auditLog.entityId, '12')))
    expect(runs.map((r) => r.outcome)).toEqual(['success'])
  })

  it('answers 400 naming the field for a code that is not a province, as on Node, and starts nothing', async () => {
    const res = await onboard('99')
    expect(res.status).toBe(400)
    const body = (await res.json()) as { error: { code: string; details: { issues: { field: string; message: string }[] } } }
    expect(body.error.code).toBe('validation_failed')
    expect(body.error.details.issues[0]).toMatchObject({ field: 'json.province', message: expect.stringContaining('must be one of 01') })
    expect(await control.select().from(tenants).where(eq(tenants.provinceCode, '99'))).toEqual([])
  })
})
