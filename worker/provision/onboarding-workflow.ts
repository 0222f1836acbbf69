// Workers: onboarding a province as a Cloudflare Workflow (decision 0031). Each registry step (provision →
// migrate → seed → activate, db/provision/onboard-tenant.ts) is one durable `step.do`: retried on its own,
// never run again once done, and a run cut short resumes where the registry says. The outcome goes to the
// control audit trail in the name of the central admin who asked, with the reason when it failed.
import { WorkflowEntrypoint, type WorkflowEvent, type WorkflowStep, type WorkflowStepConfig } from 'cloudflare:workers'
import { NonRetryableError } from 'cloudflare:workflows'
import { appendAudit } from '../../db/audit/append-audit.ts'
import { openControlDb, openTenantDb } from '../../db/client.web.ts'
import { migrateTenantFromBundle } from '../../db/provision/bundled-migrations.ts'
import { UnknownProvinceError } from '../../db/provision/errors.ts'
import { onboardingSteps, onboardTenant, type OnboardingStep, type OnboardResult } from '../../db/provision/onboard-tenant.ts'
import { onboardingFailureReason, recordOnboardingFailure } from '../../db/provision/onboarding-record.ts'
import { TursoProvisioningError } from '../../db/provision/turso-provisioner.ts'
import type { ControlDb } from '../../db/types.ts'
import { createJsonLogger } from '../logger.ts'
import { locateTenantDbForWorkers, readWorkerConfig, type WorkerEnv } from '../workers-config.ts'
import { onboardingProvisioner } from './onboarding-config.ts'
import type { OnboardingParams } from './start-onboarding.ts'

// Turso's 5xx and network failures pass; a few tries a little apart, then the run fails with the reason.
const STEP: WorkflowStepConfig = { retries: { limit: 3, delay: '5 seconds', backoff: 'exponential' }, timeout: '10 minutes' }

export class OnboardingWorkflow extends WorkflowEntrypoint<WorkerEnv, OnboardingParams> {
  async run(event: Readonly<WorkflowEvent<OnboardingParams>>, step: WorkflowStep): Promise<OnboardResult> {
    const { province } = event.payload
    const stepsRun: OnboardingStep[] = []
    let status = 'provisioning'
    try {
      // At most one registry step per durable step; a resumed registry needs fewer, the rest are no-ops.
      for (let i = 0; i < onboardingSteps.length && status !== 'active'; i++) {
        const done = await step.do(`onboarding step ${i + 1}`, STEP, () => this.withControl((control) => runOneStep(this.env, control, province)))
        stepsRun.push(...done.stepsRun)
        status = done.status
      }
      await step.do('audit outcome', () =>
        this.withControl((control) =>
          appendAudit(control, { ...auditOf(event.payload), action: 'province.onboard', outcome: 'success', details: { steps: stepsRun.join(',') } }),
        ),
      )
      return { province, status, stepsRun }
    } catch (err) {
      const reason = onboardingFailureReason(err)
      // A stable event name to alert on (Workers logs), as Node's start-up logs it.
      createJsonLogger(readWorkerConfig(this.env).logLevel).error('province_onboarding_failed', { province, job: event.instanceId, error: reason })
      await step.do('record failure', () =>
        this.withControl(async (control) => {
          const at = new Date()
          await recordOnboardingFailure(control, province, reason, at, event.instanceId)
          await appendAudit(control, { ...auditOf(event.payload), at, action: 'province.onboard', outcome: 'failure', details: { reason } })
        }),
      )
      throw err
    }
  }

  private async withControl<T>(fn: (control: ControlDb) => Promise<T>): Promise<T> {
    const control = openControlDb(readWorkerConfig(this.env).controlDb)
    try {
      return await fn(control)
    } finally {
      control.$client.close()
    }
  }
}

async function runOneStep(env: WorkerEnv, control: ControlDb, province: string): Promise<OnboardResult> {
  const config = readWorkerConfig(env)
  try {
    return await onboardTenant(
      {
        control,
        provisioner: onboardingProvisioner(env),
        locate: locateTenantDbForWorkers(config),
        openTenant: openTenantDb,
        migrateTenant: migrateTenantFromBundle,
        now: () => new Date(),
      },
      province,
      { maxSteps: 1 },
    )
  } catch (err) {
    // Retrying cannot fix a refused token, a plan limit, a name taken in another group or a bad configuration.
    if (err instanceof UnknownProvinceError || (err instanceof TursoProvisioningError && isPermanent(err.status))) {
      throw new NonRetryableError(err.message)
    }
    if (err instanceof Error && err.message.startsWith('Invalid onboarding configuration')) throw new NonRetryableError(err.message)
    throw err
  }
}

function isPermanent(status: number | undefined): boolean {
  return status === undefined ? false : status >= 400 && status < 500 && status !== 408 && status !== 429
}

function auditOf(p: OnboardingParams) {
  return {
    at: new Date(),
    actorId: p.actorId,
    actorRole: p.actorRole,
    requestId: p.requestId,
    clientHash: p.clientHash,
    entityType: 'province',
    entityId: p.province,
    provinceCode: p.province,
  }
}
