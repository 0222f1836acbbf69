import type { MiddlewareHandler } from 'hono'
import type { AppDeps, AppEnv } from '../env.ts'

/** Gives every request its deps, an id (echoed as X-Request-Id) and one access log line without query or body. */
export function requestContext(deps: AppDeps): MiddlewareHandler<AppEnv> {
  return async (c, next) => {
    const requestId = crypto.randomUUID()
    c.set('deps', deps)
    c.set('requestId', requestId)
    c.set('log', deps.logger)
    const started = performance.now()
    await next()
    c.header('X-Request-Id', requestId)
    deps.logger.info('request', {
      requestId,
      method: c.req.method,
      // The path only: query strings can carry search terms such as a person's name.
      route: c.req.routePath,
      status: c.res.status,
      ms: Math.round((performance.now() - started) * 10) / 10,
    })
  }
}
