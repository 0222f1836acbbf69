// A change to the kernel's contract breaks the type check on both sides: the SPA screens that read the field,
// and the server route whose answer no longer matches (test/contract/server-conforms.test-d.ts). Run on a copy
// of the sources with one field renamed in kernel/contract/cases.ts; the working tree is not touched.
import { spawnSync } from 'node:child_process'
import { cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { fileURLToPath } from 'node:url'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'

const ROOT = fileURLToPath(new URL('../../', import.meta.url))
let copy: string
let errors: string

function typecheck(dir: string): string {
  const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json'), '--noEmit', '--pretty', 'false'], {
    encoding: 'utf8',
    timeout: 120_000,
  })
  return tsc.stdout + tsc.stderr
}

beforeAll(() => {
  copy = mkdtempSync(join(tmpdir(), 'binhan-contract-'))
  const SOURCES = ['kernel', 'worker', 'db', 'web/src', 'test/contract/server-conforms.test-d.ts']
  for (const path of SOURCES) cpSync(join(ROOT, path), join(copy, path), { recursive: true })
  symlinkSync(join(ROOT, 'node_modules'), join(copy, 'node_modules'), 'dir')
  const config = JSON.parse(readFileSync(join(ROOT, 'tsconfig.json'), 'utf8')) as { compilerOptions: Record<string, unknown> }
  writeFileSync(join(copy, 'tsconfig.json'), JSON.stringify({ compilerOptions: config.compilerOptions, include: SOURCES }))
  const cases = join(copy, 'kernel/contract/cases.ts')
  const source = readFileSync(cases, 'utf8')
  // The contract renames the person's full name.
  const renamed = source.replace(
    'export interface Person {\n  id: string\n  fullName: string',
    'export interface Person {\n  id: string\n  displayName: string',
  )
  expect(renamed).not.toBe(source)
  writeFileSync(cases, renamed)
  errors = typecheck(copy)
}, 180_000)

afterAll(() => {
  if (copy) rmSync(copy, { recursive: true, force: true })
})

describe('a contract change', () => {
  it('fails the type check of the SPA screens that read the field', () => {
    expect(errors).toMatch(/web\/src\/[^\n]*\(\d+,\d+\): error TS\d+: [^\n]*fullName/)
  })

  it('fails the server check of each route that answers a person, and only those', () => {
    const lines = readFileSync(join(ROOT, 'test/contract/server-conforms.test-d.ts'), 'utf8').split('\n')
    const failing = new Set([...errors.matchAll(/server-conforms\.test-d\.ts\((\d+),\d+\): error/g)].map((m) => lines[Number(m[1]) - 1]!))
    const answersPerson = lines.filter((line) => /'GET \/api\/p\/:province\/persons(\/:personId\/timeline)?'/.test(line))
    expect(answersPerson).toHaveLength(2)
    expect(failing).toEqual(new Set(answersPerson))
  })

  it('and the unchanged copy type-checks (the failures come from the change alone)', () => {
    writeFileSync(join(copy, 'kernel/contract/cases.ts'), readFileSync(join(ROOT, 'kernel/contract/cases.ts'), 'utf8'))
    expect(typecheck(copy)).toBe('')
  }, 120_000)
})
