// The members of the Workflows runtime API the onboarding run uses (worker/provision/onboarding-workflow.ts),
// typed without @cloudflare/workers-types, whose Request/Response clash with the DOM types used elsewhere.
declare module 'cloudflare:workers' {
  export interface WorkflowEvent<P> {
    readonly payload: Readonly<P>
    readonly timestamp: Date
    readonly instanceId: string
  }
  export interface WorkflowStepConfig {
    retries?: { limit: number; delay: string | number; backoff?: 'constant' | 'linear' | 'exponential' }
    timeout?: string | number
  }
  export interface WorkflowStep {
    do<T>(name: string, callback: () => Promise<T>): Promise<T>
    do<T>(name: string, config: WorkflowStepConfig, callback: () => Promise<T>): Promise<T>
  }
  export abstract class WorkflowEntrypoint<Env = unknown, P = unknown> {
    protected ctx: unknown
    protected env: Env
    constructor(ctx: unknown, env: Env)
    abstract run(event: Readonly<WorkflowEvent<P>>, step: WorkflowStep): Promise<unknown>
  }
}

declare module 'cloudflare:workflows' {
  /** Fails the step at once, without the retries its config allows. */
  export class NonRetryableError extends Error {
    constructor(message: string, name?: string)
  }
}
