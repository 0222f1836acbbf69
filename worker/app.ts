import { Hono, type MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { secureHeaders } from 'hono/secure-headers'
import { AppError, notFound, onError } from './errors.ts'
import type { AppDeps, AppEnv } from './env.ts'
import { requestContext } from './middleware/request-context.ts'
import { resolveTenant } from './middleware/tenant.ts'
import { health } from './routes/health.ts'
import { provincesRoutes } from './routes/provinces.ts'
import { tenantRoutes } from './routes/tenant.ts'

export interface AppOptions {
  /** Serves the SPA's files for non-API paths (Node). On Workers the assets binding does this before the Worker runs. */
  assets?: MiddlewareHandler<AppEnv>
}

/** The only place routes and middleware are wired. Entry points and tests build `deps` and call this. */
export function createApp(deps: AppDeps, options: AppOptions = {}) {
  const app = new Hono<AppEnv>()
  app.use(requestContext(deps))
  app.use(secureHeaders())
  app.use(
    '/api/*',
    bodyLimit({
      maxSize: deps.config.maxBodyBytes,
      onError: () => {
        throw new AppError('payload_too_large', 413, `Request body exceeds ${deps.config.maxBodyBytes} bytes`)
      },
    }),
  )

  app.route('/health', health)
  app.route('/api/provinces', provincesRoutes)
  // Access control (identity issue) plugs in here: authenticate, then authorize per route via worker/policy.ts.
  app.use('/api/p/:province/*', resolveTenant)
  app.route('/api/p/:province', tenantRoutes)

  if (options.assets) {
    const assets = options.assets
    app.get('*', async (c, next) => (c.req.path.startsWith('/api/') ? next() : assets(c, next)))
  }
  app.notFound(notFound)
  app.onError(onError)
  return app
}

export type App = ReturnType<typeof createApp>
