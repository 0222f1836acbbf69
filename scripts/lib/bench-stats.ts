// Summary statistics and the docs/benchmarks.md writer shared by every benchmark script.
import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import os from 'node:os'

export interface Stats {
  runs: number
  median: number
  p95: number
  min: number
  max: number
}

/** Nearest-rank percentiles: honest for small samples, no interpolation between runs. */
export function summarize(samples: readonly number[]): Stats {
  if (samples.length === 0) throw new Error('no samples')
  const sorted = [...samples].sort((a, b) => a - b)
  const rank = (p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(p * sorted.length) - 1))]!
  return { runs: sorted.length, median: rank(0.5), p95: rank(0.95), min: sorted[0]!, max: sorted.at(-1)! }
}

export function machineLine(): string {
  const cpu = os.cpus()[0]?.model ?? 'unknown CPU'
  return `${new Date().toISOString().slice(0, 10)}, Node ${process.version}, ${os.cpus().length} × ${cpu}, ${os.platform()} ${os.arch()}`
}

const DOC = 'docs/benchmarks.md'
const HEADER = `# Benchmarks

Measured by \`npm run bench…\` scripts, never by timed tests (shared machines make those flaky).
Each section is rewritten by the script named in it; figures are medians and 95th percentiles
(nearest rank) of the stated number of runs on the machine shown.
`

/** Replaces (or appends) the section between this benchmark's markers, leaving other sections alone. */
export function writeSection(name: string, markdown: string): void {
  const start = `<!-- bench:${name}:start -->`
  const end = `<!-- bench:${name}:end -->`
  const block = `${start}\n${markdown.trim()}\n${end}`
  const current = existsSync(DOC) ? readFileSync(DOC, 'utf8') : HEADER
  const pattern = new RegExp(`${start}[\\s\\S]*?${end}`)
  const next = pattern.test(current) ? current.replace(pattern, block) : `${current.trimEnd()}\n\n${block}\n`
  writeFileSync(DOC, next)
}

export const fmt = (ms: number, digits = 1) => ms.toFixed(digits)
