import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { Hono } from 'hono'
import { afterAll, describe, expect, it } from 'vitest'
import type { AppEnv } from '../../worker/env.ts'
import { createStaticAssets } from '../../worker/static-assets.node.ts'

// The Node server's built files (web/dist as web/vite.config.ts writes it): build information is not a page.
const root = mkdtempSync(join(tmpdir(), 'binhan-static-'))
mkdirSync(join(root, '.vite'))
mkdirSync(join(root, 'assets'))
writeFileSync(join(root, 'index.html'), '<!doctype html><title>Bình An</title>')
writeFileSync(join(root, 'assets', 'app-3f9c2a1b.js'), 'console.log("synthetic")\n')
writeFileSync(join(root, '.vite', 'manifest.json'), '{"index.html":{"file":"assets/app-3f9c2a1b.js","isEntry":true}}')
writeFileSync(join(root, '.assetsignore'), '*.gz\n')
afterAll(() => rmSync(root, { recursive: true, force: true }))

const app = new Hono<AppEnv>().use('*', createStaticAssets(root)).notFound((c) => c.json({ error: { code: 'not_found' } }, 404))

describe('the built files on Node', () => {
  it('serves the app and its hashed files', async () => {
    expect(await (await app.request('/assets/app-3f9c2a1b.js')).text()).toContain('synthetic')
    expect(await (await app.request('/persons/1')).text()).toContain('<title>Bình An</title>')
  })

  it('never sends the build manifest or the upload configuration', async () => {
    for (const path of ['/.vite/manifest.json', '/.assetsignore']) {
      const res = await app.request(path)
      expect(res.status, path).toBe(404)
      expect(await res.json()).toEqual({ error: { code: 'not_found' } })
    }
  })
})
