import { describe, expect, it } from 'vitest'
import { ApiError } from '../../web/src/api.ts'
import { SyncEngine, type Transport } from '../../web/src/offline/sync.ts'
import type { PullPage, PushResult } from '../../web/src/offline/types.ts'
import { MemoryStore, person, plan, uuid } from './offline-fixtures.ts'

type Change = Parameters<Transport['push']>[1][number]

/** A fake server: answers every key once and remembers it (as the real one does), pages from a list. */
function fakeServer(answer: (change: Change) => PushResult = (c) => ({ key: c.key, status: 'applied', record: { id: c.entityId, version: 1 } })) {
  const receipts = new Map<string, PushResult>()
  const pushes: Change[][] = []
  const pages: PullPage[] = []
  let fail: ApiError | null = null
  const transport: Transport = {
    async push(_deviceId, changes) {
      if (fail) throw fail
      pushes.push(changes)
      return changes.map((c) => {
        if (!receipts.has(c.key)) receipts.set(c.key, answer(c))
        return receipts.get(c.key)!
      })
    },
    async pull(cursor) {
      if (fail) throw fail
      return pages.shift() ?? { cursor: cursor ?? 'c0', reset: false, more: false, deletes: [] }
    },
  }
  return {
    transport,
    pushes,
    pages,
    receipts,
    failWith: (e: ApiError | null) => {
      fail = e
    },
  }
}

function engineFor(store: MemoryStore, transport: Transport, online = { value: true }, changed = () => undefined) {
  const timers: { fn: () => void; ms: number }[] = []
  const engine = new SyncEngine({
    store,
    transport,
    now: () => new Date('2026-03-26T03:00:00Z'),
    random: () => 0.5,
    isOnline: () => online.value,
    setTimer: (fn, ms) => timers.push({ fn, ms }),
    clearTimer: () => undefined,
    changed,
    exclusive: (fn) => fn(),
  })
  return { engine, timers }
}

const review = (personId: string) => ({
  key: uuid(),
  type: 'review.create' as const,
  entityId: uuid(),
  personId,
  data: { personId, reviewedOn: '2026-03-20', attended: true, drugTest: 'negative', riskLevel: 'low' },
  queuedAt: '2026-03-26T02:00:00Z',
  state: 'pending' as const,
  chained: false,
  attempts: 0,
})

describe('sync engine', () => {
  it('sends the queue, stores the server’s records, pulls, and leaves nothing pending', async () => {
    const store = new MemoryStore()
    const a = person()
    await store.addEntry(review(a.id))
    const server = fakeServer()
    server.pages.push({ cursor: 'c1', reset: false, more: false, persons: [a], communes: [{ code: '29999', name: 'Xã Thử' }], deletes: [] })
    await engineFor(store, server.transport).engine.sync()
    expect(server.pushes).toHaveLength(1)
    expect(store.outbox).toEqual([])
    expect(store.data.reviews).toHaveLength(1)
    expect(store.data.persons.map((p) => p.id)).toEqual([a.id])
    expect(store.metaValue).toMatchObject({ cursor: 'c1', complete: true, lastSyncedAt: '2026-03-26T03:00:00.000Z' })
  })

  it('sends a person’s changes one after another, in order, in one run', async () => {
    const store = new MemoryStore()
    const first = await store.addEntry(review('a'))
    const second = await store.addEntry(review('a'))
    const other = await store.addEntry(review('b'))
    const server = fakeServer()
    await engineFor(store, server.transport).engine.sync()
    expect(server.pushes.map((batch) => batch.map((c) => c.key))).toEqual([[first.key, other.key], [second.key]])
    expect(store.outbox).toEqual([])
  })

  it('answers a resent key from the server’s receipt: a change lost on the way back is applied exactly once', async () => {
    const store = new MemoryStore()
    const queued = await store.addEntry(review('a'))
    const server = fakeServer()
    // The first push reaches the server, but its answer never reaches the phone.
    const lost = {
      ...server.transport,
      push: async (d: string, c: Change[]) => {
        await server.transport.push(d, c)
        throw new ApiError('network', 0, 'network')
      },
    }
    const { engine, timers } = engineFor(store, lost)
    await engine.sync()
    expect(store.outbox.map((e) => e.key)).toEqual([queued.key])
    expect(engine.state).toMatchObject({ phase: 'retrying', lastError: 'network' })
    expect(timers.at(-1)!.ms).toBe(1_500)
    await engineFor(store, server.transport).engine.sync()
    expect(server.pushes.map((batch) => batch.map((c) => c.key))).toEqual([[queued.key], [queued.key]])
    expect(server.receipts.size).toBe(1)
    expect(store.outbox).toEqual([])
  })

  it('backs off longer after each failed attempt', async () => {
    const store = new MemoryStore()
    await store.addEntry(review('a'))
    const server = fakeServer()
    server.failWith(new ApiError('http_error', 503, 'unavailable'))
    const { engine, timers } = engineFor(store, server.transport)
    for (let i = 0; i < 4; i++) await engine.sync()
    expect(timers.map((t) => t.ms)).toEqual([1_500, 3_000, 6_000, 12_000])
  })

  it('sends a change answered retryable again under the same key, until the server applies it, exactly once', async () => {
    const store = new MemoryStore()
    const queued = await store.addEntry(review('a'))
    // The server does not have what the review depends on yet: it answers retryable and stores nothing.
    let arrived = false
    const receipts = new Map<string, PushResult>()
    const pushes: string[][] = []
    const transport: Transport = {
      async push(_deviceId, changes) {
        pushes.push(changes.map((c) => c.key))
        return changes.map((c): PushResult => {
          if (!arrived) return { key: c.key, status: 'not_found', error: { code: 'not_found', message: 'Not found' }, retryable: true }
          if (!receipts.has(c.key)) receipts.set(c.key, { key: c.key, status: 'applied', record: { id: c.entityId, version: 1 } })
          return receipts.get(c.key)!
        })
      },
      async pull(cursor) {
        return { cursor: cursor ?? 'c0', reset: false, more: false, deletes: [] }
      },
    }
    const { engine, timers } = engineFor(store, transport)
    await engine.sync()
    expect(store.outbox).toMatchObject([{ key: queued.key, state: 'pending', attempts: 1 }])
    expect(store.outbox[0]!.error).toBeUndefined()
    expect(engine.state.phase).toBe('retrying')
    arrived = true
    timers.at(-1)!.fn()
    await engine.sync()
    expect(pushes).toEqual([[queued.key], [queued.key]])
    expect(receipts.size).toBe(1)
    expect(store.outbox).toEqual([])
    expect(store.data.reviews.map((r) => r.id)).toEqual([queued.entityId])
  })

  it('keeps everything queued on a 401 and sends nothing until resumed', async () => {
    const store = new MemoryStore()
    await store.addEntry(review('a'))
    const server = fakeServer()
    server.failWith(new ApiError('unauthenticated', 401, 'expired'))
    const { engine, timers } = engineFor(store, server.transport)
    await engine.sync()
    expect(engine.state.phase).toBe('paused')
    expect(timers).toEqual([])
    server.failWith(null)
    await engine.sync()
    expect(server.pushes).toEqual([])
    engine.resume()
    await engine.sync()
    expect(store.outbox).toEqual([])
  })

  it('does not try while offline', async () => {
    const store = new MemoryStore()
    await store.addEntry(review('a'))
    const server = fakeServer()
    const { engine } = engineFor(store, server.transport, { value: false })
    await engine.sync()
    expect(engine.state.phase).toBe('offline')
    expect(server.pushes).toEqual([])
  })

  it('keeps a conflict with the server’s record, and holds the person’s later changes behind it', async () => {
    const store = new MemoryStore()
    const a = person({ version: 2 })
    store.data.persons = [a]
    const update = await store.addEntry({ ...review(a.id), type: 'person.update', entityId: a.id, data: { notes: 'mine', version: 1 } })
    await store.addEntry(review(a.id))
    const server = fakeServer((c) =>
      c.type === 'person.update' ? { key: c.key, status: 'conflict', record: { ...a, notes: 'theirs', version: 3 } } : { key: c.key, status: 'applied' },
    )
    await engineFor(store, server.transport).engine.sync()
    expect(server.pushes).toHaveLength(1)
    expect(store.outbox.map((e) => [e.seq, e.state])).toEqual([
      [update.seq, 'conflict'],
      [update.seq + 1, 'pending'],
    ])
    expect(store.outbox[0]!.server).toMatchObject({ notes: 'theirs', version: 3 })
    expect(store.data.persons[0]).toMatchObject({ notes: 'theirs', version: 3 })
  })

  it('bases a chained update on the version the previous change produced', async () => {
    const store = new MemoryStore()
    const a = person({ version: 1 })
    store.data.persons = [a]
    await store.addEntry({ ...review(a.id), type: 'person.update', entityId: a.id, data: { notes: 'one', version: 1 } })
    await store.addEntry({ ...review(a.id), type: 'person.update', entityId: a.id, data: { notes: 'two', version: 1 }, chained: true })
    let version = 1
    const server = fakeServer((c) =>
      c.data.version === version
        ? { key: c.key, status: 'applied', record: { ...a, ...c.data, version: ++version } }
        : { key: c.key, status: 'conflict', record: { ...a, version } },
    )
    await engineFor(store, server.transport).engine.sync()
    expect(server.pushes.map((b) => b.map((c) => c.data))).toEqual([[{ notes: 'one', version: 1 }], [{ notes: 'two', version: 2 }]])
    expect(store.outbox).toEqual([])
    expect(store.data.persons[0]).toMatchObject({ notes: 'two', version: 3 })
  })

  it('bases a chained update on the version the server answered, not on a later pull (someone else’s change is a conflict)', async () => {
    const store = new MemoryStore()
    const a = person({ version: 1 })
    store.data.persons = [a]
    await store.addEntry({ ...review(a.id), type: 'person.update', entityId: a.id, data: { notes: 'one', version: 1 } })
    await store.addEntry({ ...review(a.id), type: 'person.update', entityId: a.id, data: { notes: 'two', version: 1 }, chained: true })
    const server = fakeServer((c) => ({ key: c.key, status: 'applied', record: { ...a, ...c.data, version: Number(c.data.version) + 1 } }))
    // Between the two pushes another phone changed the person: the pull brings version 3.
    server.pages.push({ cursor: 'c1', reset: false, more: false, persons: [{ ...a, notes: 'elsewhere', version: 3 }], deletes: [] })
    await engineFor(store, server.transport).engine.sync()
    expect(server.pushes.map((b) => b.map((c) => c.data.version))).toEqual([[1], [2]])
  })

  it('bases a person update queued after a plan status change on the person as pulled after it', async () => {
    const store = new MemoryStore()
    const a = person({ version: 4 })
    store.data.persons = [a]
    await store.addEntry({ ...review(a.id), type: 'plan.transition', entityId: 'plan-1', data: { to: 'active', version: 1 } })
    await store.addEntry({ ...review(a.id), type: 'person.update', entityId: a.id, data: { notes: 'x', version: 4 }, chained: true })
    const server = fakeServer((c) => ({ key: c.key, status: 'applied', record: { id: c.entityId, version: 2 } }))
    server.pages.push({ cursor: 'c1', reset: false, more: false, persons: [{ ...a, status: 'in_rehab', version: 5 }], deletes: [] })
    await engineFor(store, server.transport).engine.sync()
    expect(server.pushes.map((b) => b.map((c) => [c.type, c.data.version]))).toEqual([[['plan.transition', 1]], [['person.update', 5]]])
  })

  it('completes a plan queued offline: the plan from its answer, the post-rehab record from the pull, then what was queued behind it', async () => {
    const store = new MemoryStore()
    const a = person({ status: 'in_rehab', version: 2 })
    const p = plan({ personId: a.id, version: 1, status: 'draft' })
    store.data.persons = [a]
    store.data.plans = [p]
    const postRehabId = uuid()
    const base = review(a.id)
    await store.addEntry({ ...base, type: 'plan.transition', entityId: p.id, data: { to: 'active', version: 1 } })
    // Completed offline right after the activation: based on the version the activation will produce.
    await store.addEntry({
      ...base,
      key: uuid(),
      type: 'plan.complete',
      entityId: p.id,
      data: { version: 1, postRehabId, completionNumber: 'GXN (thử)', completionDate: '2026-03-25' },
      chained: true,
    })
    await store.addEntry({
      ...base,
      key: uuid(),
      type: 'follow_up.create',
      entityId: uuid(),
      data: { postRehabId, contactedOn: '2026-03-26', method: 'phone' },
    })
    await store.addEntry({ ...base, key: uuid(), type: 'person.update', entityId: a.id, data: { notes: 'x', version: 2 }, chained: true })
    const record = {
      id: postRehabId,
      personId: a.id,
      planId: p.id,
      status: 'active',
      startOn: '2026-03-25',
      endOn: '2027-03-25',
      supportModel: 'b93_club',
      supporterName: 'TNV',
      relapseOn: null,
      relapseNote: null,
      version: 1,
      createdAt: '2026-03-26T03:00:00.000Z',
    }
    const server = fakeServer((c) =>
      c.type === 'plan.transition'
        ? { key: c.key, status: 'applied', record: { ...p, status: 'active', version: 2 } }
        : c.type === 'plan.complete'
          ? { key: c.key, status: 'applied', record: { ...p, status: 'completed', version: Number(c.data.version) + 1 } }
          : { key: c.key, status: 'applied', record: { id: c.entityId, version: 1 } },
    )
    server.pages.push({ cursor: 'c1', reset: false, more: false, persons: [{ ...a, status: 'in_rehab', version: 3 }], deletes: [] })
    server.pages.push({
      cursor: 'c2',
      reset: false,
      more: false,
      persons: [{ ...a, status: 'post_rehab', category: 'post_rehab', version: 4 }],
      postRehab: [record as never],
      deletes: [],
    })
    // What the screens would read each time they are told the store changed: never the completed plan without its record.
    const seen: [boolean, number][] = []
    const changed = () => void seen.push([store.outbox.some((e) => e.type === 'plan.complete'), store.data.postRehab.length])
    await engineFor(store, server.transport, { value: true }, changed).engine.sync()
    expect(seen.filter(([queued, records]) => !queued && records === 0)).toEqual([])
    expect(server.pushes.map((b) => b.map((c) => [c.type, c.data.version]))).toEqual([
      [['plan.transition', 1]],
      [['plan.complete', 2]],
      [['follow_up.create', undefined]],
      [['person.update', 4]],
    ])
    expect(store.outbox).toEqual([])
    expect(store.data.plans).toMatchObject([{ id: p.id, status: 'completed', version: 3 }])
    expect(store.data.postRehab).toEqual([record])
  })

  it('tells a waiting form its change applied only once the pull after it is stored (the next step is based on it)', async () => {
    const store = new MemoryStore()
    const a = person()
    const server = fakeServer((c) => ({ key: c.key, status: 'applied', record: { id: c.entityId, version: 2 } }))
    let releasePull: () => void = () => undefined
    const held = new Promise<void>((resolve) => {
      releasePull = resolve
    })
    const pulled = { ...a, version: 2 }
    const transport: Transport = {
      push: server.transport.push,
      async pull() {
        await held
        return { cursor: 'c1', reset: false, more: false, persons: [pulled], deletes: [] }
      },
    }
    const { engine } = engineFor(store, transport)
    const entry = await store.addEntry(review(a.id))
    let settled: unknown = null
    const waiting = engine.syncAndWait(entry.key, 10_000).then((s) => {
      settled = s
    })
    // The push has been answered (the entry left the outbox) while the pull is still on its way.
    await expect.poll(() => store.outbox.length, { timeout: 2_000 }).toBe(0)
    await new Promise((resolve) => setTimeout(resolve, 20))
    expect(settled).toBeNull()
    releasePull()
    await waiting
    expect(settled).toEqual({ kind: 'applied' })
    expect(store.data.persons).toMatchObject([{ id: a.id, version: 2 }])
  })

  it('settles a waiting form: applied, refused, or queued when offline', async () => {
    const store = new MemoryStore()
    const server = fakeServer((c) =>
      c.data.reviewedOn === 'bad' ? { key: c.key, status: 'invalid', error: { code: 'validation_failed', message: 'no' } } : { key: c.key, status: 'applied' },
    )
    const online = { value: true }
    const { engine } = engineFor(store, server.transport, online)
    const good = await store.addEntry(review('a'))
    expect(await engine.syncAndWait(good.key, 10_000)).toEqual({ kind: 'applied' })
    const bad = await store.addEntry({ ...review('b'), data: { reviewedOn: 'bad' } })
    expect(await engine.syncAndWait(bad.key, 10_000)).toMatchObject({ kind: 'rejected', entry: { error: { status: 'invalid' } } })
    await engine.sync()
    online.value = false
    const later = await store.addEntry(review('c'))
    expect(await engine.syncAndWait(later.key, 10_000)).toEqual({ kind: 'queued' })
  })
})
