import type { MiddlewareHandler } from 'hono'
import { AppError } from '../errors.ts'
import type { AppEnv } from '../env.ts'
import { ProvinceCode } from '../schemas/common.ts'
import { parseOrThrow } from '../schemas/validate.ts'

/**
 * Resolves `/api/p/:province/…` to the province's database before any handler runs.
 * Unknown or not-yet-activated provinces answer 404; suspended ones 403.
 */
export const resolveTenant: MiddlewareHandler<AppEnv> = async (c, next) => {
  const code = parseOrThrow(ProvinceCode, c.req.param('province'), 'param.province')
  const tenant = await c.var.deps.tenants.resolve(code)
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
