// Audit trails anchored outside themselves (decision 0017): each province trail's head recorded in the control
// trail, so that cutting off the newest entries, wiping the trail or re-hashing it is detected. Real files.
import { asc, desc, eq, gt, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { anchorProvinceTrail, latestAnchor, readAuditHead } from '../../db/audit/anchor.ts'
import { appendAudit, type AuditInput } from '../../db/audit/append-audit.ts'
import { canonicalAuditContent, computeAuditHash, GENESIS_HASH } from '../../db/audit/audit-chain.ts'
import { verifyAuditChain } from '../../db/audit/verify-audit.ts'
import { openTenantDb } from '../../db/client.node.ts'
import { auditLog as controlAuditLog } from '../../db/control/schema/index.ts'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { auditLog } from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'
import { runDailyChecks } from '../../worker/jobs/daily-checks.ts'
import { createMemoryLogger, createNodeTenantResolver, createTestPlatform, type TestPlatform } from '../helpers/platform.ts'

let platform: TestPlatform
let db: TenantDb
const at = new Date('2026-11-24T19:00:00.000Z')
const ctx = { at, actorRole: 'system' as const }

const entry = (i: number): AuditInput => ({
  at: new Date(at.getTime() + i * 1000),
  actorId: 'u-1',
  actorRole: 'province_officer',
  action: 'person.read',
  entityType: 'person',
  entityId: `p-${i}`,
  outcome: 'success',
  requestId: `req-${i}`,
  clientHash: null,
})
const append = async (n: number) => {
  for (let i = 0; i < n; i++) await appendAudit(db, entry(i))
}
const anchorEntries = () =>
  platform.control.select().from(controlAuditLog).where(eq(controlAuditLog.entityType, 'audit_trail')).orderBy(asc(controlAuditLog.seq))

beforeAll(async () => {
  platform = await createTestPlatform()
  await onboardTenant(platform.onboardDeps, '82')
  db = (await createNodeTenantResolver(platform).resolve('82'))!.db
})
afterAll(() => platform.cleanup())

describe('anchoring a province trail', () => {
  it('has nothing to anchor while the trail is empty', async () => {
    expect(await anchorProvinceTrail(platform.control, db, '82', ctx)).toEqual({ status: 'empty' })
    expect(await latestAnchor(platform.control, '82')).toBeNull()
  })

  it('records the head in the control trail, once per change of head', async () => {
    await append(5)
    const head = (await readAuditHead(db))!
    expect(await anchorProvinceTrail(platform.control, db, '82', ctx)).toEqual({ status: 'anchored', head })
    expect(await anchorProvinceTrail(platform.control, db, '82', ctx)).toEqual({ status: 'unchanged', head })
    const entries = await anchorEntries()
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({
      action: 'audit.anchor',
      entityId: '82',
      provinceCode: '82',
      actorRole: 'system',
      details: JSON.stringify({ seq: head.seq, hash: head.hash }),
    })
    expect(await latestAnchor(platform.control, '82')).toEqual({ ...head, at, isReset: false })
    // The anchors are entries of the control chain, which still verifies (and is itself anchored in the log).
    expect(await verifyAuditChain(platform.control)).toMatchObject({ ok: true })
  })

  it('moves the anchor forward when the new entries extend the anchored head', async () => {
    await append(3)
    const head = (await readAuditHead(db))!
    expect(await anchorProvinceTrail(platform.control, db, '82', ctx)).toEqual({ status: 'anchored', head })
    expect(await verifyAuditChain(db, { anchor: head })).toMatchObject({ ok: true, entries: head.seq })
  })
})

describe('what the anchor catches that the chain alone cannot', () => {
  const copy = async () => {
    // A scratch copy of the province database, so each tampering starts from the anchored trail.
    const name = `tampered-${crypto.randomUUID()}.db`
    await db.run(sql.raw(`vacuum into '${platform.dataDir}/${name}'`))
    return openTenantDb({ url: `file:${platform.dataDir}/${name}` })
  }

  it('newest entries cut off: the rest is a valid chain, the anchor is past its end', async () => {
    const anchor = (await latestAnchor(platform.control, '82'))!
    const tampered = await copy()
    await tampered.delete(auditLog).where(gt(auditLog.seq, anchor.seq - 2))
    expect(await verifyAuditChain(tampered)).toMatchObject({ ok: true, entries: anchor.seq - 2 })
    expect(await verifyAuditChain(tampered, { anchor })).toEqual({
      ok: false,
      entries: anchor.seq - 2,
      firstBad: { seq: anchor.seq, reason: 'anchor_mismatch' },
    })
    expect(await anchorProvinceTrail(platform.control, tampered, '82', ctx)).toMatchObject({
      status: 'mismatch',
      firstBad: { seq: anchor.seq, reason: 'anchor_mismatch' },
    })
    expect((await latestAnchor(platform.control, '82'))!.seq).toBe(anchor.seq) // nothing recorded
    tampered.$client.close()
  })

  it('the whole trail wiped', async () => {
    const anchor = (await latestAnchor(platform.control, '82'))!
    const tampered = await copy()
    await tampered.delete(auditLog)
    expect(await verifyAuditChain(tampered)).toEqual({ ok: true, entries: 0, lastHash: GENESIS_HASH })
    expect(await verifyAuditChain(tampered, { anchor })).toEqual({ ok: false, entries: 0, firstBad: { seq: anchor.seq, reason: 'anchor_mismatch' } })
    expect(await anchorProvinceTrail(platform.control, tampered, '82', ctx)).toMatchObject({ status: 'mismatch' })
    tampered.$client.close()
  })

  it('an entry edited and every later hash recomputed: a valid chain that no longer ends in the anchored hash', async () => {
    const anchor = (await latestAnchor(platform.control, '82'))!
    const tampered = await copy()
    await tampered.update(auditLog).set({ entityId: 'p-forged' }).where(eq(auditLog.seq, 2))
    const rows = await tampered.select().from(auditLog).orderBy(asc(auditLog.seq))
    let prevHash = GENESIS_HASH
    for (const row of rows) {
      const hash = computeAuditHash(prevHash, canonicalAuditContent({ ...row, prevHash }))
      await tampered.update(auditLog).set({ prevHash, hash }).where(eq(auditLog.seq, row.seq))
      prevHash = hash
    }
    expect(await verifyAuditChain(tampered)).toMatchObject({ ok: true, entries: anchor.seq })
    expect(await verifyAuditChain(tampered, { anchor })).toEqual({
      ok: false,
      entries: anchor.seq - 1,
      firstBad: { seq: anchor.seq, reason: 'anchor_mismatch' },
    })
    expect(await anchorProvinceTrail(platform.control, tampered, '82', ctx)).toMatchObject({
      status: 'mismatch',
      firstBad: { seq: anchor.seq, reason: 'anchor_mismatch' },
    })
    tampered.$client.close()
  })

  it('an entry after the anchor edited: the next anchoring reads only the new entries and refuses', async () => {
    const tampered = await copy()
    await appendAudit(tampered, entry(100))
    await appendAudit(tampered, entry(101))
    const [last] = await tampered.select().from(auditLog).orderBy(desc(auditLog.seq)).limit(1)
    await tampered
      .update(auditLog)
      .set({ action: 'person.delete' })
      .where(eq(auditLog.seq, last!.seq - 1))
    expect(await anchorProvinceTrail(platform.control, tampered, '82', ctx)).toMatchObject({
      status: 'mismatch',
      firstBad: { seq: last!.seq - 1, reason: 'hash_mismatch' },
    })
    tampered.$client.close()
  })
})

describe('after a restore from a backup older than the anchor', () => {
  it('records the restored head as an anchor reset naming the anchor it replaces', async () => {
    const before = (await latestAnchor(platform.control, '82'))!
    // The "backup": the trail as it was two entries before the anchor.
    await db.delete(auditLog).where(gt(auditLog.seq, before.seq - 2))
    const restored = (await readAuditHead(db))!
    expect(await anchorProvinceTrail(platform.control, db, '82', ctx)).toMatchObject({ status: 'mismatch' })
    expect(await anchorProvinceTrail(platform.control, db, '82', { at, actorRole: 'operator' }, { afterRestore: true })).toEqual({
      status: 'anchored',
      head: restored,
    })
    const [reset] = (await anchorEntries()).slice(-1)
    expect(reset).toMatchObject({
      action: 'audit.anchor_reset',
      actorRole: 'operator',
      details: JSON.stringify({ seq: restored.seq, hash: restored.hash, previousSeq: before.seq, previousHash: before.hash }),
    })
    const anchor = (await latestAnchor(platform.control, '82'))!
    expect(anchor).toMatchObject({ seq: restored.seq, isReset: true })
    expect(await verifyAuditChain(db, { anchor })).toMatchObject({ ok: true })
    // New entries continue from the restored head, and anchor as usual.
    await append(2)
    expect(await anchorProvinceTrail(platform.control, db, '82', ctx)).toMatchObject({ status: 'anchored' })
  })
})

describe('the daily job', () => {
  it('anchors every healthy province and logs the control trail’s head', async () => {
    await append(1)
    const logger = createMemoryLogger()
    await runDailyChecks({ control: platform.control, tenants: createNodeTenantResolver(platform, 30_000, logger), logger, now: at })
    const head = (await readAuditHead(db))!
    const controlHead = (await readAuditHead(platform.control))!
    const anchors = logger.lines.filter((l) => l.event === 'audit_anchor')
    expect(anchors).toEqual([
      { level: 'info', event: 'audit_anchor', fields: { trail: '82', seq: head.seq, hash: head.hash } },
      { level: 'info', event: 'audit_anchor', fields: { trail: 'control', seq: controlHead.seq, hash: controlHead.hash } },
    ])
    expect(await latestAnchor(platform.control, '82')).toMatchObject(head)
  })

  it('logs an error for a trail that no longer extends its anchor, and records nothing', async () => {
    const anchor = (await latestAnchor(platform.control, '82'))!
    await db.delete(auditLog).where(eq(auditLog.seq, anchor.seq))
    const logger = createMemoryLogger()
    await runDailyChecks({ control: platform.control, tenants: createNodeTenantResolver(platform, 30_000, logger), logger, now: at })
    expect(logger.lines.find((l) => l.event === 'audit_anchor_mismatch')).toMatchObject({
      level: 'error',
      fields: { trail: '82', anchoredSeq: anchor.seq, firstBadSeq: anchor.seq, reason: 'anchor_mismatch' },
    })
    expect(await latestAnchor(platform.control, '82')).toMatchObject({ seq: anchor.seq, hash: anchor.hash })
  })
})
