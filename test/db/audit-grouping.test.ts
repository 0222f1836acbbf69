// The grouped listing on a real libSQL file: runs of the same read collapse, anything else ends the run, and
// paging (also with a small scan budget) takes every entry exactly once.
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeEach, describe, expect, it } from 'vitest'
import { appendAudit, type AuditInput } from '../../db/audit/append-audit.ts'
import { listAuditGrouped, type AuditLine } from '../../db/audit/group-audit.ts'
import { listAudit } from '../../db/audit/list-audit.ts'
import { isReadAction } from '../../db/audit/read-actions.ts'
import { openTenantDb } from '../../db/client.node.ts'
import { migrateTenantDb } from '../../db/provision/migrate.ts'
import type { TenantDb } from '../../db/types.ts'

const dir = mkdtempSync(join(tmpdir(), 'binhan-audit-group-'))
const opened: TenantDb[] = []
afterAll(() => {
  for (const db of opened) db.$client.close()
  rmSync(dir, { recursive: true, force: true })
})

let db: TenantDb
let files = 0
beforeEach(async () => {
  db = openTenantDb({ url: `file:${join(dir, `trail-${++files}.db`)}` })
  opened.push(db)
  await migrateTenantDb(db)
})

// 03:00 UTC = 10:00 in Vietnam; entries a minute apart.
const T0 = Date.parse('2026-11-24T03:00:00.000Z')
let minute = 0
async function add(actor: string, action: string, entityId: string | null = 'p-1', overrides: Partial<AuditInput> = {}) {
  await appendAudit(db, {
    at: new Date(T0 + ++minute * 60_000),
    actorId: actor,
    actorRole: 'commune_officer',
    action,
    entityType: action === 'sync.pull' ? 'sync' : 'person',
    entityId: action === 'sync.pull' ? null : entityId,
    outcome: 'success',
    requestId: null,
    clientHash: null,
    details: { n: minute },
    ...overrides,
  })
}
const shape = (lines: AuditLine[]) => lines.map((l) => `${l.actorId} ${l.action} ×${l.count}`)

async function pageAll(limit: number, scan?: { chunk: number; maxRows: number }) {
  const pages: AuditLine[][] = []
  let before: number | undefined
  for (let i = 0; i < 100; i++) {
    const page = await listAuditGrouped(db, { limit, before }, scan)
    pages.push(page.lines)
    if (page.nextCursor === null) return pages
    before = page.nextCursor
  }
  throw new Error('more than 100 pages')
}

describe('the grouped listing', () => {
  it('knows which actions are reads', () => {
    for (const a of ['person.read', 'person.list', 'person.timeline', 'sync.pull', 'import.rows.read', 'plan.read', 'person.access_log'])
      expect(isReadAction(a), a).toBe(true)
    for (const a of ['person.create', 'sync.push', 'plan.transition', 'auth.login', 'import.preview']) expect(isReadAction(a), a).toBe(false)
  })

  it('collapses interleaved reads per actor, action and record until a write, keeping the newest and oldest times', async () => {
    await add('a', 'person.create')
    for (let i = 0; i < 4; i++) {
      await add('a', 'sync.pull')
      await add('b', 'person.read')
      await add('a', 'person.read', i % 2 === 0 ? 'p-1' : 'p-2')
    }
    await add('b', 'person.update')
    await add('a', 'sync.pull')
    await add('a', 'sync.pull')
    const { lines, nextCursor } = await listAuditGrouped(db, { limit: 50 })
    expect(nextCursor).toBeNull()
    // Ordered by each line's newest entry; a's reads of p-1 and of p-2 are two lines.
    expect(shape(lines)).toEqual([
      'a sync.pull ×2',
      'b person.update ×1',
      'a person.read ×2',
      'b person.read ×4',
      'a sync.pull ×4',
      'a person.read ×2',
      'a person.create ×1',
    ])
    expect([lines[2]!.entityId, lines[5]!.entityId]).toEqual(['p-2', 'p-1'])
    const pulls = lines[4]!
    expect([pulls.firstSeq, pulls.seq]).toEqual([2, 11])
    expect(pulls.firstAt.getTime()).toBe(T0 + 2 * 60_000)
    expect(pulls.at.getTime()).toBe(T0 + 11 * 60_000)
    expect(pulls.details).toBeNull()
    expect(lines[1]!.details).toEqual({ n: 14 })
  })

  it('ends a run at midnight in Vietnam, not at midnight UTC', async () => {
    const at = (iso: string) => ({ at: new Date(iso) })
    await add('a', 'sync.pull', null, at('2026-11-24T16:30:00Z')) // 23:30 on the 24th in Vietnam
    await add('a', 'sync.pull', null, at('2026-11-24T17:30:00Z')) // 00:30 on the 25th
    await add('a', 'sync.pull', null, at('2026-11-24T23:30:00Z')) // 06:30 on the 25th; 24th in UTC
    expect(shape((await listAuditGrouped(db, { limit: 50 })).lines)).toEqual(['a sync.pull ×2', 'a sync.pull ×1'])
  })

  it('pages with a small limit and a small scan budget, every entry on exactly one page', async () => {
    for (let i = 0; i < 30; i++) {
      await add(`u${i % 3}`, 'sync.pull')
      if (i % 7 === 6) await add('u0', 'person.update')
    }
    const total = (await listAudit(db, { limit: 100 })).entries.length
    for (const [limit, scan] of [
      [2, undefined],
      [1, undefined],
      [3, { chunk: 4, maxRows: 8 }],
      [50, { chunk: 5, maxRows: 5 }],
    ] as const) {
      const pages = await pageAll(limit, scan)
      const lines = pages.flat()
      expect(pages.every((p) => p.length <= limit)).toBe(true)
      expect(
        lines.reduce((sum, l) => sum + l.count, 0),
        `limit ${limit}`,
      ).toBe(total)
      // Each line's seq range lies below the previous page's: nothing taken twice.
      const ranges = pages.map((p) => [Math.min(...p.map((l) => l.firstSeq)), Math.max(...p.map((l) => l.seq))])
      for (let i = 1; i < ranges.length; i++) expect(ranges[i]![1]!).toBeLessThan(ranges[i - 1]![0]!)
    }
  })

  it('limits a page by the scan budget when one run is longer than it', async () => {
    for (let i = 0; i < 12; i++) await add('a', 'sync.pull')
    const first = await listAuditGrouped(db, { limit: 50 }, { chunk: 5, maxRows: 10 })
    expect(shape(first.lines)).toEqual(['a sync.pull ×10'])
    expect(first.nextCursor).toBe(3)
    const rest = await listAuditGrouped(db, { limit: 50, before: 3 }, { chunk: 5, maxRows: 10 })
    expect(shape(rest.lines)).toEqual(['a sync.pull ×2'])
    expect(rest.nextCursor).toBeNull()
  })

  it('lists the reads of given records only', async () => {
    await add('a', 'person.read', 'p-1')
    await add('a', 'person.update', 'p-1')
    await add('b', 'plan.read', 'plan-9', { entityType: 'plan' })
    await add('b', 'person.read', 'p-2')
    await add('c', 'person.timeline', 'p-1')
    const records = [
      { type: 'person', ids: ['p-1'] },
      { type: 'plan', ids: ['plan-9'] },
    ]
    const { entries } = await listAudit(db, { limit: 100, records, readsOnly: true })
    expect(entries.map((e) => `${e.actorId} ${e.action}`)).toEqual(['c person.timeline', 'b plan.read', 'a person.read'])
    expect((await listAudit(db, { limit: 100, records: [{ type: 'plan', ids: [] }] })).entries).toEqual([])
  })
})
