// Workers: the request that onboards a province only checks it and starts a Workflow run (decision 0031); the run
// does the steps (worker/provision/onboarding-workflow.ts), and the Provinces screen polls the registry for them.
import { and, eq, isNull } from 'drizzle-orm'
import { tenants } from '../../db/control/schema/index.ts'
import { assertKnownProvince, ensureRegistryRow, type OnboardResult } from '../../db/provision/onboard-tenant.ts'
import type { ControlDb } from '../../db/types.ts'
import type { AuditContext } from '../audit-context.ts'

/** What a run needs to know of the request that started it: who, for the audit entry it writes at the end. */
export interface OnboardingParams {
  province: string
  actorId: string | null
  actorRole: string | null
  requestId: string | null
  clientHash: string | null
}

/** The parts of a Workflow binding used here (the real one: `env.ONBOARDING`, wrangler.toml [[workflows]]). */
export interface OnboardingWorkflowBinding {
  create(options: { id: string; params: OnboardingParams }): Promise<{ id: string }>
  get(id: string): Promise<{ status(): Promise<{ status: string }> }>
}

export interface StartedOnboarding extends OnboardResult {
  /** True when this request started a run; false when one was already under way or the province is onboarded. */
  started: boolean
  job: string | null
}

// A run in any of these is still going to record an outcome; anything else (complete, errored, terminated,
// unknown) may be followed by a new one.
const UNDER_WAY = new Set(['queued', 'running', 'waiting', 'paused', 'waitingForPause'])

export async function startOnboarding(
  deps: { control: ControlDb; workflow: OnboardingWorkflowBinding; now(): Date },
  province: string,
  ctx: AuditContext,
): Promise<StartedOnboarding> {
  const { control } = deps
  await assertKnownProvince(control, province)
  const [existing] = await control.select().from(tenants).where(eq(tenants.provinceCode, province))
  if (existing && (existing.status === 'active' || existing.status === 'suspended')) {
    return { province, status: existing.status, stepsRun: [], started: false, job: existing.onboardingJob }
  }
  const row = existing ?? (await ensureRegistryRow({ control, now: deps.now, provisioner: { provider: 'turso' } }, province))
  if (row.onboardingJob && !row.onboardingError && (await isUnderWay(deps.workflow, row.onboardingJob))) {
    return { province, status: row.status, stepsRun: [], started: false, job: row.onboardingJob }
  }
  const job = `onboard-${province}-${crypto.randomUUID()}`
  // Claimed in the registry first, conditionally: of two clicks at once, one run starts and the other sees it.
  const previous = row.onboardingJob
  const claimed = await control
    .update(tenants)
    .set({ onboardingJob: job, onboardingError: null, onboardingErrorAt: null, updatedAt: deps.now() })
    .where(and(eq(tenants.provinceCode, province), previous ? eq(tenants.onboardingJob, previous) : isNull(tenants.onboardingJob)))
    .returning({ job: tenants.onboardingJob })
  if (claimed.length === 0) {
    const [now] = await control.select().from(tenants).where(eq(tenants.provinceCode, province))
    return { province, status: now?.status ?? row.status, stepsRun: [], started: false, job: now?.onboardingJob ?? null }
  }
  await deps.workflow.create({
    id: job,
    params: { province, actorId: ctx.actorId, actorRole: ctx.actorRole, requestId: ctx.requestId, clientHash: ctx.clientHash },
  })
  return { province, status: row.status, stepsRun: [], started: true, job }
}

async function isUnderWay(workflow: OnboardingWorkflowBinding, job: string): Promise<boolean> {
  try {
    return UNDER_WAY.has((await (await workflow.get(job)).status()).status)
  } catch {
    return false // an instance the binding does not know (expired history): nothing is running
  }
}
