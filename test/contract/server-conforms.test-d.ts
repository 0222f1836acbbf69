// What each server route answers (the JSON types Hono infers from its handler) must be assignable to what the
// kernel's contract says it answers (kernel/contract/endpoints.ts), which is what the SPA is typed by. Checked by
// `npm run typecheck` (tsc includes test/): a server change that breaks a screen fails here, naming the endpoint.
import type { Hono } from 'hono'
import { expectTypeOf } from 'vitest'
import type { Endpoints } from '../../kernel/contract/endpoints.ts'
import type { PullPage, SyncRecords } from '../../kernel/contract/sync.ts'
import type { adminRoutes } from '../../worker/routes/admin.ts'
import type { centralRoutes } from '../../worker/routes/central.ts'
import type { auditRoutes, platformAuditRoutes } from '../../worker/routes/audit.ts'
import type { authRoutes } from '../../worker/routes/auth.ts'
import type { caseloadRoutes } from '../../worker/routes/caseload.ts'
import type { handoverRoutes } from '../../worker/routes/moving.ts'
import type { certificationRoutes } from '../../worker/routes/certification.ts'
import type { importRoutes } from '../../worker/routes/imports.ts'
import type { meRoutes } from '../../worker/routes/me.ts'
import type { personRoutes } from '../../worker/routes/persons.ts'
import type { provinceUserRoutes } from '../../worker/routes/province-users.ts'
import type { provincesRoutes } from '../../worker/routes/provinces.ts'
import type { reportRoutes } from '../../worker/routes/reports.ts'
import type { settingsRoutes } from '../../worker/routes/settings.ts'
import type { targetRoutes } from '../../worker/routes/targets.ts'
import type { syncRoutes } from '../../worker/routes/sync.ts'
import type { activityRoutes, modelRoutes } from '../../worker/routes/community.ts'
import type { tenantRoutes } from '../../worker/routes/tenant.ts'
import type { attachmentRoutes } from '../../worker/routes/attachments.ts'

type SchemaOf<App> = App extends Hono<infer _Env, infer S, infer _Base> ? S : never
/** The JSON a sub-app's route answers; errors are thrown (onError), so every `c.json` of a handler is an answer. */
type Answer<App, Path extends keyof SchemaOf<App>, M extends keyof SchemaOf<App>[Path]> = SchemaOf<App>[Path][M] extends infer E
  ? E extends { output: infer O; outputFormat: 'json' }
    ? O
    : never
  : never
/** `true`, or why not: a route whose answer is untyped (never) would pass any check, so it fails too. */
type Conforms<A, K extends keyof Endpoints> = [A] extends [never]
  ? { untyped: K }
  : A extends Endpoints[K]
    ? true
    : { endpoint: K; answers: A; contract: Endpoints[K] }

// Identity: /api/me, /api/auth
expectTypeOf<Conforms<Answer<typeof meRoutes, '/', '$get'>, 'GET /api/me'>>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof authRoutes, '/login', '$post'>, 'POST /api/auth/login'>>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof authRoutes, '/logout', '$post'>, 'POST /api/auth/logout'>>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof authRoutes, '/links/:token', '$get'>, 'GET /api/auth/links/:token'>>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof authRoutes, '/accept-invite', '$post'>, 'POST /api/auth/accept-invite'>>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof authRoutes, '/password', '$post'>, 'POST /api/auth/password'>>().toEqualTypeOf<true>()

// Platform: /api/provinces, /api/admin
expectTypeOf<Conforms<Answer<typeof provincesRoutes, '/', '$get'>, 'GET /api/provinces'>>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof adminRoutes, '/provinces', '$get'>, 'GET /api/admin/provinces'>>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof adminRoutes, '/provinces', '$post'>, 'POST /api/admin/provinces'>>().toEqualTypeOf<true>()
expectTypeOf<
  Conforms<Answer<typeof adminRoutes, '/provinces/:province/suspend', '$post'>, 'POST /api/admin/provinces/:province/suspend'>
>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof adminRoutes, '/provinces/:province/resume', '$post'>, 'POST /api/admin/provinces/:province/resume'>>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof adminRoutes, '/provinces/:province/admins', '$get'>, 'GET /api/admin/provinces/:province/admins'>>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof adminRoutes, '/provinces/:province/admins', '$post'>, 'POST /api/admin/provinces/:province/admins'>>().toEqualTypeOf<true>()
expectTypeOf<
  Conforms<Answer<typeof adminRoutes, '/provinces/:province/admins/:userId/disable', '$post'>, 'POST /api/admin/provinces/:province/admins/:userId/disable'>
>().toEqualTypeOf<true>()
expectTypeOf<
  Conforms<Answer<typeof adminRoutes, '/provinces/:province/admins/:userId/enable', '$post'>, 'POST /api/admin/provinces/:province/admins/:userId/enable'>
>().toEqualTypeOf<true>()
expectTypeOf<
  Conforms<Answer<typeof adminRoutes, '/provinces/:province/admins/:userId/reset', '$post'>, 'POST /api/admin/provinces/:province/admins/:userId/reset'>
>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof platformAuditRoutes, '/', '$get'>, 'GET /api/admin/audit'>>().toEqualTypeOf<true>()

// Province administration: /api/p/:province/…
expectTypeOf<Conforms<Answer<typeof provinceUserRoutes, '/', '$get'>, 'GET /api/p/:province/users'>>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof provinceUserRoutes, '/', '$post'>, 'POST /api/p/:province/users'>>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof provinceUserRoutes, '/:userId/disable', '$post'>, 'POST /api/p/:province/users/:userId/disable'>>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof provinceUserRoutes, '/:userId/enable', '$post'>, 'POST /api/p/:province/users/:userId/enable'>>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof provinceUserRoutes, '/:userId/reset', '$post'>, 'POST /api/p/:province/users/:userId/reset'>>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof provinceUserRoutes, '/:userId/access', '$put'>, 'PUT /api/p/:province/users/:userId/access'>>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof auditRoutes, '/', '$get'>, 'GET /api/p/:province/audit'>>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof settingsRoutes, '/', '$get'>, 'GET /api/p/:province/settings'>>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof settingsRoutes, '/', '$put'>, 'PUT /api/p/:province/settings'>>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof targetRoutes, '/:year', '$get'>, 'GET /api/p/:province/targets/:year'>>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof targetRoutes, '/:year', '$put'>, 'PUT /api/p/:province/targets/:year'>>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof tenantRoutes, '/health', '$get'>, 'GET /api/p/:province/health'>>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof tenantRoutes, '/communes', '$get'>, 'GET /api/p/:province/communes'>>().toEqualTypeOf<true>()

// The central overview (decision 0042)
expectTypeOf<
  Conforms<Answer<typeof adminRoutes, '/provinces/:province/refresh', '$post'>, 'POST /api/admin/provinces/:province/refresh'>
>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof centralRoutes, '/summary', '$get'>, 'GET /api/central/summary'>>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof centralRoutes, '/provinces/:province/trend', '$get'>, 'GET /api/central/provinces/:province/trend'>>().toEqualTypeOf<true>()

// Case management, reports, import, sync
expectTypeOf<Conforms<Answer<typeof caseloadRoutes, '/', '$get'>, 'GET /api/p/:province/caseload'>>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof handoverRoutes, '/', '$get'>, 'GET /api/p/:province/handovers'>>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof personRoutes, '/', '$get'>, 'GET /api/p/:province/persons'>>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof personRoutes, '/:personId/timeline', '$get'>, 'GET /api/p/:province/persons/:personId/timeline'>>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof personRoutes, '/:personId/plans', '$get'>, 'GET /api/p/:province/persons/:personId/plans'>>().toEqualTypeOf<true>()
expectTypeOf<
  Conforms<Answer<typeof personRoutes, '/:personId/post-rehab', '$get'>, 'GET /api/p/:province/persons/:personId/post-rehab'>
>().toEqualTypeOf<true>()
expectTypeOf<
  Conforms<Answer<typeof personRoutes, '/:personId/legal-records', '$get'>, 'GET /api/p/:province/persons/:personId/legal-records'>
>().toEqualTypeOf<true>()
expectTypeOf<
  Conforms<Answer<typeof personRoutes, '/:personId/management-periods', '$get'>, 'GET /api/p/:province/persons/:personId/management-periods'>
>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof reportRoutes, '/', '$get'>, 'GET /api/p/:province/reports'>>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof reportRoutes, '/trend', '$get'>, 'GET /api/p/:province/reports/trend'>>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof importRoutes, '/', '$get'>, 'GET /api/p/:province/imports'>>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof importRoutes, '/', '$post'>, 'POST /api/p/:province/imports'>>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof importRoutes, '/:importId/rows', '$get'>, 'GET /api/p/:province/imports/:importId/rows'>>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof syncRoutes, '/push', '$post'>, 'POST /api/p/:province/sync/push'>>().toEqualTypeOf<true>()
// The activity log and community models (decision 0033).
expectTypeOf<Conforms<Answer<typeof activityRoutes, '/', '$get'>, 'GET /api/p/:province/activities'>>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof modelRoutes, '/', '$get'>, 'GET /api/p/:province/models'>>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof modelRoutes, '/:modelId', '$get'>, 'GET /api/p/:province/models/:modelId'>>().toEqualTypeOf<true>()
// Evidence files (decision 0038).
expectTypeOf<Conforms<Answer<typeof attachmentRoutes, '/', '$get'>, 'GET /api/p/:province/attachments'>>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof attachmentRoutes, '/', '$post'>, 'POST /api/p/:province/attachments'>>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof attachmentRoutes, '/:id', '$get'>, 'GET /api/p/:province/attachments/:id'>>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof attachmentRoutes, '/:id/content', '$put'>, 'PUT /api/p/:province/attachments/:id/content'>>().toEqualTypeOf<true>()
// Drug-free communes (decision 0037)
expectTypeOf<Conforms<Answer<typeof certificationRoutes, '/criteria', '$get'>, 'GET /api/p/:province/certification/criteria'>>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof certificationRoutes, '/overview', '$get'>, 'GET /api/p/:province/certification/overview'>>().toEqualTypeOf<true>()
expectTypeOf<Conforms<Answer<typeof certificationRoutes, '/flags', '$get'>, 'GET /api/p/:province/certification/flags'>>().toEqualTypeOf<true>()
expectTypeOf<
  Conforms<Answer<typeof certificationRoutes, '/status-periods', '$get'>, 'GET /api/p/:province/certification/status-periods'>
>().toEqualTypeOf<true>()

// The pull's record arrays are typed `unknown[]` on the server (one loader per collection, worker/repo/sync-pull.ts):
// only the page around them is checked here; the records are the same presenters as the routes above.
type PullAnswer = Answer<typeof syncRoutes, '/pull', '$get'>['data']
expectTypeOf<PullAnswer>().not.toBeNever()
expectTypeOf<Omit<PullAnswer, keyof SyncRecords>>().toExtend<Omit<PullPage, keyof SyncRecords>>()
