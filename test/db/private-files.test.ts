import { chmodSync, closeSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, statSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { openTenantDb } from '../../db/client.node.ts'
import { createNodePlatform, prepareControlDb } from '../../worker/provision/node-platform.ts'
import { locateTenantDbForNode } from '../../db/provision/locate.ts'
import { onboardTenant } from '../../db/provision/onboard-tenant.ts'
import { fileOfUrl } from '../../db/private-files.ts'
import { readNodeConfig } from '../../worker/node-config.ts'
import type { TenantDb } from '../../db/types.ts'

// Real files, real modes. The test process keeps the usual umask (022), under which anything created without
// an explicit mode would be readable by every user of the machine.
const mode = (path: string) => statSync(path).mode & 0o777
const roots: string[] = []
const closers: (() => void)[] = []
afterEach(() => {
  for (const close of closers.splice(0)) close()
  for (const root of roots.splice(0)) rmSync(root, { recursive: true, force: true })
})

async function bootAt(dataDir: string) {
  const config = readNodeConfig({ DATA_DIR: dataDir, NODE_ENV: 'test' })
  const platform = createNodePlatform(config)
  closers.push(() => platform.control.$client.close())
  await prepareControlDb(platform.control, new Date())
  return platform
}

/** Opens the province database the way the server does, and writes to it so its -wal and -shm exist. */
function openProvince(dataDir: string): TenantDb {
  const db = openTenantDb(locateTenantDbForNode({ dataDir })({ provider: 'embedded', dbLocation: 'tenants/binhan-p82.db' }))
  closers.unshift(() => db.$client.close())
  return db
}

describe('files of the data directory', () => {
  it('are created readable by the server user only: directories 0700, databases and their -wal/-shm 0600', async () => {
    expect(process.umask() & 0o077).not.toBe(0o077) // the test would prove nothing under a strict umask
    const root = mkdtempSync(join(tmpdir(), 'binhan-modes-'))
    roots.push(root)
    const dataDir = join(root, 'data')
    const platform = await bootAt(dataDir)
    await onboardTenant(platform.onboardDeps, '82')
    const province = openProvince(dataDir)
    await province.$client.execute('select count(*) from persons')

    const files = ['control.db', 'control.db-wal', 'control.db-shm', 'tenants/binhan-p82.db', 'tenants/binhan-p82.db-wal', 'tenants/binhan-p82.db-shm']
    for (const file of files) expect(existsSync(join(dataDir, file)), file).toBe(true)
    expect({ dataDir: mode(dataDir), tenants: mode(join(dataDir, 'tenants')) }).toEqual({ dataDir: 0o700, tenants: 0o700 })
    expect(Object.fromEntries(files.map((file) => [file, mode(join(dataDir, file))]))).toEqual(Object.fromEntries(files.map((file) => [file, 0o600])))
  })

  it('are tightened when an older installation left them open to others', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'binhan-modes-'))
    roots.push(dataDir)
    await (await bootAt(dataDir)).control.$client.close()
    mkdirSync(join(dataDir, 'tenants'))
    closeSync(openSync(join(dataDir, 'tenants', 'binhan-p82.db'), 'w'))
    for (const [path, open] of [
      [dataDir, 0o755],
      [join(dataDir, 'tenants'), 0o755],
      [join(dataDir, 'control.db'), 0o644],
      [join(dataDir, 'tenants', 'binhan-p82.db'), 0o644],
    ] as const)
      chmodSync(path, open)

    await bootAt(dataDir)
    openProvince(dataDir)
    expect([mode(dataDir), mode(join(dataDir, 'tenants')), mode(join(dataDir, 'control.db')), mode(join(dataDir, 'tenants', 'binhan-p82.db'))]).toEqual([
      0o700, 0o700, 0o600, 0o600,
    ])
  })

  it('are found behind every spelling of a file: URL', () => {
    expect(fileOfUrl('file:/var/lib/binhan/control.db')).toBe('/var/lib/binhan/control.db')
    expect(fileOfUrl('file:///var/lib/binhan/control.db')).toBe('/var/lib/binhan/control.db')
    expect(fileOfUrl('file:./data/control.db')).toBe('./data/control.db')
    expect(fileOfUrl('file::memory:')).toBeUndefined()
    expect(fileOfUrl('libsql://binhan-control-acme.turso.io')).toBeUndefined()
  })
})
