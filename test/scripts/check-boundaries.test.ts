import { spawnSync } from 'node:child_process'
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { checkBoundaries, checkFile, compareWithKnown, parseKnown, type Violation } from '../../scripts/check-boundaries.ts'

const roots: string[] = []
afterEach(() => {
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true })
})

/** A throwaway repository tree holding only the given files. */
function plant(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'binhan-boundaries-'))
  roots.push(root)
  for (const [path, code] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true })
    writeFileSync(join(root, path), code)
  }
  return root
}

const brief = (violations: Violation[]) => violations.map((v) => `${v.file}:${v.line} ${v.rule}`)

describe('the import boundaries', () => {
  it('lets web/ import only web/, the kernel and packages, type-only imports included', () => {
    const root = plant({
      'web/src/routes/page.tsx': [
        "import { h } from 'preact'",
        "import { can } from '../../../kernel/policy.ts'",
        "import { Field } from '../components/field.tsx'",
        "import { createApp } from '../../../worker/app.ts'",
        "import type { PersonRow } from '../../../db/tenant/schema/index.ts'",
        "export { x } from '../../../scripts/lib/cli.ts'",
        "const lazy = () => import('../../../worker/routes/persons.ts')",
      ].join('\n'),
      'web/sw/service-worker.ts': "import { routeOf } from './routing.ts'\nimport { foldDiacritics } from '../../kernel/text-fold.ts'",
    })
    expect(brief(checkBoundaries(root))).toEqual([
      'web/src/routes/page.tsx:4 web-imports',
      'web/src/routes/page.tsx:5 web-imports',
      'web/src/routes/page.tsx:6 web-imports',
      'web/src/routes/page.tsx:7 web-imports',
    ])
  })

  it('keeps db/ from importing worker/ or web/, however the import is written', () => {
    const root = plant({
      'db/provision/create.ts': [
        "import { roles } from '../../kernel/roles.ts'",
        "import { tenants } from '../control/schema/tenants.ts'",
        "import { createLogger } from '../../worker/logger.ts'",
        "const page = await import('../../web/src/app.tsx')",
        "import cfg = require('../../worker/node-config.ts')",
      ].join('\n'),
    })
    expect(brief(checkBoundaries(root))).toEqual([
      'db/provision/create.ts:3 db-imports',
      'db/provision/create.ts:4 db-imports',
      'db/provision/create.ts:5 db-imports',
    ])
  })

  it('keeps the kernel pure: only itself and valibot, no I/O module, no clock, no randomness', () => {
    const root = plant({
      'kernel/domain/rule.ts': [
        "import * as v from 'valibot'",
        "import { roles } from '../roles.ts'",
        "import { readFileSync } from 'node:fs'",
        "import { eq } from 'drizzle-orm'",
        "import { createClient } from '@libsql/client'",
        "import { Hono } from 'hono'",
        "import { openDB } from 'idb'",
        "import type { PlanStatus } from '../../db/tenant/schema/index.ts'",
        "export const at = (day: string) => new Date(day + 'T00:00:00Z')",
        'export const now = () => [Date.now(), new Date(), Math.random(), performance.now()]',
      ].join('\n'),
    })
    const violations = checkBoundaries(root)
    expect(brief(violations)).toEqual([
      ...[3, 4, 5, 6, 7, 8].map((line) => `kernel/domain/rule.ts:${line} kernel-imports`),
      ...[10, 10, 10, 10].map((line) => `kernel/domain/rule.ts:${line} kernel-clock`),
    ])
    expect(violations.filter((v) => v.rule === 'kernel-clock').map((v) => v.message.split(' ')[0])).toEqual([
      'Date.now()',
      'new',
      'Math.random()',
      'performance.now()',
    ])
  })

  it('keeps drizzle-orm out of worker/services and worker/routes, type imports included, but not out of worker/repo', () => {
    const root = plant({
      'worker/services/report.ts': [
        "import { count, eq } from 'drizzle-orm'",
        "import type { SQLiteColumn } from 'drizzle-orm/sqlite-core'",
        "import { communes } from '../../db/tenant/schema/index.ts'",
        "import { listCommunes } from '../repo/communes.ts'",
      ].join('\n'),
      'worker/routes/page.ts': "import { Hono } from 'hono'\nconst { sql } = await import('drizzle-orm')",
      'worker/repo/communes.ts': "import { asc, eq } from 'drizzle-orm'\nimport type { SQLiteColumn } from 'drizzle-orm/sqlite-core'",
      'worker/app.ts': "import { drizzle } from 'drizzle-orm/libsql'",
    })
    expect(brief(checkBoundaries(root))).toEqual([
      'worker/routes/page.ts:2 worker-queries',
      'worker/services/report.ts:1 worker-queries',
      'worker/services/report.ts:2 worker-queries',
    ])
  })

  it('does not apply the kernel and db rules to the worker or scripts', () => {
    const root = plant({ 'worker/app.ts': "import { Hono } from 'hono'\nimport { x } from '../db/client.ts'\nconst t = Date.now()" })
    expect(checkBoundaries(root)).toEqual([])
  })
})

describe('role comparisons', () => {
  it('finds every way of comparing a role outside the policy', () => {
    const code = [
      "if (actor.role === 'commune_officer') scope = actor.communes",
      "const isAdmin = 'central_admin' == me.role",
      'if (user.role !== target.role) deny()',
      "switch (actor.role) { case 'x': break }",
      "switch (kind) { case 'province_admin': break }",
      "if (['central_admin', 'central_viewer'].includes(actor.role)) deny()",
      'if (MANAGED.has(actor?.role)) deny()',
      "if ((entry.actorRole as string) === 'province_officer') deny()",
      "if (label === 'province_officer') deny()",
    ].join('\n')
    expect(checkFile('worker/routes/caseload.ts', code).map((v) => v.line)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9])
  })

  it('finds them in JSX too', () => {
    const code = "export const P = ({ me }) => <div>{me.role === 'commune_officer' && <p>x</p>}</div>"
    expect(brief(checkFile('web/src/routes/page.tsx', code))).toEqual(['web/src/routes/page.tsx:1 role-comparison'])
  })

  it('leaves alone what only names a role, nullish checks, and the policy itself', () => {
    const harmless = [
      "const user = { role: 'commune_officer', communes: [] }",
      "const label = t('role.' + user.role)",
      'if (input.actorRole !== null) check(input.actorRole)',
      'if (me.role === undefined) go()',
      'const el = <div role="group" />',
      "if (status === 'active') go()",
    ].join('\n')
    expect(checkFile('web/src/components/card.tsx', harmless)).toEqual([])
    const policy = "export const isCentral = (role: Role) => role === 'central_admin' || role === 'central_viewer'"
    for (const file of ['kernel/policy.ts', 'kernel/roles.ts', 'worker/policy.ts']) expect(checkFile(file, policy)).toEqual([])
    expect(checkFile('worker/services/users.ts', policy)).toHaveLength(2)
  })

  it('does not look into test/', () => {
    const root = plant({ 'test/worker/x.test.ts': "if (actor.role === 'commune_officer') x()\nimport { a } from '../../worker/app.ts'" })
    expect(checkBoundaries(root)).toEqual([])
  })
})

describe('the list of known violations', () => {
  const v = (file: string, rule: Violation['rule'], line: number): Violation => ({ file, rule, line, message: '' })

  it('parses "<file> <rule> <count>" lines and comments, and rejects anything else', () => {
    expect(parseKnown('# why\n\nworker/routes/a.ts  role-comparison  2  # until the runner\n')).toEqual([
      { file: 'worker/routes/a.ts', rule: 'role-comparison', count: 2, line: 3 },
    ])
    expect(() => parseKnown('worker/routes/a.ts role-comparison')).toThrow(/:1: expected/)
    expect(() => parseKnown('worker/routes/a.ts role-comparison 0')).toThrow(/:1: expected/)
  })

  it('fails on a violation it does not list, and on more of them than it lists', () => {
    const known = parseKnown('worker/routes/a.ts role-comparison 1')
    expect(compareWithKnown([v('worker/routes/a.ts', 'role-comparison', 3)], known)).toEqual({ unexpected: [], stale: [] })
    expect(compareWithKnown([v('worker/routes/b.ts', 'role-comparison', 3)], known).unexpected).toHaveLength(1)
    expect(compareWithKnown([v('worker/routes/a.ts', 'db-imports', 1), v('worker/routes/a.ts', 'role-comparison', 3)], known).unexpected).toEqual([
      v('worker/routes/a.ts', 'db-imports', 1),
    ])
    const twice = [v('worker/routes/a.ts', 'role-comparison', 3), v('worker/routes/a.ts', 'role-comparison', 9)]
    expect(compareWithKnown(twice, known).unexpected).toEqual(twice)
  })

  it('fails on an entry that no longer occurs, or occurs fewer times, so the list only shrinks', () => {
    const known = parseKnown('worker/routes/a.ts role-comparison 2\ndb/x.ts db-imports 1')
    const { stale } = compareWithKnown([v('worker/routes/a.ts', 'role-comparison', 3)], known)
    expect(stale.map(({ entry, found }) => `${entry.file} ${entry.rule} ${found}`)).toEqual(['worker/routes/a.ts role-comparison 1', 'db/x.ts db-imports 0'])
  })

  it('makes the command fail on a planted violation and pass once it is listed', () => {
    const root = plant({ 'db/seed.ts': "import { hashPassword } from '../worker/auth/password.ts'", 'scripts/boundaries-known.txt': '# none\n' })
    const run = () => spawnSync(process.execPath, ['scripts/check-boundaries.ts', root], { encoding: 'utf8' })
    const failed = run()
    expect(failed.status).toBe(1)
    expect(failed.stderr).toContain('db/seed.ts:1  db-imports  imports ../worker/auth/password.ts (worker/)')
    writeFileSync(join(root, 'scripts/boundaries-known.txt'), 'db/seed.ts db-imports 1\n')
    expect(run().status).toBe(0)
    writeFileSync(join(root, 'db/seed.ts'), "import { roles } from '../kernel/roles.ts'")
    const stale = run()
    expect(stale.status).toBe(1)
    expect(stale.stderr).toContain('db/seed.ts db-imports lists 1, found 0: delete the line')
  })
})
