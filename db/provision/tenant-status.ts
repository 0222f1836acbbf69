import { and, eq } from 'drizzle-orm'
import { tenants } from '../control/schema/index.ts'
import type { ControlDb } from '../types.ts'

/** active → suspended. A suspended province answers 403 on every route until resumed; its data is untouched. */
export async function suspendTenant(control: ControlDb, provinceCode: string, now: Date): Promise<void> {
  await changeStatus(control, provinceCode, 'active', 'suspended', { suspendedAt: now, updatedAt: now })
}

/** suspended → active. */
export async function resumeTenant(control: ControlDb, provinceCode: string, now: Date): Promise<void> {
  await changeStatus(control, provinceCode, 'suspended', 'active', { suspendedAt: null, updatedAt: now })
}

async function changeStatus(
  control: ControlDb,
  provinceCode: string,
  from: 'active' | 'suspended',
  to: 'active' | 'suspended',
  set: Partial<typeof tenants.$inferInsert>,
): Promise<void> {
  const updated = await control
    .update(tenants)
    .set({ ...set, status: to })
    .where(and(eq(tenants.provinceCode, provinceCode), eq(tenants.status, from)))
    .returning({ code: tenants.provinceCode })
  if (updated.length === 0) {
    const [row] = await control.select({ status: tenants.status }).from(tenants).where(eq(tenants.provinceCode, provinceCode))
    const state = row ? `is ${row.status}` : 'is not onboarded'
    throw new Error(`Province ${provinceCode} ${state}; only a${from === 'active' ? 'n active' : ' suspended'} province can become ${to}`)
  }
}
