// Every paged list seeks to its page on an index in the list's order: SQLite's own query plan (EXPLAIN QUERY
// PLAN through the real libSQL client) of each statement the repository sends, on a province of 20,000 people
// (after ANALYZE, so the planner sees a large province; 300,000 is the benchmark's, too slow to build here).
import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { eq } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { listAudit } from '../../db/audit/list-audit.ts'
import { openControlDb, openTenantDb } from '../../db/client.node.ts'
import { users } from '../../db/control/schema/index.ts'
import { migrateControlDb, migrateTenantDb } from '../../db/provision/migrate.ts'
import { auditLog, importRows, imports, rehabPlans, reviews } from '../../db/tenant/schema/index.ts'
import type { ControlDb, TenantDb } from '../../db/types.ts'
import { listImportRows, listImports } from '../../worker/repo/imports.ts'
import { listPersons, type PersonFilter } from '../../worker/repo/person-list.ts'
import { listUsers } from '../../worker/repo/users.ts'
import { caseload } from '../../worker/repo/reviews.ts'
import { pullPage } from '../../worker/services/sync-pull.ts'
import { recordClient, recordingControlDb, recordingTenantDb, type Recorded } from '../../scripts/lib/statement-recorder.ts'
import { insertManyPeople } from '../helpers/many-people.ts'

const PEOPLE = 20_000
const COMMUNES = Array.from({ length: 40 }, (_, i) => String(26_000 + i * 3))
let dir: string
let tenant: TenantDb
let control: ControlDb
let middle: { nameKey: string; id: string }

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'binhan-plans-'))
  tenant = openTenantDb({ url: `file:${join(dir, 'tenant.db')}` })
  control = openControlDb({ url: `file:${join(dir, 'control.db')}` })
  await migrateTenantDb(tenant)
  await migrateControlDb(control)
  const rare = [COMMUNES[1]!, COMMUNES[1]!, COMMUNES[2]!].map((communeCode) => ({ fullName: 'Nguyễn Văn Xoan', communeCode }))
  const people = await insertManyPeople(tenant, { count: PEOPLE, communes: COMMUNES, seed: 19, extra: rare })
  const sorted = people
    .map((p) => ({ nameKey: p.nameKey, id: p.id }))
    .sort((a, b) => (a.nameKey < b.nameKey ? -1 : a.nameKey > b.nameKey ? 1 : a.id < b.id ? -1 : 1))
  middle = sorted[PEOPLE / 2]!
  const at = (i: number) => new Date(Date.UTC(2026, 0, 1) + i * 60_000)
  await tenant.insert(imports).values(
    Array.from({ length: 300 }, (_, i) => ({
      id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      fileHash: `h${i}`,
      format: 'xlsx' as const,
      rowsTotal: 10,
      imported: 10,
      rejected: 0,
      rejectedByReason: '{}',
      createdAt: at(i),
      createdBy: `user-${i % 7}`,
    })),
  )
  const rows = Array.from({ length: 20_000 }, (_, i) => ({
    importId: `00000000-0000-4000-8000-${String(i % 2).padStart(12, '0')}`,
    rowNumber: i + 2,
    outcome: i % 9 ? ('imported' as const) : ('rejected' as const),
    personId: i % 9 ? people[i]!.id : null,
  }))
  for (let i = 0; i < rows.length; i += 1000) await tenant.insert(importRows).values(rows.slice(i, i + 1000))
  const created = new Date()
  const entries = Array.from({ length: 20_000 }, (_, i) => ({
    seq: i + 1,
    at: at(i),
    actorId: `user-${i % 50}`,
    actorRole: 'commune_officer',
    action: i % 3 ? 'person.read' : 'person.update',
    entityType: i % 5 ? 'person' : 'plan',
    entityId: people[i % 2_000]!.id,
    outcome: 'success' as const,
    prevHash: 'x',
    hash: 'y',
  }))
  for (let i = 0; i < entries.length; i += 1000) await tenant.insert(auditLog).values(entries.slice(i, i + 1000))
  // Active plans for every fourth person, half of them reviewed (the reviews' triggers keep last_review_on).
  const day = (i: number) => new Date(Date.UTC(2026, 0, 1) + (i % 300) * 86_400_000).toISOString().slice(0, 10)
  const plans = people
    .filter((_, i) => i % 4 === 0)
    .map((p, i) => ({
      id: `plan-${String(i).padStart(6, '0')}`,
      personId: p.id,
      communeCode: p.communeCode,
      form: 'community' as const,
      registeredOn: day(i),
      startOn: day(i),
      plannedEndOn: '2027-06-30',
      status: 'active' as const,
      members: '[]',
      stages: '[]',
      version: 1,
      createdAt: created,
      updatedAt: created,
    }))
  for (let i = 0; i < plans.length; i += 1000) await tenant.insert(rehabPlans).values(plans.slice(i, i + 1000))
  const reviewed = plans
    .filter((_, i) => i % 2 === 0)
    .map((plan, i) => ({
      id: `review-${String(i).padStart(6, '0')}`,
      personId: plan.personId,
      planId: plan.id,
      communeCode: plan.communeCode,
      reviewedOn: day(i + 30),
      attended: true,
      drugTest: 'negative' as const,
      riskLevel: 'low' as const,
      version: 1,
      createdAt: created,
      updatedAt: created,
    }))
  for (let i = 0; i < reviewed.length; i += 1000) await tenant.insert(reviews).values(reviewed.slice(i, i + 1000))
  await control.insert(users).values(
    Array.from({ length: 3_000 }, (_, i) => ({
      id: `u${i}`,
      username: `user${String(i).padStart(5, '0')}`,
      displayName: 'Người dùng thử',
      role: (['commune_officer', 'province_officer', 'province_admin'] as const)[i % 3]!,
      provinceCode: null,
      status: 'active' as const,
      createdAt: created,
      updatedAt: created,
    })),
  )
  await control.$client.execute('analyze')
  await tenant.$client.execute('analyze')
}, 240_000)

afterAll(() => {
  tenant?.$client.close()
  control?.$client.close()
  rmSync(dir, { recursive: true, force: true })
})

async function plansOf(db: { $client: TenantDb['$client'] }, recorded: Recorded[]): Promise<string[][]> {
  expect(recorded.length).toBeGreaterThan(0)
  const plans: string[][] = []
  for (const s of recorded) {
    const res = await db.$client.execute({ sql: `explain query plan ${s.sql}`, args: s.args })
    plans.push(res.rows.map((r) => String(r.detail)))
  }
  return plans
}

/** The lines of a plan that read a table without a seek, or sort. */
function offending(plan: string[], allowFirstPageWalk: boolean): string[] {
  return plan.filter((line) => /TEMP B-TREE/.test(line) || (/^SCAN /.test(line) && !(allowFirstPageWalk && /USING (COVERING )?INDEX/.test(line))))
}

async function personPlans(filter: Omit<PersonFilter, 'limit'>) {
  const r = recordingTenantDb(tenant)
  await listPersons(r.db, { limit: 50, ...filter })
  return plansOf(tenant, r.take())
}

describe('the people list seeks to every page', () => {
  const cases: [string, Omit<PersonFilter, 'limit'>, RegExp][] = [
    ['the province', { communes: null }, /persons_name_idx/],
    ['one commune', { communes: [COMMUNES[3]!] }, /persons_commune_name_idx \(commune_code=\? AND \(name_key,id\)>\(\?,\?\)\)/],
    ["a commune officer's three communes", { communes: COMMUNES.slice(0, 3) }, /persons_commune_name_idx \(commune_code=\? AND \(name_key,id\)>\(\?,\?\)\)/],
    ['a status', { communes: null, status: 'in_rehab' }, /persons_status_category_name_idx \(status=\? AND category=\? AND \(name_key,id\)>\(\?,\?\)\)/],
    ['a category', { communes: null, category: 'dependent' }, /persons_status_category_name_idx \(status=\? AND category=\? AND \(name_key,id\)>\(\?,\?\)\)/],
    [
      'a status and a category',
      { communes: null, status: 'closed', category: 'drug_user' },
      /persons_status_category_name_idx \(status=\? AND category=\? AND \(name_key,id\)>\(\?,\?\)\)/,
    ],
    [
      'a commune and a status',
      { communes: [COMMUNES[5]!], status: 'post_rehab' },
      /persons_commune_status_category_name_idx \(commune_code=\? AND status=\? AND category=\? AND \(name_key,id\)>\(\?,\?\)\)/,
    ],
  ]
  for (const [label, filter, index] of cases) {
    it(`${label}: a middle page is a seek on its index, never a sort`, async () => {
      const plans = await personPlans({ ...filter, after: middle })
      expect(plans).toHaveLength(1)
      expect(offending(plans[0]!, false)).toEqual([])
      expect(plans[0]!.some((line) => /^SEARCH persons USING /.test(line) && index.test(line))).toBe(true)
    })
    it(`${label}: the first page walks its index from the start, never a sort`, async () => {
      const plans = await personPlans(filter)
      expect(offending(plans[0]!, true)).toEqual([])
    })
  }

  it('a name search: the name prefix is a range seek; a later word goes through person_name_words or, for a common word, a seek in name order; only the page is read from persons', async () => {
    // Issued together: the later-word statement first, then the prefix's walk, then the page's rows.
    const rare = await personPlans({ communes: [COMMUNES[1]!], q: 'văn xoan', after: middle })
    expect(rare).toHaveLength(3)
    // The later-word candidates: a range of person_name_words (at most SEARCH_SORT_LIMIT rows) filtered and sorted without reading persons.
    expect(rare[0]!.join('\n')).toMatch(/SEARCH person_name_words USING PRIMARY KEY \(suffix>\? AND suffix<\?\)/)
    expect(rare[0]!.join('\n')).not.toMatch(/ persons /)
    // Keys only: the index answers, no row of persons is read.
    expect(offending(rare[1]!, false)).toEqual([])
    expect(rare[1]!.join('\n')).toMatch(/SEARCH persons USING COVERING INDEX persons_commune_name_idx \(commune_code=\? AND /)
    expect(rare[2]).toEqual([expect.stringMatching(/^SEARCH persons USING INDEX sqlite_autoindex_persons_1 \(id=\?\)/)])

    const common = await personPlans({ communes: null, q: 'van', after: middle })
    expect(common).toHaveLength(4)
    for (const plan of common.slice(1)) expect(offending(plan, false)).toEqual([])
    // The common word's walk in name order reads the index alone; the page's rows are then looked up by id.
    expect(common[2]!.join('\n')).toMatch(/SEARCH persons USING COVERING INDEX persons_name_idx \(\(name_key,id\)>\(\?,\?\)\)/)
    expect(common[3]).toEqual([expect.stringMatching(/^SEARCH persons USING INDEX sqlite_autoindex_persons_1 \(id=\?\)/)])
  })

  it('a full citizen ID is one lookup on its unique index', async () => {
    const plans = await personPlans({ communes: [COMMUNES[0]!], q: '001090000123' })
    expect(plans).toEqual([[expect.stringMatching(/SEARCH persons USING INDEX persons_citizen_id_unique \(citizen_id=\?\)/)]])
  })
})

describe('the caseload seeks to every page (#19.3)', () => {
  async function caseloadPlans(communes: readonly string[] | null, after?: [string, string]) {
    const r = recordingTenantDb(tenant)
    await caseload(r.db, communes, '2026-11-24', undefined, { after, limit: 100 })
    return plansOf(tenant, r.take())
  }
  const middlePlan: [string, string] = ['2026-05-01', 'plan-002500']
  it('the province: a middle page is a seek on the urgency index; its counts read the same index', async () => {
    const [page, version, counts] = await caseloadPlans(null, middlePlan)
    expect(version).toEqual([expect.stringMatching(/^SEARCH change_log/)])
    expect(offending(page!, false)).toEqual([])
    expect(page!.join('\n')).toMatch(/SEARCH rp USING (COVERING )?INDEX rehab_plans_caseload_idx \(status=\? AND <expr>>\?\)/)
    expect(counts!.join('\n')).toMatch(/SEARCH rp USING (COVERING )?INDEX rehab_plans_((commune_)?caseload|overdue)_idx/)
    expect(counts!.filter((line) => /TEMP B-TREE|^SCAN /.test(line))).toEqual([])
  })
  it("a commune officer's commune: a seek on the per-commune urgency index, never a sort", async () => {
    const [page] = await caseloadPlans([COMMUNES[4]!], middlePlan)
    expect(offending(page!, false)).toEqual([])
    expect(page!.join('\n')).toMatch(/SEARCH rp USING (COVERING )?INDEX rehab_plans_commune_caseload_idx \(commune_code=\? AND status=\? AND <expr>>\?\)/)
  })
  it("a commune's counts read its caseload index and its people's ids, not each plan's person row, and count only its people", async () => {
    const [, , counts] = await caseloadPlans([COMMUNES[4]!])
    expect(counts!.join('\n')).toMatch(/SEARCH rp USING (COVERING )?INDEX rehab_plans_commune_caseload_idx \(commune_code=\? AND status=\?\)/)
    // Any covering index that leads with the commune holds the ids (the smallest, (commune_code, id), since migration 0023).
    expect(counts!.join('\n')).toMatch(/SEARCH persons USING COVERING INDEX persons_commune_(id|name)_idx \(commune_code=\?\)/)
    expect(counts!.join('\n')).not.toMatch(/sqlite_autoindex_persons_1/)
    const before = await caseload(tenant, [COMMUNES[4]!], '2026-11-24')
    // A plan row that names the commune while its person lives in another is neither listed nor counted.
    const [stray] = await tenant.select().from(rehabPlans).where(eq(rehabPlans.communeCode, COMMUNES[5]!)).limit(1)
    await tenant.update(rehabPlans).set({ communeCode: COMMUNES[4]! }).where(eq(rehabPlans.id, stray!.id))
    try {
      const after = await caseload(tenant, [COMMUNES[4]!], '2026-11-24', undefined, { limit: 500 })
      expect(after.summary).toEqual(before.summary)
      expect(after.rows.map((r) => r.planId)).not.toContain(stray!.id)
      expect(after.summary.total).toBe(after.rows.length)
    } finally {
      await tenant.update(rehabPlans).set({ communeCode: COMMUNES[5]! }).where(eq(rehabPlans.id, stray!.id))
    }
  })
  it('keeps the counts on the connection until a plan, review or person changes, or the day moves', async () => {
    const commune = [COMMUNES[6]!]
    const first = await caseload(tenant, commune, '2026-11-24')
    const recorder = recordClient(tenant.$client)
    try {
      expect(await caseload(tenant, commune, '2026-11-24')).toEqual(first)
      // Page and the change log's newest seq only: the counts were kept.
      expect(recorder.take().map((s) => s.sql.trim().slice(0, 40))).toEqual([expect.stringMatching(/^SELECT p\.id/), 'SELECT max(seq) FROM change_log'])
    } finally {
      recorder.stop()
    }
    const [plan] = await tenant.select().from(rehabPlans).where(eq(rehabPlans.communeCode, COMMUNES[6]!)).limit(1)
    await tenant.update(rehabPlans).set({ status: 'completed' }).where(eq(rehabPlans.id, plan!.id))
    try {
      expect((await caseload(tenant, commune, '2026-11-24')).summary.total).toBe(first.summary.total - 1)
    } finally {
      await tenant.update(rehabPlans).set({ status: 'active' }).where(eq(rehabPlans.id, plan!.id))
    }
    expect((await caseload(tenant, commune, '2026-11-24')).summary).toEqual(first.summary)
    // A later day: more reviews overdue (the base days are all in 2026, the policy monthly).
    const later = await caseload(tenant, commune, '2027-06-01')
    expect(later.summary.total).toBe(first.summary.total)
    expect(later.summary.overdue).toBeGreaterThan(first.summary.overdue)
  })
  it("the triggers keep each plan's latest review: the base day is the later of the reviews", async () => {
    const [row] = await tenant.select().from(rehabPlans).where(eq(rehabPlans.id, 'plan-000000'))
    expect(row!.lastReviewOn).toBe('2026-01-31')
    await tenant.insert(reviews).values({ ...reviewOf('plan-000000', row!.personId, row!.communeCode), id: 'late-review', reviewedOn: '2026-02-10' })
    await tenant.insert(reviews).values({ ...reviewOf('plan-000000', row!.personId, row!.communeCode), id: 'backdated-review', reviewedOn: '2026-01-02' })
    const [after] = await tenant.select().from(rehabPlans).where(eq(rehabPlans.id, 'plan-000000'))
    expect(after!.lastReviewOn).toBe('2026-02-10')
    await tenant.delete(reviews).where(eq(reviews.id, 'late-review'))
    const [back] = await tenant.select().from(rehabPlans).where(eq(rehabPlans.id, 'plan-000000'))
    expect(back!.lastReviewOn).toBe('2026-01-31')
  })
})

function reviewOf(planId: string, personId: string, communeCode: string) {
  const at = new Date()
  return { personId, planId, communeCode, attended: true, drugTest: 'negative' as const, riskLevel: 'low' as const, version: 1, createdAt: at, updatedAt: at }
}

describe('imports, import rows, the audit trail and users seek to every page', () => {
  it('imports, the province and one officer', async () => {
    const r = recordingTenantDb(tenant)
    const after = { createdAt: new Date(Date.UTC(2026, 0, 1) + 150 * 60_000), id: '00000000-0000-4000-8000-000000000150' }
    await listImports(r.db, { createdBy: null, after, limit: 20 })
    await listImports(r.db, { createdBy: 'user-3', after, limit: 20 })
    const [province, officer] = await plansOf(tenant, r.take())
    expect(province).toEqual([expect.stringMatching(/^SEARCH imports USING INDEX imports_created_idx \(\(created_at,id\)<\(\?,\?\)\)/)])
    expect(officer).toEqual([
      expect.stringMatching(/^SEARCH imports USING INDEX imports_creator_created_idx \(created_by=\? AND \(created_at,id\)<\(\?,\?\)\)/),
    ])
  })

  it("an import's rows, all of them or one outcome", async () => {
    const r = recordingTenantDb(tenant)
    const id = '00000000-0000-4000-8000-000000000000'
    await listImportRows(r.db, id, { communes: null, afterRow: 9_000, limit: 100 })
    await listImportRows(r.db, id, { communes: null, outcome: 'rejected', afterRow: 9_000, limit: 100 })
    await listImportRows(r.db, id, { communes: [COMMUNES[0]!], afterRow: 9_000, limit: 100 })
    const [all, rejected, scoped] = await plansOf(tenant, r.take())
    for (const plan of [all!, rejected!, scoped!]) expect(offending(plan, false)).toEqual([])
    expect(all![0]).toMatch(/^SEARCH import_rows USING (PRIMARY KEY|INDEX sqlite_autoindex_import_rows_1) \(import_id=\? AND row_number>\?\)/)
    expect(rejected![0]).toMatch(/^SEARCH import_rows USING INDEX import_rows_outcome_idx \(import_id=\? AND outcome=\? AND row_number>\?\)/)
  })

  it('the audit trail: whole, by actor, by action, and who saw a record', async () => {
    const r = recordingTenantDb(tenant)
    await listAudit(r.db, { before: 10_000, limit: 50 })
    await listAudit(r.db, { actorId: 'user-7', before: 10_000, limit: 50 })
    await listAudit(r.db, { action: 'person.update', before: 10_000, limit: 50 })
    await listAudit(r.db, { entityType: 'person', entityId: 'x', before: 10_000, limit: 50 })
    const plans = await plansOf(tenant, r.take())
    for (const plan of plans) expect(offending(plan, false)).toEqual([])
    expect(plans[0]![0]).toMatch(/^SEARCH audit_log USING INTEGER PRIMARY KEY \(rowid<\?\)/)
    expect(plans[1]![0]).toMatch(/audit_log_actor_idx \(actor_id=\? AND seq<\?\)/)
    expect(plans[2]![0]).toMatch(/audit_log_action_idx \(action=\? AND seq<\?\)/)
    expect(plans[3]![0]).toMatch(/audit_log_entity_idx \(entity_type=\? AND entity_id=\? AND seq<\?\)/)
  })

  it('users of a role set, from a username on', async () => {
    const r = recordingControlDb(control)
    await listUsers(r.db, { province: null, roles: ['commune_officer', 'province_officer'], after: 'user01500', limit: 50 })
    await listUsers(r.db, { province: null, roles: ['commune_officer'], status: 'active', after: 'user01500', limit: 50 })
    const plans = await plansOf(control, r.take())
    for (const plan of plans) console.log(plan)
    for (const plan of plans) expect(offending(plan, false)).toEqual([])
  })
})

describe("a commune's full download seeks to every page (#19.4, decision 0053)", () => {
  it('reads people, plans and reviews in their own order from indexes that lead with the commune, first page and later', async () => {
    const scope = { province: '82', communes: [COMMUNES[3]!] }
    const r = recordingTenantDb(tenant)
    // The first page (people), then a page that starts among the reviews: its cursor resumes that phase.
    let page = await pullPage(r.db, scope, undefined, 500, '2026-12-01')
    while (page.more && !(page.reviews as unknown[]).length) page = await pullPage(r.db, scope, page.cursor, 500, '2026-12-01')
    expect((page.reviews as unknown[]).length).toBeGreaterThan(0)
    await pullPage(r.db, scope, page.cursor, 20, '2026-12-01')
    const recorded = r.take()
    const plans = await plansOf(tenant, recorded)
    const reading = (table: string) => plans.filter((_, i) => new RegExp(`^select (?:"[a-z_]+", )*"[a-z_]+" from "${table}" where`).test(recorded[i]!.sql))
    const cases: [string, RegExp][] = [
      ['persons', /^SEARCH persons USING INDEX persons_commune_id_idx \(commune_code=\?/],
      ['rehab_plans', /^SEARCH rehab_plans USING INDEX rehab_plans_commune_id_idx \(commune_code=\?/],
      ['reviews', /^SEARCH reviews USING INDEX reviews_commune_person_idx \(commune_code=\?/],
    ]
    for (const [table, index] of cases) {
      const read = reading(table)
      expect(read.length, table).toBeGreaterThan(1)
      for (const plan of read) {
        expect(plan[0], table).toMatch(index)
        expect(
          plan.filter((line) => /TEMP B-TREE FOR ORDER BY/.test(line)),
          table,
        ).toEqual([])
      }
    }
  })
})
