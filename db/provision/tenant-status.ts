import { and, eq } from 'drizzle-orm'
import { tenants } from '../control/schema/index.ts'
import type { ControlDb, ControlTx } from '../types.ts'

/** A status change that the province's current state does not allow (e.g. suspending one still onboarding). */
export class TenantStatusError extends Error {
  override name = 'TenantStatusError'
  /** True when the province has no registry row at all (callers answer 404 rather than 409). */
  readonly notOnboarded: boolean
  constructor(message: string, notOnboarded: boolean) {
    super(message)
    this.notOnboarded = notOnboarded
  }
}

export interface StatusChange {
  province: string
  status: 'active' | 'suspended'
  /** False when the province was already in the wanted state: reruns are harmless. */
  changed: boolean
}

/** active → suspended. A suspended province answers 403 on every route until resumed; its data is untouched. */
export async function suspendTenant(control: ControlDb | ControlTx, provinceCode: string, now: Date): Promise<StatusChange> {
  return changeStatus(control, provinceCode, 'suspended', now)
}

/** suspended → active. */
export async function resumeTenant(control: ControlDb | ControlTx, provinceCode: string, now: Date): Promise<StatusChange> {
  return changeStatus(control, provinceCode, 'active', now)
}

type Status = 'active' | 'suspended'
const fromOf = (to: Status): Status => (to === 'active' ? 'suspended' : 'active')

/**
 * The update of a change to `to`, conditional on the status it changes from: two admins racing cannot both "win",
 * and a half-onboarded province is never touched.
 */
function statusUpdate(control: ControlDb | ControlTx, provinceCode: string, to: Status, now: Date) {
  const set = to === 'active' ? { suspendedAt: null, updatedAt: now } : { suspendedAt: now, updatedAt: now }
  return control
    .update(tenants)
    .set({ ...set, status: to })
    .where(and(eq(tenants.provinceCode, provinceCode), eq(tenants.status, fromOf(to))))
}

async function changeStatus(control: ControlDb | ControlTx, provinceCode: string, to: Status, now: Date): Promise<StatusChange> {
  const updated = await statusUpdate(control, provinceCode, to, now).returning({ code: tenants.provinceCode })
  if (updated.length > 0) return { province: provinceCode, status: to, changed: true }
  const [row] = await control.select({ status: tenants.status }).from(tenants).where(eq(tenants.provinceCode, provinceCode))
  return decideStatusChange(provinceCode, row, to)
}

/**
 * What a change to `to` does to a province whose registry row is `row` (read first, decision 0054): change it,
 * nothing (already so), or refuse. `writeStatusChange` is the write, conditional on the status read.
 */
export function decideStatusChange(provinceCode: string, row: { status: string } | undefined, to: Status): StatusChange {
  const from = fromOf(to)
  if (row?.status === from) return { province: provinceCode, status: to, changed: true }
  if (row?.status === to) return { province: provinceCode, status: to, changed: false }
  const state = row ? `is ${row.status}` : 'is not onboarded'
  throw new TenantStatusError(`Province ${provinceCode} ${state}; only ${from === 'active' ? 'an active' : 'a suspended'} province can become ${to}`, !row)
}

/** The write of a status change decided by decideStatusChange: one statement, so it can be held in a batch. */
export async function writeStatusChange(control: ControlDb | ControlTx, provinceCode: string, to: Status, now: Date): Promise<void> {
  await statusUpdate(control, provinceCode, to, now)
}
