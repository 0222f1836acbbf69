import { existsSync } from 'node:fs'
import { fileURLToPath } from 'node:url'
import { serveStatic } from '@hono/node-server/serve-static'
import type { MiddlewareHandler } from 'hono'
import type { AppEnv } from './env.ts'

const distDir = fileURLToPath(new URL('../web/dist', import.meta.url))

/**
 * The SPA's built files, with the same caching rules as the Workers assets binding: content-hashed files
 * under /assets/ are immutable for a year, everything else (index.html, the service worker) revalidates.
 * Unknown paths fall back to index.html so client routes survive a reload. The build writes .br and .gz
 * siblings (web/vite.config.ts), sent with Content-Encoding and Vary: Accept-Encoding when accepted.
 */
export function createStaticAssets(root: string = distDir): MiddlewareHandler<AppEnv> {
  if (!existsSync(root)) {
    return async (c) => c.text('The web app is not built. Run `npm run build`.', 503)
  }
  const files = serveStatic<AppEnv>({
    root,
    precompressed: true,
    onFound: (path, c) => {
      const immutable = path.includes('/assets/')
      c.header('Cache-Control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
    },
  })
  const spaFallback = serveStatic<AppEnv>({
    root,
    path: 'index.html',
    precompressed: true,
    onFound: (_path, c) => {
      c.header('Cache-Control', 'no-cache')
    },
  })
  return async (c, next) => {
    // _headers and .assetsignore are configuration for the Workers assets binding and wrangler, .vite/ the
    // build manifest for scripts (web/vite.config.ts): not pages.
    if (c.req.path === '/_headers' || c.req.path === '/.assetsignore' || c.req.path.startsWith('/.vite/')) return next()
    const served = await files(c, async () => {})
    if (served) return served
    // A missing hashed asset is a real 404 (an old tab asking for a replaced file), not the SPA.
    if (c.req.path.startsWith('/assets/')) return next()
    return spaFallback(c, next)
  }
}
