// The onboarding run's own configuration, apart from readWorkerConfig so that the organisation-wide Platform API
// token is read here and nowhere else (decision 0002: only onboarding may hold it).
import * as v from 'valibot'
import { createTursoProvisioner } from '../../db/provision/turso-provisioner.ts'
import type { Provisioner } from '../../db/provision/provisioner.ts'
import type { WorkerEnv } from '../workers-config.ts'

const Filled = v.pipe(v.string(), v.trim(), v.minLength(1, 'must not be empty'))

const OnboardingEnv = v.object({
  TURSO_ORG: Filled,
  TURSO_API_TOKEN: Filled,
  TURSO_GROUP: v.optional(Filled, 'binhan'),
  TURSO_LOCATION: v.optional(Filled),
  TURSO_API_URL: v.optional(v.pipe(v.string(), v.regex(/^https?:\/\/[^\s]+$/, 'must be an http(s):// URL'))),
})

/** Whether this deployment can onboard from the app: the Workflow is bound and Turso is configured. */
export function onboardingConfigured(env: WorkerEnv): boolean {
  return Boolean(env.ONBOARDING && env.TURSO_ORG && env.TURSO_API_TOKEN)
}

/** The Turso provisioner of the onboarding run; names a bad variable, never a value. */
export function onboardingProvisioner(env: WorkerEnv): Provisioner {
  const defined = Object.fromEntries(Object.entries(env).filter(([, value]) => typeof value === 'string' && value !== ''))
  const parsed = v.safeParse(OnboardingEnv, defined)
  if (!parsed.success) {
    const names = parsed.issues.map((issue) => `${v.getDotPath(issue) ?? '?'}: ${issue.message}`)
    throw new Error(`Invalid onboarding configuration: ${names.join('; ')}`)
  }
  const e = parsed.output
  if (e.TURSO_API_URL && env.ENVIRONMENT === 'production') {
    throw new Error('Invalid onboarding configuration: TURSO_API_URL is a test stand-in and is refused in production')
  }
  return createTursoProvisioner({
    org: e.TURSO_ORG,
    apiToken: e.TURSO_API_TOKEN,
    group: e.TURSO_GROUP,
    location: e.TURSO_LOCATION,
    apiBaseUrl: e.TURSO_API_URL,
  })
}
