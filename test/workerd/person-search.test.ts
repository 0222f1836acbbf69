import { exports } from 'cloudflare:workers'
import { describe, expect, inject, it } from 'vitest'

// Name search through the Worker over libSQL HTTP (Hrana): person_name_words, its triggers and the
// search's statements run on the edge's driver, not only on the embedded one (decision 0030).
const ORIGIN = 'https://binhan.example'
const call = (path: string, init: RequestInit = {}) => exports.default.fetch(`${ORIGIN}${path}`, init)

describe('name search in workerd', () => {
  it('finds a person registered through the Worker by a later word of the name, without diacritics', async () => {
    const id = crypto.randomUUID()
    const body = JSON.stringify({
      deviceId: crypto.randomUUID(),
      changes: [
        {
          key: crypto.randomUUID(),
          type: 'person.create',
          entityId: id,
          data: {
            fullName: 'Lương Thị Quỳnh Xuyến',
            birthDate: '1991-02-03',
            sex: 'female',
            citizenId: '079191990077',
            communeCode: inject('communes').own,
            category: 'drug_user',
          },
        },
      ],
    })
    const headers = { cookie: inject('cookies').commune, origin: ORIGIN, 'content-type': 'application/json' }
    expect((await call('/api/p/82/sync/push', { method: 'POST', headers, body })).status).toBe(200)
    const search = async (q: string) => {
      const res = await call(`/api/p/82/persons?q=${encodeURIComponent(q)}`, { headers: { cookie: inject('cookies').commune } })
      expect(res.status).toBe(200)
      return ((await res.json()) as { data: { id: string }[] }).data.map((p) => p.id)
    }
    expect(await search('quynh xuyen')).toEqual([id])
    expect(await search('XUYẾN')).toEqual([id])
    expect(await search('luong thi quynh')).toEqual([id])
    expect(await search('uyen')).not.toContain(id)
  })
})
