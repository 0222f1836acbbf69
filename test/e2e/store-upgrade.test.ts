// The phone's offline database across app versions (version 5 adds the `evidence` store, decision 0038, and the
// hand-over and monitoring collections, decision 0039; version 6 the self-assessments, decision 0044), in
// Chromium's real IndexedDB at the app's origin: what an earlier version left stays, and evidence blobs keep.
import { build } from 'esbuild'
import { describe, expect, it } from 'vitest'
import { DESKTOP, useBrowser, withPage } from './helpers.ts'

const browser = useBrowser()
const bundle = build({ entryPoints: ['test/e2e/store-upgrade-page.ts'], bundle: true, format: 'iife', write: false })

interface Upgraded {
  version: number
  stores: string[]
  meta: { cursor: string | null; deviceId: string }
  persons: number
  outbox: number
  blobBytes: number
  earlierBlobBytes: number
  assessments: number
}

async function upgradeFrom(from: 3 | 4 | 5): Promise<Upgraded> {
  let result: Upgraded | undefined
  await withPage(
    browser,
    DESKTOP,
    async (page) => {
      await page.goto('/health')
      await page.addScriptTag({ content: (await bundle).outputFiles[0]!.text })
      result = await page.evaluate((v) => Reflect.get(globalThis, 'storeUpgrade')(v) as Promise<Upgraded>, from)
      // The page is the origin's JSON, not the app: the bundled test code is its only script (CSP bypassed for it).
    },
    { bypassCSP: true },
  )
  return result!
}

describe('the offline database upgrade', () => {
  it('adds the assessments store to a version 5 database, keeps its records, outbox and waiting evidence files, and downloads in full next', async () => {
    const up = await upgradeFrom(5)
    expect(up.version).toBe(6)
    expect(up.stores).toEqual(expect.arrayContaining(['assessments', 'evidence', 'handovers', 'outbox', 'meta']))
    expect(up.meta).toMatchObject({ deviceId: 'device-1', cursor: null })
    expect([up.persons, up.outbox, up.assessments]).toEqual([1, 1, 0])
    expect([up.earlierBlobBytes, up.blobBytes]).toEqual([3, 3])
  })

  it('adds the evidence store and the new collections to a version 4 database, keeps its records and outbox, and downloads in full next', async () => {
    const up = await upgradeFrom(4)
    expect(up.version).toBe(6)
    expect(up.stores).toEqual(expect.arrayContaining(['evidence', 'handovers', 'monitoring']))
    expect(up.meta).toMatchObject({ deviceId: 'device-1', cursor: null })
    expect([up.persons, up.outbox]).toEqual([1, 1])
    expect(up.blobBytes).toBe(3)
  })

  it('still brings a version 3 database up with the collections it lacked and a full download next', async () => {
    const up = await upgradeFrom(3)
    expect(up.version).toBe(6)
    expect(up.stores).toEqual(expect.arrayContaining(['evidence', 'referrals', 'methadone']))
    expect(up.meta).toMatchObject({ deviceId: 'device-1', cursor: null })
    expect([up.persons, up.outbox]).toEqual([1, 1])
  })
})
