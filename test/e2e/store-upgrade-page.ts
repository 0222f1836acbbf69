// Bundled into a page of the e2e server's origin by store-upgrade.test.ts: the phone's own openOfflineDb run
// over an offline database left by an earlier version of the app.
import { openOfflineDb } from '../../web/src/offline/store.ts'
import { COLLECTIONS } from '../../web/src/offline/types.ts'

const NAME = 'binhan-offline'

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result)
    req.onerror = () => reject(req.error)
  })
}

/** A database as version `version` of the app made it, with a cursor, a record and a queued change. */
async function makeOld(version: number, collections: readonly string[]): Promise<void> {
  // Version 5 already had the evidence store: a file waiting to upload must survive the upgrade, bytes and all.
  const withEvidence = version >= 5
  await request(indexedDB.deleteDatabase(NAME))
  const open = indexedDB.open(NAME, version)
  open.onupgradeneeded = () => {
    const db = open.result
    for (const name of [...collections, 'communes']) db.createObjectStore(name, { keyPath: name === 'communes' ? 'code' : 'id' })
    db.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true })
    db.createObjectStore('meta')
    if (withEvidence) db.createObjectStore('evidence', { keyPath: 'id' })
    const tx = open.transaction!
    if (withEvidence) tx.objectStore('evidence').put(evidence('e-0'))
    tx.objectStore('meta').put({ deviceId: 'device-1', userId: 'u-1', cursor: 'cursor-1', complete: true, lastSyncedAt: '2026-12-01T00:00:00.000Z' }, 'sync')
    tx.objectStore('persons').put({ id: 'p-1', fullName: 'Người Thử' })
    tx.objectStore('outbox').put({ type: 'person.update', entityId: 'p-1', state: 'pending' })
  }
  const db = await request(open)
  db.close()
}

const evidence = (id: string) => ({
  id,
  province: '82',
  ownerKind: 'commune',
  ownerId: '30001',
  criterionCode: null,
  fileName: 'anh.jpg',
  blob: new Blob([new Uint8Array([0xff, 0xd8, 0xff])], { type: 'image/jpeg' }),
  size: 3,
  sha256: '0'.repeat(64),
  received: 0,
  state: 'waiting' as const,
  error: null,
  queuedAt: '2026-12-03T00:00:00.000Z',
})

async function storeUpgrade(from: 3 | 4 | 5) {
  // Version 3 had no legal records yet (decision 0028): those collections came with version 4; hand-overs and
  // monitoring with version 5 (decision 0039), the self-assessments with version 6 (decision 0044).
  const legal = ['managementPeriods', 'determinations', 'referrals', 'methadone']
  const later = from === 5 ? ['assessments'] : ['handovers', 'monitoring', 'assessments']
  await makeOld(
    from,
    COLLECTIONS.filter((c) => !later.includes(c) && (from > 3 || !legal.includes(c))),
  )
  const db = await openOfflineDb()
  const result = {
    version: db.version,
    stores: [...db.objectStoreNames],
    meta: await db.get('meta', 'sync'),
    persons: (await db.getAll('persons')).length,
    outbox: (await db.getAll('outbox')).length,
    assessments: (await db.getAll('assessments')).length,
  }
  const earlier = await db.get('evidence', 'e-0')
  await db.put('evidence', evidence('e-1'))
  const kept = await db.get('evidence', 'e-1')
  db.close()
  return {
    ...result,
    blobBytes: kept ? (await kept.blob.arrayBuffer()).byteLength : 0,
    earlierBlobBytes: earlier ? (await earlier.blob.arrayBuffer()).byteLength : 0,
  }
}

Object.assign(globalThis, { storeUpgrade })
