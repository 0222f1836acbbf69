import { eq, inArray } from 'drizzle-orm'
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

/** Stores an answer under its key, unless the key is taken (answered meanwhile): then false, nothing written. */
export async function insertReceipt(tx: TenantTx, receipt: Receipt): Promise<boolean> {
  const inserted = await tx.insert(syncReceipts).values(receipt).onConflictDoNothing().returning({ key: syncReceipts.key })
  return inserted.length > 0
}
