import type { MiddlewareHandler } from 'hono'
import { isCorruptionError } from '../../db/sqlite-errors.ts'
import { EXPECTED_TENANT_MIGRATION, type TenantDbProblem } from '../../db/tenant/identity.ts'
import { AppError } from '../errors.ts'
import { backgroundOf, type Background } from '../background.ts'
import type { AppEnv } from '../env.ts'
import { ProvinceCode } from '../schemas/common.ts'
import { parseOrThrow } from '../schemas/validate.ts'
import { TenantDbUnavailableError, type TenantResolver } from '../tenancy/tenant-resolver.ts'

/**
 * Resolves `/api/p/:province/…` to the province's verified database before any handler runs.
 * Unknown or not-yet-activated provinces answer 404; suspended ones 403; a database that is missing, not the
 * province's or damaged 503 `tenant_database_unavailable` (decision 0017); one older than this code needs 503
 * `tenant_schema_outdated` (decision 0031), checked with the identity on open and every TENANT_CACHE_TTL_MS, no extra
 * round trip. A request that meets a
 * damaged page turns its 500 into that 503 and takes the province out of service until a full check passes.
 */
export const resolveTenant: MiddlewareHandler<AppEnv> = async (c, next) => {
  const code = parseOrThrow(ProvinceCode, c.req.param('province'), 'param.province')
  // The outage's alert goes out after the answer, not before it (decision 0040).
  const background = backgroundOf(c)
  const tenant = await resolveOr503(c.var.deps.tenants, code, background)
  if (!tenant) {
    throw new AppError('province_not_found', 404, `Province ${code} is not onboarded`)
  }
  if (tenant.status === 'suspended') {
    throw new AppError('province_suspended', 403, `Province ${code} is suspended`)
  }
  c.set('tenant', tenant)
  await next()
  // Hono has already turned a handler's error into the 500 response; c.error still holds it.
  if (c.error && isCorruptionError(c.error)) {
    await c.var.deps.tenants.reportCorruption(code, background)
    throw unavailable(code, 'database_corrupt')
  }
}

async function resolveOr503(resolver: TenantResolver, code: string, background: Background | undefined) {
  try {
    return await resolver.resolve(code, background)
  } catch (err) {
    if (err instanceof TenantDbUnavailableError) throw unavailable(code, err.problem, err)
    throw err
  }
}

export function unavailable(code: string, problem: TenantDbProblem, cause?: unknown): AppError {
  // Its own code: the fix is the operator's (db:migrate), not the database's, and the SPA says so.
  if (problem === 'schema_outdated') {
    return new AppError(
      'tenant_schema_outdated',
      503,
      `The database of province ${code} has an older schema than this release needs (${EXPECTED_TENANT_MIGRATION.tag}): run npm run db:migrate`,
      { reason: problem, needs: EXPECTED_TENANT_MIGRATION.tag },
      { cause },
    )
  }
  return new AppError('tenant_database_unavailable', 503, `The database of province ${code} is unavailable`, { reason: problem }, { cause })
}
