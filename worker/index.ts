import { inPipelineScope } from '../db/pipelined-client.ts'
import { createApp, type App } from './app.ts'
import type { AppDeps } from './env.ts'
import { WATCH_CRON, watchTenantDatabases } from './jobs/check-tenant-databases.ts'
import { runDailyChecks } from './jobs/daily-checks.ts'
import { runHousekeeping } from './jobs/housekeeping.ts'
import { refreshAllSnapshots, SNAPSHOT_CRON } from './jobs/refresh-snapshots.ts'
import type { WorkerEnv } from './workers-config.ts'
import { workersDeps } from './workers-deps.ts'

// The onboarding run (wrangler.toml [[workflows]] class_name): the runtime finds it among this module's exports.
export { OnboardingWorkflow } from './provision/onboarding-workflow.ts'

// Cloudflare Workers entry. Static files are served by the assets binding before the Worker runs
// (wrangler.toml `run_worker_first` sends only /api/* and /health here), so the app has no assets option.

interface Built {
  env: WorkerEnv
  deps: AppDeps
  app: App
}

// One app per isolate: the tenant resolver's cache and database clients live as long as the isolate.
let built: Built | undefined

function build(env: WorkerEnv): Built {
  if (built && built.env === env) return built
  const deps = workersDeps(env)
  built = { env, deps, app: createApp(deps) }
  return built
}

/** The parts of the Workers ExecutionContext used here; declared locally so DOM and Workers types don't clash. */
interface WorkerContext {
  waitUntil(promise: Promise<unknown>): void
  passThroughOnException(): void
  readonly props: unknown
}

/**
 * The app compresses some bodies itself (hono/compress on GET /sync/pull). The Workers runtime compresses a
 * body whose Content-Encoding is set ("automatic" encodeBody) once more on the way out: the client would get
 * gzip inside gzip. Such responses go out with encodeBody "manual", as they are.
 */
function sendAsEncoded(res: Response): Response {
  if (!res.headers.has('content-encoding') || res.body === null) return res
  const init: ResponseInit & { encodeBody: 'manual' } = { status: res.status, statusText: res.statusText, headers: res.headers, encodeBody: 'manual' }
  return new Response(res.body, init)
}

/**
 * Hashed files under /assets/ reach the Worker first (wrangler.toml run_worker_first), so that a missing one
 * answers 404 as on Node. Left to the assets binding, its single-page-application fallback answers index.html,
 * with the one-year immutable cache web/public/_headers gives /assets/*: an old tab asking for a replaced file
 * would keep HTML under a script's name for a year. A file that exists goes out as the binding serves it.
 */
async function hashedAsset(request: Request, env: WorkerEnv): Promise<Response | undefined> {
  if (!env.ASSETS || !new URL(request.url).pathname.startsWith('/assets/')) return undefined
  const res = await env.ASSETS.fetch(request)
  // Hashed files are scripts, styles, images and fonts, never HTML: HTML here is the fallback page.
  if (!(res.headers.get('content-type') ?? '').startsWith('text/html')) return res
  await res.body?.cancel()
  return undefined
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: WorkerContext): Promise<Response> {
    // The missing asset falls through to the app, whose answer to an unknown path is the JSON 404.
    // Each request's statements issued together share a round trip, never another request's (decision 0046).
    return (await hashedAsset(request, env)) ?? sendAsEncoded(await inPipelineScope(() => build(env).app.fetch(request, env, ctx)))
  },
  scheduled(controller: { cron?: string }, env: WorkerEnv, ctx: WorkerContext): void {
    const { deps } = build(env)
    // wrangler.toml [triggers]: the 10-minute watch, the central snapshots every 6 hours, and the daily job (the other).
    if (controller.cron === WATCH_CRON) {
      ctx.waitUntil(watchTenantDatabases(deps))
      return
    }
    if (controller.cron === SNAPSHOT_CRON) {
      ctx.waitUntil(refreshAllSnapshots({ ...deps, now: deps.clock.now() }))
      return
    }
    ctx.waitUntil(Promise.all([runDailyChecks({ ...deps, now: deps.clock.now() }), runHousekeeping({ ...deps, now: deps.clock.now() })]))
  },
}
