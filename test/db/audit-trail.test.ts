// The audit trail on real libSQL files: appends (also concurrent and inside transactions), tamper detection, listing.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { asc, eq, sql } from 'drizzle-orm'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { appendAudit, writeTransaction, type AuditInput } from '../../db/audit/append-audit.ts'
import { canonicalAuditContent, computeAuditHash, GENESIS_HASH } from '../../db/audit/audit-chain.ts'
import { listAudit } from '../../db/audit/list-audit.ts'
import { verifyAuditChain } from '../../db/audit/verify-audit.ts'
import { openControlDb, openTenantDb } from '../../db/client.node.ts'
import { migrateControlDb, migrateTenantDb } from '../../db/provision/migrate.ts'
import { auditLog, tenantMeta } from '../../db/tenant/schema/index.ts'
import type { ControlDb, TenantDb } from '../../db/types.ts'

const dir = mkdtempSync(join(tmpdir(), 'binhan-audit-'))
const opened: { $client: { close(): void } }[] = []
afterAll(() => {
  for (const db of opened) db.$client.close()
  rmSync(dir, { recursive: true, force: true })
})

let fileCount = 0
const nextFile = () => `file:${join(dir, `audit-${++fileCount}.db`)}`

async function freshTenantDb(): Promise<TenantDb> {
  const db = openTenantDb({ url: nextFile() })
  opened.push(db)
  await migrateTenantDb(db)
  return db
}

async function freshControlDb(): Promise<ControlDb> {
  const db = openControlDb({ url: nextFile() })
  opened.push(db)
  await migrateControlDb(db)
  return db
}

const T0 = Date.parse('2026-11-24T03:00:00.000Z')

function entry(i: number, overrides: Partial<AuditInput> = {}): AuditInput {
  return {
    at: new Date(T0 + i * 60_000),
    actorId: `u-${i % 3}`,
    actorRole: 'province_officer',
    action: i % 2 === 0 ? 'person.read' : 'person.update',
    entityType: 'person',
    entityId: `p-${i % 5}`,
    outcome: i % 4 === 3 ? 'failure' : 'success',
    requestId: `req-${i}`,
    clientHash: 'a'.repeat(64),
    details: { fields: 'status', n: i },
    ...overrides,
  }
}

async function appendMany(db: TenantDb | ControlDb, count: number) {
  const appended = []
  for (let i = 1; i <= count; i++) appended.push(await appendAudit(db, entry(i)))
  return appended
}

async function seqs(db: TenantDb | ControlDb): Promise<number[]> {
  const rows = await db.select({ seq: auditLog.seq }).from(auditLog).orderBy(asc(auditLog.seq))
  return rows.map((r) => r.seq)
}

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i)

describe.each([
  ['tenant', freshTenantDb],
  ['control', freshControlDb],
] as const)('the %s trail', (_name, fresh) => {
  let db: TenantDb | ControlDb
  beforeEach(async () => {
    db = await fresh()
  })

  it('verifies an empty trail from the genesis hash', async () => {
    expect(await verifyAuditChain(db)).toEqual({ ok: true, entries: 0, lastHash: GENESIS_HASH })
  })

  it('chains entries from 1: each prevHash is the previous hash, each hash recomputes', async () => {
    const appended = await appendMany(db, 12)
    expect(appended.map((a) => a.seq)).toEqual(range(1, 12))
    const rows = await db.select().from(auditLog).orderBy(asc(auditLog.seq))
    rows.forEach((row, i) => {
      expect(row.prevHash).toBe(i === 0 ? GENESIS_HASH : rows[i - 1]!.hash)
      expect(row.hash).toBe(computeAuditHash(row.prevHash, canonicalAuditContent(row)))
    })
    expect(rows[4]!.details).toBe('{"fields":"status","n":5}')
    expect(await verifyAuditChain(db)).toEqual({ ok: true, entries: 12, lastHash: appended[11]!.hash })
    expect(await verifyAuditChain(db, { pageSize: 5 })).toEqual({ ok: true, entries: 12, lastHash: appended[11]!.hash })
  })

  it('names an edited entry (hash_mismatch), across page boundaries too', async () => {
    await appendMany(db, 12)
    await db.run(sql`UPDATE audit_log SET action = 'person.delete' WHERE seq = 7`)
    const expected = { ok: false, entries: 6, firstBad: { seq: 7, reason: 'hash_mismatch' } }
    expect(await verifyAuditChain(db)).toEqual(expected)
    expect(await verifyAuditChain(db, { pageSize: 3 })).toEqual(expected)
  })

  it('notices a sub-millisecond edit of the time that a Date would round away', async () => {
    await appendMany(db, 5)
    await db.run(sql`UPDATE audit_log SET at = at + 0.25 WHERE seq = 2`)
    expect(await verifyAuditChain(db)).toMatchObject({ ok: false, firstBad: { seq: 2, reason: 'hash_mismatch' } })
  })

  it('names the entry after a deleted one (seq_gap), including a deleted first entry', async () => {
    await appendMany(db, 10)
    await db.run(sql`DELETE FROM audit_log WHERE seq = 5`)
    expect(await verifyAuditChain(db)).toEqual({ ok: false, entries: 4, firstBad: { seq: 6, reason: 'seq_gap' } })
    await db.run(sql`DELETE FROM audit_log WHERE seq = 1`)
    expect(await verifyAuditChain(db)).toEqual({ ok: false, entries: 0, firstBad: { seq: 2, reason: 'seq_gap' } })
  })

  it('catches a deletion renumbered to close the gap (prev_hash_mismatch)', async () => {
    await appendMany(db, 10)
    await db.run(sql`DELETE FROM audit_log WHERE seq = 5`)
    await db.run(sql`UPDATE audit_log SET seq = seq - 1 WHERE seq > 5`)
    expect(await verifyAuditChain(db)).toEqual({ ok: false, entries: 4, firstBad: { seq: 5, reason: 'prev_hash_mismatch' } })
  })

  it('names the first of two entries whose contents were swapped', async () => {
    await appendMany(db, 8)
    const cols = sql.raw('at, actor_id, actor_role, action, entity_type, entity_id, province_code, outcome, request_id, client_hash, details, prev_hash, hash')
    await db.run(sql`CREATE TEMP TABLE swap AS SELECT seq, ${cols} FROM audit_log WHERE seq IN (3, 4)`)
    await db.run(sql`UPDATE audit_log SET (${cols}) = (SELECT ${cols} FROM swap WHERE swap.seq = 7 - audit_log.seq) WHERE seq IN (3, 4)`)
    expect(await verifyAuditChain(db)).toEqual({ ok: false, entries: 2, firstBad: { seq: 3, reason: 'prev_hash_mismatch' } })
  })

  it('names the first of two entries whose business fields (not hashes) were swapped', async () => {
    await appendMany(db, 8)
    const cols = sql.raw('actor_id, action, entity_id, request_id, details')
    await db.run(sql`CREATE TEMP TABLE swap2 AS SELECT seq, ${cols} FROM audit_log WHERE seq IN (3, 4)`)
    await db.run(sql`UPDATE audit_log SET (${cols}) = (SELECT ${cols} FROM swap2 WHERE swap2.seq = 7 - audit_log.seq) WHERE seq IN (3, 4)`)
    expect(await verifyAuditChain(db)).toEqual({ ok: false, entries: 2, firstBad: { seq: 3, reason: 'hash_mismatch' } })
  })

  it('names the first of two entries whose seq values were swapped', async () => {
    await appendMany(db, 8)
    await db.run(sql`UPDATE audit_log SET seq = CASE seq WHEN 3 THEN -4 ELSE -3 END WHERE seq IN (3, 4)`)
    await db.run(sql`UPDATE audit_log SET seq = -seq WHERE seq < 0`)
    expect(await verifyAuditChain(db)).toEqual({ ok: false, entries: 2, firstBad: { seq: 3, reason: 'prev_hash_mismatch' } })
  })

  it('catches a forged entry hashed from the wrong predecessor, and a rewrite that recomputed its own hash', async () => {
    const appended = await appendMany(db, 6)
    const forged = { ...entry(7), seq: 7, provinceCode: null, details: null, prevHash: GENESIS_HASH }
    const forgedHash = computeAuditHash(forged.prevHash, canonicalAuditContent(forged))
    await db.insert(auditLog).values({ ...forged, hash: forgedHash })
    expect(await verifyAuditChain(db)).toEqual({ ok: false, entries: 6, firstBad: { seq: 7, reason: 'prev_hash_mismatch' } })

    await db.run(sql`DELETE FROM audit_log WHERE seq = 7`)
    const [row4] = await db.select().from(auditLog).where(eq(auditLog.seq, 4))
    const rewritten = { ...row4!, action: 'person.delete', prevHash: appended[2]!.hash }
    const rewrittenHash = computeAuditHash(rewritten.prevHash, canonicalAuditContent(rewritten))
    await db.update(auditLog).set({ action: 'person.delete', hash: rewrittenHash }).where(eq(auditLog.seq, 4))
    expect(await verifyAuditChain(db)).toEqual({ ok: false, entries: 4, firstBad: { seq: 5, reason: 'prev_hash_mismatch' } })
  })

  it('cannot see a deleted newest entry on its own, but a recorded checkpoint does', async () => {
    const appended = await appendMany(db, 6)
    const checkpoint = { seq: 6, hash: appended[5]!.hash }
    expect(await verifyAuditChain(db, { checkpoint })).toMatchObject({ ok: true, entries: 6 })
    await db.run(sql`DELETE FROM audit_log WHERE seq = 6`)
    expect(await verifyAuditChain(db)).toEqual({ ok: true, entries: 5, lastHash: appended[4]!.hash })
    expect(await verifyAuditChain(db, { checkpoint })).toEqual({ ok: false, entries: 5, firstBad: { seq: 6, reason: 'checkpoint_mismatch' } })
    expect(await verifyAuditChain(db, { checkpoint: { seq: 3, hash: 'f'.repeat(64) } })).toMatchObject({
      ok: false,
      firstBad: { seq: 3, reason: 'checkpoint_mismatch' },
    })
  })
})

describe('appending under concurrency', () => {
  it('50 parallel appends on one client get seq 1..50 and one valid chain', async () => {
    const db = await freshTenantDb()
    const appended = await Promise.all(range(1, 50).map((i) => appendAudit(db, entry(i))))
    expect(appended.map((a) => a.seq).sort((a, b) => a - b)).toEqual(range(1, 50))
    expect(await seqs(db)).toEqual(range(1, 50))
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, entries: 50 })
  })

  it('retries a transaction that met SQLITE_BUSY (another process holds the write lock), and nothing else', async () => {
    const busy = new Error('Failed query: BEGIN', { cause: Object.assign(new Error('SQLITE_BUSY: database is locked'), { code: 'SQLITE_BUSY' }) })
    let calls = 0
    const flaky = { transaction: async (fn: (tx: unknown) => Promise<string>) => (++calls < 3 ? Promise.reject(busy) : fn('tx')) }
    expect(await writeTransaction(flaky as unknown as TenantDb, async () => 'committed')).toBe('committed')
    expect(calls).toBe(3)

    let brokenCalls = 0
    const broken = {
      transaction: async () => {
        brokenCalls += 1
        throw Object.assign(new Error('SQLITE_CONSTRAINT'), { code: 'SQLITE_CONSTRAINT' })
      },
    }
    await expect(writeTransaction(broken as unknown as TenantDb, async () => 'never')).rejects.toThrow('SQLITE_CONSTRAINT')
    expect(brokenCalls).toBe(1)
  })

  it('audited changes in writeTransaction interleave with plain appends without breaking the chain', async () => {
    const db = await freshTenantDb()
    await Promise.all(
      range(1, 30).map((i) =>
        i % 3 === 0
          ? writeTransaction(db, async (tx) => {
              await tx.insert(tenantMeta).values({ key: `k${i}`, value: String(i) })
              await appendAudit(tx, entry(i, { action: 'meta.create', entityType: 'tenant_meta', entityId: `k${i}` }))
            })
          : appendAudit(db, entry(i)),
      ),
    )
    expect(await seqs(db)).toEqual(range(1, 30))
    expect(await db.$count(tenantMeta, sql`key LIKE 'k%'`)).toBe(10)
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, entries: 30 })
  })
})

describe('appending inside a caller transaction', () => {
  it('commits the change and its entry together', async () => {
    const db = await freshTenantDb()
    await db.transaction(async (tx) => {
      await tx.insert(tenantMeta).values({ key: 'kept', value: '1' })
      expect(await appendAudit(tx, entry(1))).toMatchObject({ seq: 1 })
    })
    expect(await db.select().from(tenantMeta).where(eq(tenantMeta.key, 'kept'))).toHaveLength(1)
    expect(await seqs(db)).toEqual([1])
  })

  it('leaves neither the change nor the entry when the transaction rolls back, and the chain continues from the real tail', async () => {
    const db = await freshTenantDb()
    await appendAudit(db, entry(1))
    const failing = writeTransaction(db, async (tx) => {
      await tx.insert(tenantMeta).values({ key: 'lost', value: '1' })
      await appendAudit(tx, entry(2))
      throw new Error('the audited change failed')
    })
    // Queued behind the failing one: a rollback must not stall the queue or hand out its seq twice.
    const queued = appendAudit(db, entry(3))
    await expect(failing).rejects.toThrow('the audited change failed')
    expect(await queued).toMatchObject({ seq: 2 })
    expect(await seqs(db)).toEqual([1, 2])
    expect(await db.select().from(tenantMeta).where(eq(tenantMeta.key, 'lost'))).toHaveLength(0)
    const [second] = await db.select().from(auditLog).where(eq(auditLog.seq, 2))
    expect(second!.requestId).toBe('req-3')
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, entries: 2 })
  })
})

describe('what an entry may hold', () => {
  it.each([
    ['an email in details', { details: { note: 'an.nguyen@example.vn' } }, /details\.note looks like personal data/],
    ['an email with a star in it', { details: { note: 'an*nguyen@example.vn' } }, /details\.note looks like personal data/],
    ['a phone number in details', { details: { contact: '0912345678' } }, /details\.contact looks like personal data/],
    ['a citizen-ID number as entity id', { entityId: '079203001234' }, /entityId looks like a phone or ID-card number/],
    ['a name as actor id', { actorId: 'Nguyễn Văn An' }, /actorId must match/],
    ['free text as action', { action: 'Read the file of An' }, /action must match/],
    ['details over 2 KB', { details: Object.fromEntries(range(1, 12).map((i) => [`k${i}`, 'x'.repeat(190)])) }, /exceeds 2048 bytes/],
    ['nested details', { details: { nested: { a: 1 } as unknown as string } }, /must be a string, number, boolean or null/],
    ['an invalid date', { at: new Date('nope') }, /at must be a valid Date/],
    ['an unknown outcome', { outcome: 'maybe' as 'success' }, /outcome must be success or failure/],
    ['a raw client address', { clientHash: '203.0.113.9' }, /clientHash must match/],
    ['a bad province code', { provinceCode: '8' }, /provinceCode must match/],
  ])('refuses %s and appends nothing', async (_label, overrides, message) => {
    const db = await freshTenantDb()
    await expect(appendAudit(db, entry(1, overrides))).rejects.toThrow(message)
    expect(await seqs(db)).toEqual([])
  })

  it('accepts ids, codes, counts and nulls', async () => {
    const db = await freshControlDb()
    const ok = entry(1, {
      actorId: null,
      actorRole: null,
      provinceCode: '82',
      requestId: null,
      clientHash: null,
      details: { role: 'province_admin', count: 3, active: true, reason: null },
    })
    expect(await appendAudit(db, ok)).toMatchObject({ seq: 1 })
  })

  it('accepts an address masked as the mail delivery entries hold it (n***@domain)', async () => {
    const db = await freshControlDb()
    expect(await appendAudit(db, entry(1, { details: { to: 'n***@so-yte.gov.vn' } }))).toMatchObject({ seq: 1 })
  })
})

describe('listing the trail', () => {
  let db: ControlDb
  beforeEach(async () => {
    db = await freshControlDb()
    for (let i = 1; i <= 25; i++) await appendAudit(db, entry(i, { provinceCode: i <= 10 ? '82' : '01' }))
  })

  it('pages newest first with a seq cursor: no duplicates, no gaps, null cursor at the end', async () => {
    const seen: number[] = []
    let before: number | undefined
    let pages = 0
    for (;;) {
      const page = await listAudit(db, { limit: 7, before })
      pages += 1
      seen.push(...page.entries.map((e) => e.seq))
      if (page.nextCursor === null) break
      expect(page.nextCursor).toBe(page.entries.at(-1)!.seq)
      before = page.nextCursor
    }
    expect(pages).toBe(4)
    expect(seen).toEqual(range(1, 25).reverse())
  })

  it('says there is no next page when the last page is exactly full', async () => {
    const page = await listAudit(db, { limit: 5, before: 6 })
    expect(page.entries.map((e) => e.seq)).toEqual([5, 4, 3, 2, 1])
    expect(page.nextCursor).toBeNull()
  })

  it('shows ids and parsed details, not the client hash or the previous hash', async () => {
    const { entries } = await listAudit(db, { limit: 1 })
    const top = entries[0]!
    expect(top).toMatchObject({ seq: 25, action: 'person.update', entityType: 'person', details: { fields: 'status', n: 25 } })
    expect(top.at).toEqual(new Date(T0 + 25 * 60_000))
    expect(top.hash).toMatch(/^[0-9a-f]{64}$/)
    expect(Object.keys(top)).not.toContain('clientHash')
    expect(Object.keys(top)).not.toContain('prevHash')
  })

  it('filters by action, actor, entity, outcome and province, and pages within a filter', async () => {
    const seqsOf = async (filters: Parameters<typeof listAudit>[1]) => (await listAudit(db, filters)).entries.map((e) => e.seq)
    expect(await seqsOf({ limit: 100, action: 'person.read' })).toEqual(
      range(1, 25)
        .filter((i) => i % 2 === 0)
        .reverse(),
    )
    expect(await seqsOf({ limit: 100, actorId: 'u-0' })).toEqual([24, 21, 18, 15, 12, 9, 6, 3])
    expect(await seqsOf({ limit: 100, entityType: 'person', entityId: 'p-0' })).toEqual([25, 20, 15, 10, 5])
    expect(await seqsOf({ limit: 100, outcome: 'failure' })).toEqual([23, 19, 15, 11, 7, 3])
    expect(await seqsOf({ limit: 100, provinceCode: '82', outcome: 'failure' })).toEqual([7, 3])
    expect(await seqsOf({ limit: 100, entityType: 'case' })).toEqual([])
    const first = await listAudit(db, { limit: 3, actorId: 'u-0' })
    expect(first.entries.map((e) => e.seq)).toEqual([24, 21, 18])
    expect(await seqsOf({ limit: 3, actorId: 'u-0', before: first.nextCursor! })).toEqual([15, 12, 9])
  })

  it('filters by a half-open time range [from, to)', async () => {
    const at = (i: number) => new Date(T0 + i * 60_000)
    const page = await listAudit(db, { limit: 100, from: at(5), to: at(9) })
    expect(page.entries.map((e) => e.seq)).toEqual([8, 7, 6, 5])
    const next = await listAudit(db, { limit: 100, from: at(9), to: at(12) })
    expect(next.entries.map((e) => e.seq)).toEqual([11, 10, 9])
  })

  it('refuses a limit outside 1..100, a bad cursor and an invalid date', async () => {
    for (const limit of [0, 101, 2.5, Number.NaN]) await expect(listAudit(db, { limit })).rejects.toThrow(RangeError)
    await expect(listAudit(db, { limit: 10, before: 0 })).rejects.toThrow(/before must be a positive integer/)
    await expect(listAudit(db, { limit: 10, from: new Date('nope') })).rejects.toThrow(/valid dates/)
    expect((await listAudit(db, { limit: 100 })).entries).toHaveLength(25)
    expect((await listAudit(db, { limit: 1 })).entries).toHaveLength(1)
  })
})
