import { exports } from 'cloudflare:workers'
import { and, eq } from 'drizzle-orm'
import { describe, expect, inject, it } from 'vitest'
import { verifyAuditChain } from '../../db/audit/verify-audit.ts'
import { openTenantDb } from '../../db/client.web.ts'
import { auditLog, persons } from '../../db/tenant/schema/index.ts'

// A person's timeline on the Hrana path: the person, the read and its audit entry go in one round trip, the entry
// inserted only where the person is in the caller's communes (worker/reads.ts `readPerson`). Outside the scope the
// answer is 404 and no entry says the record was read; inside it, exactly one entry per read.
const ORIGIN = 'https://binhan.example'
const call = (path: string, as: 'commune' | 'admin', init: RequestInit = {}) =>
  exports.default.fetch(`${ORIGIN}${path}`, { ...init, headers: { origin: ORIGIN, cookie: inject('cookies')[as], 'content-type': 'application/json' } })

describe('a person’s timeline read with its entry in one round trip', () => {
  it('writes the entry for a read the caller may make, none for a person outside their communes', async () => {
    const citizenId = `079192${String(Math.floor(Math.random() * 1e6)).padStart(6, '0')}`
    const person = { fullName: 'Đỗ Thị Lời', birthDate: '1992-04-04', sex: 'female', citizenId, communeCode: inject('communes').own, category: 'drug_user' }
    const registered = await call('/api/p/82/persons', 'commune', { method: 'POST', body: JSON.stringify(person) })
    expect(registered.status).toBe(201)
    const id = ((await registered.json()) as { data: { id: string } }).data.id
    const tenant = openTenantDb({ url: `${inject('libsqlUrl')}/binhan-p82/` })
    const entries = async () =>
      (
        await tenant
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.action, 'person.timeline'), eq(auditLog.entityId, id)))
      ).map((e) => e.actorRole)

    const own = await call(`/api/p/82/persons/${id}/timeline`, 'commune')
    expect(own.status).toBe(200)
    expect(((await own.json()) as { data: { events: { kind: string }[] } }).data.events.map((e) => e.kind)).toContain('registered')
    expect(await entries()).toEqual(['commune_officer'])

    // The person's record now belongs to another commune: to this officer it does not exist.
    await tenant
      .update(persons)
      .set({ communeCode: inject('communes').other })
      .where(eq(persons.id, id))
    const outside = await call(`/api/p/82/persons/${id}/timeline`, 'commune')
    expect(outside.status).toBe(404)
    expect(await outside.text()).not.toContain('Lời')
    expect(await entries()).toEqual(['commune_officer'])

    expect((await call(`/api/p/82/persons/${id}/timeline`, 'admin')).status).toBe(200)
    expect((await entries()).sort()).toEqual(['commune_officer', 'province_admin'])
    expect((await verifyAuditChain(tenant)).ok).toBe(true)
    tenant.$client.close()
  })

  it('answers who read a person with its own entry in the same trip, and a person who is not there 404 with none', async () => {
    const tenant = openTenantDb({ url: `${inject('libsqlUrl')}/binhan-p82/` })
    const looked = async (id: string) =>
      (
        await tenant
          .select()
          .from(auditLog)
          .where(and(eq(auditLog.action, 'person.access_log'), eq(auditLog.entityId, id)))
      ).map((e) => e.details)
    const missing = crypto.randomUUID()
    expect((await call(`/api/p/82/persons/${missing}/access-log`, 'admin')).status).toBe(404)
    expect(await looked(missing)).toEqual([])

    const [someone] = await tenant.select({ id: persons.id }).from(persons).limit(1)
    const res = await call(`/api/p/82/persons/${someone!.id}/access-log?limit=5`, 'admin')
    expect(res.status).toBe(200)
    const before = ((await res.json()) as { data: { personId: string }[] }).data
    expect(before.every((line) => line.personId === someone!.id)).toBe(true)
    expect((await looked(someone!.id)).at(-1)).toBe(JSON.stringify({ before: null, limit: 5 }))
    tenant.$client.close()
  })
})
