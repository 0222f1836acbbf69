// The people list and name search (GET /persons), so that a page costs what the page holds and not what the
// province holds (issue #19, decision 0030). Every page is keyset-paged on (nameKey, id) with a row-value
// condition SQLite can seek on, over an index whose order is the list's order:
//   no filter                 persons_name_idx (name_key, id)
//   communes                  persons_commune_name_idx (commune_code, name_key, id), one seek per commune
//   status and/or category    persons_[commune_]status_category_name_idx, one seek per (commune,) status, category
// A name search adds a range on name_key (the name starts with the query) and person_name_words (a later word does).
// Several seeks are merged by SQLite (`MERGE (UNION ALL)`), never sorted: each arm is already in order.
import { and, asc, eq, gte, inArray, lt, sql, type SQL } from 'drizzle-orm'
import { unionAll } from 'drizzle-orm/sqlite-core'
import { personNameWords, persons } from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'
import { personCategories, personStatuses } from '../../kernel/vocabulary.ts'
import { foldDiacritics } from '../../kernel/text-fold.ts'
import type { PersonRow } from './persons.ts'

export interface PersonFilter {
  /** Null: the whole province; otherwise only these communes (a commune officer's scope, or a filter). */
  communes: readonly string[] | null
  q?: string | undefined
  category?: PersonRow['category'] | undefined
  status?: PersonRow['status'] | undefined
  after?: { nameKey: string; id: string } | undefined
  limit: number
}

/**
 * A later word with more matches than this is answered by walking the name order (its matches are dense
 * enough to fill a page quickly); with fewer, by person_name_words and a sort of at most this many rows.
 */
export const SEARCH_SORT_LIMIT = 2_000
/** SQLite refuses compound selects of more than 500 arms; far beyond any officer's communes × values. */
const MAX_ARMS = 400
/** Above every character a folded name can hold: `name_key < prefix || TOP` bounds a prefix range. */
const TOP = '\u{10FFFF}'

/**
 * One page of people (one more row than `limit`, to tell whether a next page exists), in (nameKey, id) order.
 * `q`: a full 12-digit citizen ID (its unique index), or a name, any case, with or without diacritics, matched
 * at the start of any word of the folded name ("ngoc anh" finds "Nguyễn Thị Ngọc Ánh"; "an" finds "Hoàng Anh"
 * but not "Lan"). A one-letter name query matches the start of the name only.
 */
export async function listPersons(db: TenantDb, filter: PersonFilter): Promise<PersonRow[]> {
  const q = filter.q?.trim()
  if (q && /^\d{12}$/.test(q))
    return db
      .select()
      .from(persons)
      .where(and(eq(persons.citizenId, q), ...filterConditions(filter)))
  const key = q ? foldDiacritics(q) : ''
  if (!key) return walk(db, filter, [])
  // The name starts with the query: one contiguous range of the name order, always a seek. One lower bound
  // only (the cursor, or the range's start, whichever is later), or SQLite seeks to one and filters by the other.
  const fromCursor = filter.after !== undefined && compareText(filter.after.nameKey, key) >= 0
  const prefix = [fromCursor ? undefined : gte(persons.nameKey, key), lt(persons.nameKey, key + TOP)]
  const prefixFilter = fromCursor ? filter : { ...filter, after: undefined }
  if (key.length < 2) return walk(db, prefixFilter, prefix)
  // Both parts find keys only — (name_key, id), which every list index covers — issued together (the later-word
  // statement first), and only the page's people are read: a common word's walk then never loads the rows it
  // passes, nor the prefix part the rows the merge drops.
  const [prefixKeys, laterWordKeys] = await Promise.all([walk(db, prefixFilter, prefix, KEYS), laterWordMatches(db, filter, key)])
  return rowsOf(db, mergeByName(prefixKeys, laterWordKeys, filter.limit + 1))
}

/** The people of `keys`, in that order (one lookup each on the primary key). */
async function rowsOf(db: TenantDb, keys: readonly Key[]): Promise<PersonRow[]> {
  if (keys.length === 0) return []
  const byId = new Map(
    (
      await db
        .select()
        .from(persons)
        .where(
          inArray(
            persons.id,
            keys.map((k) => k.id),
          ),
        )
    ).map((row) => [row.id, row]),
  )
  // A person deleted between the statements is left out.
  return keys.flatMap((k) => byId.get(k.id) ?? [])
}

/**
 * Words seen to start more than SEARCH_SORT_LIMIT later words of a province's names, per database: their search
 * walks the name order at once, without counting 2,001 candidates again first. Vietnamese names share a few
 * hundred syllables ("van", "thi", "ng"…), so the set stays small; it is bounded anyway. A word that became rarer
 * since is still answered right — the walk finds every match, it is only slower for a rare word.
 */
const commonWords = new WeakMap<object, Set<string>>()
const COMMON_WORDS_KEPT = 512

function commonIn(db: TenantDb): Set<string> {
  const words = commonWords.get(db.$client) ?? new Set<string>()
  commonWords.set(db.$client, words)
  return words
}

/** People with a later word starting with the query (`key`: the folded query, two characters or more): their keys. */
async function laterWordMatches(db: TenantDb, filter: PersonFilter, key: string): Promise<Key[]> {
  const common = commonIn(db)
  // A common word (a middle name such as "van"): matches are everywhere in the name order, a walk fills a page fast.
  const walkByName = () => walk(db, filter, [sql`${persons.nameKey} like ${`% ${escapeLike(key)}%`} escape '\\'`], KEYS)
  if (common.has(key)) return walkByName()
  // One statement, on person_name_words alone: how many suffixes start with the query (a range of its primary
  // key, counted up to one more than the sort limit), then — only if they are not more than the limit — the page
  // among them, filtered and sorted (at most SEARCH_SORT_LIMIT rows, whatever the province's size).
  const w = personNameWords
  const answer = await db.all<{ matches: number | null; name_key: string | null; id: string | null }>(
    sql`with candidate as materialized (
        select ${w.nameKey} as name_key, ${w.personId} as person_id, ${w.communeCode} as commune_code, ${w.status} as status, ${w.category} as category
        from ${w} where ${w.suffix} >= ${key} and ${w.suffix} < ${key + TOP} limit ${SEARCH_SORT_LIMIT + 1})
      select (select count(*) from candidate) as matches, null as name_key, null as id
      union all
      select null, name_key, person_id from (select distinct name_key, person_id from candidate
        where (select count(*) from candidate) <= ${SEARCH_SORT_LIMIT}
          and ${and(sql`1`, ...candidateConditions(filter), after(sql`name_key`, sql`person_id`, filter))}
        order by name_key, person_id limit ${filter.limit + 1})`,
  )
  if ((answer[0]?.matches ?? 0) > SEARCH_SORT_LIMIT) {
    if (common.size >= COMMON_WORDS_KEPT) common.delete(common.values().next().value!)
    common.add(key)
    return walkByName()
  }
  return answer.slice(1).map((r) => ({ nameKey: r.name_key!, id: r.id! }))
}

/** A place in the list's order. */
type Key = { nameKey: string; id: string }
const KEYS = { nameKey: persons.nameKey, id: persons.id }

/**
 * The list's own order from the cursor on: one seek per combination of the filter's values, merged. Whole rows,
 * or with `KEYS` the keys alone (answered from the index).
 */
function walk(db: TenantDb, filter: PersonFilter, extra: (SQL | undefined)[]): Promise<PersonRow[]>
function walk(db: TenantDb, filter: PersonFilter, extra: (SQL | undefined)[], columns: typeof KEYS): Promise<Key[]>
function walk(db: TenantDb, filter: PersonFilter, extra: (SQL | undefined)[], columns?: typeof KEYS): Promise<PersonRow[] | Key[]> {
  const arms = armsOf(filter)
  // One builder type for both shapes: the arms of one walk all select the same columns.
  const select = (arm: (SQL | undefined)[]) =>
    (columns ? db.select(columns) : db.select()).from(persons).where(and(...arm, ...extra, afterCondition(filter))) as unknown as ReturnType<typeof selectAll>
  if (arms.length === 1 || arms.length > MAX_ARMS) {
    const conditions = arms.length === 1 ? arms[0]! : filterConditions(filter)
    return select(conditions)
      .orderBy(asc(persons.nameKey), asc(persons.id))
      .limit(filter.limit + 1)
  }
  const [first, second, ...rest] = arms.map(select)
  return unionAll(first!, second!, ...rest)
    .orderBy(asc(persons.nameKey), asc(persons.id))
    .limit(filter.limit + 1)
}

const selectAll = (db: TenantDb) => db.select().from(persons).where(undefined)

/**
 * The equality conditions of each arm. Without status and category, one arm per commune (or one for the
 * province). With either, every value of the other is listed too, so each arm is a prefix of a status-category index.
 */
function armsOf(filter: PersonFilter): SQL[][] {
  const communes: (string | undefined)[] = filter.communes ? [...new Set(filter.communes)] : [undefined]
  if (communes.length === 0) return [[sql`0`]]
  const byCommune = (code: string | undefined) => (code === undefined ? [] : [eq(persons.communeCode, code)])
  if (!filter.status && !filter.category) return communes.map(byCommune)
  const statuses = filter.status ? [filter.status] : personStatuses
  const categories = filter.category ? [filter.category] : personCategories
  return communes.flatMap((code) =>
    statuses.flatMap((status) => categories.map((category) => [...byCommune(code), eq(persons.status, status), eq(persons.category, category)])),
  )
}

/** The filter as plain conditions (for a search's few candidates, or an officer with very many communes). */
function filterConditions(filter: PersonFilter): (SQL | undefined)[] {
  return [
    filter.communes ? inArray(persons.communeCode, [...filter.communes]) : undefined,
    filter.category ? eq(persons.category, filter.category) : undefined,
    filter.status ? eq(persons.status, filter.status) : undefined,
  ]
}

/** The filter on person_name_words' copies of the columns. */
function candidateConditions(filter: PersonFilter): (SQL | undefined)[] {
  return [
    filter.communes ? sql`commune_code in (${sql.join(filter.communes.length ? filter.communes.map((c) => sql`${c}`) : [sql`null`], sql`, `)})` : undefined,
    filter.category ? sql`category = ${filter.category}` : undefined,
    filter.status ? sql`status = ${filter.status}` : undefined,
  ]
}

/** A row-value comparison: SQLite seeks to it (an OR of two comparisons made it scan from the index's start). */
function afterCondition(filter: PersonFilter): SQL | undefined {
  return filter.after ? after(sql`${persons.nameKey}`, sql`${persons.id}`, filter) : undefined
}

function after(nameKey: SQL, id: SQL, filter: PersonFilter): SQL {
  return filter.after ? sql`(${nameKey}, ${id}) > (${filter.after.nameKey}, ${filter.after.id})` : sql`1`
}

/** Two lists in (nameKey, id) order as one, without the people in both. */
function mergeByName(a: readonly Key[], b: readonly Key[], count: number): Key[] {
  const out: Key[] = []
  let i = 0
  let j = 0
  while (out.length < count && (i < a.length || j < b.length)) {
    const x = a[i]
    const y = b[j]
    const order = !y ? -1 : !x ? 1 : compareKeys(x, y)
    if (order <= 0) i++
    if (order >= 0) j++
    out.push(order <= 0 ? x! : y!)
  }
  return out
}

/** SQLite's BINARY order (UTF-8 bytes), which is code-point order, not UTF-16 order as `<` on strings. */
function compareKeys(x: Key, y: Key): number {
  return compareText(x.nameKey, y.nameKey) || compareText(x.id, y.id)
}

function compareText(a: string, b: string): number {
  if (a === b) return 0
  const ca = [...a]
  const cb = [...b]
  for (let k = 0; k < Math.min(ca.length, cb.length); k++) {
    const d = ca[k]!.codePointAt(0)! - cb[k]!.codePointAt(0)!
    if (d !== 0) return d
  }
  return ca.length - cb.length
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}
