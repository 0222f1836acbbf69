// The people list and name search against a plain reading of what they promise (kernel/name-search.ts, the
// filters, (nameKey, id) order), on 8,000 synthetic people: every page walked, nothing missed or repeated, with
// many people sharing a name. Both search paths run: a rare later word (person_name_words candidates) and a common one (a walk).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { and, eq, notInArray, sql } from 'drizzle-orm'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openTenantDb } from '../../db/client.node.ts'
import { migrateTenantDb } from '../../db/provision/migrate.ts'
import { persons } from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'
import { nameMatches } from '../../kernel/name-search.ts'
import { foldDiacritics } from '../../kernel/text-fold.ts'
import { listPersons, SEARCH_SORT_LIMIT, type PersonFilter } from '../../worker/repo/person-list.ts'
import type { PersonRow } from '../../worker/repo/persons.ts'
import { insertManyPeople } from '../helpers/many-people.ts'

const COMMUNES = ['26001', '26002', '26003', '26004', '26005']
let dir: string
let db: TenantDb
let everyone: { id: string; fullName: string; nameKey: string; communeCode: string; status: string; category: string; citizenId: string }[]

const byBytes = (a: string, b: string) => Buffer.compare(Buffer.from(a), Buffer.from(b))
const order = (a: { nameKey: string; id: string }, b: { nameKey: string; id: string }) => byBytes(a.nameKey, b.nameKey) || byBytes(a.id, b.id)

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'binhan-person-list-'))
  db = openTenantDb({ url: `file:${join(dir, 'tenant.db')}` })
  await migrateTenantDb(db)
  const extra = [
    ...Array.from({ length: 40 }, (_, i) => ({ fullName: 'Trần Thị Hoa', communeCode: COMMUNES[i % 5]! })),
    { fullName: 'Lò Văn Xoan', communeCode: '26001' },
    { fullName: 'Quàng Thị Xoan Mai', communeCode: '26002' },
    { fullName: 'Xoan Văn Tèo', communeCode: '26003' },
    { fullName: 'Đinh Đức Đạt', communeCode: '26004' },
  ]
  everyone = await insertManyPeople(db, { count: 8_000, communes: COMMUNES, seed: 7, extra })
}, 120_000)

afterAll(() => {
  db?.$client.close()
  rmSync(dir, { recursive: true, force: true })
})

/** Every page, `limit` at a time, from the first. */
async function walkAll(filter: Omit<PersonFilter, 'limit' | 'after'>, limit: number): Promise<PersonRow[]> {
  const seen: PersonRow[] = []
  let after: PersonFilter['after']
  for (let pages = 0; pages < 1_000; pages++) {
    const rows = await listPersons(db, { ...filter, limit, after })
    expect(rows.length).toBeLessThanOrEqual(limit + 1)
    const page = rows.slice(0, limit)
    seen.push(...page)
    if (rows.length <= limit) return seen
    after = { nameKey: page.at(-1)!.nameKey, id: page.at(-1)!.id }
  }
  throw new Error('more than 1,000 pages')
}

function expected(filter: Omit<PersonFilter, 'limit' | 'after'>) {
  const q = filter.q?.trim() ?? ''
  const key = foldDiacritics(q)
  return everyone
    .filter((p) => !filter.communes || filter.communes.includes(p.communeCode))
    .filter((p) => !filter.status || p.status === filter.status)
    .filter((p) => !filter.category || p.category === filter.category)
    .filter((p) => (/^\d{12}$/.test(q) ? p.citizenId === q : nameMatches(p.nameKey, key)))
    .sort(order)
    .map((p) => p.id)
}

describe('walking every page', () => {
  const filters: [string, Omit<PersonFilter, 'limit' | 'after'>][] = [
    ['the province', { communes: null }],
    ['two communes', { communes: ['26002', '26004'] }],
    ['a status', { communes: null, status: 'in_rehab' }],
    ['a commune, a status and a category', { communes: ['26003'], status: 'under_management', category: 'dependent' }],
    ['a category in three communes', { communes: ['26001', '26003', '26005'], category: 'post_rehab' }],
  ]
  for (const [label, filter] of filters) {
    it(`${label}: each person once, in name order, none left out`, async () => {
      const ids = (await walkAll(filter, 97)).map((p) => p.id)
      expect(ids).toEqual(expected(filter))
    })
  }

  it('forty people with the same name are split across pages without a gap or a repeat', async () => {
    const ids = (await walkAll({ communes: null, q: 'tran thi hoa' }, 7)).map((p) => p.id)
    expect(ids).toHaveLength(40)
    expect(ids).toEqual(expected({ communes: null, q: 'tran thi hoa' }))
  })
})

describe('name search', () => {
  it('matches the start of any word, without diacritics, and not inside a word', async () => {
    const names = async (q: string, communes: readonly string[] | null = null) => (await walkAll({ communes, q }, 50)).map((p) => p.fullName)
    expect(await names('xoan')).toEqual(['Lò Văn Xoan', 'Quàng Thị Xoan Mai', 'Xoan Văn Tèo'])
    expect(await names('XOÀN')).toEqual(['Lò Văn Xoan', 'Quàng Thị Xoan Mai', 'Xoan Văn Tèo'])
    expect(await names('thi xoan')).toEqual(['Quàng Thị Xoan Mai'])
    expect(await names('oan')).not.toContain('Lò Văn Xoan')
    expect(await names('dinh duc dat')).toEqual(['Đinh Đức Đạt'])
    expect(await names('đức đạt')).toContain('Đinh Đức Đạt')
    expect(await names('khong ai ten nay')).toEqual([])
  })

  it("keeps to the caller's communes", async () => {
    const rows = await walkAll({ communes: ['26002', '26003'], q: 'xoan' }, 50)
    expect(rows.map((p) => p.fullName)).toEqual(['Quàng Thị Xoan Mai', 'Xoan Văn Tèo'])
  })

  it('a common word (more matches than the candidate path sorts) and a rare one give exactly the matching people', async () => {
    const common = expected({ communes: null, q: 'van' })
    expect(common.length).toBeGreaterThan(SEARCH_SORT_LIMIT)
    expect((await walkAll({ communes: null, q: 'van' }, 200)).map((p) => p.id)).toEqual(common)
    expect((await walkAll({ communes: ['26001'], q: 'van' }, 200)).map((p) => p.id)).toEqual(expected({ communes: ['26001'], q: 'van' }))
    for (const q of ['mai', 'ng', 't', 'hoa', 'nguyen thi']) {
      expect(
        (await walkAll({ communes: null, q }, 150)).map((p) => p.id),
        q,
      ).toEqual(expected({ communes: null, q }))
    }
  })

  it('a full citizen ID finds that person only, and only in scope', async () => {
    const person = everyone[1234]!
    expect((await listPersons(db, { communes: null, q: person.citizenId, limit: 50 })).map((p) => p.id)).toEqual([person.id])
    const elsewhere = COMMUNES.filter((c) => c !== person.communeCode)
    expect(await listPersons(db, { communes: elsewhere, q: person.citizenId, limit: 50 })).toEqual([])
    expect(await listPersons(db, { communes: null, q: person.citizenId.slice(0, 11), limit: 50 })).toEqual([])
  })

  it('follows a rename and a removal (the triggers keep person_name_words in step)', async () => {
    const person = everyone[42]!
    await db
      .update(persons)
      .set({ fullName: 'Hà Văn Zzyzx', nameKey: foldDiacritics('Hà Văn Zzyzx') })
      .where(eq(persons.id, person.id))
    expect((await listPersons(db, { communes: null, q: 'zzyzx', limit: 50 })).map((p) => p.id)).toEqual([person.id])
    expect((await listPersons(db, { communes: null, q: 'van zzyzx', limit: 50 })).map((p) => p.id)).toEqual([person.id])
    // A status or commune change follows too: the later-word candidates are filtered on their own copies.
    const status = person.status === 'closed' ? 'in_rehab' : 'closed'
    await db.update(persons).set({ status, communeCode: '26005' }).where(eq(persons.id, person.id))
    expect((await listPersons(db, { communes: ['26005'], status, q: 'zzyzx', limit: 50 })).map((p) => p.id)).toEqual([person.id])
    expect(await listPersons(db, { communes: [person.communeCode === '26005' ? '26001' : person.communeCode], q: 'zzyzx', limit: 50 })).toEqual([])
    await db.delete(persons).where(eq(persons.id, person.id))
    expect(await listPersons(db, { communes: null, q: 'van zzyzx', limit: 50 })).toEqual([])
    const left = await db.$client.execute({ sql: 'select count(*) as n from person_name_words where person_id = ?', args: [person.id] })
    expect(left.rows[0]!.n).toBe(0)
  })

  it("the migration's backfill writes what the insert trigger writes, for the people registered before it", async () => {
    const all = 'select suffix, name_key, person_id, commune_code, status, category from person_name_words order by suffix, name_key, person_id'
    const byTriggers = (await db.$client.execute(all)).rows
    expect(byTriggers.length).toBeGreaterThan(everyone.length)
    const migration = readFileSync(new URL('../../db/tenant/migrations/0014_list_seeks_name_search.sql', import.meta.url), 'utf8')
    const backfill = migration.split('--> statement-breakpoint').find((part) => /INSERT INTO `person_name_words`[\s\S]*FROM persons AS p/.test(part))!
    await db.$client.execute('delete from person_name_words')
    await db.$client.execute(backfill.replace(/^\s*--.*$/gm, ''))
    expect((await db.$client.execute(all)).rows).toEqual(byTriggers)
  })

  it('a word once common and now rare is still answered exactly (the walk a common word takes finds every match)', async () => {
    // The first search counts the candidates and remembers "van" as common; the rename makes it rare.
    expect((await listPersons(db, { communes: null, q: 'van', limit: 50 })).length).toBe(51)
    const keep = (await db.select({ id: persons.id }).from(persons).where(sql`name_key like '% van %'`).limit(3)).map((r) => r.id)
    await db
      .update(persons)
      .set({ fullName: sql`replace(${persons.fullName}, 'Văn', 'Vịnh')`, nameKey: sql`replace(${persons.nameKey}, ' van', ' vinh')` })
      .where(and(sql`name_key like '% van%'`, notInArray(persons.id, keep)))
    const rows = await db.select({ id: persons.id, nameKey: persons.nameKey }).from(persons)
    const left = rows
      .filter((p) => nameMatches(p.nameKey, 'van'))
      .sort(order)
      .map((p) => p.id)
    expect(left.length).toBeGreaterThanOrEqual(3)
    expect(left.length).toBeLessThan(SEARCH_SORT_LIMIT)
    expect((await walkAll({ communes: null, q: 'van' }, 2)).map((p) => p.id)).toEqual(left)
  })
})
