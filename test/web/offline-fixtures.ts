// Factories for the offline tests: obviously fake people and an in-memory OfflineStore (no IndexedDB in Node).
import type { Me } from '../../kernel/contract/identity.ts'
import type { Outcome } from '../../web/src/offline/outbox.ts'
import { pulledReviewPolicy } from '../../web/src/offline/settings.ts'
import type { OfflineStore } from '../../web/src/offline/store.ts'
import {
  COLLECTIONS,
  ENTITY_COLLECTION,
  type Collection,
  type CommuneRecord,
  type NewEntry,
  type OutboxEntry,
  type PersonRecord,
  type PlanRecord,
  type PullPage,
  type Records,
  type SyncMeta,
} from '../../web/src/offline/types.ts'

let counter = 0
export const uuid = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`

export function entry(partial: Partial<OutboxEntry> & Pick<OutboxEntry, 'seq' | 'personId'>): OutboxEntry {
  return {
    key: uuid(),
    type: 'review.create',
    entityId: uuid(),
    data: {},
    queuedAt: '2026-03-01T02:00:00.000Z',
    state: 'pending',
    chained: false,
    attempts: 0,
    ...partial,
  }
}

export function person(partial: Partial<PersonRecord> = {}): PersonRecord {
  return {
    id: uuid(),
    fullName: 'Nguyễn Thị Thử Nghiệm',
    birthDate: '1990-05-01',
    sex: 'female',
    citizenId: '001190000001',
    communeCode: '29999',
    addressDetail: null,
    phone: null,
    category: 'dependent',
    status: 'under_management',
    addictionDeterminedOn: '2026-01-01',
    addictionDeterminedBy: 'Trạm Y tế (thử)',
    notes: null,
    version: 1,
    createdAt: '2026-01-05T03:00:00.000Z',
    updatedAt: '2026-01-05T03:00:00.000Z',
    ...partial,
  }
}

export function plan(partial: Partial<PlanRecord> & Pick<PlanRecord, 'personId'>): PlanRecord {
  return {
    id: uuid(),
    status: 'active',
    form: 'family',
    registeredOn: '2026-01-10',
    startOn: '2026-01-10',
    plannedEndOn: '2026-08-10',
    startDecisionOn: null,
    version: 2,
    members: [{ name: 'Tổ công tác (thử)', role: 'Công an' }],
    stages: [],
    allowedTransitions: ['suspended', 'completed', 'terminated', 'transferred'],
    completionNumber: null,
    completionDate: null,
    createdAt: '2026-01-10T03:00:00.000Z',
    transitions: [
      { from: null, to: 'draft', reason: null, note: null, at: '2026-01-10T03:00:00.000Z' },
      { from: 'draft', to: 'active', reason: null, note: null, at: '2026-01-10T04:00:00.000Z' },
    ],
    ...partial,
  }
}

export const officer: Me = {
  id: 'user-1',
  username: 'demo-commune',
  displayName: 'Cán bộ xã (thử)',
  role: 'commune_officer',
  province: { code: '82', name: 'Tỉnh thử' },
  communes: [{ code: '29999', name: 'Xã Thử' }],
}

/** A phone store that has pulled nothing. */
export const emptyRecords = (): Records => ({
  persons: [],
  plans: [],
  reviews: [],
  postRehab: [],
  followUps: [],
  support: [],
  managementPeriods: [],
  determinations: [],
  referrals: [],
  methadone: [],
})

/** The store's contract in memory, with the same transactions' effects as store.ts. */
export class MemoryStore implements OfflineStore {
  data: Records = emptyRecords()
  outbox: OutboxEntry[] = []
  communeList: CommuneRecord[] = []
  metaValue: SyncMeta = { deviceId: '11111111-1111-4111-8111-111111111111', userId: null, cursor: null, complete: false, lastSyncedAt: null }
  userValue: Me | null = null
  private seq = 0

  async meta() {
    return this.metaValue
  }
  async setMeta(patch: Partial<SyncMeta>) {
    this.metaValue = { ...this.metaValue, ...patch }
  }
  async user() {
    return this.userValue
  }
  async setUser(me: Me) {
    this.userValue = me
    this.metaValue.userId = me.id
  }
  async records() {
    return structuredClone(this.data)
  }
  async communes() {
    return this.communeList
  }
  async entries() {
    return structuredClone(this.outbox)
  }
  async addEntry(e: NewEntry) {
    const added = { ...e, seq: ++this.seq }
    this.outbox.push(added)
    return added
  }
  async putEntries(entries: readonly OutboxEntry[]) {
    for (const e of entries) this.outbox = [...this.outbox.filter((o) => o.seq !== e.seq), e].sort((a, b) => a.seq - b.seq)
  }
  async deleteEntry(seq: number) {
    this.outbox = this.outbox.filter((e) => e.seq !== seq)
  }
  async applyOutcomes(outcomes: readonly Outcome[]) {
    for (const o of outcomes) {
      if (o.kind === 'applied') {
        await this.deleteEntry(o.entry.seq)
        if (o.record && o.collection) this.put(o.collection, o.record)
      } else {
        await this.putEntries([o.entry])
        if (o.kind === 'conflict' && o.collection) this.put(o.collection, o.record)
      }
    }
  }
  async applyPull(page: PullPage, at: string) {
    if (page.reset)
      this.data = {
        persons: [],
        plans: [],
        reviews: [],
        postRehab: [],
        followUps: [],
        support: [],
        managementPeriods: [],
        determinations: [],
        referrals: [],
        methadone: [],
      }
    for (const c of COLLECTIONS) for (const r of page[c] ?? []) this.put(c, r as unknown as Record<string, unknown>)
    for (const d of page.deletes) {
      const c = ENTITY_COLLECTION[d.entity]
      if (c) (this.data[c] as { id: string }[]) = ((this.data[c] ?? []) as { id: string }[]).filter((r) => r.id !== d.id)
    }
    const reviewPolicy = pulledReviewPolicy(page)
    this.metaValue = {
      ...this.metaValue,
      cursor: page.cursor,
      complete: page.reset ? !page.more : this.metaValue.complete || !page.more,
      ...(page.more ? {} : { lastSyncedAt: at }),
      ...(reviewPolicy ? { reviewPolicy } : {}),
    }
  }
  async putRecord(c: Collection, r: Record<string, unknown>) {
    this.put(c, r)
  }
  async version(c: Collection, id: string) {
    return ((this.data[c] ?? []) as { id: string; version?: number }[]).find((r) => r.id === id)?.version
  }
  async wipe() {
    this.data = {
      persons: [],
      plans: [],
      reviews: [],
      postRehab: [],
      followUps: [],
      support: [],
      managementPeriods: [],
      determinations: [],
      referrals: [],
      methadone: [],
    }
    this.outbox = []
    this.userValue = null
    this.metaValue = { deviceId: this.metaValue.deviceId, userId: null, cursor: null, complete: false, lastSyncedAt: null }
  }
  close() {}
  private put(c: Collection, record: Record<string, unknown>) {
    const list = (this.data[c] ?? []) as { id: string }[]
    ;(this.data[c] as unknown[]) = [...list.filter((r) => r.id !== record.id), record]
  }
}
