// The sync state the header shows, in the first-load chunk: tiny, no IndexedDB. The engine (a lazy chunk,
// loaded for commune officers) writes it; screens subscribe to `revision` to re-read the store after a change.
import { useEffect, useState } from 'preact/hooks'
import type { SyncPhase } from './sync.ts'

export interface SyncStatus {
  /** An offline store is in use (a commune officer is signed in). */
  active: boolean
  pending: number
  failed: number
  conflicts: number
  phase: SyncPhase
  lastSyncedAt: string | null
  /** The first full download has finished: "not found" locally means not in the officer's scope. */
  complete: boolean
  /** Bumped on every change of the store (records or outbox), in this tab or another. */
  revision: number
}

const INACTIVE: SyncStatus = { active: false, pending: 0, failed: 0, conflicts: 0, phase: 'idle', lastSyncedAt: null, complete: false, revision: 0 }
let current = INACTIVE
const listeners = new Set<() => void>()

export function getSyncStatus(): SyncStatus {
  return current
}

export function setSyncStatus(patch: Partial<SyncStatus>): void {
  current = { ...current, ...patch }
  for (const listener of listeners) listener()
}

export function resetSyncStatus(): void {
  setSyncStatus({ ...INACTIVE, revision: current.revision + 1 })
}

export function useSyncStatus(): SyncStatus {
  const [status, setStatus] = useState(current)
  useEffect(() => {
    const update = () => setStatus(current)
    listeners.add(update)
    update()
    return () => {
      listeners.delete(update)
    }
  }, [])
  return status
}

/** The offline engine, loaded on demand (a separate chunk: other roles never need it). */
let loading: Promise<typeof import('./session.ts')> | null = null
export function loadOffline(): Promise<typeof import('./session.ts')> {
  loading ??= import('./session.ts')
  return loading
}

/** Whether this browser may hold an offline store (without loading it): indexedDB.databases() where it exists. */
export async function mayHoldOfflineData(): Promise<boolean> {
  if (typeof indexedDB === 'undefined') return false
  if (typeof indexedDB.databases !== 'function') return true
  try {
    return (await indexedDB.databases()).some((db) => db.name === 'binhan-offline')
  } catch {
    return true
  }
}
