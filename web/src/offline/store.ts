// The officer's records and outbox in IndexedDB (through idb). Never Cache Storage, never localStorage: this is
// personal data, held only for the signed-in commune officer's scope and wiped at sign-out (README.md here).
import { openDB, type DBSchema, type IDBPDatabase } from 'idb'
import type { AssessmentRecord } from '../../../kernel/certification-records.ts'
import type { Me } from '../../../kernel/contract/identity.ts'
import type { DeterminationRecord, HandoverRecord, ManagementPeriodRecord, MethadoneRecord, MonitoringRecord, ReferralRecord } from '../../../kernel/records.ts'
import type { Outcome } from './outbox.ts'
import { pulledCaseRules, pulledReviewPolicy } from './settings.ts'
import {
  COLLECTIONS,
  ENTITY_COLLECTION,
  type Collection,
  type CommuneRecord,
  type FollowUpRecord,
  type NewEntry,
  type OutboxEntry,
  type PersonRecord,
  type PlanRecord,
  type PostRehabRecordView,
  type PullPage,
  type Records,
  type ReviewRecord,
  type SupportRecord,
  type SyncMeta,
  type ActivityRecord,
  type ModelMemberRecord,
  type ModelRecord,
  type ModelSessionRecord,
  type QueuedEvidence,
} from './types.ts'

/** What the sync engine and the screens need of the store; an in-memory one stands in for it in unit tests. */
export interface OfflineStore {
  meta(): Promise<SyncMeta>
  setMeta(patch: Partial<SyncMeta>): Promise<void>
  user(): Promise<Me | null>
  setUser(me: Me): Promise<void>
  records(): Promise<Records>
  communes(): Promise<CommuneRecord[]>
  entries(): Promise<OutboxEntry[]>
  addEntry(entry: NewEntry): Promise<OutboxEntry>
  putEntries(entries: readonly OutboxEntry[]): Promise<void>
  deleteEntry(seq: number): Promise<void>
  /** The answers of one push, in one transaction: entries updated or removed, the server's records stored. */
  applyOutcomes(outcomes: readonly Outcome[]): Promise<void>
  /** One pull page, in one transaction with its cursor: a reset drops every record (never the outbox) first. */
  applyPull(page: PullPage, at: string): Promise<void>
  /** Stores a record the server answered outside a push (e.g. a conflict's current version). */
  putRecord(collection: Collection, record: Record<string, unknown>): Promise<void>
  version(collection: Collection, id: string): Promise<number | undefined>
  /** Sign-out or another user: every record, the outbox and the user; the device id stays. */
  wipe(): Promise<void>
  close(): void
}

interface Schema extends DBSchema {
  persons: { key: string; value: PersonRecord }
  plans: { key: string; value: PlanRecord }
  reviews: { key: string; value: ReviewRecord }
  postRehab: { key: string; value: PostRehabRecordView }
  followUps: { key: string; value: FollowUpRecord }
  support: { key: string; value: SupportRecord }
  activities: { key: string; value: ActivityRecord }
  models: { key: string; value: ModelRecord }
  modelMembers: { key: string; value: ModelMemberRecord }
  modelSessions: { key: string; value: ModelSessionRecord }
  managementPeriods: { key: string; value: ManagementPeriodRecord }
  determinations: { key: string; value: DeterminationRecord }
  referrals: { key: string; value: ReferralRecord }
  methadone: { key: string; value: MethadoneRecord }
  handovers: { key: string; value: HandoverRecord }
  monitoring: { key: string; value: MonitoringRecord }
  assessments: { key: string; value: AssessmentRecord }
  communes: { key: string; value: CommuneRecord }
  outbox: { key: number; value: OutboxEntry }
  meta: { key: string; value: unknown }
  /** Evidence files waiting to upload, bytes and all (decision 0038): web/src/evidence/evidence-queue.ts. */
  evidence: { key: string; value: QueuedEvidence }
}

const DB_NAME = 'binhan-offline'
const RECORD_STORES = [...COLLECTIONS, 'communes'] as const
const ALL_STORES = [...RECORD_STORES, 'outbox', 'meta', 'evidence'] as const

/**
 * 2: support records. 3: the activity log and community models (decision 0033). 4: management periods,
 * determinations, referrals, methadone (0028). 5: hand-overs and electronic-monitoring orders (0039), and evidence
 * files waiting to upload (0038). 6: the commune's drug-free self-assessments (0044).
 */
const DB_VERSION = 6

export async function openStore(): Promise<OfflineStore> {
  return new IdbStore(await openOfflineDb())
}

export type OfflineDb = IDBPDatabase<Schema>

/** The database itself, for modules with a store of their own in it (evidence files). */
export async function openOfflineDb(): Promise<OfflineDb> {
  const db = await openDB<Schema>(DB_NAME, DB_VERSION, {
    upgrade(database, oldVersion, _newVersion, transaction) {
      for (const name of RECORD_STORES) {
        if (!database.objectStoreNames.contains(name)) database.createObjectStore(name, { keyPath: name === 'communes' ? 'code' : 'id' })
      }
      if (!database.objectStoreNames.contains('evidence')) database.createObjectStore('evidence', { keyPath: 'id' })
      if (oldVersion === 0) {
        database.createObjectStore('outbox', { keyPath: 'seq', autoIncrement: true })
        database.createObjectStore('meta')
        return
      }
      // A store made before a collection existed never received its records: the next pull is a full download
      // (its reset keeps the outbox). Records already held stay on screen until then.
      const meta = transaction.objectStore('meta')
      void meta.get('sync').then((current) => current && meta.put({ ...(current as SyncMeta), cursor: null }, 'sync'))
    },
    // Another tab opens a newer version of the app (a later schema): let it, this tab reloads with the update.
    blocking() {
      db.close()
    },
  })
  return db
}

const DEFAULT_META = (): SyncMeta => ({ deviceId: crypto.randomUUID(), userId: null, cursor: null, complete: false, lastSyncedAt: null })

class IdbStore implements OfflineStore {
  private readonly db: IDBPDatabase<Schema>
  constructor(db: IDBPDatabase<Schema>) {
    this.db = db
  }

  async meta(): Promise<SyncMeta> {
    const stored = (await this.db.get('meta', 'sync')) as SyncMeta | undefined
    if (stored) return stored
    const fresh = DEFAULT_META()
    await this.db.put('meta', fresh, 'sync')
    return fresh
  }

  async setMeta(patch: Partial<SyncMeta>): Promise<void> {
    const tx = this.db.transaction('meta', 'readwrite')
    const current = ((await tx.store.get('sync')) as SyncMeta | undefined) ?? DEFAULT_META()
    await tx.store.put({ ...current, ...patch }, 'sync')
    await tx.done
  }

  async user(): Promise<Me | null> {
    return ((await this.db.get('meta', 'user')) as Me | undefined) ?? null
  }

  async setUser(me: Me): Promise<void> {
    await this.db.put('meta', me, 'user')
    await this.setMeta({ userId: me.id })
  }

  async records(): Promise<Records> {
    const tx = this.db.transaction(COLLECTIONS, 'readonly')
    const lists = await Promise.all(COLLECTIONS.map((name) => tx.objectStore(name).getAll()))
    return Object.fromEntries(COLLECTIONS.map((name, i) => [name, lists[i]])) as unknown as Records
  }

  communes(): Promise<CommuneRecord[]> {
    return this.db.getAll('communes')
  }

  entries(): Promise<OutboxEntry[]> {
    return this.db.getAll('outbox')
  }

  async addEntry(entry: NewEntry): Promise<OutboxEntry> {
    // The key path fills `seq`; the cast is the one place a NewEntry becomes an entry.
    const seq = await this.db.add('outbox', entry as OutboxEntry)
    return { ...entry, seq }
  }

  async putEntries(entries: readonly OutboxEntry[]): Promise<void> {
    const tx = this.db.transaction('outbox', 'readwrite')
    await Promise.all([...entries.map((e) => tx.store.put(e)), tx.done])
  }

  async deleteEntry(seq: number): Promise<void> {
    await this.db.delete('outbox', seq)
  }

  async applyOutcomes(outcomes: readonly Outcome[]): Promise<void> {
    const tx = this.db.transaction([...COLLECTIONS, 'outbox'] as const, 'readwrite')
    const writes: Promise<unknown>[] = []
    for (const outcome of outcomes) {
      if (outcome.kind === 'applied') {
        writes.push(tx.objectStore('outbox').delete(outcome.entry.seq))
        if (outcome.record && outcome.collection) writes.push(tx.objectStore(outcome.collection).put(outcome.record as never))
      } else {
        writes.push(tx.objectStore('outbox').put(outcome.entry))
        if (outcome.kind === 'conflict' && outcome.collection) writes.push(tx.objectStore(outcome.collection).put(outcome.record as never))
      }
    }
    await Promise.all([...writes, tx.done])
  }

  async applyPull(page: PullPage, at: string): Promise<void> {
    const tx = this.db.transaction([...RECORD_STORES, 'meta'] as const, 'readwrite')
    const writes: Promise<unknown>[] = []
    if (page.reset) for (const name of RECORD_STORES) writes.push(tx.objectStore(name).clear())
    for (const commune of page.communes ?? []) writes.push(tx.objectStore('communes').put(commune))
    for (const name of COLLECTIONS) for (const record of page[name] ?? []) writes.push(tx.objectStore(name).put(record as never))
    for (const removed of page.deletes) {
      const name = ENTITY_COLLECTION[removed.entity]
      if (name) writes.push(tx.objectStore(name).delete(removed.id))
    }
    const meta = tx.objectStore('meta')
    const current = ((await meta.get('sync')) as SyncMeta | undefined) ?? DEFAULT_META()
    // `complete` stays true through later incremental pages; a reset starts a new full download.
    const complete = page.reset ? !page.more : current.complete || !page.more
    const reviewPolicy = pulledReviewPolicy(page)
    const caseRules = pulledCaseRules(page)
    const settings = {
      ...(reviewPolicy ? { reviewPolicy } : {}),
      ...(caseRules ? { caseRules } : {}),
      ...(page.certification ? { certification: page.certification } : {}),
    }
    writes.push(meta.put({ ...current, cursor: page.cursor, complete, ...(page.more ? {} : { lastSyncedAt: at }), ...settings }, 'sync'))
    await Promise.all([...writes, tx.done])
  }

  async putRecord(collection: Collection, record: Record<string, unknown>): Promise<void> {
    await this.db.put(collection, record as never)
  }

  async version(collection: Collection, id: string): Promise<number | undefined> {
    const record = (await this.db.get(collection, id)) as { version?: unknown } | undefined
    return typeof record?.version === 'number' ? record.version : undefined
  }

  async wipe(): Promise<void> {
    const tx = this.db.transaction(ALL_STORES, 'readwrite')
    const meta = tx.objectStore('meta')
    const current = (await meta.get('sync')) as SyncMeta | undefined
    await Promise.all([...ALL_STORES.map((name) => tx.objectStore(name).clear()), tx.done])
    if (current) await this.db.put('meta', { ...DEFAULT_META(), deviceId: current.deviceId }, 'sync')
  }

  close(): void {
    this.db.close()
  }
}
