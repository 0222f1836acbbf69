import { eq, inArray } from 'drizzle-orm'
import { followUps, managementPeriods, persons, postRehabRecords, rehabPlans, reviews, supportRecords } from '../../db/tenant/schema/index.ts'
import type { TenantDb } from '../../db/types.ts'

/** The records of a person that the province trail names by their own id; each row says whose it is. */
const OWNED = {
  plan: rehabPlans,
  review: reviews,
  post_rehab: postRehabRecords,
  follow_up: followUps,
  support: supportRecords,
  management_period: managementPeriods,
} as const

export interface RecordRef {
  type: string
  id: string
}

const keyOf = (type: string, id: string) => `${type}:${id}`

/**
 * The person each record belongs to (`type:id` → person id), in one round trip for a page of the trail: one
 * select per record type present, batched. A person is its own owner; unknown types and ids are left out.
 */
export async function personIdsOf(db: TenantDb, refs: readonly RecordRef[]): Promise<Map<string, string>> {
  const owners = new Map<string, string>()
  const idsByType = new Map<keyof typeof OWNED, Set<string>>()
  for (const { type, id } of refs) {
    if (type === 'person') owners.set(keyOf(type, id), id)
    else if (type in OWNED) {
      const owned = type as keyof typeof OWNED
      idsByType.set(owned, (idsByType.get(owned) ?? new Set()).add(id))
    }
  }
  const queries = [...idsByType].map(([type, ids]) => {
    const table = OWNED[type]
    return db
      .select({ id: table.id, personId: table.personId })
      .from(table)
      .where(inArray(table.id, [...ids]))
  })
  const [first, ...rest] = queries
  if (!first) return owners
  const results = await db.batch([first, ...rest])
  ;[...idsByType.keys()].forEach((type, i) => {
    for (const row of results[i] ?? []) owners.set(keyOf(type, row.id), row.personId)
  })
  return owners
}

export const ownerKey = keyOf

export async function personExists(db: TenantDb, id: string): Promise<boolean> {
  const [row] = await db.select({ id: persons.id }).from(persons).where(eq(persons.id, id))
  return row !== undefined
}

/** The ids of a person's plans, as a sub-select for a query that needs no read before it. */
export function planIdsSelect(db: TenantDb, personId: string) {
  return db.select({ id: rehabPlans.id }).from(rehabPlans).where(eq(rehabPlans.personId, personId))
}
