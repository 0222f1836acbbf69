import { createHash } from 'node:crypto'
import { readdirSync, readFileSync, writeFileSync } from 'node:fs'
import { extname, join, resolve } from 'node:path'
import { brotliCompressSync, constants as zlib, gzipSync } from 'node:zlib'
import preact from '@preact/preset-vite'
import { build as esbuild } from 'esbuild'
import { defineConfig, type Plugin } from 'vite'

export default defineConfig({
  root: 'web',
  plugins: [preact(), serviceWorker()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    assetsDir: 'assets',
    target: 'es2020',
    // .vite/manifest.json: the chunk graph that `npm run check:bundle` and `npm run bench:web` measure
    // (scripts/lib/web-budget.ts). Build information, not part of the app: neither precached nor uploaded.
    manifest: true,
  },
})

/** The folder of the build manifest (build.manifest): read by scripts, never sent to a browser. */
const BUILD_INFO = '.vite/'

/** Files the Node server may send precompressed (serveStatic precompressed: true). */
const COMPRESSIBLE = new Set(['.js', '.css', '.html', '.svg', '.json'])

/**
 * After the app is written: builds web/sw/service-worker.ts to dist/sw.js with the precache manifest (every
 * emitted file; index.html as "/") and a version (hash of those files' names and contents) injected; writes
 * .br and .gz siblings for the Node server; writes .assetsignore so wrangler does not upload those siblings
 * (Cloudflare compresses by itself; _headers and .assetsignore are never uploaded as assets).
 */
function serviceWorker(): Plugin {
  let root = ''
  let outDir = ''
  return {
    name: 'binh-an:service-worker',
    apply: 'build',
    configResolved(config) {
      root = config.root
      outDir = resolve(config.root, config.build.outDir)
    },
    async writeBundle(_options, bundle) {
      const files = Object.values(bundle)
        .filter((file) => !file.fileName.endsWith('.map') && !file.fileName.startsWith(BUILD_INFO))
        .sort((a, b) => a.fileName.localeCompare(b.fileName))
      const hash = createHash('sha256')
      for (const file of files)
        hash
          .update(file.fileName)
          .update('\0')
          .update(file.type === 'chunk' ? file.code : file.source)
          .update('\0')
      const version = hash.digest('hex').slice(0, 16)
      const manifest = files.map((file) => (file.fileName === 'index.html' ? '/' : `/${file.fileName}`))

      const result = await esbuild({
        entryPoints: [join(root, 'sw/service-worker.ts')],
        bundle: true,
        format: 'iife',
        target: 'es2020',
        minify: true,
        write: false,
        define: { __PRECACHE_MANIFEST__: JSON.stringify(manifest), __PRECACHE_VERSION__: JSON.stringify(version) },
        logLevel: 'warning',
      })
      writeFileSync(join(outDir, 'sw.js'), result.outputFiles[0]!.contents)
      this.info(`sw.js: ${manifest.length} files precached, version ${version}`)

      for (const path of walk(outDir)) {
        if (!COMPRESSIBLE.has(extname(path)) || path.startsWith(join(outDir, BUILD_INFO))) continue
        const raw = readFileSync(path)
        const gz = gzipSync(raw, { level: 9 })
        const br = brotliCompressSync(raw, {
          params: {
            [zlib.BROTLI_PARAM_QUALITY]: zlib.BROTLI_MAX_QUALITY,
            [zlib.BROTLI_PARAM_MODE]: zlib.BROTLI_MODE_TEXT,
            [zlib.BROTLI_PARAM_SIZE_HINT]: raw.length,
          },
        })
        // A "compressed" copy larger than the file (tiny files) is not worth sending.
        if (gz.length < raw.length) writeFileSync(`${path}.gz`, gz)
        if (br.length < raw.length) writeFileSync(`${path}.br`, br)
      }
      writeFileSync(
        join(outDir, '.assetsignore'),
        `# Written by web/vite.config.ts: precompressed copies are for the Node server only; the build manifest is for scripts.\n*.gz\n*.br\n${BUILD_INFO}\n`,
      )
    },
  }
}

function* walk(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* walk(path)
    else yield path
  }
}
