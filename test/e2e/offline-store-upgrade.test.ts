// The phone's store upgrade (web/src/offline/store.ts, version 6: decisions 0039, 0044), in Chromium's own IndexedDB (Node
// has none): a store left by the previous version — without hand-overs or monitoring — is upgraded in place when
// the app opens; the device id and an unsent change survive, the next pull is a full download, and the new stores
// fill with the officer's hand-overs.
import { describe, expect, it } from 'vitest'
import { MOBILE, headerContext, signIn, useBrowser, withPage } from './helpers.ts'

const browser = useBrowser()
const OFFICER = 'demo-commune-82'
const V4_STORES = [
  'persons',
  'plans',
  'reviews',
  'postRehab',
  'followUps',
  'support',
  'activities',
  'models',
  'modelMembers',
  'modelSessions',
  'managementPeriods',
  'determinations',
  'referrals',
  'methadone',
  'communes',
]

interface Seen {
  version: number
  stores: string[]
  deviceId: string
  cursor: string | null
  complete: boolean
  outbox: number
  handovers: number
}

describe("the phone's store", () => {
  it('upgrades a store of the previous version in place, keeping the device and the unsent changes', async () => {
    await withPage(browser, MOBILE, async (page) => {
      // A page of the app's origin where the app does not run: the previous version's store is made there.
      await page.goto('/health')
      await page.evaluate(async (stores) => {
        await new Promise<void>((resolve, reject) => {
          const gone = indexedDB.deleteDatabase('binhan-offline')
          gone.onsuccess = () => resolve()
          gone.onerror = () => reject(gone.error)
        })
        const db = await new Promise<IDBDatabase>((resolve, reject) => {
          const open = indexedDB.open('binhan-offline', 4)
          open.onupgradeneeded = () => {
            for (const name of stores) open.result.createObjectStore(name, { keyPath: name === 'communes' ? 'code' : 'id' })
            open.result.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true })
            open.result.createObjectStore('meta')
          }
          open.onsuccess = () => resolve(open.result)
          open.onerror = () => reject(open.error)
        })
        const tx = db.transaction(['meta', 'outbox'], 'readwrite')
        tx.objectStore('meta').put({ deviceId: 'device-of-version-4', userId: null, cursor: 'cursor-of-version-4', complete: true, lastSyncedAt: null }, 'sync')
        // A change the server refused, waiting for the officer: never dropped by an upgrade (nor sent again by itself).
        tx.objectStore('outbox').add({
          key: 'key-of-version-4',
          type: 'support.create',
          entityId: 'entity-of-version-4',
          personId: 'person-of-version-4',
          data: {},
          queuedAt: '2026-11-01T02:00:00.000Z',
          state: 'failed',
          chained: false,
          attempts: 1,
          error: { status: 'invalid', code: 'validation_failed', message: 'x' },
        })
        await new Promise<void>((resolve) => {
          tx.oncomplete = () => resolve()
        })
        db.close()
      }, V4_STORES)

      await signIn(page, OFFICER)
      await headerContext(page).waitFor()
      const read = () =>
        page.evaluate(
          () =>
            new Promise<Seen>((resolve, reject) => {
              // No version: whatever the app upgraded it to.
              const open = indexedDB.open('binhan-offline')
              open.onerror = () => reject(open.error)
              open.onsuccess = () => {
                const db = open.result
                const stores = [...db.objectStoreNames]
                const tx = db.transaction(['meta', 'outbox', ...(stores.includes('handovers') ? ['handovers'] : [])], 'readonly')
                const meta = tx.objectStore('meta').get('sync')
                const outbox = tx.objectStore('outbox').count()
                const handovers = stores.includes('handovers') ? tx.objectStore('handovers').count() : null
                tx.oncomplete = () => {
                  const m = meta.result as { deviceId: string; cursor: string | null; complete: boolean }
                  resolve({
                    version: db.version,
                    stores,
                    deviceId: m.deviceId,
                    cursor: m.cursor,
                    complete: m.complete,
                    outbox: outbox.result,
                    handovers: handovers?.result ?? -1,
                  })
                  db.close()
                }
              }
            }),
        )
      // The full download the upgrade asked for has run: the demo commune's incoming hand-overs are held.
      await expect.poll(async () => (await read()).handovers, { timeout: 30_000 }).toBeGreaterThan(0)
      const seen = await read()
      expect(seen.version).toBe(6)
      expect(seen.stores).toEqual(expect.arrayContaining([...V4_STORES, 'handovers', 'monitoring', 'assessments', 'outbox', 'meta']))
      expect(seen).toMatchObject({ deviceId: 'device-of-version-4', outbox: 1, complete: true })
      expect(seen.cursor).not.toBe('cursor-of-version-4')
    })
  }, 120_000)
})
