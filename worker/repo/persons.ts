import { and, asc, eq, gt, inArray, or, sql } from 'drizzle-orm'
import { communes, persons } from '../../db/tenant/schema/index.ts'
import type { TenantDb, TenantTx } from '../../db/types.ts'
import { foldDiacritics } from '../../kernel/text-fold.ts'

export type PersonRow = typeof persons.$inferSelect

/** What the API shows of a person (the search key is internal). */
export function presentPerson(row: PersonRow) {
  const { nameKey: _nameKey, createdAt, updatedAt, ...rest } = row
  return { ...rest, createdAt: createdAt.toISOString(), updatedAt: updatedAt.toISOString() }
}
export type PersonView = ReturnType<typeof presentPerson>

export async function findPerson(db: TenantDb | TenantTx, id: string): Promise<PersonRow | undefined> {
  const [row] = await db.select().from(persons).where(eq(persons.id, id))
  return row
}

export async function communeExists(db: TenantDb, code: string): Promise<boolean> {
  const [row] = await db.select({ code: communes.code }).from(communes).where(eq(communes.code, code))
  return row !== undefined
}

export interface PersonFilter {
  /** Null: the whole province; otherwise only these communes (a commune officer's scope, or a filter). */
  communes: readonly string[] | null
  q?: string | undefined
  category?: PersonRow['category'] | undefined
  status?: PersonRow['status'] | undefined
  after?: { nameKey: string; id: string } | undefined
  limit: number
}

/** Keyset pagination on (nameKey, id): stable while people are added, no OFFSET scans. */
export async function listPersons(db: TenantDb, filter: PersonFilter): Promise<PersonRow[]> {
  return listPersonsQuery(db, filter)
}

/** The query listPersons runs (one more row than `limit`, to tell whether a next page exists); `.toSQL()` shows its SQL. */
export function listPersonsQuery(db: TenantDb, filter: PersonFilter) {
  const q = filter.q?.trim()
  const byId = q && /^\d{12}$/.test(q)
  const conditions = [
    filter.communes ? inArray(persons.communeCode, [...filter.communes]) : undefined,
    byId ? eq(persons.citizenId, q) : q ? sql`${persons.nameKey} like ${`%${escapeLike(foldDiacritics(q))}%`} escape '\\'` : undefined,
    filter.category ? eq(persons.category, filter.category) : undefined,
    filter.status ? eq(persons.status, filter.status) : undefined,
    filter.after ? or(gt(persons.nameKey, filter.after.nameKey), and(eq(persons.nameKey, filter.after.nameKey), gt(persons.id, filter.after.id))) : undefined,
  ]
  return db
    .select()
    .from(persons)
    .where(and(...conditions))
    .orderBy(asc(persons.nameKey), asc(persons.id))
    .limit(filter.limit + 1)
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`)
}
