import { describe, expect, it } from 'vitest'
import { completeIssues, followUpIssues, personIssues, planIssues, relapseIssues, reviewIssues, supportIssues } from '../../web/src/offline/checks.ts'

// The server's own rules, run on the phone before a change is queued (fields named as the server names them).
describe('checks before queuing after-care changes', () => {
  const certificate = { number: 'GXN-01 (thử)', date: '2026-08-20', signer: 'Chủ tịch (thử)', signerRole: 'commune_chair', body: 'UBND xã (thử)' }
  const completion = { decision: certificate }

  it('asks for the certificate’s fields and a completion day between the plan’s start and today', () => {
    expect(completeIssues(completion, '2026-08-21', '2026-01-10')).toEqual([])
    expect(completeIssues({ decision: { ...certificate, signer: ' ', date: '2026-08-22' } }, '2026-08-21', '2026-01-10')).toEqual([
      { field: 'json.decision.signer', message: 'is required' },
      { field: 'json.decision.date', message: 'must not be in the future' },
    ])
    expect(completeIssues({ decision: { ...certificate, date: '2026-01-09' } }, '2026-08-21', '2026-01-10')).toEqual([
      { field: 'json.decision.date', message: 'must not be before the plan started' },
    ])
    // Where post-rehab opens: its supporter and the chair's decision.
    expect(completeIssues({ ...completion, supporterName: '', openDecision: { ...certificate, number: '' } }, '2026-08-21', '2026-01-10')).toEqual([
      { field: 'json.supporterName', message: 'is required' },
      { field: 'json.openDecision.number', message: 'is required' },
    ])
  })

  it('dates a relapse within post-rehab management, not in the future', () => {
    expect(relapseIssues({ relapseOn: '2026-09-01' }, '2026-09-02', '2026-08-20')).toEqual([])
    expect(relapseIssues({ relapseOn: '2026-08-19' }, '2026-09-02', '2026-08-20')).toEqual([
      { field: 'json.relapseOn', message: 'must not be before post-rehab management started' },
    ])
    expect(relapseIssues({ relapseOn: '2026-02-30' }, '2026-09-02', '2026-08-20')).toEqual([{ field: 'json.relapseOn', message: 'must be a date YYYY-MM-DD' }])
  })

  it('gives a loan its amount, and only a loan', () => {
    expect(supportIssues({ kind: 'preferential_loan', givenOn: '2026-08-25', amountVnd: 20_000_000 }, '2026-09-01')).toEqual([])
    expect(supportIssues({ kind: 'job_placement', givenOn: '2026-08-25' }, '2026-09-01')).toEqual([])
    expect(supportIssues({ kind: 'preferential_loan', givenOn: '2026-08-25', amountVnd: null }, '2026-09-01')).toEqual([
      { field: 'json.amountVnd', message: 'is given for a preferential loan, and only for one' },
    ])
    expect(supportIssues({ kind: 'counselling', givenOn: '2026-08-25', amountVnd: 5 }, '2026-09-01')).toEqual([
      { field: 'json.amountVnd', message: 'is given for a preferential loan, and only for one' },
    ])
    expect(supportIssues({ kind: 'preferential_loan', givenOn: '2026-09-02', amountVnd: '20 triệu' }, '2026-09-01')).toEqual([
      { field: 'json.givenOn', message: 'must not be in the future' },
      { field: 'json.amountVnd', message: 'must be an amount in VND' },
    ])
  })
})

// The server's text rule (kernel/text-hygiene.ts), with its messages and the server's field names.
describe('checks of text before queuing', () => {
  const today = '2026-09-01'
  const registration = { fullName: 'Trần Thị Bích Ngọc', birthDate: '1992-04-10', sex: 'female', citizenId: '079192000001', category: 'drug_user' }

  it('refuses control, direction and invisible characters in a registration, naming each field', () => {
    expect(personIssues({ ...registration, fullName: 'Trần Thị\u0000 Ngọc', addressDetail: 'Thôn \u202e1', notes: '\u200b' }, today)).toEqual([
      { field: 'json.fullName', message: 'must not contain control characters' },
      { field: 'json.addressDetail', message: 'must not contain text-direction control characters' },
      { field: 'json.notes', message: 'must contain visible characters' },
    ])
    expect(personIssues({ ...registration, notes: 'Dòng một\nDòng hai' }, today)).toEqual(personIssues(registration, today))
  })

  it('names every problem of a registration in one round, as the server does, and a missing date as required', () => {
    expect(personIssues({ ...registration, birthDate: '2027-01-01', citizenId: '07919200000', phone: '0912 345' }, today)).toEqual([
      { field: 'json.citizenId', message: 'must be 12 digits' },
      { field: 'json.phone', message: 'must be a Vietnamese phone number such as 0912345678' },
      { field: 'json.birthDate', message: 'must not be in the future' },
    ])
    expect(personIssues({ ...registration, birthDate: '', citizenId: '079092000001' }, today)).toEqual([
      { field: 'json.birthDate', message: 'is required' },
      { field: 'json.citizenId', message: 'its 4th digit does not agree with the sex' },
    ])
    for (const phone of ['0912 345 678', '0912.345.678', '(+84) 912-345-678']) expect(personIssues({ ...registration, phone }, today)).toEqual([])
  })

  it('checks a plan’s members and activities, a review’s notes, a contact’s, a relapse’s and a support’s', () => {
    const plan = {
      registeredOn: '2026-08-01',
      startOn: '2026-08-02',
      plannedEndOn: '2027-02-02',
      members: [{ name: 'Lê\nVăn', role: 'Tổ trưởng' }],
      stages: [{ stage: 'reintegration', activities: ['Học nghề', 'Z\u0336\u0336\u0336\u0336'] }],
    }
    expect(planIssues(plan, today)).toEqual([
      { field: 'json.members.0.name', message: 'must be on one line' },
      { field: 'json.stages.0.activities.1', message: 'has too many accents on one letter' },
    ])
    expect(reviewIssues({ reviewedOn: '2026-08-20', drugTest: 'negative', counsellingNotes: 'Ổn \u2066định' }, today, '1990-01-01')).toEqual([
      { field: 'json.counsellingNotes', message: 'must not contain text-direction control characters' },
    ])
    expect(followUpIssues({ contactedOn: '2026-08-20', notes: 'A\u0007' }, today, '2026-01-01')).toEqual([
      { field: 'json.notes', message: 'must not contain control characters' },
    ])
    expect(relapseIssues({ relapseOn: '2026-08-20', note: '\u200b' }, today, '2026-01-01')).toEqual([
      { field: 'json.note', message: 'must contain visible characters' },
    ])
    expect(supportIssues({ kind: 'counselling', givenOn: '2026-08-20', note: 'x\u202e' }, today)).toEqual([
      { field: 'json.note', message: 'must not contain text-direction control characters' },
    ])
    expect(
      completeIssues(
        { decision: { number: 'GXN\u200b01', date: '2026-08-20', signer: 'Chủ tịch', signerRole: 'commune_chair', body: 'UBND xã' } },
        today,
        '2026-01-10',
      ),
    ).toEqual([{ field: 'json.decision.number', message: 'must not contain invisible characters' }])
  })
})
