// The Worker behind the Workers static-assets layer, as Cloudflare runs it: `wrangler dev` (workerd and the
// assets router, wrangler.toml as deployed) over a small built site in a temp directory. A hashed file that is
// not there answers 404, as on Node, instead of index.html under /assets/*'s one-year immutable cache.
import { spawn, type ChildProcess } from 'node:child_process'
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { freePort } from '../../scripts/lib/spawn-server.ts'
import { stopProcessGroup } from '../helpers/process-group.ts'

const dir = mkdtempSync(join(tmpdir(), 'binhan-assets-'))
const site = join(dir, 'dist')
let wrangler: ChildProcess
let baseUrl: string
let output = ''

beforeAll(async () => {
  mkdirSync(join(site, 'assets'), { recursive: true })
  writeFileSync(join(site, 'index.html'), '<!doctype html><title>Bình An</title><script type="module" src="/assets/app-3f9c2a1b.js"></script>')
  writeFileSync(join(site, 'assets', 'app-3f9c2a1b.js'), 'console.log("synthetic test bundle")\n')
  copyFileSync('web/public/_headers', join(site, '_headers'))
  // The API is not called here; the app only needs a syntactically valid configuration to answer 404.
  writeFileSync(join(dir, 'dev.env'), 'ENVIRONMENT=test\nLOG_LEVEL=silent\nCONTROL_DB_URL=http://127.0.0.1:9/control/\n')
  const [port, inspector] = [await freePort(), await freePort()]
  baseUrl = `http://127.0.0.1:${port}`
  wrangler = spawn(
    'npx',
    [
      'wrangler',
      'dev',
      '--assets',
      site,
      '--env-file',
      join(dir, 'dev.env'),
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--inspector-port',
      String(inspector),
      '--persist-to',
      join(dir, 'state'),
      '--show-interactive-dev-session=false',
    ],
    // A process group of its own: npx, wrangler and the workerd it starts are stopped together (afterAll).
    { env: { ...process.env, WRANGLER_SEND_METRICS: 'false' }, stdio: ['ignore', 'pipe', 'pipe'], detached: true },
  )
  const keep = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-10_000)
  }
  wrangler.stdout?.on('data', keep)
  wrangler.stderr?.on('data', keep)
  const deadline = Date.now() + 60_000
  for (;;) {
    if (wrangler.exitCode !== null) throw new Error(`wrangler dev exited with ${wrangler.exitCode}:\n${output}`)
    try {
      if ((await fetch(`${baseUrl}/`)).ok) break
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) throw new Error(`wrangler dev did not start:\n${output}`)
    await new Promise((r) => setTimeout(r, 200))
  }
}, 90_000)

afterAll(async () => {
  if (wrangler) await stopProcessGroup(wrangler)
  rmSync(dir, { recursive: true, force: true })
}, 30_000)

describe('static files on Workers', () => {
  it('answers a missing hashed file with the JSON 404, not the app page with a one-year cache', async () => {
    const res = await fetch(`${baseUrl}/assets/app-00000000.js`)
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toMatch(/^application\/json/)
    expect(res.headers.get('cache-control') ?? '').not.toMatch(/immutable/)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found')
  })

  it('serves a hashed file that exists as the assets layer does, immutable for a year, revalidated by ETag', async () => {
    const res = await fetch(`${baseUrl}/assets/app-3f9c2a1b.js`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/javascript/)
    expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    expect(await res.text()).toContain('synthetic test bundle')
    const etag = res.headers.get('etag')
    expect(etag).toBeTruthy()
    expect((await fetch(`${baseUrl}/assets/app-3f9c2a1b.js`, { headers: { 'if-none-match': etag! } })).status).toBe(304)
  })

  it('still answers a client route with the app page', async () => {
    const res = await fetch(`${baseUrl}/persons/some-id`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    expect(res.headers.get('cache-control') ?? '').not.toMatch(/immutable/)
    expect(await res.text()).toContain('/assets/app-3f9c2a1b.js')
  })
})
