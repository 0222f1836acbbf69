// `npm run bench:photo` (part of `npm run bench`): the phone's photo shrinking (web/src/evidence/shrink-photo.ts,
// decision 0038) in headless Chromium (/usr/bin/chromium through playwright-core), on synthetic photos of a
// signed paper (scripts/lib/paper-photo.ts). Target from issue 17: a 4 MB photo becomes at most 400 KB. The time
// is this machine's desktop Chromium, not a phone's (a cheap phone is several times slower). Results go to
// docs/benchmarks.md; exit 1 if a photo stays over the target.
import { build } from 'esbuild'
import { chromium } from 'playwright-core'
import { PHOTO_TARGET_BYTES } from '../web/src/evidence/shrink-photo.ts'
import { fmt, machineLine, summarize, writeSection } from './lib/bench-stats.ts'
import type { PhotoCase, PhotoResult } from './lib/photo-bench-page.ts'

const RUNS = 3
const CASES: { name: string; spec: PhotoCase }[] = [
  { name: '12 MP landscape, ≥ 4 MB', spec: { width: 4000, height: 3000, minBytes: 4_000_000 } },
  { name: '12 MP portrait, ≥ 4 MB', spec: { width: 3000, height: 4000, minBytes: 4_000_000 } },
  { name: '48 MP landscape, ≥ 8 MB', spec: { width: 8000, height: 6000, minBytes: 8_000_000 } },
]

const bundle = await build({ entryPoints: ['scripts/lib/photo-bench-page.ts'], bundle: true, format: 'iife', write: false })
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox'] })
const kb = (bytes: number) => `${(bytes / 1000).toFixed(0)} KB`
try {
  const rows: string[] = []
  let met = true
  for (const { name, spec } of CASES) {
    const results: PhotoResult[] = []
    for (let run = 0; run < RUNS; run++) {
      const page = await browser.newPage()
      await page.addScriptTag({ content: bundle.outputFiles[0]!.text })
      results.push(await page.evaluate((s) => Reflect.get(globalThis, 'benchPhoto')(s) as Promise<PhotoResult>, spec))
      await page.close()
    }
    const last = results.at(-1)!
    const largest = Math.max(...results.map((r) => r.outputBytes))
    const ms = summarize(results.map((r) => r.ms))
    if (largest > PHOTO_TARGET_BYTES) met = false
    rows.push(
      `| ${name} | ${kb(last.inputBytes)} | ${kb(largest)} | ${last.width} × ${last.height} | ${last.quality} | ${fmt(ms.median, 0)} | ${largest <= PHOTO_TARGET_BYTES ? 'yes' : '**no**'} |`,
    )
  }
  const markdown = `## Photo shrinking on the phone (\`npm run bench:photo\`)

${machineLine()}, headless Chromium. Synthetic photos of a signed paper (print, signature, stamp, sensor noise),
shrunk by the phone's own code (\`web/src/evidence/shrink-photo.ts\`): JPEG again at quality 0.82 → 0.52, then
the size by 0.8 steps, from a long side of 2048 px. Target: at most ${kb(PHOTO_TARGET_BYTES)} (issue 17). ${RUNS} runs each;
the time is desktop Chromium's, a cheap phone's is several times longer.

| photo | before | after (largest) | after, pixels | JPEG quality | median ms | ≤ ${kb(PHOTO_TARGET_BYTES)} |
| --- | --- | --- | --- | --- | --- | --- |
${rows.join('\n')}
`
  writeSection('photo', markdown)
  console.log(markdown)
  if (!met) process.exitCode = 1
} finally {
  await browser.close()
}
