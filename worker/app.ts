import { Hono, type MiddlewareHandler } from 'hono'
import { bodyLimit } from 'hono/body-limit'
import { secureHeaders } from 'hono/secure-headers'
import { AppError, notFound, onError } from './errors.ts'
import type { AppDeps, AppEnv } from './env.ts'
import { actorOf, authenticate } from './middleware/auth.ts'
import { requestContext } from './middleware/request-context.ts'
import { isAttachmentPartPath, isUploadPath, jsonOnly, sameOriginWrites } from './middleware/same-origin.ts'
import { resolveTenant } from './middleware/tenant.ts'
import { adminRoutes, refreshAhead } from './routes/admin.ts'
import { attachmentRoutes } from './routes/attachments.ts'
import { ATTACHMENT_CHUNK_BYTES } from '../kernel/domain/attachment-file.ts'
import { centralRoutes } from './routes/central.ts'
import { provinceOverviewRoutes } from './routes/province-overview.ts'
import { accessLogRoutes, auditRoutes, platformAuditRoutes } from './routes/audit.ts'
import { authRoutes } from './routes/auth.ts'
import { devOutboxRoutes } from './routes/dev-outbox.ts'
import { health } from './routes/health.ts'
import { meRoutes } from './routes/me.ts'
import { personRoutes } from './routes/persons.ts'
import { planRoutes } from './routes/plans.ts'
import { caseloadRoutes } from './routes/caseload.ts'
import { workRoutes } from './routes/work.ts'
import { postRehabRoutes } from './routes/post-rehab.ts'
import { handoverRoutes, monitoringRoutes } from './routes/moving.ts'
import { activityRoutes, modelMemberRoutes, modelRoutes } from './routes/community.ts'
import { assessmentRoutes, certificationRoutes } from './routes/certification.ts'
import { determinationRoutes, managementPeriodRoutes, methadoneRoutes, referralRoutes } from './routes/legal-records.ts'
import { reportRoutes } from './routes/reports.ts'
import { settingsRoutes } from './routes/settings.ts'
import { targetRoutes } from './routes/targets.ts'
import { importRoutes } from './routes/imports.ts'
import { syncRoutes } from './routes/sync.ts'
import { IMPORT_LIMITS } from './services/imports.ts'
import { provinceUserRoutes } from './routes/province-users.ts'
import { provincesRoutes } from './routes/provinces.ts'
import { tenantRoutes } from './routes/tenant.ts'

export interface AppOptions {
  /** Serves the SPA's files for non-API paths (Node). On Workers the assets binding does this before the Worker runs. */
  assets?: MiddlewareHandler<AppEnv>
}

/**
 * Security headers for every response the app makes. The same policy is in web/public/_headers for the
 * static files the Workers assets binding serves without running the Worker.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  fontSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
  manifestSrc: ["'self'"],
  workerSrc: ["'self'"],
}

/** The only place routes and middleware are wired. Entry points and tests build `deps` and call this. */
export function createApp(deps: AppDeps, options: AppOptions = {}) {
  const app = new Hono<AppEnv>()
  app.use(requestContext(deps))
  app.use(
    secureHeaders({
      contentSecurityPolicy: CONTENT_SECURITY_POLICY,
      strictTransportSecurity: 'max-age=63072000; includeSubDomains',
      referrerPolicy: 'no-referrer',
      xFrameOptions: 'DENY',
      xContentTypeOptions: 'nosniff',
      crossOriginResourcePolicy: 'same-origin',
      crossOriginOpenerPolicy: 'same-origin',
    }),
  )
  // Responses with personal data must never sit in a shared or browser cache. Registered before every check
  // below, so that their refusals (401, 403, 413, 415) and every error carry it too.
  const noStore: MiddlewareHandler<AppEnv> = async (c, next) => {
    await next()
    c.header('Cache-Control', 'no-store')
  }
  app.use('/api/*', noStore)
  app.use('/health', noStore)
  const limitBody = (maxSize: number) =>
    bodyLimit({
      maxSize,
      onError: () => {
        throw new AppError('payload_too_large', 413, `Request body exceeds ${maxSize} bytes`)
      },
    })
  const jsonBodyLimit = limitBody(deps.config.maxBodyBytes)
  // Legacy-list uploads are files (multipart), larger than any JSON body: their own limit, stated in README.
  const uploadBodyLimit = limitBody(IMPORT_LIMITS.maxBytes + 64 * 1024)
  // An evidence file comes in parts (decision 0038): one part per request, whatever the JSON limit.
  const partBodyLimit = limitBody(ATTACHMENT_CHUNK_BYTES)
  app.use('/api/*', (c, next) =>
    isUploadPath(c.req.path) ? uploadBodyLimit(c, next) : isAttachmentPartPath(c.req.path) ? partBodyLimit(c, next) : jsonBodyLimit(c, next),
  )
  // A summary refresh's control reads ride with the session check (decision 0049's addenda).
  app.use('/api/admin/provinces/:province/refresh', refreshAhead)
  app.use('/api/*', sameOriginWrites, jsonOnly, authenticate)

  app.route('/health', health)
  app.route('/api/auth', authRoutes)
  app.route('/api/me', meRoutes)
  app.route('/api/provinces', provincesRoutes)
  app.route('/api/admin/audit', platformAuditRoutes)
  app.route('/api/admin', adminRoutes)
  app.route('/api/central', centralRoutes)
  // Never in production, whatever the entry point passed: the outbox holds working links.
  if (deps.devOutbox && deps.config.environment !== 'production') app.route('/api/dev/outbox', devOutboxRoutes(deps.devOutbox))
  // Province routes: signed in first (401 before anything about the province is revealed), then the
  // province's database, then each route's guard asks worker/policy.ts.
  app.use('/api/p/:province/*', async (c, next) => {
    actorOf(c)
    await next()
  })
  app.use('/api/p/:province/*', resolveTenant)
  app.route('/api/p/:province/users', provinceUserRoutes)
  app.route('/api/p/:province/audit', auditRoutes)
  app.route('/api/p/:province/persons/:personId/access-log', accessLogRoutes)
  app.route('/api/p/:province/persons', personRoutes)
  app.route('/api/p/:province/plans', planRoutes)
  app.route('/api/p/:province/caseload', caseloadRoutes)
  app.route('/api/p/:province/work', workRoutes)
  app.route('/api/p/:province/post-rehab', postRehabRoutes)
  app.route('/api/p/:province/handovers', handoverRoutes)
  app.route('/api/p/:province/monitoring', monitoringRoutes)
  app.route('/api/p/:province/determinations', determinationRoutes)
  app.route('/api/p/:province/referrals', referralRoutes)
  app.route('/api/p/:province/methadone', methadoneRoutes)
  app.route('/api/p/:province/management-periods', managementPeriodRoutes)
  app.route('/api/p/:province/reports', reportRoutes)
  app.route('/api/p/:province/overview', provinceOverviewRoutes)
  app.route('/api/p/:province/imports', importRoutes)
  app.route('/api/p/:province/sync', syncRoutes)
  app.route('/api/p/:province/settings', settingsRoutes)
  app.route('/api/p/:province/activities', activityRoutes)
  app.route('/api/p/:province/models', modelRoutes)
  app.route('/api/p/:province/targets', targetRoutes)
  app.route('/api/p/:province/model-members', modelMemberRoutes)
  app.route('/api/p/:province/attachments', attachmentRoutes)
  app.route('/api/p/:province/certification', certificationRoutes)
  app.route('/api/p/:province/communes/:code/assessments', assessmentRoutes)
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
