import { eq, inArray, sql, type SQL } from 'drizzle-orm'
import { syncReceipts } from '../../db/tenant/schema/index.ts'
import type { TenantDb, TenantTx } from '../../db/types.ts'

export type Receipt = typeof syncReceipts.$inferSelect

export async function findReceipts(db: TenantDb, keys: readonly string[]): Promise<Receipt[]> {
  return db
    .select()
    .from(syncReceipts)
    .where(inArray(syncReceipts.key, [...keys]))
}

export async function findReceipt(db: TenantDb, key: string): Promise<Receipt | undefined> {
  const [row] = await db.select().from(syncReceipts).where(eq(syncReceipts.key, key))
  return row
}

/**
 * Stores an answer under its key. A key taken meanwhile (the same push delivered twice at once) fails the insert,
 * and with it the change's transaction or batch: see isReceiptTaken. `snapshot`: the answered record's rows, read
 * by the insert itself after the change's writes (worker/repo/answer-snapshots.ts), stored under `snapshot`.
 */
export async function insertReceipt(tx: TenantTx, receipt: Receipt, snapshot?: SQL): Promise<void> {
  const result = snapshot ? sql`json_set(${receipt.result}, '$.snapshot', ${snapshot})` : receipt.result
  await tx.insert(syncReceipts).values({ ...receipt, result })
}

export function isReceiptTaken(err: unknown): boolean {
  for (let e = err, depth = 0; e instanceof Error && depth < 5; e = e.cause, depth++) {
    if (/UNIQUE/i.test(e.message) && e.message.includes('sync_receipts.key')) return true
  }
  return false
}
