import { eq, inArray } from 'drizzle-orm'
import { chunk } from '../../db/batch.ts'
import { communes, persons } from '../../db/tenant/schema/index.ts'
import type { TenantDb, TenantTx } from '../../db/types.ts'
import { newPerson } from '../../kernel/commands/person-create.ts'
import type { CreatePersonInput } from '../../kernel/commands/inputs.ts'
import type { LegalRepresentative, PersonRecord } from '../../kernel/records.ts'
import { foldDiacritics } from '../../kernel/text-fold.ts'

export type PersonRow = typeof persons.$inferSelect

/** What the API shows of a person (the search key is internal). */
export function presentPerson(row: PersonRow): PersonRecord {
  const { nameKey: _nameKey, createdAt, updatedAt, legalRepresentative, ...rest } = row
  return { ...rest, legalRepresentative: parseRepresentative(legalRepresentative), createdAt: createdAt.toISOString(), updatedAt: updatedAt.toISOString() }
}
export type PersonView = PersonRecord

/** A person's row from their record (the search key is the folded name). */
export function personRow(record: PersonRecord): PersonRow {
  return {
    ...record,
    legalRepresentative: record.legalRepresentative ? JSON.stringify(record.legalRepresentative) : null,
    source: record.source ?? null,
    registeredOn: record.registeredOn ?? null,
    nameKey: foldDiacritics(record.fullName),
    createdAt: new Date(record.createdAt),
    updatedAt: new Date(record.updatedAt),
  }
}

/** The stored representative (JSON) read back; anything unreadable counts as none. */
function parseRepresentative(value: string | null): LegalRepresentative | null {
  if (!value) return null
  try {
    const rep = JSON.parse(value) as Partial<LegalRepresentative>
    return typeof rep.name === 'string' && typeof rep.relation === 'string' && typeof rep.phone === 'string'
      ? { name: rep.name, relation: rep.relation, phone: rep.phone }
      : null
  } catch {
    return null
  }
}

/** A new person's row as registered by person.create, for writers that insert many at once (an import). */
export function newPersonRow(id: string, input: CreatePersonInput, ctx: { at: Date; actorId: string | null }): PersonRow {
  return personRow(newPerson(id, input, { actorId: ctx.actorId, now: ctx.at }))
}

export async function findPerson(db: TenantDb | TenantTx, id: string): Promise<PersonRow | undefined> {
  const [row] = await db.select().from(persons).where(eq(persons.id, id))
  return row
}

export async function communeExists(db: TenantDb | TenantTx, code: string): Promise<boolean> {
  const [row] = await db.select({ code: communes.code }).from(communes).where(eq(communes.code, code))
  return row !== undefined
}

/** Which of these citizen IDs the province already has: one query per 500 IDs (SQLite's bound-parameter limit). */
export async function registeredCitizenIds(db: TenantDb | TenantTx, citizenIds: readonly string[]): Promise<Set<string>> {
  const taken = new Set<string>()
  for (const ids of chunk(citizenIds, 500)) {
    for (const row of await db.select({ citizenId: persons.citizenId }).from(persons).where(inArray(persons.citizenId, ids))) taken.add(row.citizenId)
  }
  return taken
}

/** The people list's cursor: base64url of the last row's (nameKey, id). */
export function encodePersonCursor(row: PersonRow): string {
  return btoa(JSON.stringify([row.nameKey, row.id]))
    .replace(/\+/g, '-')
    .replace(/\//g, '_')
    .replace(/=+$/, '')
}

/** The keyset a cursor names, or undefined when it is not one of ours. */
export function decodePersonCursor(cursor: string): { nameKey: string; id: string } | undefined {
  try {
    const [nameKey, id] = JSON.parse(atob(cursor.replace(/-/g, '+').replace(/_/g, '/'))) as unknown[]
    if (typeof nameKey === 'string' && typeof id === 'string') return { nameKey, id }
  } catch {
    // not base64 JSON
  }
  return undefined
}
