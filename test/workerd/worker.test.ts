import { createExecutionContext, createScheduledController, env, waitOnExecutionContext } from 'cloudflare:test'
import { exports } from 'cloudflare:workers'
import { describe, expect, inject, it, vi } from 'vitest'
import worker from '../../worker/index.ts'
import type { WorkerEnv } from '../../worker/workers-config.ts'

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
    expect(body.data.map((p) => [p.code, p.status, p.communeCount])).toEqual([
      ['01', 'active', 126],
      ['31', 'suspended', expect.any(Number)],
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

  it('checks a province database', async () => {
    const res = await get('/api/p/82/health')
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ data: { province: '82', status: 'ok' } })
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

  it('runs the scheduled province database check and logs its result', async () => {
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
    const result = lines.map((line) => JSON.parse(line) as Record<string, unknown>).find((entry) => entry.event === 'tenant_db_check')
    // 01 and 82 are active; 31 is suspended and not checked.
    expect(result).toMatchObject({ level: 'info', checked: 2, unreachable: 0 })
  })
})
