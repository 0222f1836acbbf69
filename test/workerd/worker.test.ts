import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test'
import { exports } from 'cloudflare:workers'
import { describe, expect, inject, it, vi } from 'vitest'
import worker from '../../worker/index.ts'
import type { WorkerEnv } from '../../worker/workers-config.ts'
import { EXPECTED_TENANT_MIGRATION } from '../../db/tenant/identity.ts'

// Requests go through the Worker's default export exactly as the Workers runtime delivers them,
// signed in as a central admin (who may see provinces and communes, never a person).
const get = (path: string) => exports.default.fetch(`https://binhan.example${path}`, { headers: { cookie: inject('cookies').central } })

describe('the Worker inside workerd', () => {
  it('answers /health', async () => {
    const res = await get('/health')
    expect(res.status).toBe(200)
    const body = (await res.json()) as { data: { status: string } }
    expect(body.data.status).toBe('ok')
    expect(res.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('lists onboarded provinces from the control database over libSQL HTTP', async () => {
    const res = await get('/api/provinces')
    expect(res.status).toBe(200)
    const body = (await res.json()) as { data: { code: string; status: string; communeCount: number }[] }
    // Provinces onboarded by test/workerd/onboarding.test.ts may be listed too, whichever file runs first.
    const seeded = body.data.filter((p) => ['01', '31', '48', '82'].includes(p.code))
    expect(seeded.map((p) => [p.code, p.status, p.communeCount])).toEqual([
      ['01', 'active', 126],
      ['31', 'suspended', expect.any(Number)],
      ['48', 'active', expect.any(Number)],
      ['82', 'active', 102],
    ])
  })

  it('lists the communes of a province from its own database', async () => {
    const res = await get('/api/p/82/communes')
    expect(res.status).toBe(200)
    const body = (await res.json()) as { total: number; data: { code: string }[] }
    expect(body.total).toBe(102)
    const filtered = (await (await get('/api/p/01/communes?q=viet%20hung')).json()) as { data: unknown[] }
    expect(filtered.data).toEqual([{ code: '00127', name: 'Phường Việt Hưng', kind: 'phuong' }])
  })

  it('checks a province database: identity, schema and PRAGMA quick_check over libSQL HTTP', async () => {
    const res = await get('/api/p/82/health')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ data: { province: '82', status: 'ok', depth: 'quick', checkedAt: expect.any(String) } })
  })

  it('answers 503 on every route of a province whose database fails its identity check, and serves the others', async () => {
    for (const path of ['/api/p/48/communes', '/api/p/48/health']) {
      const res = await get(path)
      expect(res.status).toBe(503)
      expect(await res.json()).toEqual({
        error: { code: 'tenant_database_unavailable', message: 'The database of province 48 is unavailable', details: { reason: 'identity_mismatch' } },
      })
    }
    expect((await get('/api/p/82/communes')).status).toBe(200)
  })

  it('answers 503 tenant_schema_outdated for a province whose database is older than the code needs (decision 0031)', async () => {
    const res = await get('/api/p/11/communes')
    expect(res.status).toBe(503)
    const body = (await res.json()) as { error: { code: string; details: { reason: string; needs: string } } }
    expect(body.error.code).toBe('tenant_schema_outdated')
    expect(body.error.details).toEqual({ reason: 'schema_outdated', needs: EXPECTED_TENANT_MIGRATION.tag })
  })

  it('resolves tenancy: unknown 404, suspended 403, malformed 400', async () => {
    const unknown = await get('/api/p/99/communes')
    expect(unknown.status).toBe(404)
    expect(((await unknown.json()) as { error: { code: string } }).error.code).toBe('province_not_found')
    const suspended = await get('/api/p/31/communes')
    expect(suspended.status).toBe(403)
    expect(((await suspended.json()) as { error: { code: string } }).error.code).toBe('province_suspended')
    const malformed = await get('/api/p/8x/communes')
    expect(malformed.status).toBe(400)
    const body = (await malformed.json()) as { error: { details: { issues: { field: string }[] } } }
    expect(body.error.details.issues[0]?.field).toBe('param.province')
  })

  it('answers unknown API routes with 404 JSON', async () => {
    const res = await get('/api/nothing')
    expect(res.status).toBe(404)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found')
  })

  it('runs the scheduled check and the audit anchors, and logs their results', async () => {
    // One audited read in 82, so that its trail has a head to anchor.
    const read = await exports.default.fetch('https://binhan.example/api/p/82/persons', { headers: { cookie: inject('cookies').commune } })
    expect(read.status).toBe(200)
    const lines: string[] = []
    const spy = vi.spyOn(console, 'log').mockImplementation((line: unknown) => {
      lines.push(String(line))
    })
    try {
      const ctx = createExecutionContext()
      worker.scheduled(createScheduledController({ cron: '0 19 * * *' }), { ...(env as WorkerEnv), LOG_LEVEL: 'info' }, ctx)
      await waitOnExecutionContext(ctx)
    } finally {
      spy.mockRestore()
    }
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>)
    // 01, 11, 48 and 82 are active (48's database is another copy, 11's is a release behind); 31 is suspended and
    // not checked. Provinces the onboarding test activates are checked too when that file ran first, and pass.
    const summary = entries.find((entry) => entry.event === 'tenant_db_check')
    expect(summary).toMatchObject({ level: 'info', unavailable: 2 })
    expect(summary?.checked).toBeGreaterThanOrEqual(4)
    // integrity_check passed for 01 and 82: 82's trail is anchored in the control trail, whose head is then logged.
    const anchors = entries.filter((entry) => entry.event === 'audit_anchor')
    expect(anchors.map((entry) => entry.trail)).toEqual(['82', 'control'])
    expect(anchors[1]).toMatchObject({ seq: expect.any(Number), hash: expect.stringMatching(/^[0-9a-f]{64}$/) })
    expect(entries.filter((entry) => entry.level === 'error').map((entry) => [entry.event, entry.province])).toEqual([
      ['tenant_database_unavailable', '11'],
      ['tenant_database_unavailable', '48'],
    ])
  })
})
