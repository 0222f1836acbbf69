// The web app's size budget, from the built files (web/dist): the first load of the sign-in screen (index.html,
// its scripts with their static imports, its CSS) <= 50 KB gzipped, and each route chunk with the shared chunks
// it pulls in that the first load did not bring <= 20 KB gzipped. The same measure as `npm run bench:web`
// (which also times the load on an emulated slow network); this one needs no browser.
import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'

const KB = 1000 // budgets in kilobytes of 1,000 bytes (the stricter reading)
export const WEB_BUDGET = { firstLoadBytes: 50 * KB, routeBytes: 20 * KB }

export interface WebSizes {
  firstLoad: { files: string[]; bytes: number }
  routes: { file: string; module: string; bytes: number; shared: string[] }[]
}

export function measureWeb(dist = 'web/dist'): WebSizes {
  const gz = (file: string) => gzipSync(readFileSync(join(dist, file)), { level: 9 }).length
  const indexHtml = readFileSync(join(dist, 'index.html'), 'utf8')
  const entryChunks = [...indexHtml.matchAll(/(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]!)
  const entryCss = [...indexHtml.matchAll(/href="\/(assets\/[^"]+\.css)"/g)].map((m) => m[1]!)
  if (entryChunks.length === 0) throw new Error('no entry script in web/dist/index.html: run `npm run build` first')
  const staticImports = (file: string, seen = new Set<string>()): Set<string> => {
    for (const m of readFileSync(join(dist, file), 'utf8').matchAll(/(?:from|import)\s*["`']\.\/([^"`']+\.js)["`']/g)) {
      const dep = `assets/${m[1]}`
      if (!seen.has(dep)) {
        seen.add(dep)
        staticImports(dep, seen)
      }
    }
    return seen
  }
  const firstLoad = new Set([...entryChunks, ...entryChunks.flatMap((f) => [...staticImports(f)]), ...entryCss])
  const lazy = new Set<string>()
  for (const file of firstLoad) {
    if (!file.endsWith('.js')) continue
    for (const m of readFileSync(join(dist, file), 'utf8').matchAll(/import\(\s*["`']\.\/([^"`']+\.js)["`']\s*\)/g)) lazy.add(`assets/${m[1]}`)
  }
  const routes = [...lazy]
    .filter((file) => !firstLoad.has(file))
    .map((file) => {
      const shared = [...staticImports(file)].filter((dep) => !firstLoad.has(dep))
      return {
        file,
        module: file.replace(/^assets\//, '').replace(/-[\w-]{8}\.js$/, ''),
        shared,
        bytes: gz(file) + shared.reduce((sum, dep) => sum + gz(dep), 0),
      }
    })
    .sort((a, b) => b.bytes - a.bytes)
  return { firstLoad: { files: [...firstLoad], bytes: gz('index.html') + [...firstLoad].reduce((sum, f) => sum + gz(f), 0) }, routes }
}

/** Prints the sizes; returns the problems (empty when within budget). */
export function checkWebBudget(dist = 'web/dist'): string[] {
  const sizes = measureWeb(dist)
  const kb = (bytes: number) => `${(bytes / KB).toFixed(1)} KB`
  console.log(`Web first load (sign-in): ${kb(sizes.firstLoad.bytes)} gzipped (budget ${kb(WEB_BUDGET.firstLoadBytes)})`)
  const largest = sizes.routes[0]
  if (largest)
    console.log(`Largest lazy chunk: ${largest.module} ${kb(largest.bytes)} gzipped with what it pulls in (budget ${kb(WEB_BUDGET.routeBytes)} each)`)
  const problems: string[] = []
  if (sizes.firstLoad.bytes > WEB_BUDGET.firstLoadBytes) problems.push(`the first load is ${kb(sizes.firstLoad.bytes)}`)
  for (const route of sizes.routes)
    if (route.bytes > WEB_BUDGET.routeBytes) problems.push(`${route.module} is ${kb(route.bytes)} (${[route.file, ...route.shared].join(', ')})`)
  return problems
}
