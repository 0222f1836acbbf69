import type { MiddlewareHandler } from 'hono'
import { AppError } from '../errors.ts'
import type { AppEnv } from '../env.ts'
import { ProvinceCode } from '../schemas/common.ts'
import { parseOrThrow } from '../schemas/validate.ts'
import { TenantDbUnavailableError, type TenantResolver } from '../tenancy/tenant-resolver.ts'

/**
 * Resolves `/api/p/:province/…` to the province's database before any handler runs.
 * Unknown or not-yet-activated provinces answer 404; suspended ones 403.
 */
export const resolveTenant: MiddlewareHandler<AppEnv> = async (c, next) => {
  const code = parseOrThrow(ProvinceCode, c.req.param('province'), 'param.province')
  const tenant = await resolveOr503(c.var.deps.tenants, code)
  if (!tenant || !isReachable(tenant.status)) {
    throw new AppError('province_not_found', 404, `Province ${code} is not onboarded`)
  }
  if (tenant.status === 'suspended') {
    throw new AppError('province_suspended', 403, `Province ${code} is suspended`)
  }
  c.set('tenant', tenant)
  await next()
}

function isReachable(status: string): boolean {
  return status === 'active' || status === 'suspended'
}

async function resolveOr503(resolver: TenantResolver, code: string) {
  try {
    return await resolver.resolve(code)
  } catch (err) {
    if (err instanceof TenantDbUnavailableError) {
      throw new AppError('tenant_database_unavailable', 503, `The database of province ${code} does not answer`, undefined, { cause: err })
    }
    throw err
  }
}
