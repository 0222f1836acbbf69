import { eq, inArray } from 'drizzle-orm'
import { chunk } from '../../db/batch.ts'
import { together } from '../../db/pipelined-client.ts'
import { communes, persons } from '../../db/tenant/schema/index.ts'
import type { TenantDb, TenantTx } from '../../db/types.ts'
import { newPerson } from '../../kernel/commands/person-create.ts'
import type { CreatePersonInput } from '../../kernel/commands/inputs.ts'
import type { LegalRepresentative, PersonRecord } from '../../kernel/records.ts'
import { foldDiacritics } from '../../kernel/text-fold.ts'
import { vietnamToday } from '../../kernel/calendar.ts'

export type PersonRow = typeof persons.$inferSelect
type NewPersonRow = typeof persons.$inferInsert

/** What the API shows of a person (the search key and the status history's stamp are internal). */
export function presentPerson(row: PersonRow): PersonRecord {
  const { nameKey: _nameKey, statusSince: _statusSince, createdAt, updatedAt, legalRepresentative, ...rest } = row
  return { ...rest, legalRepresentative: parseRepresentative(legalRepresentative), createdAt: createdAt.toISOString(), updatedAt: updatedAt.toISOString() }
}
export type PersonView = PersonRecord

/**
 * A person's row from their record (the search key is the folded name); `statusSince`, the day the status took
 * effect, feeds the status history (decision 0034).
 */
export function personRow(record: PersonRecord, statusSince: string): NewPersonRow {
  return {
    ...record,
    statusSince,
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

/**
 * An imported person's row (decision 0034): the registration date the list gives, or unknown — never the import
 * day —, and a status history that starts on the import day (what happened before it is not known here).
 */
export function newPersonRow(id: string, input: CreatePersonInput, ctx: { at: Date; actorId: string | null }): NewPersonRow {
  const importDay = vietnamToday(ctx.at)
  return { ...personRow(newPerson(id, input, { actorId: ctx.actorId, now: ctx.at }), importDay), registeredOn: input.registeredOn ?? null }
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
  // Together: on a remote database one round trip however long the list; one after the other in a transaction.
  const chunks = await together(
    db,
    ...chunk(citizenIds, 500).map((ids) => () => db.select({ citizenId: persons.citizenId }).from(persons).where(inArray(persons.citizenId, ids))),
  )
  return new Set(chunks.flat().map((row) => row.citizenId))
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
