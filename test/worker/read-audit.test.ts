import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { readAuditConnection } from '../../db/audit/append-audit.ts'
import { verifyAuditChain } from '../../db/audit/verify-audit.ts'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { auditLog } from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'
import { createTestApp, createTestPlatform, jsonBody, type TestApp, type TestPlatform } from '../helpers/platform.ts'
import { createTestUser, sessionCookieFor } from '../helpers/users.ts'

// The audit entries of reads commit on the province file's read-audit connection (synchronous = NORMAL, decision
// 0050); changes keep theirs on the client's own connections (FULL). One chain, on real libSQL. Synthetic people.
let platform: TestPlatform
let t: TestApp
let db: TenantDb
let cookie: string
let commune: string

/** The connection's `PRAGMA synchronous`: 1 NORMAL, 2 FULL. */
const synchronousOf = async (on: { $client: { execute(sql: string): Promise<{ rows: unknown[] }> } }) =>
  Number(((await on.$client.execute('PRAGMA synchronous')).rows[0] as { synchronous: number }).synchronous)
const as = (path: string, init: RequestInit = {}) => t.request(path, { ...init, headers: { ...(init.headers as Record<string, string>), cookie } })
let serial = 0
const register = () =>
  as(
    '/api/p/82/persons',
    jsonBody('POST', {
      fullName: 'Đỗ Thị Kiểm Tra',
      birthDate: '1992-02-02',
      sex: 'female',
      citizenId: `0791920${String(++serial).padStart(5, '0')}`,
      communeCode: commune,
      category: 'drug_user',
    }),
  )

beforeAll(async () => {
  platform = await createTestPlatform()
  await onboardTenant(platform.onboardDeps, '82')
  t = createTestApp(platform)
  db = (await t.deps.tenants.resolve('82'))!.db
  commune = (await db.query.communes.findMany({ limit: 1 }))[0]!.code
  const officer = await createTestUser(platform.control, { username: 'read-audit', role: 'commune_officer', province: '82', communes: [commune] })
  cookie = await sessionCookieFor(platform.control, officer)
})
afterAll(() => platform.cleanup())

describe('the audit entries of reads', () => {
  it('are committed before the answer on the read-audit connection, while changes commit with synchronous = FULL', async () => {
    const relaxedDb = (await readAuditConnection(db)!) as unknown as { $client: { execute(sql: string): Promise<{ rows: unknown[] }> } }
    /** The rows this connection inserted since it opened: its audit entries. */
    const written = async () => Number(((await relaxedDb.$client.execute('select total_changes() as n')).rows[0] as { n: number }).n)
    const start = await written()
    const created = await register()
    expect(created.status).toBe(201)
    const { data: person } = await created.json()
    // A change's entry commits with the change, not here.
    expect(await written()).toBe(start)
    const read = await as(`/api/p/82/persons/${person.id}`)
    expect(read.status).toBe(200)
    expect(await written()).toBe(start + 1)
    // The entry is there as soon as the answer is.
    const [last] = await db
      .select()
      .from(auditLog)
      .orderBy(auditLog.seq)
      .limit(1)
      .offset((await db.$count(auditLog)) - 1)
    expect(last).toMatchObject({ action: 'person.read', entityId: person.id, outcome: 'success' })
    const relaxed = readAuditConnection(db)
    expect(relaxed).toBeDefined()
    expect(await synchronousOf((await relaxed!) as never)).toBe(1)
    expect(await synchronousOf(db as never)).toBe(2)
  })

  it('keep one unbroken chain with the changes made at the same time', async () => {
    const before = await db.$count(auditLog)
    const answers = await Promise.all([
      ...Array.from({ length: 12 }, () => as('/api/p/82/persons?limit=10')),
      ...Array.from({ length: 6 }, () => register()),
      ...Array.from({ length: 12 }, () => as('/api/p/82/persons?limit=5&q=do')),
    ])
    expect(answers.map((a) => a.status).sort()).toEqual([...Array(24).fill(200), ...Array(6).fill(201)].sort())
    expect(await db.$count(auditLog)).toBe(before + 30)
    const verified = await verifyAuditChain(db)
    expect(verified).toMatchObject({ ok: true, entries: before + 30 })
  })

  it('close their connection with the province database', async () => {
    const relaxed = (await readAuditConnection(db)!) as unknown as { $client: { closed: boolean } }
    expect(relaxed.$client.closed).toBe(false)
    const other = await t.deps.tenants.resolve('82')
    expect(other!.db).toBe(db)
    db.$client.close()
    expect(relaxed.$client.closed).toBe(true)
  })
})
