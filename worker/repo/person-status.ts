// The status of people whose records a job changed outside a command (the daily endings): derived again from
// their records by the kernel's rule (kernel/domain/person-status.ts), as a command's decision is settled.
import { eq, inArray, sql } from 'drizzle-orm'
import { chunk } from '../../db/batch.ts'
import { persons } from '../../db/tenant/schema/index.ts'
import type { TenantTx } from '../../db/types.ts'
import { vietnamToday } from '../../kernel/calendar.ts'
import { deriveStatus } from '../../kernel/domain/person-status.ts'
import { loadCase } from './case-records.ts'

/**
 * Sets each person's derived status where it differs; returns how many changed. `since`: the day each person's
 * change took effect (the ending the job recorded; decision 0034), today where it names none.
 */
export async function recomputeStatuses(tx: TenantTx, personIds: readonly string[], now: Date, since?: ReadonlyMap<string, string>): Promise<number> {
  const today = vietnamToday(now)
  let changed = 0
  for (const group of chunk([...new Set(personIds)], 200)) {
    const rows = await tx.select({ id: persons.id, category: persons.category, status: persons.status }).from(persons).where(inArray(persons.id, group))
    for (const person of rows) {
      const { facts } = await loadCase(tx, person.id, person.category)
      const status = deriveStatus(facts!)
      if (status === person.status) continue
      await tx
        .update(persons)
        .set({ status, statusSince: minDay(since?.get(person.id) ?? today, today), version: sql`${persons.version} + 1`, updatedAt: now, updatedBy: null })
        .where(eq(persons.id, person.id))
      changed += 1
    }
  }
  return changed
}

const minDay = (a: string, b: string) => (a < b ? a : b)
