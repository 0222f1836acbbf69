import { describe, expect, it } from 'vitest'
import { backoffDelay, mustChain, outcomesOf, release, selectBatch, waitingOn } from '../../web/src/offline/outbox.ts'
import { entry } from './offline-fixtures.ts'

describe('selectBatch', () => {
  it('sends changes in queue order, one per person, people independent of each other', () => {
    const entries = [entry({ seq: 3, personId: 'b' }), entry({ seq: 1, personId: 'a' }), entry({ seq: 2, personId: 'a' }), entry({ seq: 4, personId: 'c' })]
    expect(selectBatch(entries).map((e) => e.seq)).toEqual([1, 3, 4])
  })

  it('holds every later change of a person behind a refused or conflicting one', () => {
    const entries = [
      entry({ seq: 1, personId: 'a', state: 'failed' }),
      entry({ seq: 2, personId: 'a' }),
      entry({ seq: 3, personId: 'b', state: 'conflict' }),
      entry({ seq: 4, personId: 'b' }),
      entry({ seq: 5, personId: 'c' }),
    ]
    expect(selectBatch(entries).map((e) => e.seq)).toEqual([5])
    expect([...waitingOn(entries)]).toEqual([
      [2, 1],
      [4, 3],
    ])
  })

  it('never sends a chained change (its version is not known yet) nor anything of that person after it', () => {
    const entries = [entry({ seq: 1, personId: 'a', chained: true }), entry({ seq: 2, personId: 'a' })]
    expect(selectBatch(entries)).toEqual([])
  })

  it('caps a batch at 50 changes', () => {
    const entries = Array.from({ length: 120 }, (_, i) => entry({ seq: i + 1, personId: `p${i}` }))
    const batch = selectBatch(entries)
    expect(batch).toHaveLength(50)
    expect(batch.map((e) => e.seq)).toEqual(Array.from({ length: 50 }, (_, i) => i + 1))
  })
})

describe('mustChain', () => {
  it('chains an update behind a queued update of the same person or a plan status change of that person', () => {
    const queued = [entry({ seq: 1, personId: 'a', type: 'person.update', entityId: 'a' })]
    expect(mustChain(queued, { type: 'person.update', entityId: 'a', personId: 'a' })).toBe(true)
    expect(mustChain(queued, { type: 'person.update', entityId: 'b', personId: 'b' })).toBe(false)
    expect(
      mustChain([entry({ seq: 1, personId: 'a', type: 'plan.transition', entityId: 'plan-a' })], { type: 'person.update', entityId: 'a', personId: 'a' }),
    ).toBe(true)
  })

  it('chains a completion behind a queued status change of its plan, and a person update behind a completion or a relapse', () => {
    const activation = entry({ seq: 1, personId: 'a', type: 'plan.transition', entityId: 'plan-a' })
    expect(mustChain([activation], { type: 'plan.complete', entityId: 'plan-a', personId: 'a' })).toBe(true)
    expect(mustChain([activation], { type: 'plan.complete', entityId: 'plan-b', personId: 'a' })).toBe(false)
    for (const type of ['plan.complete', 'post_rehab.relapse'] as const) {
      expect(mustChain([entry({ seq: 1, personId: 'a', type, entityId: 'x' })], { type: 'person.update', entityId: 'a', personId: 'a' })).toBe(true)
    }
    // Support and contacts carry no version; a relapse right after the completion that opened its record needs none either.
    const completion = entry({ seq: 1, personId: 'a', type: 'plan.complete', entityId: 'plan-a' })
    expect(mustChain([completion], { type: 'post_rehab.relapse', entityId: 'record-a', personId: 'a' })).toBe(false)
    expect(mustChain([completion], { type: 'support.create', entityId: 'support-a', personId: 'a' })).toBe(false)
  })

  it('does not chain a change right after a create (created records start at version 1)', () => {
    const queued = [entry({ seq: 1, personId: 'a', type: 'plan.create', entityId: 'plan-a' })]
    expect(mustChain(queued, { type: 'plan.transition', entityId: 'plan-a', personId: 'a' })).toBe(false)
    expect(
      mustChain([...queued, entry({ seq: 2, personId: 'a', type: 'plan.transition', entityId: 'plan-a' })], {
        type: 'plan.transition',
        entityId: 'plan-a',
        personId: 'a',
      }),
    ).toBe(true)
  })
})

describe('outcomesOf', () => {
  it('maps each answer to its change by key, whatever the order', () => {
    const [a, b, c, d, e] = [1, 2, 3, 4, 5].map((seq) => entry({ seq, personId: `p${seq}` })) as [
      ReturnType<typeof entry>,
      ReturnType<typeof entry>,
      ReturnType<typeof entry>,
      ReturnType<typeof entry>,
      ReturnType<typeof entry>,
    ]
    const outcomes = outcomesOf(
      [a, b, c, d, e],
      [
        { key: b.key, status: 'conflict', record: { id: 'x', version: 3 }, error: { code: 'conflict', message: 'changed meanwhile' } },
        { key: a.key, status: 'applied', record: { id: 'r', version: 1 } },
        {
          key: c.key,
          status: 'invalid',
          error: {
            code: 'validation_failed',
            message: 'Invalid json.reviewedOn',
            details: { issues: [{ field: 'json.reviewedOn', message: 'must not be in the future' }] },
          },
        },
        { key: d.key, status: 'error', error: { code: 'internal', message: 'try again' } },
      ],
    )
    expect(outcomes.map((o) => o.kind)).toEqual(['applied', 'conflict', 'failed', 'retry', 'retry'])
    expect(outcomes[1]!.entry).toMatchObject({ state: 'conflict', server: { id: 'x', version: 3 } })
    expect(outcomes[2]!.entry).toMatchObject({ state: 'failed', error: { status: 'invalid', code: 'validation_failed' } })
    expect(outcomes[3]!.entry).toMatchObject({ state: 'pending', attempts: 1, key: d.key })
    expect(outcomes[4]!.entry).toMatchObject({ state: 'pending', attempts: 1, key: e.key })
  })

  it('keeps refusals for scope or existence as failed with their reason, never drops them', () => {
    const a = entry({ seq: 1, personId: 'a' })
    const b = entry({ seq: 2, personId: 'b' })
    const outcomes = outcomesOf(
      [a, b],
      [
        { key: a.key, status: 'not_found', error: { code: 'not_found', message: 'Not found' } },
        { key: b.key, status: 'forbidden' },
      ],
    )
    expect(outcomes.map((o) => [o.kind, o.entry.error?.status])).toEqual([
      ['failed', 'not_found'],
      ['failed', 'forbidden'],
    ])
  })
})

describe('a retryable answer (what the change depends on has not reached the server yet)', () => {
  it('keeps the change pending under the same key, to be sent again, without a reason to show', () => {
    const a = entry({ seq: 1, personId: 'a', type: 'review.create' })
    const b = entry({ seq: 2, personId: 'b', type: 'person.update', data: { version: 3, notes: 'x' } })
    const outcomes = outcomesOf(
      [a, b],
      [
        { key: a.key, status: 'not_found', error: { code: 'not_found', message: 'Not found' }, retryable: true },
        { key: b.key, status: 'conflict', record: { id: b.entityId, version: 2 }, error: { code: 'conflict', message: 'changed meanwhile' }, retryable: true },
      ],
    )
    expect(outcomes.map((o) => o.kind)).toEqual(['retry', 'retry'])
    for (const [i, original] of [a, b].entries()) {
      expect(outcomes[i]!.entry).toEqual({ ...original, attempts: 1 })
    }
  })
})

describe('release', () => {
  it('bases a chained change on the server version once nothing of that person is ahead of it', () => {
    const entries = [
      entry({ seq: 2, personId: 'a', type: 'person.update', entityId: 'a', chained: true, data: { notes: 'x', version: 1 } }),
      entry({ seq: 3, personId: 'a', chained: true, type: 'person.update', entityId: 'a' }),
    ]
    expect(release(entries, () => 4)).toEqual([{ ...entries[0], chained: false, data: { notes: 'x', version: 4 } }])
    expect(release([entry({ seq: 1, personId: 'a' }), ...entries], () => 4)).toEqual([])
  })
})

describe('backoffDelay', () => {
  it('doubles from 2 s, with jitter between half and all of the step', () => {
    for (let attempt = 0; attempt < 8; attempt++) {
      const step = 2_000 * 2 ** attempt
      expect(backoffDelay(attempt, () => 0)).toBe(step / 2)
      expect(backoffDelay(attempt, () => 0.999999)).toBeLessThanOrEqual(step)
      for (let i = 0; i < 50; i++) {
        const delay = backoffDelay(attempt)
        expect(delay).toBeGreaterThanOrEqual(step / 2)
        expect(delay).toBeLessThanOrEqual(step)
      }
    }
  })

  it('never waits more than 5 minutes, however many attempts failed', () => {
    expect(backoffDelay(50, () => 1)).toBe(300_000)
    expect(backoffDelay(1_000, () => 0)).toBe(150_000)
  })
})

describe('legal records queued offline (decision 0028)', () => {
  it('chains a step behind an earlier step of the same record, and a person update behind a status-moving change', () => {
    const admit = { type: 'referral.admit' as const, entityId: 'r1', personId: 'p1' }
    const queued = [{ ...admit, seq: 1 }] as unknown as Parameters<typeof mustChain>[0]
    expect(mustChain(queued, { type: 'referral.return', entityId: 'r1', personId: 'p1' })).toBe(true)
    expect(mustChain(queued, { type: 'referral.return', entityId: 'r2', personId: 'p1' })).toBe(false)
    expect(mustChain(queued, { type: 'person.update', entityId: 'p1', personId: 'p1' })).toBe(true)
    const create = [{ type: 'determination.create', entityId: 'd1', personId: 'p1', seq: 1 }] as unknown as Parameters<typeof mustChain>[0]
    // A create gives version 1: the result recorded right after it needs no chaining.
    expect(mustChain(create, { type: 'determination.conclude', entityId: 'd1', personId: 'p1' })).toBe(false)
  })
})
