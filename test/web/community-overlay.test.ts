// The phone's view of the activity log and community models (decision 0033): queued changes are replayed with
// the kernel's commands on the local records, shown at once and marked pending; a second queued correction of a
// line waits for the version the first makes.
import { describe, expect, it } from 'vitest'
import type { ActivityRecord, ModelRecord } from '../../kernel/community-records.ts'
import { mustChain } from '../../web/src/offline/outbox.ts'
import { overlay } from '../../web/src/offline/overlay.ts'
import type { Records } from '../../web/src/offline/types.ts'
import { emptyRecords, entry, person, uuid } from './offline-fixtures.ts'

const stamps = { version: 1, createdAt: '2026-02-01T02:00:00.000Z', createdBy: null, updatedAt: '2026-02-01T02:00:00.000Z', updatedBy: null }
const club = (): ModelRecord => ({
  id: uuid(),
  communeCode: '29999',
  kind: 'b93_club',
  name: 'CLB B93 (thử)',
  decision: { number: '3/QĐ-UBND', date: '2026-01-10', signer: 'Chủ tịch (thử)', signerRole: 'commune_chair', body: 'UBND xã (thử)' },
  helpers: [{ name: 'Cán bộ (thử)', organisation: 'Công an xã', role: 'chủ nhiệm' }],
  status: 'active',
  dissolvedOn: null,
  ...stamps,
})
const line = (): ActivityRecord => ({
  id: uuid(),
  communeCode: '29999',
  kind: 'broadcast',
  heldOn: '2026-02-10',
  organiser: 'commune',
  topic: null,
  count: 25,
  participants: null,
  traineeGroup: null,
  casesOpened: null,
  valueVnd: null,
  ...stamps,
})
const records = (over: Partial<Records>): Records => ({ ...emptyRecords(), ...over })

describe('overlay of the activity log and models', () => {
  it('shows a session and a member queued offline on the club, pending', () => {
    const model = club()
    const member = person({ category: 'post_rehab', status: 'post_rehab' })
    const sessionId = uuid()
    const memberId = uuid()
    const view = overlay(records({ persons: [member], models: [model] }), [
      entry({
        seq: 1,
        personId: model.id,
        type: 'model_session.create',
        entityId: sessionId,
        data: { modelId: model.id, heldOn: '2026-03-01', attendance: 7 },
      }),
      entry({
        seq: 2,
        personId: model.id,
        type: 'model.member_add',
        entityId: memberId,
        data: { modelId: model.id, personId: member.id, joinedOn: '2026-03-01' },
      }),
    ])
    expect(view.modelSessions).toEqual([expect.objectContaining({ id: sessionId, modelId: model.id, communeCode: '29999', attendance: 7 })])
    expect(view.modelMembers).toEqual([expect.objectContaining({ id: memberId, personId: member.id, leftOn: null })])
    expect(view.pending.has(sessionId) && view.pending.has(memberId)).toBe(true)
  })

  it('refuses on the phone what the server refuses: clients on a club, a session before the founding', () => {
    const model = club()
    const view = overlay(records({ models: [model] }), [
      entry({
        seq: 1,
        personId: model.id,
        type: 'model_session.create',
        entityId: uuid(),
        data: { modelId: model.id, heldOn: '2026-03-01', attendance: 7, clientsNew: 1 },
      }),
      entry({ seq: 2, personId: model.id, type: 'model_session.create', entityId: uuid(), data: { modelId: model.id, heldOn: '2025-12-01', attendance: 7 } }),
    ])
    expect(view.modelSessions).toEqual([])
  })

  it('shows a line corrected offline, and its version stays the server’s until the server answers', () => {
    const activity = line()
    const view = overlay(records({ activities: [activity] }), [
      entry({ seq: 1, personId: activity.id, type: 'activity.update', entityId: activity.id, data: { version: 1, count: 30 } }),
    ])
    expect(view.activities).toEqual([expect.objectContaining({ id: activity.id, count: 30, version: 1 })])
    expect(view.pending.has(activity.id)).toBe(true)
    // A second correction waits for the version the first one makes.
    const first = entry({ seq: 1, personId: activity.id, type: 'activity.update', entityId: activity.id, data: { version: 1, count: 30 } })
    expect(mustChain([first], { type: 'activity.update', entityId: activity.id, personId: activity.id })).toBe(true)
    expect(mustChain([first], { type: 'activity.update', entityId: uuid(), personId: uuid() })).toBe(false)
  })

  it('shows a line recorded offline in its commune', () => {
    const id = uuid()
    const view = overlay(records({}), [
      entry({
        seq: 1,
        personId: id,
        type: 'activity.create',
        entityId: id,
        data: { communeCode: '29999', kind: 'public_tips', heldOn: '2026-03-02', organiser: 'police', count: 32, casesOpened: 3 },
      }),
    ])
    expect(view.activities).toEqual([expect.objectContaining({ id, kind: 'public_tips', count: 32, casesOpened: 3, topic: null, communeCode: '29999' })])
  })
})
