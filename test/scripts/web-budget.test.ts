import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { gzipSync } from 'node:zlib'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { checkWebBudget, measureWeb } from '../../scripts/lib/web-budget.ts'

// The web budget measured over a small built app: a manifest as Vite writes it and files of known gzip size
// (pseudo-random bytes barely compress, so a file's gzip size is close to its length and is measured, not assumed).
let dist = ''
afterEach(() => {
  rmSync(dist, { recursive: true, force: true })
  vi.restoreAllMocks()
})

/** Bytes that gzip cannot shrink much, the same for the same seed. */
function noise(length: number, seed: number): Buffer {
  const out = Buffer.alloc(length)
  let x = seed || 1
  for (let i = 0; i < length; i++) {
    x ^= x << 13
    x ^= x >>> 17
    x ^= x << 5
    out[i] = x & 0xff
  }
  return out
}

function build(files: Record<string, number>, manifest: Record<string, object>): (file: string) => number {
  dist = mkdtempSync(join(tmpdir(), 'web-budget-'))
  mkdirSync(join(dist, 'assets'))
  mkdirSync(join(dist, '.vite'))
  writeFileSync(join(dist, 'index.html'), '<!doctype html><script type="module" src="/assets/index-AAAAAAAA.js"></script>')
  let seed = 1
  for (const [file, length] of Object.entries(files)) writeFileSync(join(dist, file), noise(length, seed++))
  writeFileSync(join(dist, '.vite/manifest.json'), JSON.stringify(manifest))
  return (file: string) => gzipSync(noise(files[file]!, Object.keys(files).indexOf(file) + 1), { level: 9 }).length
}

// index → (lazy) person → (lazy) dialogs; dialogs and person share `forms`; dialogs alone needs `rules`.
const files = {
  'assets/index-AAAAAAAA.js': 20_000,
  'assets/index-AAAAAAAA.css': 2_000,
  'assets/vendor-BBBBBBBB.js': 10_000,
  'assets/person-CCCCCCCC.js': 8_000,
  'assets/forms-DDDDDDDD.js': 6_000,
  'assets/dialogs-EEEEEEEE.js': 12_000,
  'assets/rules-FFFFFFFF.js': 5_000,
  'assets/dialogs-GGGGGGGG.css': 1_500,
}
const manifest = {
  'index.html': {
    file: 'assets/index-AAAAAAAA.js',
    src: 'index.html',
    isEntry: true,
    imports: ['_vendor-BBBBBBBB.js'],
    dynamicImports: ['src/routes/person.tsx'],
    css: ['assets/index-AAAAAAAA.css'],
  },
  '_vendor-BBBBBBBB.js': { file: 'assets/vendor-BBBBBBBB.js' },
  '_forms-DDDDDDDD.js': { file: 'assets/forms-DDDDDDDD.js', imports: ['_vendor-BBBBBBBB.js'] },
  'src/routes/person.tsx': {
    file: 'assets/person-CCCCCCCC.js',
    src: 'src/routes/person.tsx',
    isDynamicEntry: true,
    imports: ['_vendor-BBBBBBBB.js', '_forms-DDDDDDDD.js'],
    dynamicImports: ['src/components/dialogs.tsx'],
  },
  'src/components/dialogs.tsx': {
    file: 'assets/dialogs-EEEEEEEE.js',
    src: 'src/components/dialogs.tsx',
    isDynamicEntry: true,
    imports: ['_forms-DDDDDDDD.js', '_rules-FFFFFFFF.js'],
    css: ['assets/dialogs-GGGGGGGG.css'],
  },
  '_rules-FFFFFFFF.js': { file: 'assets/rules-FFFFFFFF.js', imports: ['_vendor-BBBBBBBB.js'] },
}

describe('the web budget over the manifest', () => {
  it('measures the first load, and a lazy chunk inside a lazy chunk with only what neither brought', () => {
    const gz = build(files, manifest)
    const sizes = measureWeb(dist)
    expect(new Set(sizes.firstLoad.files)).toEqual(new Set(['assets/index-AAAAAAAA.js', 'assets/vendor-BBBBBBBB.js', 'assets/index-AAAAAAAA.css']))
    const html = gzipSync('<!doctype html><script type="module" src="/assets/index-AAAAAAAA.js"></script>', { level: 9 }).length
    expect(sizes.firstLoad.bytes).toBe(html + gz('assets/index-AAAAAAAA.js') + gz('assets/vendor-BBBBBBBB.js') + gz('assets/index-AAAAAAAA.css'))

    const [dialogs, person] = sizes.routes
    // The person screen brings its shared forms chunk; vendor came with the first load.
    expect(person).toMatchObject({ module: 'person', importer: 'index', shared: ['assets/forms-DDDDDDDD.js'] })
    expect(person!.bytes).toBe(gz('assets/person-CCCCCCCC.js') + gz('assets/forms-DDDDDDDD.js'))
    // The dialogs, loaded from the person screen: forms is already there, rules and the dialogs' CSS are not.
    expect(dialogs).toMatchObject({ module: 'dialogs', importer: 'person', src: 'src/components/dialogs.tsx' })
    expect(new Set(dialogs!.shared)).toEqual(new Set(['assets/rules-FFFFFFFF.js', 'assets/dialogs-GGGGGGGG.css']))
    expect(dialogs!.bytes).toBe(gz('assets/dialogs-EEEEEEEE.js') + gz('assets/rules-FFFFFFFF.js') + gz('assets/dialogs-GGGGGGGG.css'))
    expect(dialogs!.bytes).toBeGreaterThan(18_000)
  })

  it('fails a nested lazy chunk over 20 KB and passes the same app once it is within', () => {
    vi.spyOn(console, 'log').mockImplementation(() => {})
    build({ ...files, 'assets/rules-FFFFFFFF.js': 9_000 }, manifest)
    const problems = checkWebBudget(dist)
    expect(problems).toHaveLength(1)
    expect(problems[0]).toMatch(/^dialogs \(loaded from person\) is 2\d\.\d KB \(assets\/dialogs-EEEEEEEE\.js, /)
    rmSync(dist, { recursive: true, force: true })

    build({ ...files, 'assets/rules-FFFFFFFF.js': 3_000 }, manifest)
    expect(checkWebBudget(dist)).toEqual([])
  })

  it('counts a chunk loaded from two places at the larger measure', () => {
    // The dialogs also loaded straight from the entry: then forms is not there yet, and counts.
    const twice = { ...manifest, 'index.html': { ...manifest['index.html'], dynamicImports: ['src/routes/person.tsx', 'src/components/dialogs.tsx'] } }
    const gz = build(files, twice)
    const dialogs = measureWeb(dist).routes.find((r) => r.module === 'dialogs')!
    expect(dialogs.importer).toBe('index')
    expect(dialogs.bytes).toBe(
      gz('assets/dialogs-EEEEEEEE.js') + gz('assets/forms-DDDDDDDD.js') + gz('assets/rules-FFFFFFFF.js') + gz('assets/dialogs-GGGGGGGG.css'),
    )
  })

  it('credits a lazy chunk three deep with what the importer of its importer surely brought, on every way to it', () => {
    // dialogs → (lazy) form, which needs lists (brought by person, which loaded dialogs, but not by dialogs)
    // and widgets of its own.
    const deeper = {
      ...files,
      'assets/form-HHHHHHHH.js': 4_000,
      'assets/widgets-IIIIIIII.js': 3_000,
      'assets/lists-JJJJJJJJ.js': 2_000,
    }
    const withForm = {
      ...manifest,
      'src/routes/person.tsx': { ...manifest['src/routes/person.tsx'], imports: ['_vendor-BBBBBBBB.js', '_forms-DDDDDDDD.js', '_lists-JJJJJJJJ.js'] },
      '_lists-JJJJJJJJ.js': { file: 'assets/lists-JJJJJJJJ.js' },
      'src/components/dialogs.tsx': { ...manifest['src/components/dialogs.tsx'], dynamicImports: ['src/components/form.tsx'] },
      'src/components/form.tsx': {
        file: 'assets/form-HHHHHHHH.js',
        src: 'src/components/form.tsx',
        isDynamicEntry: true,
        imports: ['_lists-JJJJJJJJ.js', '_widgets-IIIIIIII.js'],
      },
      '_widgets-IIIIIIII.js': { file: 'assets/widgets-IIIIIIII.js' },
    }
    const gz = build(deeper, withForm)
    const form = measureWeb(dist).routes.find((r) => r.module === 'form')!
    expect(form).toMatchObject({ importer: 'dialogs', shared: ['assets/widgets-IIIIIIII.js'] })
    expect(form.bytes).toBe(gz('assets/form-HHHHHHHH.js') + gz('assets/widgets-IIIIIIII.js'))
    rmSync(dist, { recursive: true, force: true })

    // Dialogs also loaded straight from the entry: on that way lists is not there when the form is asked for.
    const twoWays = { ...withForm, 'index.html': { ...manifest['index.html'], dynamicImports: ['src/routes/person.tsx', 'src/components/dialogs.tsx'] } }
    const gz2 = build(deeper, twoWays)
    const again = measureWeb(dist).routes.find((r) => r.module === 'form')!
    expect(new Set(again.shared)).toEqual(new Set(['assets/lists-JJJJJJJJ.js', 'assets/widgets-IIIIIIII.js']))
    expect(again.bytes).toBe(gz2('assets/form-HHHHHHHH.js') + gz2('assets/lists-JJJJJJJJ.js') + gz2('assets/widgets-IIIIIIII.js'))
  })

  it('says to build first when there is no manifest', () => {
    dist = mkdtempSync(join(tmpdir(), 'web-budget-'))
    expect(() => measureWeb(dist)).toThrow(/run `npm run build` first/)
  })
})

describe("README's quoted web figures", () => {
  it('pass when within 10% of what the check prints and fail when further off or missing', () => {
    const printed: string[] = []
    vi.spyOn(console, 'log').mockImplementation((line: string) => void printed.push(line))
    build(files, manifest)
    checkWebBudget(dist)
    const readme = printed.join('\n')
    expect(checkWebBudget(dist, readme)).toEqual([])
    const stale = readme.replace(/Largest lazy chunk: (\w+) [\d.]+ KB/, 'Largest lazy chunk: $1 9.0 KB')
    expect(checkWebBudget(dist, stale)).toEqual([expect.stringMatching(/^README states the largest lazy chunk as 9\.0 KB; it is 1\d\.\d KB/)])
    expect(checkWebBudget(dist, 'no figures')).toHaveLength(2)
  })
})
