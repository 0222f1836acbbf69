// The province's review policy on the phone: carried by GET /sync/pull, kept in the store's meta, used by the
// local caseload instead of the built-in default.
import { describe, expect, it } from 'vitest'
import { pulledReviewPolicy, reviewPolicyOf } from '../../web/src/offline/settings.ts'
import { SyncEngine } from '../../web/src/offline/sync.ts'
import type { PullPage } from '../../web/src/offline/types.ts'
import { overlay } from '../../web/src/offline/overlay.ts'
import { caseload } from '../../web/src/offline/view.ts'
import { MemoryStore, person, plan } from './offline-fixtures.ts'

const page = (partial: Partial<PullPage>): PullPage => ({ cursor: 'c', reset: false, more: false, deletes: [], ...partial })

async function pullInto(store: MemoryStore, pages: PullPage[]) {
  const engine = new SyncEngine({
    store,
    now: () => new Date('2026-03-26T03:00:00Z'),
    random: () => 0.5,
    isOnline: () => true,
    setTimer: () => undefined,
    clearTimer: () => undefined,
    changed: () => undefined,
    exclusive: (fn) => fn(),
    transport: { push: async () => [], pull: async () => pages.shift() ?? page({}) },
  })
  await engine.sync()
}

describe('the pulled review policy', () => {
  it('accepts only what the server could have stored', () => {
    expect(pulledReviewPolicy(page({ settings: { reviewPolicy: { intervalMonths: 2, graceDays: 0 } } }))).toEqual({ intervalMonths: 2, graceDays: 0 })
    expect(pulledReviewPolicy(page({}))).toBeUndefined()
    expect(pulledReviewPolicy(page({ settings: {} }))).toBeUndefined()
    for (const bad of [
      { intervalMonths: 0, graceDays: 7 },
      { intervalMonths: 1.5, graceDays: 7 },
      { intervalMonths: 1, graceDays: 31 },
      { intervalMonths: '1', graceDays: 7 },
    ]) {
      expect(pulledReviewPolicy(page({ settings: { reviewPolicy: bad as never } }))).toBeUndefined()
    }
    expect(reviewPolicyOf({})).toEqual({ intervalMonths: 1, graceDays: 7 })
  })

  it('is stored by a pull, kept through pages without one, and changes the local caseload', async () => {
    const store = new MemoryStore()
    const a = person({ fullName: 'An Thử' })
    // Started 2026-02-10, never reviewed; today 2026-03-26. Monthly: due 03-10, overdue after 03-17.
    await pullInto(store, [page({ reset: true, persons: [a], plans: [plan({ personId: a.id, startOn: '2026-02-10' })] })])
    expect(store.metaValue.reviewPolicy).toBeUndefined()
    const stateNow = () => caseload(overlay(store.data, []), '2026-03-26', reviewPolicyOf(store.metaValue)).data[0]!.nextReview
    expect(stateNow()).toEqual({ dueOn: '2026-03-10', state: 'overdue' })

    await pullInto(store, [page({ settings: { reviewPolicy: { intervalMonths: 2, graceDays: 7 } } })])
    expect(store.metaValue.reviewPolicy).toEqual({ intervalMonths: 2, graceDays: 7 })
    expect(stateNow()).toEqual({ dueOn: '2026-04-10', state: 'upcoming' })

    // An older server's page (no settings) keeps the stored policy.
    await pullInto(store, [page({})])
    expect(stateNow()).toEqual({ dueOn: '2026-04-10', state: 'upcoming' })

    await pullInto(store, [page({ settings: { reviewPolicy: { intervalMonths: 1, graceDays: 20 } } })])
    expect(stateNow()).toEqual({ dueOn: '2026-03-10', state: 'due' })

    // Signing out forgets it with the records.
    await store.wipe()
    expect(reviewPolicyOf(store.metaValue)).toEqual({ intervalMonths: 1, graceDays: 7 })
  })
})
