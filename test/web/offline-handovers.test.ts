// Hand-overs and monitoring orders in the phone's store (decision 0039): a queued answer shows at once through the
// kernel's decide, an accepted move from another province shows its person, the home screen's due work counts a
// hand-over by the hour as the hand-over screen does, and the person's timeline has the law's records offline as the
// server's has them (one kernel function).
import { describe, expect, it } from 'vitest'
import { DEFAULT_CASE_RULES } from '../../kernel/domain/case-rules.ts'
import { handoverDue } from '../../kernel/domain/handover.ts'
import { legalEvents } from '../../kernel/domain/legal-timeline.ts'
import type { HandoverRecord, MonitoringRecord, ReferralRecord } from '../../kernel/records.ts'
import { overlay } from '../../web/src/offline/overlay.ts'
import { personView } from '../../web/src/offline/view.ts'
import { dueWorkOf } from '../../web/src/offline/work.ts'
import { COLLECTIONS, ENTITY_COLLECTION, RESULT_COLLECTION, type Records } from '../../web/src/offline/types.ts'
import { emptyRecords, entry, person, uuid } from './offline-fixtures.ts'

const MINE = '29999'
const OTHER = '29998'
const empty = (): Records => ({ ...emptyRecords(), handovers: [], monitoring: [] })
const stamps = { version: 1, createdAt: '2026-11-23T16:00:00.000Z', createdBy: 'officer-a', updatedAt: '2026-11-23T16:00:00.000Z', updatedBy: 'officer-a' }

function handover(partial: Partial<HandoverRecord> = {}): HandoverRecord {
  return {
    id: uuid(),
    personId: null,
    communeCode: MINE,
    toProvinceCode: '82',
    fromCommuneCode: '00001',
    fromProvinceCode: '01',
    movedOn: '2026-11-23',
    // 23:00 in Vietnam: due at 23:00 the next day.
    notifiedAt: '2026-11-23T16:00:00.000Z',
    note: null,
    decision: null,
    subject: {
      fullName: 'Đinh Văn Chuyển Đến',
      birthDate: '1991-01-01',
      citizenId: '001091000099',
      category: 'dependent',
      status: 'in_rehab',
      sex: 'male',
      registeredOn: '2025-06-01',
    },
    status: 'pending',
    respondedAt: null,
    respondedBy: null,
    declineReason: null,
    ...stamps,
    ...partial,
  }
}

describe("the phone's store of hand-overs and monitoring", () => {
  it('keeps them as collections of their own, their pulled deletes and the answers of their changes', () => {
    expect(COLLECTIONS).toEqual(expect.arrayContaining(['handovers', 'monitoring']))
    expect(ENTITY_COLLECTION.handover).toBe('handovers')
    expect(ENTITY_COLLECTION.monitoring).toBe('monitoring')
    for (const type of ['handover.create', 'handover.accept', 'handover.decline'] as const) expect(RESULT_COLLECTION[type]).toBe('handovers')
    for (const type of ['monitoring.create', 'monitoring.end'] as const) expect(RESULT_COLLECTION[type]).toBe('monitoring')
  })
})

describe('hand-overs due on the home screen, offline', () => {
  const incoming = handover()
  const outgoing = handover({ communeCode: OTHER, fromCommuneCode: MINE, fromProvinceCode: '82', toProvinceCode: '82', personId: 'p-away' })
  const records = { ...empty(), handovers: [incoming, outgoing] }
  const context = (now: string) => ({ rules: DEFAULT_CASE_RULES, communes: new Set([MINE]), now: new Date(now) })

  it('lists only those to the officer’s communes, due by the hour as the hand-over screen counts them', () => {
    const view = overlay(records, [])
    // 22:00 the next day in Vietnam: one hour left, still due (a count in days would have called it due too).
    const before = dueWorkOf(view, '2026-11-24', context('2026-11-24T15:00:00.000Z'))
    expect(before).toEqual([expect.objectContaining({ kind: 'handover_to_accept', refId: incoming.id, state: 'due', hoursLeft: 1, daysOverdue: 0 })])
    // 01:00 the day after: two hours overdue — overdue at once, not only from the next Vietnam day.
    const after = dueWorkOf(view, '2026-11-25', context('2026-11-24T18:00:00.000Z'))
    expect(after).toEqual([expect.objectContaining({ state: 'overdue', hoursLeft: -2, daysOverdue: 1, fullName: 'Đinh Văn Chuyển Đến' })])
    // The same count as the hand-over screen's (kernel handoverDue).
    expect(handoverDue(incoming, DEFAULT_CASE_RULES, new Date('2026-11-24T18:00:00.000Z'))).toMatchObject({ overdue: true, hoursLeft: -2 })
  })

  it('leaves the list at once when the officer accepts offline, and shows the person the acceptance registers', () => {
    const accept = entry({ seq: 1, personId: incoming.id, type: 'handover.accept', entityId: incoming.id, data: { version: 1 } })
    const view = overlay(records, [accept])
    expect(dueWorkOf(view, '2026-11-24', context('2026-11-24T03:00:00.000Z'))).toEqual([])
    expect(view.handovers?.find((h) => h.id === incoming.id)).toMatchObject({ status: 'accepted', personId: incoming.id })
    expect(view.pending.has(incoming.id)).toBe(true)
    // From another province: the person is made here from the fields that crossed, as the server will make them.
    expect(personView(view, incoming.id)?.person).toMatchObject({
      fullName: 'Đinh Văn Chuyển Đến',
      citizenId: '001091000099',
      communeCode: MINE,
      sex: 'male',
      source: 'handover',
      registeredOn: '2025-06-01',
      status: 'awaiting_registration',
    })
  })

  it('links an accepted hand-over to a person the phone already holds under that citizen ID, making no one', () => {
    const known = person({ citizenId: '001091000099', communeCode: MINE })
    const accept = entry({ seq: 1, personId: incoming.id, type: 'handover.accept', entityId: incoming.id, data: { version: 1 } })
    const view = overlay({ ...records, persons: [known] }, [accept])
    expect(view.persons).toHaveLength(1)
    expect(view.handovers?.find((h) => h.id === incoming.id)).toMatchObject({ status: 'accepted', personId: known.id })
  })

  it('a decline queued offline leaves the list too; a stale one (already answered) is not shown as made', () => {
    const decline = entry({
      seq: 1,
      personId: incoming.id,
      type: 'handover.decline',
      entityId: incoming.id,
      data: { version: 1, reason: 'Không cư trú (thử)' },
    })
    expect(dueWorkOf(overlay(records, [decline]), '2026-11-24', context('2026-11-24T03:00:00.000Z'))).toEqual([])
    const answered = { ...records, handovers: [{ ...incoming, status: 'accepted' as const, version: 2 }] }
    expect(overlay(answered, [decline]).handovers?.[0]).toMatchObject({ status: 'accepted' })
  })
})

describe("a person's page offline", () => {
  it('shows a move queued offline, and the law’s records in the timeline as the server builds them', () => {
    const p = person({ id: uuid(), communeCode: MINE, status: 'compulsory_rehab' })
    const order: MonitoringRecord = {
      id: uuid(),
      personId: p.id,
      communeCode: MINE,
      context: 'post_rehab',
      startOn: '2026-11-01',
      endOn: null,
      status: 'active',
      decision: { number: '05/QĐ-CAX (thử)', date: '2026-11-01', signer: 'Trưởng Công an (thử)', signerRole: 'commune_police_chief', body: 'Công an xã (thử)' },
      endDecision: null,
      ...stamps,
    }
    const refused: ReferralRecord = {
      id: uuid(),
      personId: p.id,
      communeCode: MINE,
      ground: 'relapse_post_rehab',
      dossierOn: '2026-11-02',
      submittedOn: null,
      status: 'referred',
      courtDecision: null,
      facility: null,
      admittedOn: null,
      returnedOn: null,
      returnDecision: null,
      postRehabId: null,
      note: null,
      ...stamps,
    }
    const court = { number: '7/QĐ-TA (thử)', date: '2026-11-10', signer: 'Thẩm phán (thử)', signerRole: 'court', body: 'Tòa án (thử)' }
    const move = uuid()
    const view = overlay({ ...empty(), persons: [p], monitoring: [order], referrals: [refused] }, [
      entry({ seq: 1, personId: p.id, type: 'referral.refuse', entityId: refused.id, data: { version: 1, decision: court } }),
      entry({ seq: 2, personId: p.id, type: 'handover.create', entityId: move, data: { personId: p.id, toCommuneCode: OTHER, movedOn: '2026-11-20' } }),
    ])
    const page = personView(view, p.id, legalEvents)!
    // The court's refusal, laid over by its command: the status follows from the records.
    expect(page.person.status).not.toBe('compulsory_rehab')
    expect(view.referrals[0]).toMatchObject({ status: 'refused', courtDecision: court })
    const kinds = page.events.map((e) => e.kind)
    expect(kinds).toEqual(expect.arrayContaining(['handover', 'monitoring', 'referral']))
    expect(page.events.find((e) => e.kind === 'handover')).toMatchObject({ refId: move, on: '2026-11-20', summary: { status: 'pending', to: OTHER } })
    expect(page.events.find((e) => e.kind === 'referral')).toMatchObject({ on: '2026-11-10', summary: { status: 'refused', decisionNumber: court.number } })
    // Exactly the events the server's timeline makes of the same records.
    const own = <R extends { personId: string | null }>(list: readonly R[] | undefined) => (list ?? []).filter((r) => r.personId === p.id)
    const server = legalEvents({
      managementPeriods: [],
      handovers: own(view.handovers),
      monitoring: own(view.monitoring),
      determinations: [],
      referrals: own(view.referrals),
      methadone: [],
    })
    expect(page.events.filter((e) => ['handover', 'monitoring', 'referral'].includes(e.kind))).toEqual(expect.arrayContaining(server))
  })
})
