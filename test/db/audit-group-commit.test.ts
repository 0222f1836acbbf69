// Stand-alone audit entries share write transactions under load (group commit), and every write transaction
// takes its turn at the write gate the Node cluster installs (decision 0024). Real libSQL files.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { asc, eq } from 'drizzle-orm'
import { afterAll, afterEach, describe, expect, it } from 'vitest'
import { appendAudit, useWriteGate, writeTransaction, type AuditInput } from '../../db/audit/append-audit.ts'
import { verifyAuditChain } from '../../db/audit/verify-audit.ts'
import { openTenantDb } from '../../db/client.node.ts'
import { migrateTenantDb } from '../../db/provision/migrate.ts'
import { auditLog, tenantMeta } from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'

const dir = mkdtempSync(join(tmpdir(), 'binhan-group-commit-'))
const opened: TenantDb[] = []
let files = 0
afterEach(() => useWriteGate(undefined))
afterAll(() => {
  for (const db of opened) db.$client.close()
  rmSync(dir, { recursive: true, force: true })
})

async function freshDb(): Promise<TenantDb> {
  const db = openTenantDb({ url: `file:${join(dir, `t-${++files}.db`)}` })
  opened.push(db)
  await migrateTenantDb(db)
  return db
}

const entry = (i: number): AuditInput => ({
  at: new Date(Date.UTC(2026, 10, 24, 3, 0, i)),
  actorId: `u-${i}`,
  actorRole: 'commune_officer',
  action: 'person.caseload',
  entityType: 'person',
  entityId: null,
  outcome: 'success',
  requestId: `req-${i}`,
  clientHash: null,
  details: { count: i },
})

/** A gate that only counts turns and checks that they never overlap. */
function countingGate() {
  const gate = { turns: 0, open: 0, overlapped: false }
  useWriteGate({
    async enter() {
      gate.turns += 1
      gate.open += 1
      if (gate.open > 1) gate.overlapped = true
      return () => {
        gate.open -= 1
      }
    },
  })
  return gate
}

describe('group commit of stand-alone audit entries', () => {
  it('commits 40 parallel entries in fewer transactions, in the order they were asked for, one valid chain', async () => {
    const db = await freshDb()
    const gate = countingGate()
    const appended = await Promise.all(Array.from({ length: 40 }, (_, i) => appendAudit(db, entry(i + 1))))
    expect(appended.map((a) => a.seq)).toEqual(Array.from({ length: 40 }, (_, i) => i + 1))
    const rows = await db.select({ seq: auditLog.seq, requestId: auditLog.requestId }).from(auditLog).orderBy(asc(auditLog.seq))
    expect(rows.map((r) => r.requestId)).toEqual(Array.from({ length: 40 }, (_, i) => `req-${i + 1}`))
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, entries: 40 })
    // The first entry's transaction begins at once; the 39 that arrive meanwhile share the next one.
    expect(gate.turns).toBeLessThanOrEqual(2)
    expect(gate.overlapped).toBe(false)
  })

  it('answers each caller only once its entry has committed', async () => {
    const db = await freshDb()
    // Another client on the same file sees only committed rows.
    const reader = openTenantDb({ url: `file:${join(dir, `t-${files}.db`)}` })
    opened.push(reader)
    const seen = await Promise.all(
      [1, 2, 3, 4].map(async (i) => {
        const { seq } = await appendAudit(db, entry(i))
        const rows = await reader.select({ seq: auditLog.seq }).from(auditLog).where(eq(auditLog.seq, seq))
        return rows.length
      }),
    )
    expect(seen).toEqual([1, 1, 1, 1])
  })

  it('refuses an entry with personal data on its own, the entries beside it commit', async () => {
    const db = await freshDb()
    const results = await Promise.allSettled([appendAudit(db, entry(1)), appendAudit(db, { ...entry(2), entityId: '079201000001' }), appendAudit(db, entry(3))])
    expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled'])
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, entries: 2 })
  })

  it('takes one turn at the write gate per write transaction, never two at once', async () => {
    const db = await freshDb()
    const gate = countingGate()
    await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        writeTransaction(db, async (tx) => {
          await tx.insert(tenantMeta).values({ key: `g${i}`, value: String(i) })
          await appendAudit(tx, entry(i + 1))
        }),
      ),
    )
    expect(gate.turns).toBe(6)
    expect(gate.overlapped).toBe(false)
    expect(gate.open).toBe(0)
    expect(await verifyAuditChain(db)).toMatchObject({ ok: true, entries: 6 })
  })
})
