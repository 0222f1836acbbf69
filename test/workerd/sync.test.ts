import { exports } from 'cloudflare:workers'
import { describe, expect, inject, it } from 'vitest'

// Offline sync through the Worker: the services' transactions over libSQL HTTP, and the gzip body that the
// Workers entry sends as already encoded (worker/index.ts; without it the runtime would gzip it a second time).
const ORIGIN = 'https://binhan.example'
const call = (path: string, init: RequestInit = {}) => exports.default.fetch(`${ORIGIN}${path}`, init)

describe('offline sync in workerd', () => {
  it('applies a pushed change once and answers its replay from the receipt', async () => {
    const id = crypto.randomUUID()
    const body = JSON.stringify({
      deviceId: crypto.randomUUID(),
      changes: [
        {
          key: crypto.randomUUID(),
          type: 'person.create',
          entityId: id,
          data: {
            fullName: 'Vũ Văn Biên',
            birthDate: '1989-09-09',
            sex: 'male',
            citizenId: '079089990001',
            communeCode: inject('communes').own,
            category: 'drug_user',
          },
        },
      ],
    })
    const send = () =>
      call('/api/p/82/sync/push', { method: 'POST', headers: { cookie: inject('cookies').commune, origin: ORIGIN, 'content-type': 'application/json' }, body })
    const first = (await (await send()).json()) as { data: { results: { status: string; record: { id: string; version: number } }[] } }
    expect(first.data.results[0]).toMatchObject({ status: 'applied', record: { id, version: 1 } })
    expect(await (await send()).json()).toEqual(first)
  })

  it('answers a replayed community change from the rows its receipt holds, after the record changed', async () => {
    const id = crypto.randomUUID()
    const commune = inject('communes').own
    const push = (changes: unknown[]) =>
      call('/api/p/82/sync/push', {
        method: 'POST',
        headers: { cookie: inject('cookies').commune, origin: ORIGIN, 'content-type': 'application/json' },
        body: JSON.stringify({ deviceId: crypto.randomUUID(), changes }),
      }).then(async (res) => (await res.json()) as { data: { results: { status: string; record: { version: number; participants: number } }[] } })
    const made = [
      {
        key: crypto.randomUUID(),
        type: 'activity.create',
        entityId: id,
        data: { communeCode: commune, kind: 'awareness_session', heldOn: '2026-11-10', organiser: 'youth_union', count: 1, participants: 30 },
      },
    ]
    const first = await push(made)
    expect(first.data.results[0]).toMatchObject({ status: 'applied', record: { version: 1, participants: 30 } })
    const corrected = await push([{ key: crypto.randomUUID(), type: 'activity.update', entityId: id, data: { version: 1, participants: 45 } }])
    expect(corrected.data.results[0]).toMatchObject({ status: 'applied', record: { version: 2, participants: 45 } })
    expect(await push(made)).toEqual(first)
  })

  it('answers a pull in gzip, encoded once', async () => {
    const res = await call('/api/p/82/sync/pull', { headers: { cookie: inject('cookies').commune, 'accept-encoding': 'gzip' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('content-encoding')).toBe('gzip')
    // A fetch into the Worker decodes Content-Encoding as a browser does: one layer gives JSON. Sent with the
    // runtime's default encodeBody, the app's gzip would be gzipped again and this would be gzip bytes (1f 8b).
    const text = await res.text()
    expect(text.charCodeAt(0)).toBe(0x7b)
    const page = (JSON.parse(text) as { data: { reset: boolean; communes: { code: string }[]; persons: { communeCode: string }[] } }).data
    expect(page.reset).toBe(true)
    expect(page.communes.map((c) => c.code)).toEqual([inject('communes').own])
    expect(page.persons.length).toBeGreaterThan(0)
    expect(page.persons.every((p) => p.communeCode === inject('communes').own)).toBe(true)
  })
})
