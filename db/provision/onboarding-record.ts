// What the Provinces screen shows about an onboarding run that stopped, and what the audit trail says of it.
// No Node imports: the Node route and the Worker's Workflow both record failures here.
import { and, eq } from 'drizzle-orm'
import { tenants } from '../control/schema/index.ts'
import type { ControlDb } from '../types.ts'

/**
 * The error on one line, at most 200 characters (an audit detail's limit). Long digit runs go: a reason quotes
 * our own messages and the Platform API's, never personal data, but the audit's guard refuses 9–12 digit numbers.
 */
export function onboardingFailureReason(err: unknown): string {
  const chain: string[] = []
  for (let e: unknown = err; e instanceof Error && chain.length < 4; e = e.cause) chain.push(e.message)
  const text = chain.length > 0 ? chain.join(': ') : String(err)
  return text
    .replace(/\d{9,}/g, '…')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 200)
}

/** Marks the run failed; with `job`, only while that run is still the province's current one. */
export async function recordOnboardingFailure(control: ControlDb, province: string, reason: string, at: Date, job?: string): Promise<void> {
  const where = job ? and(eq(tenants.provinceCode, province), eq(tenants.onboardingJob, job)) : eq(tenants.provinceCode, province)
  await control.update(tenants).set({ onboardingError: reason, onboardingErrorAt: at, updatedAt: at }).where(where)
}

export async function clearOnboardingFailure(control: ControlDb, province: string, at: Date): Promise<void> {
  await control.update(tenants).set({ onboardingError: null, onboardingErrorAt: null, updatedAt: at }).where(eq(tenants.provinceCode, province))
}
