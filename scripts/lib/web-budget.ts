// The web app's size budget, from the built files (web/dist) and the chunk graph Vite writes beside them
// (web/dist/.vite/manifest.json, build.manifest in web/vite.config.ts). Two kinds of unit, gzip -9, 1 KB = 1,000 B:
//   - The first load (<= 50 KB): index.html, the entry chunk, every chunk it imports statically (transitively)
//     and their CSS.
//   - Each lazily loaded chunk (<= 20 KB): every chunk some chunk loads with `import()`, at any depth (a screen,
//     a dialog inside a screen, a form inside that dialog), measured with what loading it brings: the chunk, the
//     chunks it imports statically (transitively) and their CSS, less what is surely there when it is asked
//     for: the first load, its importer with the importer's static imports, and, when the importer was itself
//     loaded lazily, what was surely there before it (on every way to it: the least of them). A chunk imported
//     lazily from several places is measured from each and counts at its largest.
// `npm run check:bundle` fails when a unit is over; `npm run bench:web` reports the same units with timings.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

const KB = 1000 // budgets in kilobytes of 1,000 bytes (the stricter reading)
export const WEB_BUDGET = { firstLoadBytes: 50 * KB, routeBytes: 20 * KB }
const MANIFEST = '.vite/manifest.json'

/** One chunk of Vite's build manifest (keys are source paths, or `_name-hash.js` for shared chunks). */
interface ManifestChunk {
  file: string
  src?: string
  isEntry?: boolean
  isDynamicEntry?: boolean
  imports?: string[]
  dynamicImports?: string[]
  css?: string[]
}
type Manifest = Record<string, ManifestChunk>

export interface LazyUnit {
  /** The lazily loaded chunk's file (assets/x-hash.js) and its name without the hash. */
  file: string
  module: string
  /** Its source (web/src/…), when it has one. */
  src: string | undefined
  /** The chunk that loads it, by name, in the measure that counted (the largest). */
  importer: string
  /** gzip -9 bytes of the chunk alone, and of the chunk with what it brings. */
  own: number
  bytes: number
  /** The other files it brings (static imports and CSS not already there). */
  shared: string[]
}

export interface WebSizes {
  firstLoad: { files: string[]; bytes: number }
  /** Largest first. */
  routes: LazyUnit[]
}

/** A file's name without its directory, content hash and extension: `assets/person-dialogs-AbC12dEf.js` → `person-dialogs`. */
export const moduleName = (file: string) => file.replace(/^.*\//, '').replace(/-[\w-]{8}\.(js|css)$/, '')

export function measureWeb(dist = 'web/dist'): WebSizes {
  let manifest: Manifest
  try {
    manifest = JSON.parse(readFileSync(join(dist, MANIFEST), 'utf8')) as Manifest
  } catch {
    throw new Error(`no ${join(dist, MANIFEST)}: run \`npm run build\` first`)
  }
  const sizes = new Map<string, number>()
  const gz = (file: string) => {
    const cached = sizes.get(file)
    if (cached !== undefined) return cached
    const size = gzipSync(readFileSync(join(dist, file)), { level: 9 }).length
    sizes.set(file, size)
    return size
  }
  const chunk = (key: string) => {
    const found = manifest[key]
    if (!found) throw new Error(`${MANIFEST} names ${key}, which it does not describe`)
    return found
  }
  /** The files loading `key` needs: its chunk, its static imports (transitively) and their CSS. */
  const brings = (key: string, into = new Set<string>(), seen = new Set<string>()): Set<string> => {
    if (seen.has(key)) return into
    seen.add(key)
    const { file, imports = [], css = [] } = chunk(key)
    into.add(file)
    for (const sheet of css) into.add(sheet)
    for (const dep of imports) brings(dep, into, seen)
    return into
  }
  const sum = (files: Iterable<string>) => [...files].reduce((total, file) => total + gz(file), 0)

  const entries = Object.keys(manifest).filter((key) => manifest[key]!.isEntry)
  if (entries.length === 0) throw new Error(`${MANIFEST} has no entry chunk`)
  const firstLoad = new Set<string>()
  for (const key of entries) brings(key, firstLoad)

  const importers = new Map<string, string[]>()
  for (const [key, { dynamicImports = [] }] of Object.entries(manifest))
    for (const lazy of dynamicImports) importers.set(lazy, [...(importers.get(lazy) ?? []), key])

  /** The files surely loaded once `key` runs (memoized; a lazy cycle falls back to the chunk's own). */
  const known = new Map<string, Set<string>>()
  const surelyThere = (key: string, visiting = new Set<string>()): Set<string> => {
    const memo = known.get(key)
    if (memo) return memo
    const own = brings(key, new Set(firstLoad))
    const ways = (importers.get(key) ?? []).filter((importer) => !visiting.has(importer))
    if (ways.length > 0 && !chunk(key).isEntry) {
      visiting.add(key)
      const before = ways.map((importer) => surelyThere(importer, visiting))
      visiting.delete(key)
      for (const file of before[0]!) if (before.every((there) => there.has(file))) own.add(file)
    }
    if (visiting.size === 0) known.set(key, own)
    return own
  }

  const routes: LazyUnit[] = []
  for (const [key, from] of importers) {
    const { file, src } = chunk(key)
    if (firstLoad.has(file)) continue // statically part of the first load too: nothing to fetch later
    const measures = from.map((importer) => {
      const there = surelyThere(importer)
      const shared = [...brings(key)].filter((f) => f !== file && !there.has(f))
      return { importer: moduleName(chunk(importer).file), shared, bytes: gz(file) + sum(shared) }
    })
    const largest = measures.reduce((a, b) => (b.bytes > a.bytes ? b : a))
    routes.push({ file, module: moduleName(file), src, own: gz(file), ...largest })
  }
  routes.sort((a, b) => b.bytes - a.bytes || a.file.localeCompare(b.file))
  return { firstLoad: { files: [...firstLoad], bytes: gz('index.html') + sum(firstLoad) }, routes }
}

/**
 * Prints the sizes; returns the problems (empty when within budget, and when `stated`, README's text, quotes both
 * printed figures within 10%: a figure further off is no longer true).
 */
export function checkWebBudget(dist = 'web/dist', stated?: string): string[] {
  const sizes = measureWeb(dist)
  const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`
  console.log(`Web first load (sign-in): ${kb(sizes.firstLoad.bytes)} gzipped (budget ${kb(WEB_BUDGET.firstLoadBytes)})`)
  const largest = sizes.routes[0]
  if (largest)
    console.log(
      `Largest lazy chunk: ${largest.module} ${kb(largest.bytes)} gzipped with what it pulls in (budget ${kb(WEB_BUDGET.routeBytes)} each; ${sizes.routes.length} lazy chunks at any depth)`,
    )
  const problems: string[] = []
  if (sizes.firstLoad.bytes > WEB_BUDGET.firstLoadBytes) problems.push(`the first load is ${kb(sizes.firstLoad.bytes)}`)
  for (const route of sizes.routes)
    if (route.bytes > WEB_BUDGET.routeBytes)
      problems.push(`${route.module} (loaded from ${route.importer}) is ${kb(route.bytes)} (${[route.file, ...route.shared].join(', ')})`)
  if (stated !== undefined) {
    const quoted = (pattern: RegExp) => {
      const m = pattern.exec(stated)
      return m ? Number(m[1]) * KB : undefined
    }
    const figures = [
      ['the web first load', quoted(/Web first load \(sign-in\): ([\d.]+) KB gzipped/), sizes.firstLoad.bytes],
      ['the largest lazy chunk', quoted(/Largest lazy chunk: [\w-]+ ([\d.]+) KB gzipped/), largest?.bytes ?? 0],
    ] as const
    for (const [what, figure, measured] of figures)
      if (figure === undefined || Math.abs(measured - figure) > figure * 0.1)
        problems.push(
          `README states ${what} as ${figure === undefined ? '(no figure)' : kb(figure)}; it is ${kb(measured)}: copy the lines above into README ("Web app", Budget)`,
        )
  }
  return problems
}
