import { inArray } from 'drizzle-orm'
import { users } from '../../db/control/schema/index.ts'
import type { ControlDb } from '../../db/types.ts'

/**
 * Display names of the given users, in one query. The audit trails keep only actor ids (names change, and a
 * trail must not carry personal data), so a screen joins them here, one page at a time.
 */
export async function displayNamesOf(db: ControlDb, ids: readonly string[]): Promise<Map<string, string>> {
  const distinct = [...new Set(ids)]
  if (distinct.length === 0) return new Map()
  const rows = await db.select({ id: users.id, name: users.displayName }).from(users).where(inArray(users.id, distinct))
  return new Map(rows.map((row) => [row.id, row.name]))
}
