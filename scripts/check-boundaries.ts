// The layer boundaries of decision 0023 (issue #14), checked on the parsed source (vite's parseAst: oxc, ESTree):
//   web-imports      web/ imports from the repository only web/ and kernel/
//   db-imports       db/ imports nothing from worker/ or web/
//   kernel-imports   kernel/ imports only itself and valibot (no node:*, drizzle-orm, @libsql/*, hono, idb, …)
//   kernel-clock     kernel/ never reads the clock or a random source: time comes in as an argument
//   role-comparison  roles are compared only in the policy (kernel/policy.ts, kernel/roles.ts, worker/policy.ts)
//   worker-queries   worker/services/ and worker/routes/ import nothing of drizzle-orm: queries live in worker/repo/
// The DOM and Node globals are kept out of the kernel by its own type check (tsconfig.kernel.json, no DOM lib).
// Known violations live in scripts/boundaries-known.txt; the check fails on anything not listed there and on a
// listed entry that no longer matches, so the list can only shrink.
//   node scripts/check-boundaries.ts [root]
import { existsSync, readdirSync, readFileSync } from 'node:fs'
import { dirname, join, relative, resolve, sep } from 'node:path'
import { parseAst } from 'vite'
import { roles } from '../kernel/roles.ts'

export type Rule = 'web-imports' | 'db-imports' | 'kernel-imports' | 'kernel-clock' | 'role-comparison' | 'worker-queries'

export interface Violation {
  file: string
  line: number
  rule: Rule
  message: string
}

/** Folders scanned; test/ is not: tests build actors of every role and compare them freely. */
const SCANNED = ['kernel', 'web', 'db', 'worker', 'scripts']
const SKIPPED_DIRS = new Set(['node_modules', 'dist', 'migrations'])
const SOURCE = /\.(ts|tsx|mts|js|mjs)$/
const KERNEL_PACKAGES = new Set(['valibot'])
/** Where no query is written (decision 0022): they orchestrate what worker/repo/ reads and writes. */
const QUERYLESS_DIRS = ['worker/services/', 'worker/routes/']
const POLICY_FILES = new Set(['kernel/policy.ts', 'kernel/roles.ts', 'worker/policy.ts'])
const ROLE_NAMES: ReadonlySet<string> = new Set(roles)
const EQUALITY = new Set(['===', '!==', '==', '!='])
const MEMBERSHIP = new Set(['includes', 'has', 'indexOf'])

/** Every violation under root, in file order. */
export function checkBoundaries(root: string): Violation[] {
  return sourceFiles(root).flatMap((file) => checkFile(file, readFileSync(join(root, file), 'utf8')))
}

function sourceFiles(root: string): string[] {
  const found: string[] = []
  const walk = (dir: string) => {
    if (!existsSync(join(root, dir))) return
    const entries = readdirSync(join(root, dir), { withFileTypes: true })
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const path = `${dir}/${entry.name}`
      if (entry.isDirectory() && !SKIPPED_DIRS.has(entry.name)) walk(path)
      else if (entry.isFile() && SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) found.push(path)
    }
  }
  for (const dir of SCANNED) walk(dir)
  return found
}

/** One file's violations; file is its path from the repository root, with forward slashes. */
export function checkFile(file: string, code: string): Violation[] {
  const layer = file.split('/')[0] ?? ''
  const lineOf = lineIndex(code)
  const found: Violation[] = []
  const report = (node: Node, rule: Rule, message: string) => found.push({ file, line: lineOf(node.start), rule, message })
  let ast: Node
  try {
    ast = parseAst(code, { lang: file.endsWith('x') ? 'tsx' : 'ts' } as never, file) as unknown as Node
  } catch (err) {
    throw new Error(`${file}: cannot be parsed`, { cause: err })
  }

  walk(ast, (node) => {
    const specifier = importedSpecifier(node)
    if (specifier !== undefined) checkImport(file, layer, specifier, (rule, message) => report(node, rule, message))
    if (layer === 'kernel') {
      const clock = clockRead(node)
      if (clock) report(node, 'kernel-clock', `${clock} in the kernel: pass time or randomness in as an argument`)
    }
    if (!POLICY_FILES.has(file)) {
      const comparison = roleComparison(node)
      if (comparison) report(node, 'role-comparison', `${comparison}: ask the policy (can/decide, or a helper in kernel/roles.ts)`)
    }
  })
  return found
}

function checkImport(file: string, layer: string, specifier: string, report: (rule: Rule, message: string) => void): void {
  const path = specifier.split('?')[0] ?? specifier
  const isRelative = path.startsWith('.') || path.startsWith('/')
  const target = isRelative
    ? relative('.', resolve(dirname(file), path))
        .split(sep)
        .join('/')
    : undefined
  const targetLayer = target?.split('/')[0]
  if (target !== undefined && (target === '..' || target.startsWith('../'))) {
    report(layer === 'kernel' ? 'kernel-imports' : layer === 'web' ? 'web-imports' : 'db-imports', `imports ${specifier}, outside the repository`)
    return
  }
  if (layer === 'web' && targetLayer !== undefined && targetLayer !== 'web' && targetLayer !== 'kernel') {
    report('web-imports', `imports ${specifier} (${targetLayer}/): the SPA may import only web/ and kernel/`)
  }
  if (layer === 'db' && (targetLayer === 'worker' || targetLayer === 'web')) {
    report('db-imports', `imports ${specifier} (${targetLayer}/): db/ must not point up at the app`)
  }
  if (target === undefined && packageName(path) === 'drizzle-orm' && QUERYLESS_DIRS.some((dir) => file.startsWith(dir))) {
    report('worker-queries', `imports ${specifier}: a query belongs in worker/repo/ (decision 0022)`)
  }
  if (layer === 'kernel') {
    if (targetLayer !== undefined && targetLayer !== 'kernel')
      report('kernel-imports', `imports ${specifier} (${targetLayer}/): the kernel imports only itself`)
    if (target === undefined && !KERNEL_PACKAGES.has(packageName(path))) {
      report('kernel-imports', `imports ${specifier}: the kernel is pure (allowed packages: ${[...KERNEL_PACKAGES].join(', ')})`)
    }
  }
}

function packageName(specifier: string): string {
  const parts = specifier.split('/')
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier)
}

// --- AST helpers (ESTree as produced by oxc; only the fields read here are typed) ---

interface Node {
  type: string
  start: number
  [key: string]: unknown
}

const isNode = (value: unknown): value is Node => typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string'

function walk(node: Node, visit: (node: Node) => void): void {
  visit(node)
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent') continue
    if (Array.isArray(value)) for (const child of value) isNode(child) && walk(child, visit)
    else if (isNode(value)) walk(value, visit)
  }
}

const child = (node: Node, key: string): Node | undefined => (isNode(node[key]) ? (node[key] as Node) : undefined)

function stringValue(node: Node | undefined): string | undefined {
  if (!node) return undefined
  if (node.type === 'Literal' && typeof node.value === 'string') return node.value
  if (node.type === 'TemplateLiteral' && Array.isArray(node.expressions) && node.expressions.length === 0) {
    const [quasi] = node.quasis as { value: { cooked: string } }[]
    return quasi?.value.cooked
  }
  return undefined
}

/** The module a node imports: static and dynamic imports, re-exports, `import x = require()`, require(), import types. */
function importedSpecifier(node: Node): string | undefined {
  switch (node.type) {
    case 'ImportDeclaration':
    case 'ExportNamedDeclaration':
    case 'ExportAllDeclaration':
    case 'ImportExpression':
    case 'TSImportType':
      return stringValue(child(node, 'source') ?? child(node, 'argument'))
    case 'TSExternalModuleReference':
      return stringValue(child(node, 'expression'))
    case 'CallExpression': {
      const callee = child(node, 'callee')
      const [first] = node.arguments as Node[]
      return callee?.type === 'Identifier' && callee.name === 'require' ? stringValue(first) : undefined
    }
    default:
      return undefined
  }
}

function memberName(node: Node | undefined): { object: string; property: string } | undefined {
  if (node?.type !== 'MemberExpression' || node.computed) return undefined
  const object = child(node, 'object')
  const property = child(node, 'property')
  if (object?.type !== 'Identifier' || property?.type !== 'Identifier') return undefined
  return { object: object.name as string, property: property.name as string }
}

/** Date.now(), new Date() without arguments, Math.random(), performance.now(). */
function clockRead(node: Node): string | undefined {
  if (node.type === 'NewExpression') {
    const callee = child(node, 'callee')
    return callee?.type === 'Identifier' && callee.name === 'Date' && (node.arguments as Node[]).length === 0 ? 'new Date()' : undefined
  }
  if (node.type !== 'CallExpression') return undefined
  const member = memberName(child(node, 'callee'))
  const read = member && `${member.object}.${member.property}`
  return read === 'Date.now' || read === 'Math.random' || read === 'performance.now' ? `${read}()` : undefined
}

const isRoleLiteral = (node: Node | undefined) => {
  const value = stringValue(node)
  return value !== undefined && ROLE_NAMES.has(value)
}

const isRoleName = (name: unknown) => typeof name === 'string' && /^(role|[A-Za-z_$][\w$]*Role)$/.test(name)

/** `role`, `actorRole`, `x.role`, `x.actorRole`, `x?.role`, with any parentheses, `as` or `!` around it. */
function isRoleValue(node: Node | undefined): boolean {
  const inner = unwrap(node)
  if (!inner) return false
  if (inner.type === 'Identifier') return isRoleName(inner.name)
  if (inner.type === 'MemberExpression' && !inner.computed) return isRoleName(child(inner, 'property')?.name)
  if (inner.type === 'ChainExpression') return isRoleValue(child(inner, 'expression'))
  return false
}

function unwrap(node: Node | undefined): Node | undefined {
  let current = node
  while (current && ['ParenthesizedExpression', 'TSAsExpression', 'TSNonNullExpression', 'TSSatisfiesExpression'].includes(current.type)) {
    current = child(current, 'expression')
  }
  return current
}

const isNullish = (node: Node | undefined) => {
  const inner = unwrap(node)
  return (inner?.type === 'Literal' && inner.value === null) || (inner?.type === 'Identifier' && inner.name === 'undefined')
}

/** A description of the role comparison a node makes, if it makes one. */
function roleComparison(node: Node): string | undefined {
  if (node.type === 'BinaryExpression' && EQUALITY.has(node.operator as string)) {
    const left = child(node, 'left')
    const right = child(node, 'right')
    if (isNullish(left) || isNullish(right)) return undefined
    if (isRoleLiteral(left) || isRoleLiteral(right)) return `compares with the role '${stringValue(isRoleLiteral(left) ? left : right)}'`
    if (isRoleValue(left) || isRoleValue(right)) return `compares a role (${node.operator})`
  }
  if (node.type === 'SwitchStatement') {
    if (isRoleValue(child(node, 'discriminant'))) return 'switches on a role'
    if ((node.cases as Node[]).some((c) => isRoleLiteral(child(c, 'test')))) return 'switches over role names'
  }
  if (node.type === 'CallExpression') {
    const callee = unwrap(child(node, 'callee'))
    const method = callee?.type === 'MemberExpression' && !callee.computed ? child(callee, 'property')?.name : undefined
    const [first] = node.arguments as Node[]
    if (typeof method === 'string' && MEMBERSHIP.has(method) && (isRoleValue(first) || isRoleLiteral(first))) return `looks a role up in a list (.${method})`
  }
  return undefined
}

function lineIndex(code: string): (offset: number) => number {
  const starts = [0]
  for (let i = 0; i < code.length; i++) if (code.charCodeAt(i) === 10) starts.push(i + 1)
  return (offset) => {
    let low = 0
    let high = starts.length - 1
    while (low < high) {
      const mid = (low + high + 1) >> 1
      if ((starts[mid] ?? 0) <= offset) low = mid
      else high = mid - 1
    }
    return low + 1
  }
}

// --- the allow-list of known violations ---

export interface KnownEntry {
  file: string
  rule: string
  count: number
  line: number
}

/** Lines `<file> <rule> <count>`; `#` starts a comment. */
export function parseKnown(text: string): KnownEntry[] {
  return text.split('\n').flatMap((raw, index) => {
    const content = raw.replace(/#.*/, '').trim()
    if (!content) return []
    const [file, rule, count, ...rest] = content.split(/\s+/)
    if (!file || !rule || !count || rest.length > 0 || !/^[1-9]\d*$/.test(count))
      throw new Error(`boundaries-known.txt:${index + 1}: expected "<file> <rule> <count>"`)
    return [{ file, rule, count: Number(count), line: index + 1 }]
  })
}

export interface Comparison {
  /** Violations not covered by the list (all of a file's, for that rule, when the file has more than listed). */
  unexpected: Violation[]
  /** Listed entries that now match fewer violations than listed (or none): lower or delete them. */
  stale: { entry: KnownEntry; found: number }[]
}

export function compareWithKnown(violations: Violation[], known: KnownEntry[]): Comparison {
  const groups = new Map<string, Violation[]>()
  for (const v of violations) groups.set(`${v.file} ${v.rule}`, [...(groups.get(`${v.file} ${v.rule}`) ?? []), v])
  const listed = new Map(known.map((entry) => [`${entry.file} ${entry.rule}`, entry]))
  const unexpected = [...groups].flatMap(([key, group]) => (group.length > (listed.get(key)?.count ?? 0) ? group : []))
  const stale = known.flatMap((entry) => {
    const found = groups.get(`${entry.file} ${entry.rule}`)?.length ?? 0
    return found < entry.count ? [{ entry, found }] : []
  })
  return { unexpected, stale }
}

function main(root: string): number {
  const knownPath = join(root, 'scripts/boundaries-known.txt')
  const known = parseKnown(readFileSync(knownPath, 'utf8'))
  const violations = checkBoundaries(root)
  const { unexpected, stale } = compareWithKnown(violations, known)
  for (const v of unexpected) console.error(`${v.file}:${v.line}  ${v.rule}  ${v.message}`)
  for (const { entry, found } of stale) {
    console.error(
      `scripts/boundaries-known.txt:${entry.line}  ${entry.file} ${entry.rule} lists ${entry.count}, found ${found}: ${found ? `lower it to ${found}` : 'delete the line'}`,
    )
  }
  const listedCount = known.reduce((sum, entry) => sum + entry.count, 0)
  if (unexpected.length || stale.length) {
    console.error(
      `Boundary check failed: ${unexpected.length} violation(s) not in the known list, ${stale.length} stale entr${stale.length === 1 ? 'y' : 'ies'}.`,
    )
    return 1
  }
  console.log(`Boundaries hold (${listedCount} known violation(s) listed in scripts/boundaries-known.txt).`)
  return 0
}

if (import.meta.main) process.exit(main(resolve(process.argv[2] ?? '.')))
